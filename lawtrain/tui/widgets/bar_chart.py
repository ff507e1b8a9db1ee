"""A horizontal bar chart in text: one bar per label, values in percent."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, width: int) -> str:
    """A bar of `value` percent drawn in `width` cells with eighth-block precision."""
    eighths = round(max(0.0, min(value, 100.0)) / 100 * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[part] if part else "")


class BarChart(Static):
    """Bars of (label, percent or None); None is drawn as "无数据". Bars below `threshold` are red."""

    def __init__(self, title: str, bar_width: int = 40, **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.bar_width = bar_width
        self.text = Text()

    def show(self, values: list[tuple[str, float | None]], threshold: float | None = None) -> None:
        label_width = max((cell_len(label) for label, _ in values), default=0) + 2
        text = Text(self.title + "\n", style="bold")
        for label, value in values:
            text.append(label + " " * (label_width - cell_len(label)))
            if value is None:
                text.append("无数据\n", style="dim")
                continue
            style = "green" if threshold is None or value >= threshold else "red"
            text.append(bar(value, self.bar_width).ljust(self.bar_width), style=style)
            text.append(f" {value:5.1f}%\n")
        self.text = text
        self.update(text)
