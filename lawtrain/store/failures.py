"""Why the register could not be opened or written, in one line the clerk can act on.

A full disk, a read-only file or folder, another program holding the write lock past the wait, a file
that is not a lawtrain register or is damaged: each becomes a StorageError whose message says which,
names the file and says what to do. The command line prints it and exits 3; the app shows it as a
notification. Every change is one transaction (Store.writing), so a failure changes nothing and the
line can say so.

The one place that tells these apart: SQLite's result codes (Python 3.11's `sqlite_errorcode`), its
messages when an error carries no code, and the errno of the OSError met when creating the file.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

FULL = "full"
READ_ONLY = "read-only"
BUSY = "busy"
NOT_A_REGISTER = "not-a-register"  # not a database, damaged, or a folder
FOREIGN = "foreign"  # an SQLite database of another program
DISK = "disk"  # a read or write the disk refused (a removed drive, a lost network share)

# SQLite's primary result codes (the low byte of an extended code) -> kind.
_CODES = {
    sqlite3.SQLITE_FULL: FULL,
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_CANTOPEN: READ_ONLY,
    sqlite3.SQLITE_PERM: READ_ONLY,
    sqlite3.SQLITE_AUTH: READ_ONLY,
    sqlite3.SQLITE_BUSY: BUSY,
    sqlite3.SQLITE_LOCKED: BUSY,
    sqlite3.SQLITE_NOTADB: NOT_A_REGISTER,
    sqlite3.SQLITE_CORRUPT: NOT_A_REGISTER,
    sqlite3.SQLITE_IOERR: DISK,
}
# The same, by message, for an error that carries no code.
_MESSAGES = (
    ("database or disk is full", FULL),
    ("attempt to write a readonly database", READ_ONLY),
    ("unable to open database file", READ_ONLY),
    ("database is locked", BUSY),
    ("database table is locked", BUSY),
    ("file is not a database", NOT_A_REGISTER),
    ("database disk image is malformed", NOT_A_REGISTER),
    ("disk i/o error", DISK),
)
_ERRNOS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EFBIG: FULL,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.EROFS: READ_ONLY,
    errno.EISDIR: NOT_A_REGISTER,
    errno.ENOTDIR: NOT_A_REGISTER,
    errno.EIO: DISK,
}

_NOTHING_CHANGED = "登记簿没有任何改动。"


class StorageError(Exception):
    """The register could not be opened or written; str() is the one line to show."""

    def __init__(self, kind: str, path: Path | str, waited: float = 0.0) -> None:
        self.kind, self.path, self.waited = kind, Path(path), waited
        super().__init__(self.line())

    def line(self) -> str:
        path = self.path
        if self.kind == FULL:
            return f"无法写入登记簿 {path}：磁盘已满。请清理磁盘空间后重试；{_NOTHING_CHANGED}"
        if self.kind == READ_ONLY:
            return (f"无法写入登记簿 {path}：文件或所在的文件夹是只读的，或当前用户没有写入权限。"
                    f"请检查文件和文件夹的权限后重试；{_NOTHING_CHANGED}")  # fmt: skip
        if self.kind == BUSY:
            waited = f"（已等待 {round(self.waited):,} 秒）" if self.waited >= 1 else ""
            return (f"无法写入登记簿 {path}：另一个程序正在写入它{waited}。"
                    f"请等它完成，或关闭正在使用登记簿的程序后重试；{_NOTHING_CHANGED}")  # fmt: skip
        if self.kind == FOREIGN:
            return (f"无法打开登记簿 {path}：这是另一个程序的 SQLite 数据库，不是 lawtrain 登记簿。"
                    "请用 --db 指定正确的登记簿文件；该文件没有任何改动。")  # fmt: skip
        if self.kind == NOT_A_REGISTER:
            return (f"无法打开登记簿 {path}：它不是 lawtrain 登记簿，或文件已损坏。"
                    "请从备份恢复（lawtrain backup 生成的文件），或用 --db 指定正确的登记簿文件；该文件没有任何改动。")  # fmt: skip
        return (f"无法读写登记簿 {path}：磁盘读写出错。请检查磁盘、U 盘或网络盘是否连接正常，必要时从备份恢复；"
                "本次操作没有完成。")  # fmt: skip


def kind_of(exc: BaseException) -> str | None:
    """The kind of storage failure `exc` is, or None when it is none (a constraint, a bug...)."""
    if isinstance(exc, StorageError):
        return exc.kind
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and (code & 0xFF) in _CODES:
            return _CODES[code & 0xFF]
        text = str(exc).lower()
        return next((kind for message, kind in _MESSAGES if message in text), None)
    if isinstance(exc, OSError):
        return _ERRNOS.get(exc.errno)
    return None


def classify(exc: BaseException, path: Path | str, waited: float = 0.0) -> StorageError | None:
    """`exc` as a StorageError about the register at `path`, or None when it is no storage failure.
    `waited`: how long a busy register was waited for (the busy timeout of the connection)."""
    if isinstance(exc, StorageError):
        return exc
    kind = kind_of(exc)
    if kind is None:
        return None
    if kind == READ_ONLY and Path(path).is_dir():
        kind = NOT_A_REGISTER  # "unable to open database file": --db names a folder
    return StorageError(kind, path, waited)
