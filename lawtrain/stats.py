"""Per-unit statistics a clerk reports upward: officers, holders and 持证率, training compliance,
average countable hours, advisers in office; with a totals row.

Built on the same SQL as the checks (valid certificate, in post, countable hours), so a unit's
figures always agree with the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .checks import RunParams
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

_UNITS = """
SELECT u.id, u.name FROM units u
WHERE EXISTS (SELECT 1 FROM officers o WHERE o.unit_id = u.id)
   OR EXISTS (SELECT 1 FROM advisers a WHERE a.unit_id = u.id)
ORDER BY u.name
"""
_OFFICERS = f"""
SELECT o.unit_id, COUNT(*), SUM(CASE WHEN {IN_POST} THEN 1 ELSE 0 END) FROM officers o GROUP BY o.unit_id
"""  # noqa: S608
_ADVISERS = (
    f"SELECT a.unit_id, COUNT(DISTINCT a.name) FROM advisers a WHERE {ADVISER_IN_OFFICE} GROUP BY a.unit_id"  # noqa: S608
)


@dataclass
class Statistics:
    as_of: date
    year: int
    judged_on: date  # the day training is judged on: year end, or the as-of date in a running year
    units: list[dict[str, Any]]
    totals: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "year": self.year,
            "judged_on": self.judged_on.isoformat(),
            "units": self.units,
            "totals": self.totals,
        }


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _row(name: str, counts: dict[str, float]) -> dict[str, Any]:
    subjects = int(counts["subjects"])
    return {
        "unit": name,
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


def statistics(store: Store, year: int, as_of: date) -> Statistics:
    """The figures of every unit with officers or advisers, and their totals."""
    run = RunParams(store, year, as_of)
    keys = ("officers", "in_post", "holders", "subjects", "compliant", "hours", "advisers")
    counts: dict[int, dict[str, float]] = {}
    names: dict[int, str] = {}
    for unit_id, name in store.db.execute(_UNITS):
        names[unit_id] = name
        counts[unit_id] = dict.fromkeys(keys, 0)
    db = store.db
    on = {"as_of": as_of.isoformat()}
    for unit_id, officers, in_post in db.execute(_OFFICERS):
        counts[unit_id].update(officers=officers, in_post=in_post)
    for unit_id, holders in db.execute(UNIT_HOLDERS.format(narrow=""), on):
        counts[unit_id]["holders"] = holders
    for unit_id, advisers in db.execute(_ADVISERS, on):
        counts[unit_id]["advisers"] = advisers
    subjects, values = subjects_sql(run)
    training = (
        "SELECT unit_id, COUNT(*), SUM(CASE WHEN hours >= required THEN 1 ELSE 0 END), SUM(hours) "  # noqa: S608
        f"FROM ({subjects}) GROUP BY unit_id"
    )
    for unit_id, number, compliant, total in db.execute(training, values):
        counts[unit_id].update(subjects=number, compliant=compliant, hours=total)
    units = [_row(names[unit_id], counts[unit_id]) for unit_id in names]
    sums = {key: sum(counts[unit_id][key] for unit_id in names) for key in keys}
    totals = _row("合计", sums)
    del totals["unit"]
    totals["units"] = len(units)
    return Statistics(as_of, year, run.on, units, totals)


def unit_stats(store: Store, year: int, as_of: date) -> list[dict[str, Any]]:
    """One row per unit (see `statistics` for the totals)."""
    return statistics(store, year, as_of).units
