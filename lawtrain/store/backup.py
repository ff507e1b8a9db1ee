"""A consistent copy of the register through SQLite's online backup, safe while the app is open."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .database import Store


def backup(store: Store, target: Path) -> Path:
    """Copy the whole database into `target` (created 0600; an existing file is replaced)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.resolve() == store.path.resolve():
        raise ValueError("备份文件不能是数据库本身")
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    dest = sqlite3.connect(tmp)
    try:
        store.db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    os.replace(tmp, target)
    return target
