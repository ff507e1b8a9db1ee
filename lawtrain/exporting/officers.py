"""The whole register of officers, with their certificates, as JSON, CSV or a workbook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..checks.base import with_county
from ..store import Store
from ..store.counties import shows_counties
from .tables import Column, Sheet, write_csv, write_json, write_xlsx

OFFICER_COLUMNS = (
    Column("id_number", "身份证号码"),
    Column("name", "姓名"),
    Column("sex", "性别"),
    Column("birth_date", "出生日期"),
    Column("unit", "工作单位"),
    Column("position", "职务"),
    Column("staffing", "人员性质"),
    Column("status", "人员状态"),
    Column("certificate_numbers", "证件号码"),
    Column("certificate_expires", "有效期至"),
    Column("certificate_statuses", "证件状态"),
)

_OFFICERS = """
SELECT o.id, o.id_number, o.name, o.sex, o.birth_date, k.name AS county, u.name AS unit, o.position, o.staffing,
       o.status
FROM officers o JOIN units u ON u.id = o.unit_id JOIN counties k ON k.id = u.county_id
ORDER BY u.county_id <> 1, k.name, u.name, o.id
"""
_CERTIFICATES = """
SELECT officer_id, number, kind, issued, expires, status FROM certificates ORDER BY officer_id, issued, id
"""


def iter_officers(store: Store) -> Iterator[dict[str, Any]]:
    """Every officer with their county and a `certificates` list of {number, kind, issued, expires,
    status}; county by county (the register's own jurisdiction first), unit by unit."""
    certificates: dict[int, list[dict[str, Any]]] = {}
    for officer_id, number, kind, issued, expires, status in store.db.execute(_CERTIFICATES):
        certificates.setdefault(officer_id, []).append(
            {"number": number, "kind": kind, "issued": issued, "expires": expires, "status": status}
        )
    cursor = store.db.execute(_OFFICERS)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        row["certificates"] = certificates.get(row.pop("id"), [])
        yield row


def export_officers(store: Store, out: Path) -> int:
    """Write every officer to `out` (.json, .csv or .xlsx by extension); returns the count."""
    officers = list(iter_officers(store))
    suffix = out.suffix.lower()
    if suffix == ".json":
        write_json(out, officers)
        return len(officers)
    for row in officers:
        certs = row["certificates"]
        row["certificate_numbers"] = [c["number"] for c in certs]
        row["certificate_expires"] = [c["expires"] for c in certs]
        row["certificate_statuses"] = [c["status"] for c in certs]
    title = f"{store.settings.jurisdiction.name}行政执法人员名册"
    columns = with_county(OFFICER_COLUMNS) if shows_counties(store.db, None) else OFFICER_COLUMNS
    sheet = Sheet("执法人员", title, columns, officers)
    if suffix == ".csv":
        write_csv(out, sheet)
    elif suffix == ".xlsx":
        write_xlsx(out, [sheet])
    else:
        raise ValueError(f"不支持的导出格式“{out.suffix}”，请用 .json、.csv 或 .xlsx")
    return len(officers)
