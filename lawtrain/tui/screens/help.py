"""F1: the user guide, rendered from help.md shipped in the package."""

from __future__ import annotations

from importlib.resources import files

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, MarkdownViewer


def help_text() -> str:
    return files("lawtrain.tui").joinpath("help.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1", "dismiss", "关闭帮助", id="close-help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield MarkdownViewer(help_text(), show_table_of_contents=False)
        yield Footer()
