"""Set-based inserts of many rows: what the row triggers do on insert, done in one statement each.

A row trigger costs ~2–4 µs a row however little it does: an import of a million training records
spent 5–6 s in the audit trigger and 2.3 s in the hours trigger. Inside `bulk_inserts(conn, table)`
the table's insert triggers are held back (`audit_context.bulk` names the table, migrations m004 and
m005) and, on leaving, one INSERT … SELECT logs every row with an id above the largest before, under
the batch and operator of `audit_context` (the audit rows the trigger writes); for `training`, one
more adds those rows' hours to their officers' sums per year (schema.ADD_HOURS_ABOVE); for officers
and certificates, one more puts their numbers into the number search index (store.number_search).
Updates and deletes still go through their triggers.

Rows get ids above the largest (INTEGER PRIMARY KEY without AUTOINCREMENT), and only the caller's
statements insert into the table meanwhile (one connection, inside its batch), so exactly the rows
inserted are handled, even when a statement fails and SQLite takes its rows back. Inside, a row is
inserted once and not changed again (its update trigger would take away hours never added).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from . import number_search
from .schema import ADD_HOURS_ABOVE, AUDITED


@dataclass
class Inserted:
    """`largest`: the table's largest id before the block (the rows it inserts have higher ones);
    `count`: how many rows it inserted, known on leaving it."""

    largest: int
    count: int = 0


@contextmanager
def bulk_inserts(conn: sqlite3.Connection, table: str) -> Iterator[Inserted]:
    """Run set-based inserts into `table` inside; every row they insert is audited (and, for training,
    counted in the hours sums) on leaving.

    Inside another bulk insert of the same table (an import holds one around all its chunks) it only
    counts its rows: the outer one logs them all and adds their hours once, grouped per officer and
    year over the whole import, instead of once per chunk (a million training rows: each officer's
    sums updated ten times over, 3.2 s, against 0.7 s once)."""
    if table not in AUDITED:
        raise ValueError(f"not an audited table: {table!r}")
    largest = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]  # noqa: S608 (checked above)
    inserted = Inserted(largest)
    if conn.execute("SELECT bulk FROM audit_context WHERE id = 1").fetchone()[0] == table:
        try:
            yield inserted
        finally:
            counted = f"SELECT COUNT(*) FROM {table} WHERE id > ?"  # noqa: S608 (checked above)
            inserted.count = conn.execute(counted, [largest]).fetchone()[0]
        return
    conn.execute("UPDATE audit_context SET bulk = ? WHERE id = 1", [table])
    try:
        yield inserted
    finally:
        conn.execute("UPDATE audit_context SET bulk = NULL WHERE id = 1")
        inserted.count = conn.execute(
            "INSERT INTO audit (batch_id, operator, table_name, row_id, action) "  # noqa: S608 (checked above)
            f"SELECT c.batch_id, c.operator, ?, t.id, 'insert' FROM {table} t, audit_context c "
            "WHERE c.id = 1 AND t.id > ? ORDER BY t.id",
            [table, largest],
        ).rowcount
        if table == "training" and inserted.count:
            conn.execute(ADD_HOURS_ABOVE, [largest])
        if table in number_search.INDEXES and inserted.count:
            number_search.index_above(conn, table, largest)
