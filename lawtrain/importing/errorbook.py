"""The error workbook: the rejected rows with their original columns, an 错误说明 column and the bad
cells highlighted, ready to be fixed and imported again (the header stays in row 1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..exporting.tables import display_width, safe_cell
from ..reading import Table

ERRORS_SUFFIX = ".errors.xlsx"  # <source name>.errors.xlsx, beside the source
ERRORS_HEADER = "错误说明"
ROW_HEADER = "原行号"
_BAD = PatternFill("solid", fgColor="FFC7CE")
_BAD_FONT = Font(color="9C0006")
_HEADER = PatternFill("solid", fgColor="DDEBF7")


@dataclass
class RejectedRow:
    row: int
    cells: list[Any]
    bad_columns: set[int] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)


def default_errors_path(source: Path) -> Path:
    """<source name>.errors.xlsx beside the source."""
    return source.with_name(f"{source.name}{ERRORS_SUFFIX}")


def _cell(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e11:
        return str(int(value))  # an ID number stored as a number: shown as the digits it kept
    return safe_cell(value)


def write_errors(path: Path, table: Table, rows: Sequence[RejectedRow]) -> Path:
    """Write the rejected rows of `table` to `path` (.xlsx)."""
    width = max([c.index + 1 for c in table.header.columns] + [len(r.cells) for r in rows] + [1])
    headers = [""] * width
    for column in table.header.columns:
        headers[column.index] = column.header
    wb = Workbook()
    ws = wb.active
    ws.title = "错误行"
    ws.append([*headers, ERRORS_HEADER, ROW_HEADER])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER
    widths = [display_width(h) for h in headers] + [display_width(ERRORS_HEADER), 6]
    for number, rejected in enumerate(rows, start=2):
        cells = list(rejected.cells) + [None] * (width - len(rejected.cells))
        note = "；".join(dict.fromkeys(rejected.messages))
        ws.append([*(_cell(v) for v in cells[:width]), note, rejected.row])
        for index in range(width):
            target = ws.cell(number, index + 1)
            target.number_format = "yyyy-mm-dd" if isinstance(target.value, date) else "@"
            widths[index] = max(widths[index], display_width(target.value))
            if index in rejected.bad_columns:
                target.fill = _BAD
                target.font = _BAD_FONT
        ws.cell(number, width + 1).alignment = Alignment(wrap_text=True, vertical="top")
        widths[width] = max(widths[width], min(display_width(note), 80))
    ws.cell(1, width + 1).comment = Comment(
        "改正标红的单元格后，可直接重新导入本文件；本列和“原行号”列会被忽略。", "lawtrain"
    )
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w + 2, 6), 60)
    ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
