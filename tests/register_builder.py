"""Small registers for the certificate and review tests."""

from __future__ import annotations

from datetime import date

from lawtrain.models import OfficerIn

from .builders import RegisterBase

UNIT = "青山县市场监督管理局"


class Register(RegisterBase):
    """Officers added one by one, each with a valid certificate when `certificate` gives its issue date."""

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
            context=self.context,
        )  # fmt: skip
        self.add_officer(row)
        if certificate is not None:
            self.certificate(row.id_number, certificate, kind=kind)
        return row.id_number

    def passed_exam(self, id_number: str, day: date) -> None:
        self.exam(id_number, "通用法律知识", 80, day)
        self.exam(id_number, "专门法律知识", 70, day)

    def status_of(self, number: str) -> str:
        return self.store.db.execute("SELECT status FROM certificates WHERE number = ?", [number]).fetchone()[
            0
        ]

    def batches(self) -> int:
        return self.store.count("batches")
