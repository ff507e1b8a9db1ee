"""The counties (区县) a register holds: its own jurisdiction and those rolled up from their registers.

County 1 is the register's own jurisdiction, named after the settings (`jurisdiction.name`) each time
the register opens, so that its units keep one county whatever the clerk sets up and when. Every
filter by county or by unit name goes through here, so that a name means the same everywhere.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from ..settings import Settings, SettingsError
from .county_schema import OWN_COUNTY, UNNAMED_OWN_COUNTY


class CountyError(ValueError):
    """A county or unit named by the clerk that the register cannot resolve; the message says why."""


def own_county_name(settings: Settings) -> str:
    """The own jurisdiction's name in the register: the settings' name, or 本辖区 until set up."""
    return settings.jurisdiction.name or UNNAMED_OWN_COUNTY


def own_county_named(db: Database, settings: Settings) -> bool:
    """County 1 already bears the settings' name (nothing to write when the register opens)."""
    row = db.execute("SELECT name FROM counties WHERE id = ?", [OWN_COUNTY]).fetchone()
    return row is not None and row[0] == own_county_name(settings)


def sync_own_county(db: Database, settings: Settings) -> None:
    """Name county 1 after the settings. A name already taken by a rolled-up county stops the start."""
    name = own_county_name(settings)
    try:
        with db.atomic():
            db.execute(
                "UPDATE counties SET name = ? WHERE id = ? AND name IS NOT ?", [name, OWN_COUNTY, name]
            )
    except sqlite3.IntegrityError:
        raise SettingsError(
            f"辖区名称“{name}”与登记簿中已汇总的区县同名；请在设置中改用本辖区的名称"
        ) from None


@dataclass(frozen=True)
class County:
    id: int
    name: str
    source: str | None  # the county register last added; None for the own jurisdiction
    added_at: str | None  # when it was last added (its batch's time)
    batch_id: int | None
    officers: int
    units: int

    @property
    def own(self) -> bool:
        return self.id == OWN_COUNTY


def counties(db: Database) -> list[County]:
    """Every county with its officers and units: the own jurisdiction first, then by name."""
    rows = db.execute(
        "SELECT k.id, k.name, k.source, (SELECT b.started_at FROM batches b WHERE b.id = k.batch_id), k.batch_id, "
        "(SELECT COUNT(*) FROM officers o JOIN units u ON u.id = o.unit_id WHERE u.county_id = k.id), "
        "(SELECT COUNT(*) FROM units u WHERE u.county_id = k.id) "
        "FROM counties k ORDER BY k.id <> ?, k.name",
        [OWN_COUNTY],
    ).fetchall()
    return [County(*row) for row in rows]


def county_count(db: Database) -> int:
    """How many counties hold units: more than one makes the register a city's."""
    return db.execute("SELECT COUNT(DISTINCT county_id) FROM units").fetchone()[0]


def shows_counties(db: Database, county: str | None) -> bool:
    """Whether a list names each row's county: the register is a city's and no one county was chosen."""
    return county is None and county_count(db) > 1


def county_names(db: Database) -> dict[int, str]:
    """Every county's name by id, in the order a city's lists go: the own jurisdiction first, then by
    name."""
    return dict(db.execute("SELECT id, name FROM counties ORDER BY id <> ?, name", [OWN_COUNTY]))


def county_id(db: Database, name: str) -> int:
    """The id of the county named `name`; CountyError naming the known ones when there is none."""
    row = db.execute("SELECT id FROM counties WHERE name = ?", [name]).fetchone()
    if row is None:
        known = "、".join(c.name for c in counties(db))
        raise CountyError(f"登记簿中没有名为“{name}”的区县；现有: {known}")
    return row[0]


def check_unit(db: Database, unit: str, county: str | None) -> None:
    """A unit filter names one unit: it exists (in `county` when given), and without a county no two
    counties have a unit of that name. CountyError otherwise."""
    found = [
        row[0]
        for row in db.execute(
            "SELECT k.name FROM units u JOIN counties k ON k.id = u.county_id WHERE u.name = ? ORDER BY k.id",
            [unit],
        )
    ]
    if county is not None:
        county_id(db, county)
        if county not in found:
            raise CountyError(f"{county}没有名为“{unit}”的单位")
    elif not found:
        raise CountyError(f"登记簿中没有名为“{unit}”的单位")
    elif len(found) > 1:
        raise CountyError(f"{'、'.join(found)}都有名为“{unit}”的单位；请用 --county 指定区县")
