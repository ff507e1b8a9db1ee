"""What an import reports: counts, every rejected cell with its reason, and the preview of a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Rejection:
    row: int  # as the spreadsheet shows it
    column: str  # the column header ("" when the problem is the row as a whole)
    value: str  # the cell as read
    message: str  # plain Chinese: what is wrong and what was expected

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass
class ImportResult:
    file: str
    kind: str
    batch: int | None = None  # None: nothing was written (dry run, strict with rejections)
    rows: int = 0  # data rows read (skipped rows not included)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # blank rows, 合计/小计 rows, notes
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False
    errors_path: Path | None = None
    ignored_columns: list[str] = field(default_factory=list)
    sheet: str = ""
    kind_label: str = ""

    @property
    def rejected_rows(self) -> list[int]:
        """The row numbers with at least one problem, in order."""
        return sorted({r.row for r in self.rejected})

    @property
    def ok(self) -> bool:
        return not self.rejected

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows, "inserted": self.inserted, "updated": self.updated, "unchanged": self.unchanged,
            "skipped": self.skipped, "rejected": len(self.rejected_rows),
        }  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """The object `lawtrain import --json` prints, one per file."""
        return {
            "file": self.file,
            "kind": self.kind,
            "batch": self.batch,
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "rejected": [r.to_json() for r in self.rejected],
            "dry_run": self.dry_run,
        }


@dataclass
class Preview:
    """A file as the import would read it, before anything is written (the TUI's import screen)."""

    file: str
    kind: str
    kind_label: str
    sheet: str
    sheets: list[str]
    header_row: int
    mapping: dict[str, str | None]  # column header -> model field (None: ignored)
    ignored_columns: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number, cells) of the first data rows
    data_rows: int  # rows below the header, blank and note rows included
