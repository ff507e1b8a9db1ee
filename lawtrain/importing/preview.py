"""A look at a file before importing it: the kind, the sheet, the header and the first rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..reading import open_table
from ..settings import Settings
from .result import Preview
from .rows import skip


def preview(
    path: Path | str,
    *,
    kind: str | None = None,
    sheet: str | None = None,
    rows: int = 10,
    settings: Settings | None = None,
) -> Preview:
    """What the import would read from `path`; raises UnreadableFile like the import does."""
    path = Path(path)
    synonyms = settings.importing.header_synonyms if settings is not None else None
    table = open_table(path, kind=kind, sheet=sheet, synonyms=synonyms)
    header_texts = [c.header for c in table.header.columns]
    read = sorted(table.mapping)
    first: list[tuple[int, list[Any]]] = []
    for number, cells in table.rows():
        if len(first) >= rows:
            break
        if not skip(cells, header_texts, read):
            first.append((number, list(cells)))
    return Preview(
        file=str(path), kind=table.kind.key, kind_label=table.kind.label, sheet=table.sheet,
        sheets=table.sheets, header_row=table.header_row, mapping=table.headers(),
        ignored_columns=list(table.ignored), rows=first, data_rows=table.data_rows,
    )  # fmt: skip
