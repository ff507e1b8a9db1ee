"""Small registers for the checks, explain and statistics tests: each record validated by the
models and written through the store inside one batch, as an import would."""

from __future__ import annotations

from datetime import date, timedelta

from lawtrain import idcard
from lawtrain.cleaning import default_expiry
from lawtrain.models import AdviserIn, ExamIn, OfficerIn, TrainingIn
from lawtrain.store import Store

UNIT = "青山县市场监督管理局"
TOWN = "白庙乡人民政府"
AS_OF = date(2025, 12, 31)


class Register:
    def __init__(self, store: Store):
        self.store = store
        self._born = date(1970, 1, 1)
        self._numbers = 0

    @property
    def context(self) -> dict:
        return {"settings": self.store.settings}

    def officer_id(self, id_number: str) -> int:
        return self.store.db.execute("SELECT id FROM officers WHERE id_number = ?", [id_number]).fetchone()[0]

    def _id_number(self) -> str:
        self._born += timedelta(days=41)
        body = f"410422{self._born:%Y%m%d}357"
        return body + idcard.check_char(body)

    def officer(
        self,
        name: str,
        unit: str = UNIT,
        *,
        staffing: str | None = "行政编制",
        status: str = "在岗",
        issued: date | None = date(2023, 3, 1),
        expires: date | None = None,
        cert_status: str = "有效",
        head_since: date | None = None,
        is_head: bool = False,
    ) -> str:
        """An officer with (by default) one valid certificate; returns the ID number."""
        row = OfficerIn.model_validate(
            {"id_number": self._id_number(), "name": name, "unit": unit, "staffing": staffing, "status": status,
             "is_head": is_head or head_since is not None, "head_term_start": head_since},
            context=self.context,
        )  # fmt: skip
        with self.store.batch("import", "测试名册"):
            self.store.db.execute(
                "INSERT INTO officers (id_number, name, sex, birth_date, unit_id, staffing, status, is_head, "
                "head_term_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row.id_number, row.name, row.sex, row.birth_date.isoformat(), self.store.unit_id(row.unit),
                 row.staffing, row.status, int(row.is_head),
                 row.head_term_start.isoformat() if row.head_term_start else None],
            )  # fmt: skip
        if issued is not None:
            self.certificate(row.id_number, issued, expires, cert_status)
        return row.id_number

    def certificate(
        self, id_number: str, issued: date, expires: date | None = None, status: str = "有效"
    ) -> str:
        self._numbers += 1
        number = f"4104250{self._numbers:05d}"
        expires = expires or default_expiry(issued, self.store.settings.certificates.validity_years)
        with self.store.batch("import", "测试证件"):
            self.store.db.execute(
                "INSERT INTO certificates (number, officer_id, issued, expires, status) VALUES (?, ?, ?, ?, ?)",
                [number, self.officer_id(id_number), issued.isoformat(), expires.isoformat(), status],
            )
        return number

    def training(
        self, id_number: str, hours: float | str, day: date, category: str | None = "法律法规", course: str = "",
        mode: str | None = None,
    ) -> None:  # fmt: skip
        row = TrainingIn.model_validate(
            {"id_number": id_number, "course": course or f"课程{day}-{hours}", "category": category,
             "hours": hours, "date": day, "mode": mode},
            context=self.context,
        )  # fmt: skip
        with self.store.batch("import", "测试学时"):
            self.store.db.execute(
                "INSERT INTO training (officer_id, course, category, hours, date, year, mode) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [self.officer_id(row.id_number), row.course, row.category, row.hours, row.date.isoformat(),
                 row.date.year, row.mode],
            )  # fmt: skip

    def exam(self, id_number: str, part: str, score: float | str, day: date) -> None:
        row = ExamIn.model_validate(
            {"id_number": id_number, "exam_name": f"{day.year}年度行政执法资格考试", "part": part, "date": day,
             "score": score},
            context=self.context,
        )  # fmt: skip
        with self.store.batch("import", "测试成绩"):
            self.store.db.execute(
                "INSERT INTO exams (officer_id, exam_name, part, date, score, absent) VALUES (?, ?, ?, ?, ?, ?)",
                [self.officer_id(row.id_number), row.exam_name, row.part, row.date.isoformat(), row.score,
                 int(row.absent)],
            )  # fmt: skip

    def adviser(self, name: str, unit: str, start: date, end: date, kind: str = "外聘律师") -> None:
        row = AdviserIn.model_validate(
            {
                "name": name,
                "kind": kind,
                "unit": unit,
                "term_start": start,
                "term_end": end,
                "firm": "青山律师事务所",
            },
            context=self.context,
        )
        with self.store.batch("import", "测试法律顾问"):
            self.store.db.execute(
                "INSERT INTO advisers (name, kind, firm, unit_id, term_start, term_end) VALUES (?, ?, ?, ?, ?, ?)",
                [row.name, row.kind, row.firm, self.store.unit_id(row.unit), row.term_start.isoformat(),
                 row.term_end.isoformat()],
            )  # fmt: skip

    def review(self, number: str, year: int, result: str = "pass") -> None:
        with self.store.batch("review", "测试年审"):
            self.store.db.execute(
                "INSERT INTO reviews (certificate_id, year, result, date) "
                "SELECT id, ?, ?, ? FROM certificates WHERE number = ?",
                [year, result, f"{year + 1}-01-15", number],
            )
