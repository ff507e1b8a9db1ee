"""What every screen of the register shares: the store and "today" the App was given."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widgets import DataTable

from ...labels import value_text
from ...store import Store

if TYPE_CHECKING:
    from ..app import LawtrainApp


# Rows put in a DataTable of findings or review results: a province's list can hold 200,000, which
# Textual's DataTable takes seconds to load; the export holds them all.
TABLE_ROWS_MAX = 1000


def shown_note(count: int) -> str:
    """What to tell the clerk when a table shows only the first TABLE_ROWS_MAX rows."""
    return "" if count <= TABLE_ROWS_MAX else f"（这里显示前 {TABLE_ROWS_MAX:,} 条，导出Excel可得全部）"


# A column is as wide as its widest cell, up to this many terminal cells (20 Chinese characters: a
# unit's full name); longer text ends in "…". ID numbers (18) and dates always show in full. The last
# column, with nothing to its right, is as wide as it needs.
COLUMN_WIDTH_MAX = 40


def fill_table(
    table: DataTable, columns: Sequence[tuple[str, str]], rows: Iterable[dict], empty: str | None = None
) -> None:
    """Show `rows` (dicts) in `table` under `columns` (key, header), each value as a person reads it
    (60 not 60.0, 是/否, lists joined with 、); None is shown blank. `empty`: the line shown when there
    are no rows.

    Every column gets its width here, from its header and cells: DataTable otherwise widens auto-width
    columns only when it next goes idle, and a table first painted before that showed every column as
    narrow as its header (ID numbers cut to 10 digits). Cells are plain text, never console markup, so
    a course named "[线上]…" shows as typed."""
    cells = [["" if row.get(key) is None else value_text(row[key]) for key, _ in columns] for row in rows]
    if not cells and empty is not None and columns:
        cells = [[empty, *([""] * (len(columns) - 1))]]
    headers = [header for _, header in columns]
    table.clear(columns=True)
    for index, width in enumerate(column_widths(headers, cells)):
        table.add_column(Text(headers[index], no_wrap=True, overflow="ellipsis"), width=width)
    table.add_rows(
        [[Text(cell, no_wrap=True, overflow="ellipsis", end="") for cell in line] for line in cells]
    )


def column_widths(headers: Sequence[str], cells: Sequence[Sequence[str]]) -> list[int]:
    """The width of each column: its widest header or cell, at most COLUMN_WIDTH_MAX but for the last."""
    widths = [cell_len(header) for header in headers]
    for line in cells:
        for index, cell in enumerate(line[: len(widths)]):
            if len(cell) * 2 > widths[index]:  # a cheap bound first: at most two cells a character
                widths[index] = max(widths[index], cell_len(cell))
    last = len(widths) - 1
    return [width if index == last else min(width, COLUMN_WIDTH_MAX) for index, width in enumerate(widths)]


class RegisterScreen(Screen):
    """A screen over the App's store."""

    @property
    def register_app(self) -> LawtrainApp:
        return self.app  # type: ignore[return-value]

    @property
    def store(self) -> Store:
        return self.register_app.store

    @property
    def today(self) -> date:
        return self.register_app.today

    def export(self, name: str, write: Callable[[Path], object], done: str = "已导出到 {path}") -> None:
        """From a worker thread: write the export `name` into the exports folder with `write(path)` and
        tell the clerk where it went, or why it failed (a full disk, a file open in Excel...)."""
        path = self.register_app.exports_dir / name
        try:
            write(path)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            self.app.call_from_thread(self.notify, f"导出失败：{exc}", severity="error")
            return
        self.app.call_from_thread(self.notify, done.format(path=path))
