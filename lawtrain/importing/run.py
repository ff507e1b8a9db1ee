"""Importing one file: read, validate every row, plan (insert / update / unchanged / conflict /
reject), write in ONE transaction and one batch, report.

A dry run and a strict import with rejections do the same work and roll it back, so what they report
is exactly what would happen.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from ..reading import Table, open_table
from ..store import Batch, Store
from ..store.bulk import bulk_inserts
from .errorbook import RejectedRow, write_errors
from .fieldwise import FieldwiseRows, is_fieldwise
from .result import ImportResult, Rejection
from .rows import column_of, first_text, shown, skip, validate, values_of
from .write_common import not_registered, registered, rolled_up
from .writers import PREPARERS, WRITERS, Saved

CHUNK = 5000
_SWITCH_INTERVAL = 0.0005  # seconds; see import_file
_ROW_MASK = (1 << 32) - 1  # row numbers up to about four billion
_VALUES_MASK = (1 << 40) - 1


def _getter(fields: Sequence[str]) -> Callable[[Any], tuple]:
    """A function giving the tuple of `fields` of a record."""
    if not fields:
        return lambda _record: ()
    get = attrgetter(*fields)
    return get if len(fields) > 1 else (lambda record: (get(record),))


class _Rollback(Exception):
    """Raised inside the batch to undo everything it did."""


class _Run:
    """The state of one import while its rows stream through."""

    def __init__(
        self, store: Store, table: Table, result: ImportResult, today: date | None, pool: ThreadPoolExecutor
    ):
        self.store = store
        self.table = table
        self.result = result
        self.model, self.writer, identity = WRITERS[table.kind.key]
        self.identity = identity
        # Officer ids by ID number for the kinds about registered officers: a row about anyone else is
        # rejected as it is read (a province's 300,000 officers take ~40 MB).
        about_officers = table.kind.key in ("training", "exams", "appraisals")
        self.officers = registered(store.db) if about_officers else None
        self.elsewhere = rolled_up(store.db) if about_officers else {}  # a city's: the counties' officers
        self.prepare = PREPARERS.get(table.kind.key)
        if self.prepare is not None and self.officers is not None:
            self.prepare = partial(self.prepare, officers=self.officers)
        self.prepared: list[Any] = []
        self.key_of = _getter(identity)
        self.fields = set(table.mapping.values())
        # Columns the register does not keep for this kind (the name on a training row) are no conflict.
        unstored = {"name"} if table.kind.key in ("training", "exams", "appraisals") else set()
        self.compared = sorted(self.fields - set(identity) - unstored)
        self.compared_of = _getter(self.compared)
        self.kwargs: dict[str, Any] = {"fields": self.fields}
        if table.kind.key in ("officers", "certificates"):
            self.kwargs["today"] = today
        if table.kind.key == "officers":
            self.kwargs["units"] = {}  # unit ids by name, looked up once per import
            if store.db.execute("SELECT NOT EXISTS (SELECT 1 FROM officers)").fetchone()[0]:
                self.kwargs["new_register"] = set()  # the first roster: no officer to look up
        if self.officers is not None:
            self.kwargs["known"] = self.officers
        self.context = {"settings": store.settings}
        # Training rows (a million in a platform export) are assembled from the values their cells gave
        # before, when the model judges each field alone (see fieldwise).
        fieldwise = is_fieldwise(self.model)
        self.fieldwise = FieldwiseRows(self.model, table.mapping, self.context) if fieldwise else None
        # Every record of the file so far, compact enough for a million rows: hash of its identity ->
        # (40-bit hash of its other values << 32) | row number. A record is settled once its row is
        # at most `settled`, the last row of the chunks written; `failed` holds those not imported.
        self.seen: dict[int, int] = {}
        self.settled = 0
        self.failed: set[int] = set()
        self.chunk: list[tuple[int, list[Any], Any, int]] = []
        self.repeats: list[tuple[int, list[Any], int]] = []
        self.rejected: dict[int, RejectedRow] = {}
        self.pool = pool
        self.writing: tuple[list[tuple[int, list[Any], Any, int]], Future[Saved]] | None = None

    def reject(self, number: int, cells: list[Any], problems: list[tuple[str, str]]) -> None:
        entry = self.rejected.setdefault(number, RejectedRow(number, cells))
        for field, message in problems:
            index, header = column_of(self.table, field) if field else (None, "")
            value = shown(cells[index]) if index is not None and index < len(cells) else ""
            self.result.rejected.append(Rejection(number, header, value, message))
            entry.messages.append(f"{header}: {message}" if header else message)
            if index is not None:
                entry.bad_columns.add(index)

    def stream(self, batch: Batch, progress: Callable[[int, int], None] | None) -> None:
        """Every row of the sheet below the header: skipped, or read, validated and planned; written a
        chunk at a time. This loop runs a million times for a training export: what it needs is bound
        to local names once, and a training row is assembled from the values its cells gave before
        (fieldwise) instead of going through the model again."""
        result, table = self.result, self.table
        header_texts = [str(c.header) for c in table.header.columns]
        first_header = first_text(header_texts)
        read = sorted(table.mapping)
        total = table.data_rows
        record_of = self.fieldwise.record if self.fieldwise is not None else None
        key_of, compared_of, seen, officers = self.key_of, self.compared_of, self.seen, self.officers
        prepare, chunk_size = self.prepare, CHUNK
        chunk, prepared = self.chunk, self.prepared
        skipped = rows = 0
        for done, (number, cells) in enumerate(table.rows(), start=1):
            if skip(cells, header_texts, read, first_header):
                skipped += 1
                continue
            rows += 1
            if progress is not None and done % chunk_size == 0:
                progress(done, total)
            record = record_of(cells) if record_of is not None else None
            if record is None:
                record = self.validated(number, cells)
                if record is None:
                    continue
            key = hash(key_of(record))
            values = hash(compared_of(record)) & _VALUES_MASK
            earlier = seen.get(key)
            if earlier is None:
                seen[key] = (values << 32) | number
                if officers is not None and record.id_number not in officers:
                    self.failed.add(key)
                    refused = not_registered(record.id_number, self.elsewhere.get(record.id_number))
                    self.reject(number, cells, [("id_number", refused)])
                    continue
                chunk.append((number, cells, record, key))
                if prepare is not None:
                    prepared.append(prepare(record))
                if len(chunk) >= chunk_size:
                    self.flush(batch)
                    chunk, prepared = self.chunk, self.prepared
            elif earlier >> 32 != values:
                what = "人员" if table.kind.key == "officers" else "记录"
                message = f"与第 {earlier & _ROW_MASK} 行是同一{what}，但内容不同；请核对后只保留一行"
                self.reject(number, cells, [(self.identity[0], message)])
            else:
                self.repeats.append((number, cells, key))
        result.skipped += skipped
        result.rows += rows
        self.flush(batch, last=True)

    def validated(self, number: int, cells: list[Any]) -> Any:
        """The record of a row the model validates in full (None: rejected, its problems reported)."""
        record, problems = validate(
            self.model, values_of(cells, self.table.mapping), self.context, self.fields
        )
        if record is None:
            self.reject(number, cells, problems)
        elif self.fieldwise is not None:
            record = self.fieldwise.learn(cells, record)
        return record

    def flush(self, batch: Batch, *, last: bool = False) -> None:
        """Hand the chunk to the writer thread (after settling the one it was writing), then settle
        the rows that repeat an earlier, settled one. `last`: wait for every write and settle all.

        The writer's SQL runs as one statement per chunk, during which SQLite releases the GIL: the
        next chunk is read and validated on the other core meanwhile. Only the writer thread uses the
        connection while the import runs; it stays one transaction and one batch."""
        self.settle()
        chunk, self.chunk = self.chunk, []
        prepared, self.prepared = self.prepared, []
        if chunk:
            records = [record for _, _, record, _ in chunk]
            kwargs = {**self.kwargs, "prepared": prepared} if self.prepare is not None else self.kwargs
            self.writing = (chunk, self.pool.submit(self.writer, self.store, batch, records, **kwargs))
        if last:
            self.settle()
        waiting = []
        for number, cells, key in self.repeats:
            row = self.seen[key] & _ROW_MASK
            if key in self.failed:
                self.reject(
                    number, cells, [(self.identity[0], f"与第 {row} 行相同，而第 {row} 行有错误未能导入")]
                )
            elif row > self.settled:
                waiting.append((number, cells, key))
            else:
                self.result.unchanged += 1
        self.repeats = waiting

    def settle(self) -> None:
        """Wait for the chunk being written and record what became of its rows."""
        if self.writing is None:
            return
        chunk, future = self.writing
        self.writing = None
        saved = future.result()
        self.result.inserted += saved.inserted
        self.result.updated += saved.updated
        self.result.unchanged += saved.unchanged
        self.settled = chunk[-1][0]
        for index in sorted(saved.problems):
            number, cells, _record, key = chunk[index]
            self.failed.add(key)
            self.reject(number, cells, saved.problems[index])

    def stop_writing(self) -> None:
        """Never leave the batch (commit or roll back) while the writer thread is inside it."""
        if self.writing is not None:
            wait([self.writing[1]])
            self.writing = None


def _one_bulk_insert(store: Store, kind: str) -> AbstractContextManager[object]:
    """Training rows are inserted chunk by chunk as one bulk insert: audited and added to the hours
    sums once at the end (see store.bulk). The writer has finished with the connection by then."""
    return bulk_inserts(store.db.conn, "training") if kind == "training" else nullcontext()


def import_file(
    store: Store,
    path: Path | str,
    *,
    kind: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    strict: bool = False,
    errors_out: Path | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> ImportResult:
    """Import one spreadsheet. Raises UnreadableFile (nothing changed) when it cannot be read or
    recognised. `errors_out`: where to write the error workbook when rows are rejected. `today` dates
    certificate status changes (default: the current date)."""
    path = Path(path)
    table = open_table(path, kind=kind, sheet=sheet, synonyms=store.settings.importing.header_synonyms)
    result = ImportResult(
        file=str(path), kind=table.kind.key, dry_run=dry_run, ignored_columns=list(table.ignored),
        sheet=table.sheet, kind_label=table.kind.label,
    )  # fmt: skip
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lawtrain-import")
    run = _Run(store, table, result, today, pool)
    total = table.data_rows
    collecting = gc.isenabled()
    gc.disable()  # rows create no reference cycles; collecting while a million stream by costs ~15%
    # The writer thread needs the GIL back after each SQL step; by default it waits up to 5 ms for the
    # validating thread to give it up, which left SQLite idle (~10% of a 1M-row import).
    switching = sys.getswitchinterval()
    sys.setswitchinterval(_SWITCH_INTERVAL)
    try:
        with store.batch("import", path.name) as batch, _one_bulk_insert(store, table.kind.key):
            try:
                run.stream(batch, progress)
            finally:
                run.stop_writing()
            result.rejected.sort(key=lambda r: r.row)
            batch.counts.update(result.counts(), kind=table.kind.key, sheet=table.sheet)
            if dry_run or (strict and result.rejected):
                raise _Rollback
            result.batch = batch.id
    except _Rollback:
        result.batch = None
        if strict and not dry_run:
            result.inserted = result.updated = result.unchanged = 0
    finally:
        pool.shutdown()
        sys.setswitchinterval(switching)
        if collecting:
            gc.enable()
    if progress is not None:
        progress(total, total)
    if errors_out is not None and run.rejected:
        rows = [run.rejected[n] for n in sorted(run.rejected)]
        result.errors_path = write_errors(Path(errors_out), table, rows)
    return result
