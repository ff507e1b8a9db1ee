"""Importing several spreadsheets at once (a folder, or files given in any order), in the order the
register needs them: a training record, an exam result or an appraisal is about a registered officer,
so rosters (and certificates) go first, then exams, appraisals and training; advisers last. Within a
kind, by file name. Each file stays its own transaction and batch.

A dry run of several files rehearses them: every file is imported for real inside one outer
transaction (each file a savepoint within it, as `Store.batch` nests), which is rolled back at the
end. Later files are therefore judged as if the earlier ones were in, by exactly the code that would
import them, and nothing is kept; the cost is the import's own, with no copy of the register.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..exporting.tables import Column
from ..reading import UnreadableFile, open_table
from ..reading.files import CSV_SUFFIXES, WORKBOOK_SUFFIXES
from ..settings import Settings
from ..store import StorageError, Store
from ..store.failures import classify
from .errorbook import ERRORS_SUFFIX
from .result import ImportResult
from .rows import skip
from .run import import_file

IMPORT_ORDER = ("officers", "certificates", "exams", "appraisals", "training", "advisers")
FOLDER_SUFFIXES = tuple(s for s in (*WORKBOOK_SUFFIXES, *CSV_SUFFIXES) if s != ".txt")

# Exit statuses, worst last: the status of several files is the largest of theirs.
DONE, FINDINGS, UNREADABLE, NOT_WRITTEN = 0, 1, 2, 3


@dataclass(frozen=True)
class Found:
    """A file as a look at its header tells it: its kind, its size, whether it holds any data."""

    path: Path
    kind: str | None = None  # None: not known (not looked at, or unreadable)
    kind_label: str = ""
    rows: int = 0  # rows below the header, blank and note rows included (the progress total)
    blank: bool = False  # a header and no data row: a blank template, nothing to import
    problem: str = ""  # why it cannot be read or recognised ("" when it can)

    @property
    def errors_workbook(self) -> bool:
        """An error workbook written by an earlier import: imported on its own once it is fixed."""
        return self.path.name.endswith(ERRORS_SUFFIX)

    @property
    def importable(self) -> bool:
        """Part of a folder's import: readable, with data, and not an earlier import's error list."""
        return not self.problem and not self.blank and not self.errors_workbook


def spreadsheets_in(folder: Path) -> list[Path]:
    """Every spreadsheet directly in `folder`, by name; Excel's lock files (~$…) and hidden files left out."""
    return sorted(
        path
        for path in Path(folder).iterdir()
        if path.is_file() and path.suffix.lower() in FOLDER_SUFFIXES and not path.name.startswith(("~$", "."))
    )


def look_at(
    path: Path, *, kind: str | None = None, sheet: str | None = None, settings: Settings | None = None
) -> Found:
    """Read the header of `path` and its first data row (no exception: an unreadable file says why)."""
    synonyms = settings.importing.header_synonyms if settings is not None else None
    try:
        table = open_table(path, kind=kind, sheet=sheet, synonyms=synonyms)
        header_texts = [str(column.header) for column in table.header.columns]
        read = sorted(table.mapping)
        blank = all(skip(cells, header_texts, read) for _, cells in table.rows())
    except UnreadableFile as exc:
        return Found(path, problem=str(exc))
    except Exception as exc:  # noqa: BLE001 (one odd file in a folder must not stop the look at the others)
        return Found(path, problem=f"无法读取“{path.name}”: {exc}")
    return Found(path, table.kind.key, table.kind.label, table.data_rows, blank)


def in_import_order(found: Iterable[Found]) -> list[Found]:
    """Rosters and certificates, exams, appraisals, training, advisers; by name within a kind; what
    cannot be read at the end."""
    rank = {key: position for position, key in enumerate(IMPORT_ORDER)}
    last = len(rank)
    return sorted(
        found, key=lambda f: (last if f.problem else rank.get(f.kind or "", last), f.path.name, str(f.path))
    )


def survey(
    paths: Iterable[Path],
    *,
    kind: str | None = None,
    sheet: str | None = None,
    settings: Settings | None = None,
) -> list[Found]:
    """Every file looked at, in import order."""
    return in_import_order(look_at(Path(p), kind=kind, sheet=sheet, settings=settings) for p in paths)


@dataclass
class Outcome:
    """What became of one file: its result, or why it was not imported, and its exit status."""

    found: Found
    result: ImportResult | None = None
    problem: str = ""  # why it was not imported: unreadable, or the register could not be written
    status: int = DONE
    failure: StorageError | None = None  # the register could not be written (problem is its one line)


def worst(outcomes: Iterable[Outcome]) -> int:
    return max((outcome.status for outcome in outcomes), default=DONE)


class _Rehearsed(Exception):
    """Raised at the end of a rehearsal to roll every file of it back."""


@contextmanager
def _rehearsal(store: Store, rehearse: bool) -> Iterator[None]:
    if not rehearse:
        yield
        return
    try:
        with store.db.atomic():
            yield
            raise _Rehearsed
    except _Rehearsed:
        pass


def import_files(
    store: Store,
    files: Sequence[Found],
    *,
    dry_run: bool = False,
    strict: bool = False,
    kind: str | None = None,
    sheet: str | None = None,
    errors_for: Callable[[Path], Path | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    done: Callable[[Outcome], None] | None = None,
    today: date | None = None,
) -> list[Outcome]:
    """Import `files` in the order given (see `in_import_order`), one transaction and batch each.
    `dry_run`: rehearse them all and keep nothing. `errors_for(path)`: where a file's error workbook
    goes (None: none). `progress(done, total)` counts rows over all files; `done(outcome)` is called
    as each file ends. A file the register cannot take (a full disk, a locked database) ends the run:
    the files after it depend on it."""
    total = sum(f.rows for f in files)
    offset = 0
    outcomes: list[Outcome] = []
    rehearse = dry_run and len(files) > 1
    with _rehearsal(store, rehearse):
        for found in files:
            outcome = Outcome(found, problem=found.problem, status=UNREADABLE)
            try:
                if found.problem:
                    raise UnreadableFile(found.problem)
                result = import_file(
                    store, found.path, kind=kind, sheet=sheet, dry_run=dry_run and not rehearse, strict=strict,
                    errors_out=errors_for(found.path) if errors_for else None, today=today,
                    progress=_shifted(progress, offset, total),
                )  # fmt: skip
            except UnreadableFile as exc:
                outcome.problem = str(exc)
            except (StorageError, sqlite3.Error) as exc:
                outcome.status = NOT_WRITTEN
                outcome.failure = classify(exc, store.path)
                outcome.problem = str(outcome.failure or exc)
            else:
                if rehearse:
                    result.dry_run, result.batch = True, None
                outcome.result, outcome.status = result, FINDINGS if result.rejected else DONE
            offset += found.rows
            outcomes.append(outcome)
            if done is not None:
                done(outcome)
            if outcome.status == NOT_WRITTEN:
                break
    return outcomes


def _shifted(progress: Callable[[int, int], None] | None, offset: int, total: int):
    """One file's progress (rows read of its own) as progress over all files; a file not looked at
    beforehand (its size unknown) reports its own."""
    if progress is None:
        return None
    return lambda read, rows: progress(offset + read, total or rows)


SUMMARY_COLUMNS = (
    Column("file", "文件"), Column("kind", "类型"), Column("rows", "数据行"), Column("inserted", "新增"),
    Column("updated", "更新"), Column("unchanged", "未变"), Column("rejected", "有问题"),
)  # fmt: skip
_COUNTED = ("rows", "inserted", "updated", "unchanged", "rejected")


def summary_rows(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    """One row a file under SUMMARY_COLUMNS, then the totals (of two or more); a file not imported
    says why in 类型."""
    rows = []
    for outcome in outcomes:
        result = outcome.result
        if result is None:
            what = "无法读取" if outcome.status == UNREADABLE else "未能写入"
            rows.append({"file": outcome.found.path.name, "kind": what})
            continue
        counts = result.counts()
        rows.append({
            "file": outcome.found.path.name, "kind": result.kind_label or outcome.found.kind_label,
            **{key: f"{counts[key]:,}" for key in _COUNTED},
        })  # fmt: skip
    if len(outcomes) < 2:
        return rows
    results = [o.result for o in outcomes if o.result is not None]
    totals = {key: sum(r.counts()[key] for r in results) for key in _COUNTED}
    rows.append(
        {"file": f"合计 {len(outcomes)} 个文件", "kind": "", **{k: f"{v:,}" for k, v in totals.items()}}
    )
    return rows
