"""The print-ready workbook of a year's review: a sheet of failing certificates, then the passing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..exporting.tables import Column, Sheet, write_xlsx
from ..settings import Settings
from .evaluation import ReviewResult

COLUMNS = [
    Column("id_number", "身份证号码"),
    Column("name", "姓名"),
    Column("unit", "工作单位"),
    Column("number", "证件号码"),
    Column("kind", "证件种类"),
    Column("expires", "有效期至"),
    Column("hours", "可计学时"),
    Column("required", "应修学时"),
    Column("grade", "年度考核"),
    Column("result", "年审结果"),
    Column("reasons", "不合格原因"),
    Column("detail", "说明"),
]
RESULT_LABELS = {"pass": "合格", "fail": "不合格"}


def _row(r: ReviewResult) -> dict:
    return {
        "id_number": r.id_number,
        "name": r.name,
        "unit": r.unit,
        "number": r.number,
        "kind": r.kind,
        "expires": date.fromisoformat(r.expires),
        "hours": r.hours,
        "required": r.required,
        "grade": r.grade or "",
        "result": RESULT_LABELS[r.result],
        "reasons": r.reason_labels,
        "detail": r.detail,
    }


def review_sheets(results: list[ReviewResult], settings: Settings, year: int, as_of: date) -> list[Sheet]:
    place = settings.jurisdiction.name
    required = settings.for_year(year).training.required_hours
    notes = [
        f"截至 {as_of}，对有效证件逐本审验；共 {len(results)} 本",
        f"不合格情形: 不在岗、人员性质不得持证、可计学时不足 {required:g} 学时、年度考核不称职、处罚期间",
    ]
    failing = [_row(r) for r in results if r.reasons]
    passing = [_row(r) for r in results if not r.reasons]
    return [
        Sheet("不合格", f"{place}{year}年度行政执法证件年审不合格名单", COLUMNS, failing, notes),
        Sheet("合格", f"{place}{year}年度行政执法证件年审合格名单", COLUMNS, passing, notes),
    ]


def write_review_workbook(
    path: Path, results: list[ReviewResult], settings: Settings, year: int, as_of: date
) -> Path:
    return write_xlsx(path, review_sheets(results, settings, year, as_of))
