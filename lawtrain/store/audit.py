"""Reading the audit log: who changed a record, when, from what to what."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from .database import Store
from .schema import AUDITED


@dataclass(frozen=True)
class Change:
    id: int
    batch_id: int | None
    operator: str | None
    at: str
    table: str
    row_id: int
    action: str  # insert / update / delete
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def history(store: Store, table: str, row_id: int) -> list[Change]:
    """Every change to one record, oldest first, with the inserted state filled in: it is the
    `before` of the next change or, when there is none, the record as it stands."""
    if table not in AUDITED:
        raise ValueError(f"unknown table {table!r}")
    rows = store.db.execute(
        "SELECT id, batch_id, operator, at, table_name, row_id, action, before, after FROM audit "
        "WHERE table_name = ? AND row_id = ? ORDER BY id",
        [table, row_id],
    ).fetchall()
    changes = [
        Change(*row[:7], json.loads(row[7]) if row[7] else None, json.loads(row[8]) if row[8] else None)
        for row in rows
    ]
    for index, change in enumerate(changes):
        if change.action == "insert" and change.after is None:
            following = changes[index + 1] if index + 1 < len(changes) else None
            after = following.before if following else _current(store, table, row_id)
            changes[index] = dataclasses.replace(change, after=after)
    return changes


def _current(store: Store, table: str, row_id: int) -> dict[str, Any] | None:
    columns = ["id", *AUDITED[table]]
    row = store.db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", [row_id]).fetchone()  # noqa: S608
    return dict(zip(columns, row, strict=True)) if row else None
