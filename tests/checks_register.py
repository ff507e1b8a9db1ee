"""Small registers for the checks, explain and statistics tests."""

from __future__ import annotations

from datetime import date

from lawtrain.models import OfficerIn

from .builders import RegisterBase

UNIT = "青山县市场监督管理局"
TOWN = "白庙乡人民政府"
AS_OF = date(2025, 12, 31)


class Register(RegisterBase):
    """Officers with (by default) one valid certificate issued 2023-03-01."""

    area, born, step, sequence = "410422", date(1970, 1, 1), 41, "357"
    number_prefix, number_width = "4104250", 5

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
            {"id_number": self.new_id_number(), "name": name, "unit": unit, "staffing": staffing, "status": status,
             "is_head": is_head or head_since is not None, "head_term_start": head_since},
            context=self.context,
        )  # fmt: skip
        self.add_officer(row)
        if issued is not None:
            self.certificate(row.id_number, issued, expires, cert_status)
        return row.id_number
