"""Writing training records, exam results, appraisals and advisers: each identified by its key, inserted
when new, updated when a stored value differs, left alone when equal.

Identity: training (officer, course, date); exams (officer, exam, part, date); appraisals (officer,
year); advisers (name, unit served, term start). Callers validate first and call these inside their
own `store.batch(...)`. `fields` names the model fields the source supplied; None means all.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from ..models import AdviserIn, AppraisalIn, ExamIn, TrainingIn
from ..store import Batch, Store
from ..store.bulk import bulk_inserts
from .write_common import Saved, UnitIds, iso, officer_ids, refusal, run_staged, staged_columns

_NONE: frozenset[str] = frozenset()


def _unique(
    items: list[tuple[int, tuple, tuple]], saved: Saved, kept: Sequence[frozenset[str]] = ()
) -> list[tuple]:
    """items: (index, key values, other values) -> ((*key, *values), kept) for _upsert, one per key;
    `kept`: each item's columns that keep their stored value (none when not given). A key given twice
    with the same values counts as unchanged; with other values, the later record is refused."""
    rows, seen = [], {}
    for position, (index, key, values) in enumerate(items):
        if key in seen:
            if seen[key] == values:
                saved.unchanged += 1
            else:
                saved.refuse(index, "", "与同一批记录中的另一行重复但内容不同")
            continue
        seen[key] = values
        rows.append(((*key, *values), kept[position] if kept else _NONE))
    return rows


def _upsert_sql(
    table: str,
    keys: Sequence[str],
    columns: Sequence[str],
    compared: Sequence[str],
    in_key_order: bool = False,
) -> str:
    all_columns = [*keys, *columns]
    # `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint of the SELECT.
    # `in_key_order`: the rows go in the order of the table's key (sorted by SQLite itself), so that each
    # lands next to the one before in the key's index instead of at a random place (a million training
    # rows: 6.3 -> 4.8 s of SQLite); they then take their ids in that order, not the file's.
    order = f" ORDER BY {staged_columns(len(keys))}" if in_key_order else ""
    insert = (
        f"INSERT INTO {table} ({', '.join(all_columns)}, batch_id) "  # noqa: S608 (our own table and columns)
        f"SELECT {staged_columns(len(all_columns))}, ?1 FROM {{staged}} WHERE true{order}"
    )
    if not compared:
        return f"{insert} ON CONFLICT ({', '.join(keys)}) DO NOTHING"
    sets = ", ".join(f"{c} = excluded.{c}" for c in (*compared, "batch_id"))
    differs = " OR ".join(f"{table}.{c} IS NOT excluded.{c}" for c in compared)
    return f"{insert} ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets} WHERE {differs}"


def _upsert(
    store: Store,
    batch: Batch,
    table: str,
    keys: tuple[str, ...],
    columns: Sequence[str],
    rows: Sequence[tuple[tuple, frozenset[str]]],
    compared: Sequence[str],
    saved: Saved,
    in_key_order: bool = False,
) -> None:
    """rows: ((*key values, *values of `columns`), kept), one per key. New keys are inserted with every
    column; stored rows are updated in the `compared` columns when one of them differs, except the
    columns in their `kept` (a blank cell: the stored value stays). `in_key_order`: see _upsert_sql.

    One INSERT … ON CONFLICT DO UPDATE … WHERE changed per set of kept columns (nearly always one):
    SQLite finds the stored row through the table's unique key, so nothing is read back into Python.
    Inserted rows are those with an id above the largest before (bulk_inserts counts them); rows
    changed beyond them were updated; the rest were already stored as given."""
    if not rows:
        return
    groups: dict[frozenset[str], list[tuple]] = {}
    for row, kept in rows:
        groups.setdefault(kept, []).append(row)
    changed = 0
    with bulk_inserts(store.db.conn, table) as inserted:
        for kept, part in groups.items():
            sql = _upsert_sql(table, keys, columns, [c for c in compared if c not in kept], in_key_order)
            changed += run_staged(store.db.conn, part, sql, [batch.id])  # inserted or updated rows
    saved.inserted += inserted.count
    saved.updated += changed - inserted.count
    saved.unchanged += len(rows) - changed


def _officers_known(
    store: Store, records: Sequence[Any], saved: Saved, known: dict[str, int] | None
) -> dict[str, int]:
    """Officer ids by ID number; `known` is a cache the caller keeps across calls of one batch."""
    ids = known if known is not None else {}
    ids.update(officer_ids(store.db, {r.id_number for r in records if r.id_number not in ids}))
    for index, record in enumerate(records):
        if record.id_number not in ids:
            saved.refuse(index, "id_number", refusal(store.db, record.id_number))
    return ids


def _present(fields: Collection[str] | None, mapping: dict[str, str]) -> list[str]:
    """The stored columns to compare and update: those whose model field was supplied."""
    return [column for field, column in mapping.items() if fields is None or field in fields]


_TRAINING_KEY = ("officer_id", "course", "date")
_TRAINING_COLUMNS = ("category", "hours", "year", "mode")
# A training record without a category or a mode (a blank cell) keeps the stored one.
_TRAINING_KEPT = {
    (category, mode): frozenset(c for c, blank in (("category", category), ("mode", mode)) if blank)
    for category in (False, True)
    for mode in (False, True)
}


def prepare_training(record: TrainingIn, officers: dict[str, int]) -> tuple[tuple[Any, ...], frozenset[str]]:
    """The stored row of a registered officer's training record (key: officer id, course, date; then
    category, hours, year and mode) and the columns that keep their stored value. The import builds
    them in its validating thread, so that its writer thread only runs SQL."""
    day, category, mode = record.date, record.category, record.mode
    row = (officers[record.id_number], record.course, day.isoformat(), category, record.hours, day.year, mode)
    return row, _TRAINING_KEPT[category is None, mode is None]


def save_training(
    store: Store,
    batch: Batch,
    records: Sequence[TrainingIn],
    *,
    fields: Collection[str] | None = None,
    known: dict[str, int] | None = None,
    prepared: Sequence[tuple[tuple[Any, ...], frozenset[str]]] | None = None,
) -> Saved:
    """Training records; `year` comes from the date. The officer must be in the register.
    `prepared`: prepare_training of each record, when the caller made them already: then every
    officer is registered and no two records share a key."""
    saved = Saved()
    if prepared is None:
        ids = _officers_known(store, records, saved, known)
        items, kept = [], []
        for index, record in enumerate(records):
            if index not in saved.problems:
                row, blank = prepare_training(record, ids)
                items.append((index, row[: len(_TRAINING_KEY)], row[len(_TRAINING_KEY) :]))
                kept.append(blank)
        prepared = _unique(items, saved, kept)
    compared = _present(fields, {"category": "category", "hours": "hours", "mode": "mode"})
    _upsert(store, batch, "training", _TRAINING_KEY, _TRAINING_COLUMNS, prepared, compared, saved, True)
    return saved


def _save_by_officer(
    store: Store,
    batch: Batch,
    records: Sequence[Any],
    known: dict[str, int] | None,
    table: str,
    keys: tuple[str, ...],
    columns: tuple[str, ...],
    key_values: Callable[[Any, int], tuple[tuple, tuple]],
) -> Saved:
    """Records about registered officers, upserted by `keys` (officer_id first); key_values(record,
    officer id) gives a record's key and its values of `columns`, all compared."""
    saved = Saved()
    ids = _officers_known(store, records, saved, known)
    items = [
        (index, *key_values(record, ids[record.id_number]))
        for index, record in enumerate(records) if index not in saved.problems
    ]  # fmt: skip
    _upsert(store, batch, table, keys, columns, _unique(items, saved), columns, saved)
    return saved


def save_exams(
    store: Store,
    batch: Batch,
    records: Sequence[ExamIn],
    *,
    fields: Collection[str] | None = None,
    known: dict[str, int] | None = None,
) -> Saved:
    """Exam results (score, or absent); the officer must be in the register."""
    return _save_by_officer(
        store, batch, records, known, "exams", ("officer_id", "exam_name", "part", "date"), ("score", "absent"),
        lambda r, officer: ((officer, r.exam_name, r.part, r.date.isoformat()), (r.score, int(r.absent))),
    )  # fmt: skip


def save_appraisals(
    store: Store,
    batch: Batch,
    records: Sequence[AppraisalIn],
    *,
    fields: Collection[str] | None = None,
    known: dict[str, int] | None = None,
) -> Saved:
    """Yearly appraisal grades, one per officer and year."""
    return _save_by_officer(
        store, batch, records, known, "appraisals", ("officer_id", "year"), ("grade",),
        lambda r, officer: ((officer, r.year), (r.grade,)),
    )  # fmt: skip


_ADVISER_OPTIONAL = frozenset(("licence", "firm", "phone", "evaluation"))  # field = column


def save_advisers(
    store: Store, batch: Batch, records: Sequence[AdviserIn], *, fields: Collection[str] | None = None
) -> Saved:
    """Legal advisers; the unit served is created when new. An optional field the record was not given
    (a blank cell) keeps the stored value; a form that gives it empty clears it."""
    saved = Saved()
    units = UnitIds(store)
    items, kept = [], []
    for index, record in enumerate(records):
        values = (
            record.kind,
            record.licence,
            record.firm,
            iso(record.term_end),
            record.phone,
            record.evaluation,
        )
        items.append((index, (record.name, units(record.unit), iso(record.term_start)), values))
        kept.append(frozenset(_ADVISER_OPTIONAL - record.model_fields_set))
    columns = ("kind", "licence", "firm", "term_end", "phone", "evaluation")
    compared = _present(fields, {c: c for c in columns})
    keys = ("name", "unit_id", "term_start")
    _upsert(store, batch, "advisers", keys, columns, _unique(items, saved, kept), compared, saved)
    return saved
