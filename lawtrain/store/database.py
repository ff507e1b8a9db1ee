"""Opening the register: the file readable by its owner only, the pragmas, the migrations; and the one
way to change it (`Store.writing`, `Store.batch`): the write lock taken first, waiting for another
writer, all or nothing, a storage failure told in one line (store.failures)."""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from ..settings import Settings, load_settings, settings_path_for
from .counties import own_county_named, sync_own_county
from .failures import FOREIGN, StorageError, classify
from .schema import REBUILD_HOURS, migrations
from .script import run_script
from .writelock import take_write_lock

DEFAULT_DB = Path("data") / "lawtrain.db"
BUSY_TIMEOUT_MS = 10_000  # how long a read waits for SQLite's own locks (in WAL mode readers rarely do)


def default_operator() -> str:
    return os.environ.get("LAWTRAIN_OPERATOR") or getpass.getuser()


def _create_private(path: Path) -> None:
    """Create the database file with mode 0600 before SQLite opens it (SQLite gives -wal and -shm
    the same permissions as the database). An existing file loses any permission for others but is
    never made writable: a register its owner made read-only stays read-only (and opens for reading).
    A file that cannot be changed (another user's, a read-only disk) is opened as it is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        found = os.stat(path)
        if stat.S_ISREG(found.st_mode) and found.st_mode & 0o077:
            with suppress(OSError):
                os.chmod(path, stat.S_IMODE(found.st_mode) & 0o700)


def _lawtrain_or_new(db: Database) -> bool:
    """True for an empty database (a new register) and for one lawtrain's migrations built; False for
    the database of another program, which is never migrated. Reading the schema is also where a file
    that is not a database, or a damaged one, is found out."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return True
    if migrations.migrations_table not in tables:
        return False
    mine = f"SELECT 1 FROM {migrations.migrations_table} WHERE migration_set = ? LIMIT 1"  # noqa: S608 (sqlite-utils' name)
    try:
        return db.execute(mine, [migrations.name]).fetchone() is not None
    except sqlite3.OperationalError:  # a table of that name without sqlite-utils' columns
        return False


def connect(path: Path) -> Database:
    """A sqlite-utils Database with foreign keys, WAL and a busy timeout (the schema is the Store's
    business). Raises StorageError when the file cannot be created or opened, is not a database or is
    another program's."""
    memory = str(path) == ":memory:"
    conn = None
    try:
        if not memory:
            _create_private(path)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not _lawtrain_or_new(db):
            raise StorageError(FOREIGN, path)
        if not memory:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        # 512 MB at most: a bulk import stays in memory until commit. A million training rows going into
        # a province register (an index of 7.7 million keys) spilled and re-read pages with 256 MB: 46 s
        # against 33 s. The cache only takes what a command touches.
        db.execute("PRAGMA cache_size = -524288")
        # Pages read through a memory map instead of copied in by read(): every check of a province
        # register together spent 0.5 s of its 4.2 s CPU copying pages (the map is capped at 2 GB).
        db.execute("PRAGMA mmap_size = 2147418112")
        db.execute("PRAGMA temp_store = MEMORY")
        return db
    except (sqlite3.Error, OSError, StorageError) as exc:
        if conn is not None:
            conn.close()
        failure = classify(exc, path, BUSY_TIMEOUT_MS / 1000)
        if failure is None or failure is exc:
            raise
        raise failure from exc


@dataclass
class Batch:
    """One transaction's record in `batches`; counts go into its summary."""

    id: int
    kind: str
    counts: dict[str, int | str] = field(default_factory=dict)


class Store:
    """The register: a database, the settings that govern it and who is working on it.

    The CLI, the TUI and the tests build one and hand it to the core functions. `waiting` is told once
    (WAITING_LINE) when a change has to wait for another program's; `patience` is how many seconds
    it waits before giving up (settings: storage.busy_wait_seconds).
    """

    def __init__(
        self,
        path: Path | str,
        settings: Settings | None = None,
        operator: str | None = None,
        waiting: Callable[[str], None] | None = None,
    ):
        self.path = Path(path)
        self.settings = settings if settings is not None else load_settings(settings_path_for(self.path))
        self.operator = operator or default_operator()
        self.waiting = waiting
        self.patience = float(self.settings.storage.busy_wait_seconds)
        self.db = connect(self.path)
        try:
            self._bring_up_to_date()
        except BaseException:
            self.db.close()
            raise

    @property
    def settings_path(self) -> Path:
        """The settings file beside the register (`lawtrain setup` and the app's first-run form write it)."""
        return settings_path_for(self.path)

    def close(self) -> None:
        self.db.close()

    def another(self, waiting: Callable[[str], None] | None = None) -> Store:
        """A second connection to the same register, for work in another thread: while a worker
        writes through it, readers on this one keep seeing only committed records."""
        return Store(self.path, settings=self.settings, operator=self.operator, waiting=waiting)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction: the write lock taken first (waiting for another writer, see
        store.writelock), committed at the end, rolled back entirely on any exception. A storage
        failure is raised as a StorageError: the register is as it was before. Inside another
        transaction, a savepoint of it."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        try:
            take_write_lock(conn, self.path, self.patience, self.waiting, BUSY_TIMEOUT_MS)
            try:
                yield
                conn.execute("COMMIT")
            except BaseException:
                _roll_back(conn)
                raise
        except Exception as exc:
            failure = classify(exc, self.path, BUSY_TIMEOUT_MS / 1000)
            if failure is None or failure is exc:
                raise
            raise failure from exc

    @contextmanager
    def batch(self, kind: str, source: str | None = None) -> Iterator[Batch]:
        """One transaction and one batch: every change inside is audited under the batch's id.
        An exception rolls all of it back, the batch row included."""
        with self.writing():
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
        """The id of a unit of the register's own jurisdiction, creating it when new (inside the
        caller's batch). Units of counties rolled up into the register come only from their registers."""
        row = self.db.execute("SELECT id FROM units WHERE county_id = 1 AND name = ?", [name]).fetchone()
        if row:
            return row[0]
        kind = "乡镇" if name.endswith(("镇人民政府", "乡人民政府", "街道办事处")) else "部门"
        return self.db.execute("INSERT INTO units (name, kind) VALUES (?, ?)", [name, kind]).lastrowid

    def count(self, table: str) -> int:
        return self.db[table].count

    def _bring_up_to_date(self) -> None:
        """Apply pending migrations, keep the table the hours triggers read equal to the settings
        (rebuilding the sums on a change) and the own county named after them; only when there is
        something to write, so that a register the clerk may only read opens for reading. Each
        migration is one transaction with the record of it: an upgrade interrupted by a full disk
        leaves the register at the last version it completed, never halfway through one."""
        wanted = self.settings.excluded_periods()  # the excluded categories of every span of years
        pending = migrations.pending(self.db)
        for index, migration in enumerate(pending):
            later = [m.name for m in pending[index + 1 :]]
            if migration.transactional:
                with self.writing():
                    migrations.apply(self.db, stop_before=later)
            else:  # it runs its own transaction (a table rebuild with foreign keys off)
                migrations.apply(self.db, stop_before=later)
        if self._stored_periods() != wanted:
            with self.writing():
                self.db.execute("DELETE FROM excluded_categories")
                self.db.conn.executemany("INSERT INTO excluded_categories VALUES (?, ?, ?)", wanted)
                run_script(self.db, REBUILD_HOURS)
        if not own_county_named(self.db, self.settings):
            with self.writing():
                sync_own_county(self.db, self.settings)

    def _stored_periods(self) -> list[tuple[str, int, int]]:
        return self.db.execute(
            "SELECT category, first_year, last_year FROM excluded_categories ORDER BY 1, 2, 3"
        ).fetchall()


def _roll_back(conn: sqlite3.Connection) -> None:
    """Roll back what is left of the transaction (SQLite may have rolled it back itself after a full
    disk or an I/O error); a failure to do so leaves the first error to be reported."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass
