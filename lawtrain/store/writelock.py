"""Taking the register's write lock, waiting for another writer instead of failing on it.

SQLite lets one connection write at a time. A connection that only relies on its busy timeout learns
at the end of it that it waited in vain, and a transaction that read first may be refused outright when
it starts to write. So every change begins with BEGIN IMMEDIATE, which takes the write lock before
anything is read or written. It is tried for a second in silence (another program's short save passes
unnoticed); while the lock is still taken, `waiting` is told once and the attempts go on, a second
each, until `patience` seconds have passed. Nothing has been written meanwhile, so giving up leaves
the register exactly as it was.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from .failures import BUSY, StorageError, kind_of

WAITING_LINE = "另一项导入正在写入登记簿，等待中…"
STEP_SECONDS = 1.0


def take_write_lock(
    conn: sqlite3.Connection,
    path: Path,
    patience: float,
    waiting: Callable[[str], None] | None,
    busy_timeout_ms: int,
) -> None:
    """BEGIN IMMEDIATE on `conn`, waiting up to `patience` seconds (at least one attempt of a second)
    for another writer; raises StorageError(BUSY) when the lock is still taken. The connection's busy
    timeout is `busy_timeout_ms` again afterwards."""
    start = time.monotonic()
    told = False
    try:
        while True:
            left = patience - (time.monotonic() - start)
            step = min(STEP_SECONDS, max(left, 0)) if told else STEP_SECONDS
            conn.execute(f"PRAGMA busy_timeout = {int(step * 1000)}")
            tried = time.monotonic()
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if kind_of(exc) != BUSY:
                    raise
                waited = time.monotonic() - start
                if waited >= patience:
                    raise StorageError(BUSY, path, waited) from exc
                if not told and waiting is not None:
                    waiting(WAITING_LINE)
                told = True
                if time.monotonic() - tried < step / 2:
                    time.sleep(min(0.1, step))  # refused without waiting: a lock SQLite does not wait on
    finally:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
