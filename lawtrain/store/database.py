"""Opening the register: the file readable by its owner only, the pragmas, the migrations."""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from ..settings import Settings, load_settings, settings_path_for
from .schema import REBUILD_HOURS, migrate, run_script

DEFAULT_DB = Path("data") / "lawtrain.db"


def default_operator() -> str:
    return os.environ.get("LAWTRAIN_OPERATOR") or getpass.getuser()


def _create_private(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite opens it (SQLite gives -wal and -shm
    the same permissions as the database)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path) -> Database:
    """A sqlite-utils Database with foreign keys, WAL and a busy timeout; schema up to date."""
    if str(path) != ":memory:":
        _create_private(path)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    if str(path) != ":memory:":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    # 512 MB at most: a bulk import stays in memory until commit. A million training rows going into a
    # province register (an index of 7.7 million keys) spilled and re-read pages with 256 MB: 46 s
    # against 33 s. The cache only takes what a command touches.
    db.execute("PRAGMA cache_size = -524288")
    # Pages read through a memory map instead of copied in by read(): every check of a province
    # register together spent 0.5 s of its 4.2 s CPU copying pages (the map is capped at 2 GB).
    db.execute("PRAGMA mmap_size = 2147418112")
    db.execute("PRAGMA temp_store = MEMORY")
    migrate(db)
    return db


@dataclass
class Batch:
    """One transaction's record in `batches`; counts go into its summary."""

    id: int
    kind: str
    counts: dict[str, int | str] = field(default_factory=dict)


class Store:
    """The register: a database, the settings that govern it and who is working on it.

    The CLI, the TUI and the tests build one and hand it to the core functions.
    """

    def __init__(self, path: Path | str, settings: Settings | None = None, operator: str | None = None):
        self.path = Path(path)
        self.settings = settings if settings is not None else load_settings(settings_path_for(self.path))
        self.operator = operator or default_operator()
        self.db = connect(self.path)
        self._sync_excluded_categories()

    def close(self) -> None:
        self.db.close()

    def another(self) -> Store:
        """A second connection to the same register, for work in another thread: while a worker
        writes through it, readers on this one keep seeing only committed records."""
        return Store(self.path, settings=self.settings, operator=self.operator)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self, kind: str, source: str | None = None) -> Iterator[Batch]:
        """One transaction and one batch: every change inside is audited under the batch's id.
        An exception rolls all of it back, the batch row included."""
        with self.db.atomic():
            batch_id = self.db.execute(
                "INSERT INTO batches (kind, source, operator) VALUES (?, ?, ?)", [kind, source, self.operator]
            ).lastrowid
            self.db.execute(
                "UPDATE audit_context SET batch_id = ?, operator = ? WHERE id = 1", [batch_id, self.operator]
            )
            batch = Batch(batch_id, kind)
            try:
                yield batch
            finally:
                self.db.execute(
                    "UPDATE audit_context SET batch_id = NULL, operator = NULL, bulk = NULL WHERE id = 1"
                )
            self.db.execute(
                "UPDATE batches SET summary = ? WHERE id = ?",
                [json.dumps(batch.counts, ensure_ascii=False), batch_id],
            )

    def unit_id(self, name: str) -> int:
        """The id of a unit, creating it when new (inside the caller's batch)."""
        row = self.db.execute("SELECT id FROM units WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        kind = "乡镇" if name.endswith(("镇人民政府", "乡人民政府", "街道办事处")) else "部门"
        return self.db.execute("INSERT INTO units (name, kind) VALUES (?, ?)", [name, kind]).lastrowid

    def count(self, table: str) -> int:
        return self.db[table].count

    def _sync_excluded_categories(self) -> None:
        """Keep the table the hours triggers read equal to the settings; rebuild the sums on change."""
        wanted = set(self.settings.training.excluded_categories)
        stored = {row[0] for row in self.db.execute("SELECT category FROM excluded_categories")}
        if wanted == stored:
            return
        with self.db.atomic():
            self.db.execute("DELETE FROM excluded_categories")
            self.db.conn.executemany(
                "INSERT INTO excluded_categories VALUES (?)", [(c,) for c in sorted(wanted)]
            )
            run_script(self.db, REBUILD_HOURS)
