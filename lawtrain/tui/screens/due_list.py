"""The list behind one count of the calendar: what falls due of one kind in one month."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from ...exporting.tables import Column
from ..data.officer_file import officer_by_id_number
from .base import TABLE_ROWS_MAX, fill_table, shown_note


class DueListScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "关闭", id="due-list-close")]

    def __init__(self, title: str, columns: Sequence[Column], rows: list[dict[str, Any]]) -> None:
        super().__init__()
        self.title_text, self.columns, self.rows = title, columns, rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(
                self.title_text + shown_note(len(self.rows)), id="due-list-title", classes="dialog-title"
            )
            yield DataTable(id="due-list", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#due-list", DataTable)
        columns = [(column.key, column.header) for column in self.columns]
        fill_table(table, columns, self.rows[:TABLE_ROWS_MAX], empty="没有")
        table.focus()

    @on(DataTable.RowSelected, "#due-list")
    def _open(self, event: DataTable.RowSelected) -> None:
        """An officer's row opens the officer's file."""
        if not self.rows or "id_number" not in self.rows[0]:
            return
        id_number = self.rows[min(event.cursor_row, len(self.rows) - 1)]["id_number"]
        officer_id = officer_by_id_number(self.app.store, id_number)  # type: ignore[attr-defined]
        if officer_id is not None:
            from .officer_file import OfficerFileScreen

            self.app.push_screen(OfficerFileScreen(officer_id))
