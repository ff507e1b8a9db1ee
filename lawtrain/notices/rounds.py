"""Notice rounds in the register: each unit's notice recorded with what it listed, the previous one
read back, and what changed since.

A unit's notice is one row of `notices` (migration m008): the year, the as-of date, the deadline, the
workbook's name, the count per list and, per list, what identifies each finding (the officer's ID
number, with the certificate for certificate lists; the countable hours for training). A round is one
batch ("notice"), so `lawtrain history` shows it and `lawtrain undo` takes it back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..checks import OFFICER, RunParams
from .lists import BY_NAME, NOTICE_LISTS

RESOLVED, STILL_OPEN, NEW = "resolved", "still_open", "new"
OUTCOME_LABELS = {RESOLVED: "已整改", STILL_OPEN: "仍未整改", NEW: "新增"}


def recorded(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """What the register keeps of one finding of list `name`: enough to recognise it next round and to
    name it once it is gone."""
    notice_list = BY_NAME[name]
    if notice_list.subject != OFFICER:
        return {"key": notice_list.key(row)}
    kept = {"key": notice_list.key(row), "id_number": row["id_number"], "name": row["name"]}
    if "certificate" in row:
        kept["certificate"] = row["certificate"]
    if name == "training-hours":
        kept["hours"] = row["countable"]
    return kept


@dataclass
class Previous:
    """A unit's last recorded notice of the year."""

    id: int
    as_of: str
    batch_id: int
    findings: dict[str, list[dict[str, Any]]]  # list name -> recorded findings

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.findings.values())


def previous_notices(run: RunParams) -> dict[int, Previous]:
    """unit id -> its last recorded notice of `run.year`, for the units the run's filters select (by
    id: a unit is compared with its own notices, never with another county's unit of the same name)."""
    extra, values = run.sql(officer=None)
    sql = (
        "SELECT u.id, n.id, n.as_of, n.batch_id, n.findings FROM notices n JOIN units u ON u.id = n.unit_id "  # noqa: S608
        "WHERE n.year = :year AND n.id = (SELECT MAX(m.id) FROM notices m WHERE m.unit_id = n.unit_id "
        f"AND m.year = :year){extra}"
    )
    rows = run.store.db.execute(sql, {"year": run.year, **values})
    return {unit: Previous(nid, as_of, batch, json.loads(found)) for unit, nid, as_of, batch, found in rows}


@dataclass
class Change:
    """One finding compared with the last notice: resolved, still open or new."""

    list: str  # list name
    outcome: str  # RESOLVED, STILL_OPEN or NEW
    id_number: str | None  # None for a finding about the unit itself
    name: str | None
    certificate: str | None = None
    hours_then: float | None = None  # training: countable hours at the last notice
    hours_now: float | None = None

    @property
    def gained(self) -> float | None:
        if self.hours_then is None or self.hours_now is None:
            return None
        return round(self.hours_now - self.hours_then, 2)


@dataclass
class SinceLast:
    date: str  # the last notice's as-of date
    batch_id: int
    changes: list[Change] = field(default_factory=list)

    def ids(self, outcome: str) -> list[str]:
        """ID numbers of the officer-level findings with `outcome`, each once, in list order."""
        return list(dict.fromkeys(c.id_number for c in self.changes if c.outcome == outcome and c.id_number))

    def count(self, outcome: str) -> int:
        return sum(1 for change in self.changes if change.outcome == outcome)

    def summary(self) -> dict[str, Any]:
        """The counts the notice prints: the last notice's date, findings resolved, still open, new."""
        return {
            "date": self.date,
            **{outcome: self.count(outcome) for outcome in (RESOLVED, STILL_OPEN, NEW)},
        }

    def to_json(self) -> dict[str, Any]:
        by_list: dict[str, dict[str, list[str]]] = {}
        for change in self.changes:
            if change.id_number:
                outcomes = by_list.setdefault(change.list, {RESOLVED: [], STILL_OPEN: [], NEW: []})
                outcomes[change.outcome].append(change.id_number)
        return {
            "date": self.date,
            "batch": self.batch_id,
            RESOLVED: self.ids(RESOLVED),
            STILL_OPEN: self.ids(STILL_OPEN),
            NEW: self.ids(NEW),
            "by_list": by_list,
        }


def compare(
    previous: Previous, now: dict[str, list[dict[str, Any]]], hours_now: dict[str, float]
) -> SinceLast:
    """Each finding of the last notice resolved or still open, and each finding that is new."""
    since = SinceLast(previous.as_of, previous.batch_id)
    for notice_list in NOTICE_LISTS:
        name = notice_list.name
        then = {item["key"]: item for item in previous.findings.get(name, [])}
        current = {notice_list.key(row): row for row in now.get(name, [])}
        for key, item in then.items():
            outcome = STILL_OPEN if key in current else RESOLVED
            since.changes.append(_change(name, outcome, item, hours_now))
        for key, row in current.items():
            if key not in then:
                since.changes.append(_change(name, NEW, recorded(name, row), hours_now))
    order = {RESOLVED: 0, STILL_OPEN: 1, NEW: 2}
    since.changes.sort(key=lambda change: order[change.outcome])  # stable: list order within each
    return since


def _change(name: str, outcome: str, item: dict[str, Any], hours_now: dict[str, float]) -> Change:
    id_number = item.get("id_number")
    change = Change(name, outcome, id_number, item.get("name"), item.get("certificate"))
    if name == "training-hours" and id_number:
        change.hours_then = item.get("hours") if outcome != NEW else None
        change.hours_now = hours_now.get(id_number)
    return change
