"""A county's register, opened to be rolled up: read-only, checked, and copied so it can be read as
this version of lawtrain writes registers.

The file itself is opened read-only (SQLite `mode=ro`; `immutable=1` where even that cannot work, as
on a read-only medium) and only read, by SQLite's online backup, into a private temporary copy beside
the city's register. An
older register (fewer migrations) has its copy brought up to date by the migrations; a newer one (a
migration this version does not know) and a file that is not a lawtrain register are refused with
one line. The roll-up then reads the copy, attached to the city's connection.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from ..settings import SettingsError, load_settings, settings_path_for
from ..store.county_schema import UNNAMED_OWN_COUNTY
from ..store.schema import migrate, migration_names, migrations


class RollupError(ValueError):
    """A county register that cannot be rolled up (unreadable, refused, unnamed); nothing changed."""


@dataclass(frozen=True)
class CountyFile:
    path: Path  # the county's file, as the clerk named it (resolved)
    copy: Path  # the private copy the roll-up reads, at this version's schema
    migrated: bool  # the file was written by an older version and its copy was brought up to date
    own_name: str | None  # the jurisdiction the file records for itself (a register of this version)


def _not_register(path: Path) -> RollupError:
    return RollupError(f"{path.name} 不是 lawtrain 登记簿 (数据库文件或其备份)，未做任何改动")


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path))}"
    for mode in ("mode=ro", "immutable=1"):  # immutable: a WAL register where its -shm cannot be made
        conn = sqlite3.connect(f"{uri}?{mode}", uri=True)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            failure = exc
        except sqlite3.DatabaseError:  # not a database at all
            conn.close()
            raise _not_register(path) from None
    raise RollupError(f"{path.name} 无法读取: {failure}；未做任何改动")


def _applied(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The lawtrain migrations the file has; RollupError when it is not a lawtrain register."""
    try:
        rows = conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [migrations.name]
        ).fetchall()
    except sqlite3.DatabaseError:
        raise _not_register(path) from None
    if not rows:
        raise _not_register(path)
    return [row[0] for row in rows]


@contextmanager
def county_file(path: Path, city: Path) -> Iterator[CountyFile]:
    """The county register at `path` as a private, up-to-date copy, removed on leaving."""
    if not path.is_file():
        raise RollupError(f"找不到文件 {path}")
    if city.exists() and path.resolve() == city.resolve():
        raise RollupError("不能把登记簿汇总到它自己")
    # Beside the city's register (the disk that holds the register's data, not a shared /tmp), in a
    # folder only its owner can read: the copy holds personal data. Removed on leaving.
    folder = Path(
        tempfile.mkdtemp(prefix=".lawtrain-rollup-", dir=city.parent if city.parent.is_dir() else None)
    )
    try:
        copy = folder / "county.db"
        migrated = _copy(path, copy)
        yield CountyFile(path.resolve(), copy, migrated, _own_name(copy))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy(path: Path, copy: Path) -> bool:
    """Copy the register at `path` into `copy` and bring the copy up to date; True when it was older."""
    known = migration_names()
    source = _open_read_only(path)
    try:
        applied = _applied(source, path)
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise RollupError(
                f"{path.name} 由更新版本的 lawtrain 建立 (本程序不认识其数据结构 {unknown[0]})；"
                "请先升级本程序，未做任何改动"
            )
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.DatabaseError as exc:
        raise RollupError(f"{path.name} 无法读取: {exc}；未做任何改动") from None
    finally:
        source.close()
    if len(applied) == len(known):
        return False
    db = Database(sqlite3.connect(copy))
    try:
        migrate(db)
    finally:
        db.close()
    return True


def _own_name(copy: Path) -> str | None:
    conn = sqlite3.connect(copy)
    try:
        row = conn.execute("SELECT name FROM counties WHERE id = 1").fetchone()
    finally:
        conn.close()
    return row[0] if row and row[0] and row[0] != UNNAMED_OWN_COUNTY else None


def county_name(option: str | None, county: CountyFile, city_settings: Path) -> str:
    """The county's name: --county, else the jurisdiction of the settings beside the file (when they
    are not the city's own), else the jurisdiction the file records for itself."""
    if option is not None and option.strip():
        return option.strip()
    beside = settings_path_for(county.path)
    if beside.exists() and beside.resolve() != city_settings.resolve():
        try:
            name = load_settings(beside).jurisdiction.name
        except SettingsError as exc:
            raise RollupError(str(exc)) from None
        if name:
            return name
    if county.own_name:
        return county.own_name
    raise RollupError(
        f"无法确定 {county.path.name} 所属的区县：请用 --county 指定，"
        f"或在该文件旁的 settings.toml 中设置辖区名称 (lawtrain --db {county.path.name} setup --name …)"
    )
