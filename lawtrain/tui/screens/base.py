"""What every screen of the register shares: the store and "today" the App was given."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.screen import Screen

from ...store import Store

if TYPE_CHECKING:
    from ..app import LawtrainApp


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
