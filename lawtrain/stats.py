"""Per-unit statistics a clerk reports upward: officers, holders and 持证率, training compliance,
average countable hours, advisers in office; with a totals row. A city's register gives them per
county too (the same figures summed over the county's units), or for one county.

Built on the same SQL as the checks (valid certificate, in post, countable hours), so a unit's
figures always agree with the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .checks import RunParams
from .checks.base import COUNTY_COLUMN
from .checks.training import subjects_sql
from .checks.units import ADVISER_IN_OFFICE, UNIT_HOLDERS
from .exporting.tables import Column
from .rules import IN_POST
from .store import Store

STATS_COLUMNS = (
    Column("unit", "单位"),
    Column("officers", "登记人数"),
    Column("in_post", "在岗人数"),
    Column("holders", "在岗持证人数"),
    Column("holder_rate", "持证率(%)"),
    Column("subjects", "应考核学时人数"),
    Column("compliant", "学时达标人数"),
    Column("compliance_rate", "学时达标率(%)"),
    Column("average_hours", "人均可计学时"),
    Column("advisers", "在聘法律顾问"),
)

# Units with officers or advisers, with their county; {county}: narrowed to one county.
_UNITS = """
SELECT u.id, u.name, k.name FROM units u JOIN counties k ON k.id = u.county_id
WHERE (EXISTS (SELECT 1 FROM officers o WHERE o.unit_id = u.id)
   OR EXISTS (SELECT 1 FROM advisers a WHERE a.unit_id = u.id)){county}
ORDER BY k.id <> 1, k.name, u.name
"""
_OFFICERS = f"""
SELECT o.unit_id, COUNT(*), SUM(CASE WHEN {IN_POST} THEN 1 ELSE 0 END) FROM officers o GROUP BY o.unit_id
"""  # noqa: S608
_ADVISERS = (
    f"SELECT a.unit_id, COUNT(DISTINCT a.name) FROM advisers a WHERE {ADVISER_IN_OFFICE} GROUP BY a.unit_id"  # noqa: S608
)
_KEYS = ("officers", "in_post", "holders", "subjects", "compliant", "hours", "advisers")
UNIT, COUNTY = "unit", "county"


@dataclass
class Statistics:
    as_of: date
    year: int
    judged_on: date  # the day training is judged on: year end, or the as-of date in a running year
    rows: list[dict[str, Any]]  # one per unit (named under "unit"), or per county (under "county")
    totals: dict[str, Any]
    by: str = UNIT
    county: str | None = None  # the figures of this county only
    several_counties: bool = False  # the unit rows come from more than one county

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns a person reads: a county's name first in rows by county; in unit rows, the
        county before the unit when the rows come from several counties."""
        if self.by == COUNTY:
            return (COUNTY_COLUMN, *STATS_COLUMNS[1:])
        return (COUNTY_COLUMN, *STATS_COLUMNS) if self.several_counties else STATS_COLUMNS

    @property
    def name_key(self) -> str:
        """The key naming each row: unit, or county."""
        return self.by

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "year": self.year,
            "judged_on": self.judged_on.isoformat(),
        }
        if self.county is not None:
            data["county"] = self.county
        data["counties" if self.by == COUNTY else "units"] = self.rows
        data["totals"] = self.totals
        return data


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _row(counts: dict[str, float]) -> dict[str, Any]:
    subjects = int(counts["subjects"])
    return {
        "officers": int(counts["officers"]),
        "in_post": int(counts["in_post"]),
        "holders": int(counts["holders"]),
        "holder_rate": _rate(counts["holders"], counts["in_post"]),
        "subjects": subjects,
        "compliant": int(counts["compliant"]),
        "compliance_rate": _rate(counts["compliant"], subjects),
        "average_hours": round(counts["hours"] / subjects, 2) if subjects else None,
        "advisers": int(counts["advisers"]),
    }


def _unit_counts(
    store: Store, run: RunParams
) -> tuple[dict[int, tuple[str, str]], dict[int, dict[str, float]]]:
    """Per unit (of the run's county, when it has one): (name, county) and the counts of _KEYS."""
    db = store.db
    narrow, values = ("", {})
    if run.county is not None:
        narrow, values = " AND k.name = :county", {"county": run.county}
    names = {
        unit_id: (name, county) for unit_id, name, county in db.execute(_UNITS.format(county=narrow), values)
    }
    counts: dict[int, dict[str, float]] = {unit_id: dict.fromkeys(_KEYS, 0) for unit_id in names}
    on = {"as_of": run.as_of.isoformat()}

    def put(unit_id: int, **figures: float) -> None:
        if unit_id in counts:  # a unit of another county
            counts[unit_id].update(figures)

    for unit_id, officers, in_post in db.execute(_OFFICERS):
        put(unit_id, officers=officers, in_post=in_post)
    for unit_id, holders in db.execute(UNIT_HOLDERS.format(narrow=""), on):
        put(unit_id, holders=holders)
    for unit_id, advisers in db.execute(_ADVISERS, on):
        put(unit_id, advisers=advisers)
    subjects, values = subjects_sql(run)
    training = (
        "SELECT unit_id, COUNT(*), SUM(CASE WHEN hours >= required THEN 1 ELSE 0 END), SUM(hours) "  # noqa: S608
        f"FROM ({subjects}) GROUP BY unit_id"
    )
    for unit_id, number, compliant, total in db.execute(training, values):
        put(unit_id, subjects=number, compliant=compliant, hours=total)
    return names, counts


def statistics(
    store: Store, year: int, as_of: date, *, county: str | None = None, by: str = UNIT
) -> Statistics:
    """The figures of every unit with officers or advisers (of `county` only, when given), one row
    per unit or, `by` county, one row per county; and their totals."""
    run = RunParams(store, year, as_of, county=county)
    names, counts = _unit_counts(store, run)
    sums = {key: sum(unit[key] for unit in counts.values()) for key in _KEYS}
    totals = {**_row(sums), "units": len(names)}
    several = len({county_name for _, county_name in names.values()}) > 1
    if by == COUNTY:
        by_county: dict[str, dict[str, float]] = {}
        for unit_id, (_, county_name) in names.items():
            into = by_county.setdefault(county_name, dict.fromkeys(_KEYS, 0))
            for key in _KEYS:
                into[key] += counts[unit_id][key]
        rows = [{"county": name, **_row(figures)} for name, figures in by_county.items()]
        totals["counties"] = len(rows)
    else:
        rows = [
            {"unit": name, "county": county_name, **_row(counts[uid])}
            for uid, (name, county_name) in names.items()
        ]
    return Statistics(as_of, year, run.on, rows, totals, by, county, several)


def unit_stats(store: Store, year: int, as_of: date) -> list[dict[str, Any]]:
    """One row per unit (see `statistics` for the totals)."""
    return statistics(store, year, as_of).rows
