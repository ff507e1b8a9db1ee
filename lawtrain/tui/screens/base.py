"""What every screen of the register shares: the store and "today" the App was given."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.screen import Screen

from ...store import Store

if TYPE_CHECKING:
    from ..app import LawtrainApp


# Rows put in a DataTable of findings or review results: a province's list can hold 200,000, which
# Textual's DataTable takes seconds to load; the export holds them all.
TABLE_ROWS_MAX = 1000


def shown_note(count: int) -> str:
    """What to tell the clerk when a table shows only the first TABLE_ROWS_MAX rows."""
    return "" if count <= TABLE_ROWS_MAX else f"（这里显示前 {TABLE_ROWS_MAX:,} 条，导出Excel可得全部）"


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
