"""What the storage-failure tests share: a register built from the sample roster, everything it holds
(to compare before and after), another program holding its write lock, and `lawtrain` run as a
process for which file permissions apply (as root, they do not: see unprivileged)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lawtrain.importing import import_file
from lawtrain.settings import Settings
from lawtrain.store import Store

from .conftest import DATA, SAMPLE_FILES, SAMPLE_TODAY

ROSTER, TRAINING = SAMPLE_FILES[0], SAMPLE_FILES[1]


def roster_register(path: Path) -> Path:
    """A register holding the sample roster (one batch), closed (its log folded into the file)."""
    with Store(path, settings=Settings(), operator="测试员") as store:
        import_file(store, DATA / ROSTER, today=SAMPLE_TODAY, errors_out=None)
    return path


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (the schema included), to compare a register before and after."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found = {"sqlite_master": conn.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()}
        for table in tables:
            found[table] = sorted(conn.execute(f'SELECT * FROM "{table}"'), key=repr)  # noqa: S608
        return found
    finally:
        conn.close()


@contextmanager
def write_lock_held(path: Path) -> Iterator[threading.Event]:
    """Another program's connection holding the register's write lock until the block ends, or until
    the event yielded is set (then it commits nothing and lets go)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    release = threading.Event()
    holder = threading.Thread(target=lambda: (release.wait(), conn.rollback(), conn.close()))
    holder.start()
    try:
        yield release
    finally:
        release.set()
        holder.join()


def settings_beside(db: Path, text: str) -> None:
    (db.parent / "settings.toml").write_text(text, encoding="utf-8")


def unprivileged() -> list[str] | None:
    """The prefix that runs a command for which file permissions apply: nothing for a normal user; as
    root, `unshare --user` (a new user namespace keeps root's identity but none of its power over the
    files outside it). None when neither is possible."""
    if os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "--user", "true"], capture_output=True, check=False)
    return ["unshare", "--user"] if probe.returncode == 0 else None


def run_unprivileged(prefix: list[str], db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`lawtrain --db DB ARGS` as a process run through `prefix` (see unprivileged), in DB's folder's parent."""
    env = {**os.environ, "LAWTRAIN_OPERATOR": "测试员", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "lawtrain", "--db", str(db), *args],
        capture_output=True, text=True, env=env, cwd=db.parent.parent, check=False, timeout=120,
    )  # fmt: skip
