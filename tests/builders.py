"""Small registers for tests: each record validated by the models and written through the store in
its own batch, as an import would. The certificate and review tests and the checks tests each add
their own `officer()` on top of this base."""

from __future__ import annotations

from datetime import date, timedelta

from lawtrain import idcard
from lawtrain.cleaning import default_expiry
from lawtrain.models import AdviserIn, AppraisalIn, ExamIn, OfficerIn, TrainingIn
from lawtrain.store import Store


class RegisterBase:
    """ID numbers made up from `area`, a birth date stepping by `step` days and `sequence`;
    certificate numbers from `number_prefix` and a running number of `number_width` digits."""

    area, born, step, sequence = "410402", date(1975, 1, 1), 37, "123"
    number_prefix, number_width = "410420", 6

    def __init__(self, store: Store):
        self.store = store
        self._born = self.born
        self._certificates = 0

    @property
    def context(self) -> dict:
        return {"settings": self.store.settings}

    def officer_id(self, id_number: str) -> int:
        return self.store.db.execute("SELECT id FROM officers WHERE id_number = ?", [id_number]).fetchone()[0]

    def new_id_number(self) -> str:
        self._born += timedelta(days=self.step)
        body = f"{self.area}{self._born:%Y%m%d}{self.sequence}"
        return body + idcard.check_char(body)

    def _insert(self, source: str, sql: str, values: list) -> None:
        with self.store.batch("import", source) as batch:
            self.store.db.execute(sql, [*values, batch.id])

    def certificate(
        self, id_number: str, issued: date, expires: date | None = None, status: str = "有效",
        kind: str = "执法证", number: str | None = None,
    ) -> str:  # fmt: skip
        """A certificate on record as a roster import leaves it (default expiry from the settings)."""
        self._certificates += 1
        number = number or f"{self.number_prefix}{self._certificates:0{self.number_width}d}"
        expires = expires or default_expiry(issued, self.store.settings.certificates.validity_years)
        self._insert(
            "测试证件",
            "INSERT INTO certificates (number, officer_id, kind, issued, expires, status, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [number, self.officer_id(id_number), kind, issued.isoformat(), expires.isoformat(), status],
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
        self._insert(
            "测试学时",
            "INSERT INTO training (officer_id, course, category, hours, date, year, mode, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [self.officer_id(row.id_number), row.course, row.category, row.hours, row.date.isoformat(),
             row.date.year, row.mode],
        )  # fmt: skip

    def exam(self, id_number: str, part: str, score: float | str, day: date, exam_name: str = "") -> None:
        row = ExamIn.model_validate(
            {"id_number": id_number, "exam_name": exam_name or f"{day.year}年度行政执法资格考试", "part": part,
             "date": day, "score": score},
            context=self.context,
        )  # fmt: skip
        self._insert(
            "测试成绩",
            "INSERT INTO exams (officer_id, exam_name, part, date, score, absent, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self.officer_id(row.id_number), row.exam_name, row.part, row.date.isoformat(), row.score,
             int(row.absent)],
        )  # fmt: skip

    def appraisal(self, id_number: str, year: int, grade: str) -> None:
        row = AppraisalIn.model_validate({"id_number": id_number, "year": year, "grade": grade})
        self._insert(
            "测试考核",
            "INSERT INTO appraisals (officer_id, year, grade, batch_id) VALUES (?, ?, ?, ?)",
            [self.officer_id(row.id_number), row.year, row.grade],
        )

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
        self._insert(
            "测试法律顾问",
            "INSERT INTO advisers (name, kind, firm, unit_id, term_start, term_end, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row.name, row.kind, row.firm, self.store.unit_id(row.unit), row.term_start.isoformat(),
             row.term_end.isoformat()],
        )  # fmt: skip

    def review(self, number: str, year: int, result: str = "pass") -> None:
        with self.store.batch("review", "测试年审") as batch:
            self.store.db.execute(
                "INSERT INTO reviews (certificate_id, year, result, date, batch_id) "
                "SELECT id, ?, ?, ?, ? FROM certificates WHERE number = ?",
                [year, result, f"{year + 1}-01-15", batch.id, number],
            )

    def add_officer(self, row: OfficerIn) -> str:
        """Write a validated officer; returns the ID number."""
        self._insert(
            "测试名册",
            "INSERT INTO officers (id_number, name, sex, birth_date, unit_id, staffing, status, is_head, "
            "head_term_start, legal_qualification, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row.id_number, row.name, row.sex, row.birth_date.isoformat(), self.store.unit_id(row.unit),
             row.staffing, row.status, int(row.is_head),
             row.head_term_start.isoformat() if row.head_term_start else None, int(row.legal_qualification)],
        )  # fmt: skip
        return row.id_number
