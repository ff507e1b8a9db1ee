"""Small registers for the certificate and review tests, written through the validation models
into the store, one batch each, as an import would."""

from __future__ import annotations

from datetime import date, timedelta

from lawtrain import idcard
from lawtrain.cleaning import default_expiry
from lawtrain.models import AppraisalIn, ExamIn, OfficerIn, TrainingIn
from lawtrain.store import Store

UNIT = "青山县市场监督管理局"


class Register:
    """Officers, certificates, training, exams and appraisals added one by one."""

    def __init__(self, store: Store):
        self.store = store
        self._born = date(1975, 1, 1)
        self._certificates = 0

    def _context(self) -> dict:
        return {"settings": self.store.settings}

    def _officer_id(self, id_number: str) -> int:
        return self.store.db.execute("SELECT id FROM officers WHERE id_number = ?", [id_number]).fetchone()[0]

    def new_id_number(self) -> str:
        self._born += timedelta(days=37)
        body = f"410402{self._born:%Y%m%d}123"
        return body + idcard.check_char(body)

    def officer(
        self,
        name: str,
        unit: str = UNIT,
        staffing: str | None = "行政编制",
        status: str = "在岗",
        legal_qualification: bool = False,
        certificate: date | None = None,
        kind: str = "执法证",
    ) -> str:
        """Add an officer (and a valid certificate issued on `certificate`); returns the ID number."""
        row = OfficerIn.model_validate(
            {"id_number": self.new_id_number(), "name": name, "unit": unit, "staffing": staffing,
             "status": status, "legal_qualification": legal_qualification},
            context=self._context(),
        )  # fmt: skip
        with self.store.batch("import", "测试名册") as batch:
            self.store.db.execute(
                "INSERT INTO officers (id_number, name, sex, birth_date, unit_id, staffing, status, "
                "legal_qualification, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row.id_number, row.name, row.sex, row.birth_date.isoformat(), self.store.unit_id(row.unit),
                 row.staffing, row.status, int(row.legal_qualification), batch.id],
            )  # fmt: skip
        if certificate is not None:
            self.certificate(row.id_number, certificate, kind=kind)
        return row.id_number

    def certificate(
        self, id_number: str, issued: date, kind: str = "执法证", number: str | None = None
    ) -> str:
        """A certificate on record as a roster import leaves it: status 有效, default expiry."""
        self._certificates += 1
        number = number or f"410420{self._certificates:06d}"
        expires = default_expiry(issued, self.store.settings.certificates.validity_years)
        with self.store.batch("import", "测试证件") as batch:
            self.store.db.execute(
                "INSERT INTO certificates (number, officer_id, kind, issued, expires, status, batch_id) "
                "VALUES (?, ?, ?, ?, ?, '有效', ?)",
                [
                    number,
                    self._officer_id(id_number),
                    kind,
                    issued.isoformat(),
                    expires.isoformat(),
                    batch.id,
                ],
            )
        return number

    def training(
        self, id_number: str, hours: float, day: date, category: str = "法律法规", course: str = ""
    ) -> None:
        row = TrainingIn.model_validate(
            {"id_number": id_number, "course": course or f"课程{day}{hours}", "category": category,
             "hours": hours, "date": day},
            context=self._context(),
        )  # fmt: skip
        with self.store.batch("import", "测试学时") as batch:
            self.store.db.execute(
                "INSERT INTO training (officer_id, course, category, hours, date, year, batch_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [self._officer_id(row.id_number), row.course, row.category, row.hours, row.date.isoformat(),
                 row.date.year, batch.id],
            )  # fmt: skip

    def exam(self, id_number: str, part: str, score: float | str, day: date, exam_name: str = "") -> None:
        row = ExamIn.model_validate(
            {"id_number": id_number, "exam_name": exam_name or f"{day.year}年度行政执法资格考试", "part": part,
             "date": day, "score": score},
            context=self._context(),
        )  # fmt: skip
        with self.store.batch("import", "测试成绩") as batch:
            self.store.db.execute(
                "INSERT INTO exams (officer_id, exam_name, part, date, score, absent, batch_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [self._officer_id(row.id_number), row.exam_name, row.part, row.date.isoformat(), row.score,
                 int(row.absent), batch.id],
            )  # fmt: skip

    def passed_exam(self, id_number: str, day: date) -> None:
        self.exam(id_number, "通用法律知识", 80, day)
        self.exam(id_number, "专门法律知识", 70, day)

    def appraisal(self, id_number: str, year: int, grade: str) -> None:
        row = AppraisalIn.model_validate({"id_number": id_number, "year": year, "grade": grade})
        with self.store.batch("import", "测试考核") as batch:
            self.store.db.execute(
                "INSERT INTO appraisals (officer_id, year, grade, batch_id) VALUES (?, ?, ?, ?)",
                [self._officer_id(row.id_number), row.year, row.grade, batch.id],
            )

    def status_of(self, number: str) -> str:
        return self.store.db.execute("SELECT status FROM certificates WHERE number = ?", [number]).fetchone()[
            0
        ]

    def batches(self) -> int:
        return self.store.count("batches")
