"""Undo a batch exactly, from the audit log: inserted rows removed, updated rows restored,
deleted rows put back. The undo is itself a batch, audited like any other. The number search index
follows in two statements instead of one per row (store.number_search)."""

from __future__ import annotations

import json
import sqlite3

from .database import Store
from .number_search import changed_by_undo, reindexing
from .schema import AUDITED


class UndoError(Exception):
    """A batch that cannot be undone; the message says why, in Chinese."""


def later_conflicts(store: Store, batch_id: int) -> list[int]:
    """Batches after this one that changed the same records, leaving out batches since undone and
    the undos of later batches (the two cancel out)."""
    rows = store.db.execute(
        """
        SELECT DISTINCT later.batch_id FROM audit AS mine
        JOIN audit AS later ON later.table_name = mine.table_name AND later.row_id = mine.row_id
        JOIN batches AS b ON b.id = later.batch_id
        WHERE mine.batch_id = ? AND later.batch_id > ? AND b.undone_by IS NULL AND COALESCE(b.undoes, 0) <= ?
        ORDER BY later.batch_id
        """,
        [batch_id, batch_id, batch_id],
    ).fetchall()
    return [row[0] for row in rows]


def undo_batch(store: Store, batch_id: int, force: bool = False) -> int:
    """Revert batch `batch_id`; returns the id of the undo batch."""
    batch = store.db.execute(
        "SELECT kind, undone_by, undoes FROM batches WHERE id = ?", [batch_id]
    ).fetchone()
    if batch is None:
        raise UndoError(f"没有编号为 {batch_id} 的批次")
    if batch[1] is not None:
        raise UndoError(f"批次 {batch_id} 已经被批次 {batch[1]} 撤销")
    if batch[2] is not None:
        raise UndoError(f"批次 {batch_id} 本身是撤销操作，不能再撤销；请重新导入")
    conflicts = later_conflicts(store, batch_id)
    if conflicts and not force:
        names = "、".join(str(c) for c in conflicts)
        raise UndoError(f"批次 {batch_id} 之后的批次 {names} 修改了同样的记录；确需撤销请加 --force")
    changes = store.db.execute(
        "SELECT table_name, row_id, action, before FROM audit WHERE batch_id = ? ORDER BY id DESC", [batch_id]
    ).fetchall()
    touched = changed_by_undo(store.db.conn, batch_id)
    try:
        with store.batch("undo", f"撤销批次 {batch_id}") as undo, reindexing(store.db.conn, touched):
            for table, row_id, action, before in changes:
                if action == "insert":
                    store.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])  # noqa: S608 (known table)
                else:
                    _write(store, table, json.loads(before), replace=action == "delete")
            store.db.execute("UPDATE batches SET undoes = ? WHERE id = ?", [batch_id, undo.id])
            store.db.execute("UPDATE batches SET undone_by = ? WHERE id = ?", [undo.id, batch_id])
            undo.counts["reverted"] = len(changes)
    except sqlite3.IntegrityError as exc:
        raise UndoError(
            f"批次 {batch_id} 建立的记录已被其他记录引用，无法撤销 ({exc})；没有做任何改动"
        ) from exc
    return undo.id


def _write(store: Store, table: str, row: dict, replace: bool) -> None:
    columns = ["id", *AUDITED[table]]
    values = [row.get(column) for column in columns]
    if replace:
        marks = ", ".join("?" for _ in columns)
        store.db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)  # noqa: S608
    else:
        sets = ", ".join(f"{column} = ?" for column in columns[1:])
        store.db.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values[1:], row["id"]])  # noqa: S608
