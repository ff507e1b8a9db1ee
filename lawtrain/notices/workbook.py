"""A round's workbooks: each unit's (the notice, one sheet per list of that unit's rows, what changed
since the last notice) and the folder's summary, one row per unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..exporting.books import Book, write_book
from ..exporting.tables import Column, Sheet
from ..settings import Settings
from .letter import write_letter
from .lists import NOTICE_LISTS
from .rounds import NEW, OUTCOME_LABELS, RESOLVED, STILL_OPEN, SinceLast

CHANGE_COLUMNS = (
    Column("outcome", "情况"),
    Column("list", "事项"),
    Column("id_number", "身份证号码"),
    Column("name", "姓名"),
    Column("certificate", "证件号码"),
    Column("hours_then", "上次可计学时"),
    Column("hours_now", "现可计学时"),
    Column("gained", "增加学时"),
)


@dataclass(frozen=True)
class RoundContext:
    """What every workbook of a round shares (small enough to hand to another process)."""

    settings: Settings
    year: int
    as_of: date
    deadline: date
    bases: dict[str, str]  # list name -> the legal basis as printed
    parameters: dict[str, str]  # list name -> its parameters as a person reads them
    county: str | None = None  # a round for this county's units only

    @property
    def dates_note(self) -> str:
        return f"截至日期: {self.as_of.isoformat()}　学时年度: {self.year}　整改期限: {self.deadline.isoformat()}"


def list_sheets(
    unit: str, rows_by_list: dict[str, list[dict[str, Any]]], context: RoundContext
) -> list[Sheet]:
    """One sheet per list that holds rows of this unit."""
    as_of = context.as_of
    running = as_of < date(context.year, 12, 31)
    sheets = []
    for notice_list in NOTICE_LISTS:
        rows = rows_by_list.get(notice_list.name)
        if not rows:
            continue
        notes = [context.dates_note, f"依据: {context.bases[notice_list.name]}"]
        if context.parameters.get(notice_list.name):
            notes.append(f"参数: {context.parameters[notice_list.name]}")
        notes.append(f"共 {len(rows)} 项")
        title = f"{unit}{notice_list.title}清单（截至{as_of.isoformat()}）"
        sheets.append(Sheet(notice_list.sheet, title, notice_list.columns(running), rows, notes))
    return sheets


def changes_sheet(unit: str, since: SinceLast) -> Sheet:
    """Every finding of the last notice, resolved or still open, then the new ones."""
    rows = [
        {
            "outcome": OUTCOME_LABELS[change.outcome],
            "list": next(n.title for n in NOTICE_LISTS if n.name == change.list),
            "id_number": change.id_number or "（本单位）",
            "name": change.name,
            "certificate": change.certificate,
            "hours_then": change.hours_then,
            "hours_now": change.hours_now,
            "gained": change.gained,
        }
        for change in since.changes
    ]
    counts = "，".join(f"{OUTCOME_LABELS[o]} {since.count(o)} 项" for o in (RESOLVED, STILL_OPEN, NEW))
    notes = [f"上次通知截至 {since.date}：{counts}", "增加学时：上次通知以来新增的可计学时"]
    return Sheet("整改情况", f"{unit}上次通知以来的整改情况", CHANGE_COLUMNS, rows, notes)


def write_unit_workbook(
    path: Path,
    unit: str,
    rows_by_list: dict[str, list[dict[str, Any]]],
    since: SinceLast | None,
    context: RoundContext,
) -> Path:
    with Book(path) as book:
        write_letter(book, unit, rows_by_list, since, context.settings, context.year, context.as_of,
                     context.deadline)  # fmt: skip
        for sheet in list_sheets(unit, rows_by_list, context):
            book.sheet(sheet)
        if since is not None:
            book.sheet(changes_sheet(unit, since))
    return path


# The summary's columns; in a city's register with the county before the unit (NoticeRound.summary_columns).
SUMMARY_COLUMNS = (
    Column("unit", "单位"),
    Column("file", "文件"),
    *(Column(notice_list.name, notice_list.sheet) for notice_list in NOTICE_LISTS),
    Column("total", "合计"),
    Column("last_date", "上次通知截至"),
    Column(RESOLVED, "已整改"),
    Column(STILL_OPEN, "仍未整改"),
    Column(NEW, "新增"),
)


def write_summary(
    path: Path, columns: tuple[Column, ...], rows: list[dict[str, Any]], context: RoundContext
) -> Path:
    """汇总.xlsx: one row per unit (rows keyed as SUMMARY_COLUMNS, `columns` those shown), then the totals."""
    keys = [notice_list.name for notice_list in NOTICE_LISTS] + ["total", RESOLVED, STILL_OPEN, NEW]
    totals = {key: sum(row.get(key) or 0 for row in rows) for key in keys}
    # Titled with the county when the round is one county's (as the lists are).
    place = context.county or context.settings.jurisdiction.name
    year, as_of = context.year, context.as_of.isoformat()
    county = f"区县: {context.county}　" if context.county else ""
    title = f"{place}{year}年度行政执法人员管理事项整改通知汇总（截至{as_of}）"
    notes = [context.dates_note, f"{county}共 {len(rows)} 个单位"]
    sheet = Sheet("汇总", title, columns, [*rows, {"unit": "合计", **totals}], notes)
    return write_book(path, [sheet])
