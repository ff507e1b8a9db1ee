"""A consistent copy of the register through SQLite's online backup, safe while the app is open."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from .database import Store
from .failures import DISK, FULL, READ_ONLY, kind_of

# Why the copy could not be written, when the fault is the target's (a damaged register is the
# register's, and is told as such by whoever catches it).
_TARGET_FAULTS = {
    FULL: "磁盘已满。请清理磁盘空间，或备份到其他磁盘",
    READ_ONLY: "文件夹是只读的，或当前用户没有写入权限。请换一个文件夹",
    DISK: "磁盘读写出错。请检查磁盘、U 盘或网络盘是否连接正常",
}


class BackupError(ValueError):
    """The copy could not be made; the message says why, in Chinese."""


def backup(store: Store, target: Path) -> Path:
    """Copy the whole database into `target` (created 0600; an existing file is replaced). A target
    that cannot be written raises BackupError, leaving no partial copy behind."""
    if target.resolve() == store.path.resolve():
        raise BackupError("备份文件不能是数据库本身")
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        dest = sqlite3.connect(tmp)
        try:
            store.db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        fault = _TARGET_FAULTS.get(kind_of(exc) or "")
        if fault is None and isinstance(exc, sqlite3.Error):
            raise  # the register's own fault (damaged): told as such where it is caught
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise BackupError(
            f"无法写入备份文件 {target}：{fault or exc.strerror}；登记簿没有任何改动。"
        ) from exc
    return target
