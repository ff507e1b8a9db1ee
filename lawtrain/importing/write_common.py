"""What the writers share: their result, bulk look-ups of stored rows, and officer resolution."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Any

from sqlite_utils import Database

from ..store import Store

# SQLite allows 32,766 parameters per statement; stay well below.
_MAX_PARAMS = 3000


@dataclass
class Saved:
    """What a writer did. `problems` maps the index of a record it refused to (field, message) pairs;
    a refused record is not written at all."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: dict[int, list[tuple[str, str]]] = field(default_factory=dict)

    def refuse(self, index: int, field_name: str, message: str) -> None:
        self.problems.setdefault(index, []).append((field_name, message))

    def merge(self, other: Saved, offset: int = 0) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        for index, problems in other.problems.items():
            self.problems.setdefault(index + offset, []).extend(problems)


def chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fetch_existing(
    db: Database, table: str, key_columns: Sequence[str], value_columns: Sequence[str], keys: Iterable[tuple]
) -> dict[tuple, tuple]:
    """Stored rows whose key columns equal one of `keys`: key -> (id, *values). Table and column names
    come from the writers' own constants; the keys are parameters."""
    unique = list(dict.fromkeys(keys))
    width = len(key_columns)
    found: dict[tuple, tuple] = {}
    names = ", ".join(f"k{i}" for i in range(width))
    join = " AND ".join(f"t.{column} = k.k{i}" for i, column in enumerate(key_columns))
    selected = ", ".join([*(f"t.{c}" for c in key_columns), "t.id", *(f"t.{c}" for c in value_columns)])
    for part in chunks(unique, max(_MAX_PARAMS // width, 1)):
        rows = ", ".join(["(" + ", ".join("?" * width) + ")"] * len(part))
        # All rows as one JSON array: one step of SQLite, so the GIL is released once (an import
        # validates in the other thread meanwhile), not once per row. Text and integers only: a real
        # would come back with 15 significant digits.
        sql = (
            f"WITH k({names}) AS (VALUES {rows}) "  # noqa: S608
            f"SELECT json_group_array(json_array({selected})) FROM {table} t JOIN k ON {join}"
        )
        params = [value for key in part for value in key]
        for row in json.loads(db.execute(sql, params).fetchone()[0]):
            found[tuple(row[:width])] = tuple(row[width:])
    return found


def staged_columns(width: int) -> str:
    """The column list of a staged row of `width` values: c0, c1, …"""
    return ", ".join(f"c{i}" for i in range(width))


@lru_cache(maxsize=32)
def _staged(width: int, rows: int, first: int) -> str:
    """`rows` rows of `width` parameters numbered from ?first, as a subquery of columns c0, c1, …
    Only the first is numbered: a plain ? takes the number after the largest so far, and SQLite
    looks each ?NNN up in a list (numbering all 32,766 took it seconds)."""
    row = "(" + ", ".join("?" * width) + ")"
    values = ", ".join([f"(?{first}{row[2:]}", *[row] * (rows - 1)])
    names = ", ".join(f"column{i + 1} AS c{i}" for i in range(width))
    return f"(SELECT {names} FROM (VALUES {values}))"  # noqa: S608 (placeholders only)


def run_staged(
    conn: sqlite3.Connection,
    rows: Sequence[Sequence[Any]],
    statement: str,
    params: Sequence[Any] = (),
) -> int:
    """Run `statement` over all `rows` and return the rows it changed. `statement` reads them as
    `SELECT c0, c1, … FROM {staged}`; `params` are ?1, ?2, … in it. Values: text, integers, reals, null.

    One INSERT … SELECT for many rows instead of one INSERT per row: with triggers on the target
    (audit, hours) SQLite journals the pages each statement touches, so per-row statements copied the
    same pages again for every row (a third of the write time of a 1M-row import). And it is one step
    of SQLite, which runs without the GIL while the import validates the next chunk. The rows are bound
    as parameters of a VALUES list (as many per statement as SQLite allows): a JSON text would be
    encoded by Python and then parsed again by SQLite for each column."""
    if not rows:
        return 0
    width = len(rows[0])
    per = max((conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - len(params)) // width, 1)
    changed = 0
    for part in chunks(rows, per):
        sql = statement.format(staged=_staged(width, len(part), len(params) + 1))
        changed += conn.execute(sql, [*params, *chain.from_iterable(part)]).rowcount
    return changed


def officer_ids(db: Database, id_numbers: Iterable[str]) -> dict[str, int]:
    """Officer id by ID number, for the numbers that are in the register's own jurisdiction."""
    found = fetch_existing(db, "officers", ("id_number",), ("unit_id",), ((n,) for n in id_numbers))
    own = _own_units(db)
    return {key[0]: row[0] for key, row in found.items() if row[1] in own}


def registered(db: Database) -> dict[str, int]:
    """Officer id by ID number, for every officer of the register's own jurisdiction. The officers of a
    county rolled up into a city's register are kept by that county's register: their records come
    with its next roll-up (which would take back anything imported here)."""
    return dict(db.execute(_OWN_OFFICERS).fetchall())


# The register's own jurisdiction is county 1 (store/county_schema.py).
_OWN_OFFICERS = (
    "SELECT o.id_number, o.id FROM officers o JOIN units u ON u.id = o.unit_id WHERE u.county_id = 1"
)
_OWN_UNITS = "SELECT id FROM units WHERE county_id = 1"


def _own_units(db: Database) -> set[int]:
    return {row[0] for row in db.execute(_OWN_UNITS)}


def rolled_up(db: Database) -> dict[str, str]:
    """The officers of the counties rolled up into this register: ID number -> county (none in a
    county's own register)."""
    return dict(
        db.execute(
            "SELECT o.id_number, k.name FROM officers o JOIN units u ON u.id = o.unit_id "
            "JOIN counties k ON k.id = u.county_id WHERE u.county_id <> 1"
        ).fetchall()
    )


def not_registered(id_number: str, county: str | None = None) -> str:
    """Why a record about `id_number` is refused: not in the register, or (`county`) an officer of a
    county rolled up into it, whose records that county's register keeps."""
    if county is not None:
        return (
            f"身份证号 {id_number} 的人员属于{county}（由该区县的登记簿汇总而来）；"
            "请在该区县的登记簿中登记，再重新汇总"
        )
    return f"身份证号 {id_number} 的人员不在登记簿中；请先导入或录入该人员的花名册信息"


def refusal(db: Database, id_number: str) -> str:
    """not_registered for an ID number the register's own jurisdiction does not hold."""
    row = db.execute(
        "SELECT k.name FROM officers o JOIN units u ON u.id = o.unit_id JOIN counties k ON k.id = u.county_id "
        "WHERE o.id_number = ? AND u.county_id <> 1",
        [id_number],
    ).fetchone()
    return not_registered(id_number, row[0] if row else None)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


class UnitIds:
    """Unit ids by name, created when new; cached for one call, or in `ids` the caller keeps within
    one batch (the import: each look-up is a round trip the writer thread waits on the GIL for)."""

    def __init__(self, store: Store, ids: dict[str, int] | None = None):
        self.store = store
        self.ids: dict[str, int] = ids if ids is not None else {}

    def __call__(self, name: str) -> int:
        if name not in self.ids:
            self.ids[name] = self.store.unit_id(name)
        return self.ids[name]
