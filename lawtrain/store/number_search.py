"""The number search index: any run of characters inside an ID number or a certificate number.

Clerks quote numbers by their end ("尾号 3183"), which no B-tree index on the number can find. Two
FTS5 tables with the trigram tokenizer index every three-character sequence of `officers.id_number`
and of `certificates.number`; a phrase of four or more characters then finds the rows whose number
contains it, from the index alone (`MATCH '"3183"'`). Both are external-content tables (the numbers
are not stored twice) without per-row sizes (`columnsize=0`: nothing here ranks results).

Kept in step with their tables by triggers, in the same transaction as every change. FTS5 writes
what a statement indexed when the statement ends, so one row per statement costs ~40 µs a row
(measured: 100,000 officers inserted one statement each, 0.33 s without the index, 3.9 s with it),
while one statement over 5,000 rows costs ~1.2 µs of CPU a row (officers and certificates of a
100,000-row roster: 0.25 s). So the triggers step aside where many rows
change at once: a bulk insert (`store.bulk`, held back like the audit trigger) indexes its rows in
one statement on leaving (`index_above`), and an undo re-indexes the rows whose number it changes in
two (`reindexing`, `changed_by_undo`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from sqlite_utils import Database

from .script import run_script

# table -> (FTS5 table, indexed column)
INDEXES: dict[str, tuple[str, str]] = {
    "officers": ("id_number_search", "id_number"),
    "certificates": ("cert_number_search", "number"),
}
MIN_RUN = 4  # shortest run searched anywhere inside a number (trigrams need 3; 4 keeps it selective)

# The insert trigger steps aside for a bulk insert into its table (audit_context.bulk, see store.bulk)
# and every trigger for an undo (audit_context.search_held, see `reindexing`).
_HELD = "(SELECT search_held FROM audit_context WHERE id = 1)"
_BULK = "(SELECT bulk FROM audit_context WHERE id = 1)"


def _create(table: str) -> str:
    fts, column = INDEXES[table]
    # DDL from our own names (INDEXES), never from input.
    add = f"INSERT INTO {fts} (rowid, {column}) VALUES (NEW.id, NEW.{column});"  # noqa: S608
    take = f"INSERT INTO {fts} ({fts}, rowid, {column}) VALUES ('delete', OLD.id, OLD.{column});"  # noqa: S608
    return f"""
CREATE VIRTUAL TABLE {fts} USING fts5(
    {column}, content='{table}', content_rowid='id', tokenize='trigram', columnsize=0
);
CREATE TRIGGER {fts}_insert AFTER INSERT ON {table}
WHEN {_HELD} IS NULL AND {_BULK} IS NOT '{table}' BEGIN {add} END;
CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} WHEN {_HELD} IS NULL BEGIN {take} END;
CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {column} ON {table}
WHEN {_HELD} IS NULL AND (OLD.{column} IS NOT NEW.{column} OR OLD.id IS NOT NEW.id) BEGIN {take} {add} END;
INSERT INTO {fts} ({fts}) VALUES ('rebuild');
"""  # noqa: S608


def create_indexes(db: Database) -> None:
    """The tables, their triggers and their contents (the migration of an existing register)."""
    db.execute("ALTER TABLE audit_context ADD COLUMN search_held INTEGER")
    for table in INDEXES:
        run_script(db, _create(table))  # statement by statement, inside the migration's transaction


def index_above(conn: sqlite3.Connection, table: str, largest: int) -> None:
    """Index the rows of `table` with an id above `largest`: what the insert trigger does row by row,
    for a bulk insert that held it back."""
    fts, column = INDEXES[table]
    sql = f"INSERT INTO {fts} (rowid, {column}) SELECT id, {column} FROM {table} WHERE id > ?"  # noqa: S608
    conn.execute(sql, [largest])


def _rows(conn: sqlite3.Connection, table: str, ids: str, command: str) -> None:
    fts, column = INDEXES[table]
    first = f"'{command}', " if command else ""
    into = f"{fts}, rowid, {column}" if command else f"rowid, {column}"
    conn.execute(
        f"INSERT INTO {fts} ({into}) SELECT {first}id, {column} FROM {table} "  # noqa: S608 (our own names)
        "WHERE id IN (SELECT value FROM json_each(?))",
        [ids],
    )


def changed_by_undo(conn: sqlite3.Connection, batch_id: int) -> dict[str, list[int]]:
    """The rows whose number an undo of `batch_id` adds, removes or changes: those the batch inserted or
    deleted, and those it updated from another number than they hold now (undoing a review's 216,000
    status changes touches no number at all)."""
    touched = {}
    for table, (_, column) in INDEXES.items():
        rows = conn.execute(
            f"SELECT DISTINCT a.row_id FROM audit a LEFT JOIN {table} t ON t.id = a.row_id "  # noqa: S608 (our own names)
            f"WHERE a.batch_id = ? AND a.table_name = ? "
            f"AND (a.action <> 'update' OR json_extract(a.before, '$.{column}') IS NOT t.{column})",
            [batch_id, table],
        )
        touched[table] = [row[0] for row in rows]
    return touched


@contextmanager
def reindexing(conn: sqlite3.Connection, touched: Mapping[str, Iterable[int]]) -> Iterator[None]:
    """Change rows inside with the triggers held back: the entries of the rows `touched` names (table ->
    ids) are taken out of the index before and put back, as the rows then stand, after. Any other row
    changed inside must keep its number (an undo: see `changed_by_undo`)."""
    ids = {table: json.dumps(sorted(set(touched.get(table, ())))) for table in INDEXES}
    for table in INDEXES:
        _rows(conn, table, ids[table], "delete")
    conn.execute("UPDATE audit_context SET search_held = 1 WHERE id = 1")
    try:
        yield
    finally:
        conn.execute("UPDATE audit_context SET search_held = NULL WHERE id = 1")
    for table in INDEXES:
        _rows(conn, table, ids[table], "")


def phrase(text: str) -> str:
    """`text` as an FTS5 phrase: the rows whose indexed number contains it, wherever it stands."""
    return '"' + text.replace('"', '""') + '"'
