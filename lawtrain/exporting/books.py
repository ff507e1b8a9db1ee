"""Many small print-ready workbooks at once (a notice round writes one per unit: 3,900 at province
scale), written with xlsxwriter in memory.

The layout is `tables.write_sheet`'s (title, notes, a bold framed header with filter and frozen panes,
fitted widths, A4 landscape fitted to the width, the header repeated on every printed page, page
numbers, cells starting with = + - @ neutralised); only the writer differs. openpyxl styles each cell
through hashed style objects and stages each sheet in a temporary file: a six-sheet workbook of 15
rows took ~90 ms through `write_xlsx`, ~9 ms here (benchmarks/README.md, autumn routine).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .tables import Sheet, _cell_value, display_width, sheet_name

HEADER_COLOUR = "#DDEBF7"
BORDER_COLOUR = "#999999"


class Book:
    """One workbook: `sheet()` adds a list laid out as `write_sheet` does, `worksheet()` a bare sheet
    for a layout of its own (the notice); `close()` writes the file."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.workbook = xlsxwriter.Workbook(
            str(path), {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        )
        add = self.workbook.add_format
        self.title_format = add({"bold": True, "font_size": 14, "align": "center"})
        self.header_format = add(
            {"bold": True, "bg_color": HEADER_COLOUR, "border": 1, "border_color": BORDER_COLOUR,
             "align": "center", "valign": "vcenter"}
        )  # fmt: skip
        self.cell_format = add({"border": 1, "border_color": BORDER_COLOUR})
        self.date_format = add({"border": 1, "border_color": BORDER_COLOUR, "num_format": "yyyy-mm-dd"})
        self._names: set[str] = set()

    def format(self, **properties: Any):
        """A cell format of this workbook (xlsxwriter's properties)."""
        return self.workbook.add_format(properties)

    def worksheet(self, name: str) -> Worksheet:
        """A new sheet named `name` (made valid and unique)."""
        base = sheet_name(name)
        unique, n = base, 2
        while unique.lower() in self._names:
            suffix = f"({n})"
            unique, n = base[: 31 - len(suffix)] + suffix, n + 1
        self._names.add(unique.lower())
        return self.workbook.add_worksheet(unique)

    def sheet(self, sheet: Sheet) -> Worksheet:
        """A list: title, notes, header, rows, print set-up (see the module's docstring)."""
        ws = self.worksheet(sheet.name)
        ncols = max(len(sheet.columns), 1)
        write_text(ws, 0, 0, sheet.title, self.title_format, merge_to=ncols - 1)
        for row, note in enumerate(sheet.notes, start=1):
            write_text(ws, row, 0, note, None, merge_to=ncols - 1)
        header = len(sheet.notes) + 1
        widths = [display_width(column.header) for column in sheet.columns]
        for col, column in enumerate(sheet.columns):
            ws.write_string(header, col, column.header, self.header_format)
        keys = [column.key for column in sheet.columns]
        for row, record in enumerate(sheet.rows, start=header + 1):
            for col, key in enumerate(keys):
                value = _cell_value(record.get(key))
                width = _width(value)
                if width > widths[col]:
                    widths[col] = width
                self._write(ws, row, col, value)
        for col, column in enumerate(sheet.columns):
            ws.set_column(col, col, column.width or min(max(widths[col] + 2, 6), 60))
        last_row = header + len(sheet.rows)
        ws.freeze_panes(header + 1, 0)
        if sheet.columns:
            ws.autofilter(header, 0, last_row, ncols - 1)
        ws.repeat_rows(header)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.set_footer("&C第 &P 页 / 共 &N 页")
        return ws

    def _write(self, ws: Worksheet, row: int, col: int, value: Any) -> None:
        if value is None:
            ws.write_blank(row, col, None, self.cell_format)
        elif isinstance(value, str):
            ws.write_string(row, col, value, self.cell_format)
        elif isinstance(value, bool):
            ws.write_string(row, col, "是" if value else "否", self.cell_format)
        elif isinstance(value, int | float):
            ws.write_number(row, col, value, self.cell_format)
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, self.date_format)
        else:
            ws.write_string(row, col, str(value), self.cell_format)

    def close(self) -> Path:
        self.workbook.close()
        return self.path

    def __enter__(self) -> Book:
        return self

    def __exit__(self, kind, *rest: object) -> None:
        if kind is None:
            self.close()


def _width(value: Any) -> int:
    """display_width, without looking at each character of ASCII text (ID numbers, dates, numbers:
    most cells of a list)."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else str(value)
    return len(text) if text.isascii() else display_width(text)


def write_text(ws: Worksheet, row: int, col: int, text: str, cell_format, merge_to: int = 0) -> None:
    """Text (neutralised) in a cell, merged across to column `merge_to` when that lies further right."""
    value = _cell_value(text)
    if merge_to > col:
        ws.merge_range(row, col, row, merge_to, value, cell_format)
    else:
        ws.write_string(row, col, value, cell_format)


def write_book(path: Path, sheets: list[Sheet]) -> Path:
    """A workbook of lists, each laid out as `write_sheet` does."""
    with Book(path) as book:
        for sheet in sheets:
            book.sheet(sheet)
        if not sheets:
            book.worksheet("空")
    return path
