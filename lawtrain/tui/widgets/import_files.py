"""The spreadsheets waiting in imports/, in the order they would be imported, each with its kind.
Blank templates are not offered; an earlier import's error workbook and a file that cannot be read
come last, each saying so."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...importing.several import Found


class ImportFiles(OptionList):
    """An OptionList of `Found` files; `found[i]` is the file of option i."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found: list[Found] = []
        self.blank: list[Found] = []

    @property
    def importable(self) -> list[Found]:
        """The files an import of the whole folder takes, in order."""
        return [f for f in self.found if f.importable]

    @property
    def paths(self) -> list[Path]:
        return [f.path for f in self.found]

    def show(self, found: Sequence[Found]) -> None:
        """Show `found` (in import order); blank ones are only counted."""
        self.blank = [f for f in found if f.blank and not f.problem]
        importable = [f for f in found if f.importable]
        others = [f for f in found if not f.importable and f not in self.blank]
        self.found = [*importable, *others]
        self.clear_options()
        self.add_options(
            [Option(_prompt(f, f"第 {n} 个 · "), id=str(n)) for n, f in enumerate(importable, start=1)]
            + [Option(_prompt(f, ""), id=f"other-{n}") for n, f in enumerate(others)]
        )


def _prompt(found: Found, order: str) -> Text:
    """The file's name, and under it (dimmed) its place in the order and its kind."""
    if found.problem:
        what = "无法识别，不导入"
    elif found.errors_workbook:
        what = "错误清单 · 改正后可单独导入"
    else:
        what = f"{order}{found.kind_label}"
    text = Text(f"{found.path.name}\n")
    text.append(f"  {what}", style="dim")
    return text
