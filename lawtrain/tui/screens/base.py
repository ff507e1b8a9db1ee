"""What every screen of the register shares: the store and "today" the App was given."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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


def fill_table(
    table: DataTable, columns: Sequence[tuple[str, str]], rows: Iterable[dict], empty: str | None = None
) -> None:
    """Show `rows` (dicts) in `table` under `columns` (key, header), each value as a person reads it
    (60 not 60.0, 是/否, lists joined with 、); None is shown blank. `empty`: the line shown when there
    are no rows."""
    table.clear(columns=True)
    table.add_columns(*(header for _, header in columns))
    shown = 0
    for row in rows:
        table.add_row(*("" if row.get(key) is None else value_text(row[key]) for key, _ in columns))
        shown += 1
    if not shown and empty is not None:
        table.add_row(empty, *([""] * (len(columns) - 1)))


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
