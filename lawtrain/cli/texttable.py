"""Plain-text tables for the terminal, aligned for Chinese text (wide characters count double)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..exporting.tables import Column, display_width
from ..labels import value_text


def _text(value: Any) -> str:
    """A cell as people read it (labels.value_text); nothing for no value."""
    return "" if value is None else value_text(value)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render(columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> str:
    """A header, a rule and one line per row; columns two spaces apart."""
    cells = [[_text(row.get(column.key)) for column in columns] for row in rows]
    widths = [display_width(column.header) for column in columns]
    for line in cells:
        widths = [max(width, display_width(cell)) for width, cell in zip(widths, line, strict=True)]
    header = "  ".join(_pad(column.header, width) for column, width in zip(columns, widths, strict=True))
    rule = "  ".join("─" * width for width in widths)
    body = [
        "  ".join(_pad(cell, width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]
    return "\n".join([header.rstrip(), rule, *body])
