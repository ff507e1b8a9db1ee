"""The city bureau's register: counties' registers rolled up into one (`lawtrain rollup add`).

`add_county(store, path)` makes the register's copy of one county exactly equal to the county's own
register (or its backup): everything of that county comes in, in one transaction and one batch
(history, undo), audited like every batch; adding it again from a newer file inserts what is new,
updates what changed, deletes what the county no longer lists and leaves the rest. UI-free: the
CLI, the app and the tests call it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..store import Store
from ..store.counties import own_county_name
from .claims import (
    CERTIFICATE,
    CONFLICT,
    TRANSFER,
    Claim,
    claims,
    record_claims,
    settle_certificates,
    settle_officers,
)
from .mirror import CERTIFICATES, OFFICERS, RECORDS, UNITS, Counts, Mirroring
from .source import CountyFile, RollupError, county_file, county_name

_MAPS = """
DROP TABLE IF EXISTS temp.u_map; DROP TABLE IF EXISTS temp.o_map; DROP TABLE IF EXISTS temp.c_map;
DROP TABLE IF EXISTS temp.o_lost; DROP TABLE IF EXISTS temp.c_lost;
CREATE TEMP TABLE u_map (src INTEGER PRIMARY KEY, city INTEGER NOT NULL UNIQUE);
CREATE TEMP TABLE o_map (src INTEGER PRIMARY KEY, city INTEGER NOT NULL UNIQUE);
CREATE TEMP TABLE c_map (src INTEGER PRIMARY KEY, city INTEGER NOT NULL UNIQUE);
CREATE TEMP TABLE o_lost (id_number TEXT PRIMARY KEY);
CREATE TEMP TABLE c_lost (number TEXT PRIMARY KEY);
"""
# county id -> city id, once the city holds the county's rows.
_FILL_MAPS = {
    "u_map": "SELECT x.id, t.id FROM src.units x JOIN units t ON t.county_id = :county AND t.name = x.name "
    "WHERE x.county_id = 1",
    "o_map": "SELECT x.id, t.id FROM src.officers x JOIN temp.u_map um ON um.src = x.unit_id "
    "JOIN officers t ON t.id_number = x.id_number WHERE x.id_number NOT IN (SELECT id_number FROM temp.o_lost)",
    "c_map": "SELECT x.id, t.id FROM src.certificates x JOIN temp.o_map m ON m.src = x.officer_id "
    "JOIN certificates t ON t.number = x.number WHERE x.number NOT IN (SELECT number FROM temp.c_lost)",
}


@dataclass
class RollupResult:
    county: str
    file: str
    batch: int | None  # None on a dry run
    migrated: bool  # the file came from an older version and was read through the migrations
    tables: dict[str, Counts]
    transfers: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    changed: bool = True  # False: the register already equals the file, and nothing was written

    @property
    def totals(self) -> Counts:
        total = Counts()
        for counts in self.tables.values():
            total.add(counts)
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            "county": self.county,
            "file": self.file,
            "batch": self.batch,
            **asdict(self.totals),
            "transfers": self.transfers,
            "conflicts": self.conflicts,
            "tables": {table: asdict(counts) for table, counts in self.tables.items()},
            "dry_run": self.dry_run,
            "changed": self.changed,
            "migrated": self.migrated,
        }


class _DryRun(Exception):
    """Raised inside the batch of a dry run: everything it did is rolled back."""


def add_county(
    store: Store,
    path: Path,
    county: str | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> RollupResult:
    """Roll the county register at `path` up into `store` as county `county` (else the name its
    settings or the file give). RollupError, with nothing changed, when it cannot."""
    with county_file(path, store.path) as source:
        name = county_name(county, source, store.settings_path)
        if name == own_county_name(store.settings):
            raise RollupError(f"“{name}”是本登记簿自己的辖区；请用 --county 指定被汇总区县的名称")
        conn = store.db.conn
        conn.execute("ATTACH DATABASE ? AS src", [str(source.copy)])
        try:
            return _mirror(store, source, name, dry_run, progress or (lambda step: None))
        finally:
            for table in ("u_map", "o_map", "c_map", "o_lost", "c_lost", "e_src", "e_city"):
                conn.execute(f"DROP TABLE IF EXISTS temp.{table}")  # noqa: S608 (our own names)
            conn.execute("DETACH DATABASE src")


def _mirror(
    store: Store, source: CountyFile, name: str, dry_run: bool, progress: Callable[[str], None]
) -> RollupResult:
    conn = store.db.conn
    result: RollupResult | None = None
    try:
        with store.batch("rollup", f"{name}：{source.path}") as batch:
            county, before = _county_row(conn, name)
            mirroring = Mirroring(conn, county, batch.id)
            for statement in _MAPS.split(";")[:-1]:  # not executescript, which would commit the batch
                conn.execute(statement)
            values = {"county": county}
            progress("单位")
            mirroring.upsert(UNITS)
            conn.execute(f"INSERT INTO temp.u_map {_FILL_MAPS['u_map']}", values)  # noqa: S608
            progress("人员")
            found = settle_officers(conn, county)
            mirroring.upsert(OFFICERS)
            conn.execute(f"INSERT INTO temp.o_map {_FILL_MAPS['o_map']}")  # noqa: S608
            progress("证件")
            found += settle_certificates(conn, county)
            mirroring.upsert(CERTIFICATES)
            conn.execute(f"INSERT INTO temp.c_map {_FILL_MAPS['c_map']}")  # noqa: S608
            mirroring.events()
            for mirror in RECORDS:
                progress({"training": "培训记录", "exams": "考试", "appraisals": "考核", "reviews": "年审",
                          "advisers": "法律顾问"}[mirror.table])  # fmt: skip
                mirroring.upsert(mirror)
            progress("删除该区县不再登记的记录")
            for mirror in (*RECORDS, CERTIFICATES, OFFICERS, UNITS):
                mirroring.delete(mirror)
            claim_changes = record_claims(conn, county, found, batch.id)
            conn.execute(
                "UPDATE counties SET source = ?, batch_id = ? WHERE id = ?",
                [str(source.path), batch.id, county],
            )
            listed = claims(conn, county)
            totals = mirroring.total()
            changed = bool(totals.inserted or totals.updated or totals.deleted or claim_changes)
            changed = changed or before != str(source.path)
            result = RollupResult(
                name, str(source.path), batch.id if changed and not dry_run else None, source.migrated,
                mirroring.tables, [c for c in listed if c["kind"] == TRANSFER],
                [c for c in listed if c["kind"] != TRANSFER], dry_run, changed,
            )  # fmt: skip
            batch.counts.update(
                inserted=totals.inserted, updated=totals.updated, deleted=totals.deleted,
                unchanged=totals.unchanged, transfers=len(result.transfers), conflicts=len(result.conflicts),
            )  # fmt: skip
            if dry_run or not changed:  # nothing to keep: not even the batch
                raise _DryRun
    except _DryRun:
        pass
    assert result is not None
    return result


def _county_row(conn: sqlite3.Connection, name: str) -> tuple[int, str | None]:
    """The county's id (a new row for a county added the first time) and the file it was last added from."""
    row = conn.execute("SELECT id, source FROM counties WHERE name = ?", [name]).fetchone()
    if row:
        return row[0], row[1]
    return conn.execute("INSERT INTO counties (name) VALUES (?)", [name]).lastrowid, None


__all__ = [
    "CERTIFICATE", "CONFLICT", "TRANSFER", "Claim", "CountyFile", "RollupError", "RollupResult", "add_county",
    "claims",
]  # fmt: skip
