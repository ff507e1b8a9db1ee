"""Set-based inserts of many rows, audited in one statement instead of one trigger call per row.

A row trigger costs ~4 µs a row however little it does; an import of a million training records
spent 5–6 s in it. Inside `logged_inserts(conn, table)` the table's insert trigger is held back
(`audit_context.bulk` names the table, migration m004) and, on leaving, one INSERT … SELECT logs every
row with an id above the largest before, under the batch and operator of `audit_context`: the same
audit rows the trigger writes. Updates and deletes still go through their triggers.

Rows get ids above the largest (INTEGER PRIMARY KEY without AUTOINCREMENT), and only the caller's
statements insert into the table meanwhile (one connection, inside its batch), so exactly the rows
inserted are logged, even when a statement fails and SQLite takes its rows back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .schema import AUDITED


@dataclass
class Logged:
    """`largest`: the table's largest id before the block (the rows it inserts have higher ones);
    `inserted`: how many rows it inserted (and logged), known on leaving it."""

    largest: int
    inserted: int = 0


@contextmanager
def logged_inserts(conn: sqlite3.Connection, table: str) -> Iterator[Logged]:
    """Run set-based inserts into `table` inside; every row they insert is audited on leaving."""
    if table not in AUDITED:
        raise ValueError(f"not an audited table: {table!r}")
    largest = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]  # noqa: S608 (checked above)
    logged = Logged(largest)
    conn.execute("UPDATE audit_context SET bulk = ? WHERE id = 1", [table])
    try:
        yield logged
    finally:
        conn.execute("UPDATE audit_context SET bulk = NULL WHERE id = 1")
        logged.inserted = conn.execute(
            "INSERT INTO audit (batch_id, operator, table_name, row_id, action) "  # noqa: S608 (checked above)
            f"SELECT c.batch_id, c.operator, ?, t.id, 'insert' FROM {table} t, audit_context c "
            "WHERE c.id = 1 AND t.id > ? ORDER BY t.id",
            [table, largest],
        ).rowcount
