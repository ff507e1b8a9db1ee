"""The notice rounds recorded in the register, newest first, and each round's units with what their
notice said had changed since the one before (resolved, still open, new)."""

from __future__ import annotations

import json
from typing import Any

from ..checks import RunParams
from ..store.county_schema import OWN_COUNTY
from .rounds import NEW, RESOLVED, STILL_OPEN

_OUTCOMES = (RESOLVED, STILL_OPEN, NEW)


def notice_rounds(run: RunParams) -> list[dict[str, Any]]:
    """One row per recorded round (batch) that holds a notice for a unit the run's filters select:
    batch, started_at, year, as_of, deadline, units, findings, resolved, still_open, new (None in a
    round where no unit had an earlier notice). The year of `run` is not a filter: every year's rounds
    are listed."""
    extra, values = run.sql(officer=None)
    sql = (
        "SELECT n.batch_id, b.started_at, n.year, n.as_of, n.deadline, n.counts, n.since_last "  # noqa: S608
        "FROM notices n JOIN batches b ON b.id = n.batch_id JOIN units u ON u.id = n.unit_id "
        f"WHERE 1 = 1{extra} ORDER BY n.batch_id DESC, n.id"
    )
    rounds: dict[int, dict[str, Any]] = {}
    for batch, started, year, as_of, deadline, counts, since in run.store.db.execute(sql, values):
        row = rounds.get(batch)
        if row is None:
            row = rounds[batch] = {
                "batch": batch, "started_at": started, "year": year, "as_of": as_of, "deadline": deadline,
                "units": 0, "findings": 0, **dict.fromkeys(_OUTCOMES),
            }  # fmt: skip
        row["units"] += 1
        row["findings"] += sum(json.loads(counts).values())
        if since:
            said = json.loads(since)
            for outcome in _OUTCOMES:
                row[outcome] = (row[outcome] or 0) + said[outcome]
    return list(rounds.values())


def round_units(run: RunParams, batch: int) -> list[dict[str, Any]]:
    """The units of one round, county by county (the own jurisdiction first), then by name: unit,
    county, file, findings, the count per list (by list name), and what the notice said since the last
    one (last_date, resolved, still_open, new; blank for a first notice)."""
    extra, values = run.sql(officer=None)
    sql = (
        "SELECT u.name, k.name, n.file, n.counts, n.since_last FROM notices n "  # noqa: S608
        "JOIN units u ON u.id = n.unit_id JOIN counties k ON k.id = u.county_id "
        f"WHERE n.batch_id = :batch{extra} ORDER BY k.id <> {OWN_COUNTY}, k.name, u.name"
    )
    units = []
    for name, county, file, counts, since in run.store.db.execute(sql, {"batch": batch, **values}):
        counted = json.loads(counts)
        row: dict[str, Any] = {
            "unit": name, "county": county, "file": file, "findings": sum(counted.values()), **counted
        }  # fmt: skip
        if since:
            said = json.loads(since)
            row["last_date"] = said["date"]
            row.update({outcome: said[outcome] for outcome in _OUTCOMES})
        units.append(row)
    return units
