"""Writing lists a clerk sends upward: print-ready .xlsx, .csv that Excel opens, and .json.

Every text cell that begins with = + - @ is neutralised (a leading apostrophe), so a name or a course
title typed as a formula can never run in the recipient's Excel.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..labels import value_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@")


@cache
def _styles() -> tuple[Any, Any]:
    """The header fill and the thin border. openpyxl is imported only by what writes a workbook: the
    command line and the checks read Column from here, and loading openpyxl cost every command ~45 ms."""
    from openpyxl.styles import Border, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return PatternFill("solid", fgColor="DDEBF7"), Border(left=thin, right=thin, top=thin, bottom=thin)


def safe_cell(value: Any) -> Any:
    """A value safe to put in a spreadsheet cell: text that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Column:
    key: str
    header: str  # Chinese, as printed
    width: float | None = None  # in characters; fitted to the content when None


@dataclass
class Sheet:
    name: str  # the tab; at most 31 characters
    title: str  # the printed title row
    columns: Sequence[Column]
    rows: Sequence[dict[str, Any]]
    notes: list[str] = field(default_factory=list)  # lines under the title (legal basis, as-of date)


def display_width(value: Any) -> int:
    """Width of a value in Excel columns: Chinese characters count double."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        value = value_text(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return safe_cell(value)


def write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    """Title, notes, a bold header with filter and frozen panes, fitted widths, A4 landscape with the
    header repeated on every printed page."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header_fill, border = _styles()
    ncols = max(len(sheet.columns), 1)
    last = get_column_letter(ncols)
    ws.append([safe_cell(sheet.title)])
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    for note in sheet.notes:
        ws.append([safe_cell(note)])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=ncols)
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=False)
    header_row = ws.max_row + 1
    ws.append([column.header for column in sheet.columns])
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center")
    widths = [display_width(column.header) for column in sheet.columns]
    # Rows are addressed by number: ws.max_row and ws[row] scan every cell, quadratic on long lists.
    for row_number, row in enumerate(sheet.rows, start=header_row + 1):
        values = [_cell_value(row.get(column.key)) for column in sheet.columns]
        ws.append(values)
        for i, value in enumerate(values):
            widths[i] = max(widths[i], display_width(value))
        for column_number in range(1, len(values) + 1):
            cell = ws.cell(row_number, column_number)
            cell.border = border
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    for i, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width or min(max(widths[i - 1] + 2, 6), 60)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    if sheet.columns:
        ws.auto_filter.ref = f"A{header_row}:{last}{max(ws.max_row, header_row)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"


def sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, "_")
    return name[:31]


def write_xlsx(path: Path, sheets: Iterable[Sheet]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        write_sheet(wb.create_sheet(sheet_name(sheet.name)), sheet)
    if not wb.sheetnames:
        wb.create_sheet("空")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_csv(path: Path, sheet: Sheet) -> Path:
    """UTF-8 with BOM so that Excel shows the Chinese correctly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([column.header for column in sheet.columns])
        for row in sheet.rows:
            writer.writerow([_csv_value(_cell_value(row.get(column.key))) for column in sheet.columns])
    return path


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=json_default), encoding="utf-8")
    return path
