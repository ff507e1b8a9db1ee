"""The county (区县) filter of a city's register: shown only when the register holds several counties."""

from __future__ import annotations

from textual.widgets import Select

from ...store import Store
from ...store.counties import counties


class CountySelect(Select[str]):
    """Counties with units, by name; hidden in a register of one county (a county bureau's)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__([], prompt="全部区县", id=id)
        self.names: list[str] = []

    def refresh_counties(self, store: Store) -> bool:
        """Offer the register's counties now, keeping the chosen one while it is there (without a
        Changed message); returns whether the chosen county had to be cleared."""
        names = [county.name for county in counties(store.db) if county.units]
        self.display = len(names) > 1
        if names == self.names:
            return False
        self.names = names
        chosen = self.value
        with self.prevent(Select.Changed):
            self.set_options([(name, name) for name in names])
            if chosen is not Select.NULL and chosen in names:
                self.value = chosen
                return False
        return chosen is not Select.NULL

    @property
    def county(self) -> str | None:
        """The chosen county, or None for all."""
        return None if self.value is Select.NULL else str(self.value)
