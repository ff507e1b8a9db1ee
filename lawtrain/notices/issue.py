"""A notice round: plan it (every unit with anything to act on, or whose last notice listed
anything), write each unit's workbook and the summary into a folder, record it as one batch.

The workbooks are written first, outside any transaction; the round is then recorded in one short
one. If the record fails, the workbooks written are removed: a round is on disk only when it is in
the register (or when `dry_run` asked for the workbooks alone).

In a city's register a round goes to every county's units, or to one county's (`county`); a rolled-up
county's unit is addressed and filed under its county's name and its own (`addressee`), so that two
counties' units of one name get two notices in two files, each compared with its own last notice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..checks import RunParams
from ..checks.base import with_county
from ..exporting.tables import Column
from ..store import Store
from ..store.counties import county_count, county_names
from ..store.county_schema import OWN_COUNTY
from .files import SUMMARY_NAME, FileNames
from .lists import BY_NAME, NOTICE_LISTS, Findings, gather
from .rounds import NEW, RESOLVED, STILL_OPEN, Previous, SinceLast, compare, previous_notices, recorded
from .workbook import SUMMARY_COLUMNS, RoundContext, write_summary
from .writing import processes_for, write_workbooks

DEADLINE_DAYS = 15


class NoticeError(ValueError):
    """A round that cannot be issued (the folder, the dates); the message is for the clerk."""


def default_deadline(year: int, as_of: date) -> date:
    """Fifteen days after the as-of date; while the year is running, no later than its 31 December
    (training after it no longer counts for the year)."""
    deadline = as_of + timedelta(days=DEADLINE_DAYS)
    year_end = date(year, 12, 31)
    return min(deadline, year_end) if as_of < year_end else deadline


def addressee(unit: str, county_id: int, county: str) -> str:
    """The name a unit's notice is addressed to and its file is named after: the unit's own name in the
    register's own jurisdiction; a rolled-up county's unit with its county's name before it
    (青山县城关镇人民政府), unless its name already begins with it (青山县市场监督管理局)."""
    if county_id == OWN_COUNTY or unit.startswith(county):
        return unit
    return f"{county}{unit}"


@dataclass
class UnitNotice:
    unit: str
    unit_id: int
    county: str  # the unit's county (区县)
    addressee: str  # the name the notice is addressed to and filed under (see `addressee`)
    file: str
    findings: dict[str, list[dict[str, Any]]]  # list name -> this unit's rows
    previous: Previous | None
    since: SinceLast | None

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(self.findings.get(name, [])) for name in BY_NAME}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "county": self.county,
            "file": self.file,
            "counts": self.counts,
            "since_last": self.since.to_json() if self.since else None,
        }

    def summary_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "unit": self.unit, "county": self.county, "file": self.file, **self.counts, "total": self.total
        }  # fmt: skip
        if self.since is not None:
            row["last_date"] = self.since.date
            row.update({outcome: self.since.count(outcome) for outcome in (RESOLVED, STILL_OPEN, NEW)})
        return row


@dataclass
class NoticeRound:
    year: int
    as_of: date
    deadline: date
    units: list[UnitNotice]
    found: Findings = field(repr=False)
    out: Path | None = None
    batch_id: int | None = None  # None: not recorded (planned only, or a dry run)
    county: str | None = None  # a round for this county's units only
    city: bool = False  # the register holds several counties: the summary shows each unit's county

    @property
    def total(self) -> int:
        return sum(unit.total for unit in self.units)

    @property
    def summary_columns(self) -> tuple[Column, ...]:
        """The summary's columns (汇总.xlsx, the command's table): with the county in a city's register."""
        return with_county(SUMMARY_COLUMNS) if self.city else SUMMARY_COLUMNS

    def to_json(self) -> dict[str, Any]:
        scope = {"county": self.county} if self.county is not None else {}
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            **scope,
            "deadline": self.deadline.isoformat(),
            "out": str(self.out) if self.out else None,
            "batch": self.batch_id,
            "units": [unit.to_json() for unit in self.units],
        }


def plan_round(
    store: Store,
    year: int,
    as_of: date,
    deadline: date | None = None,
    unit: str | None = None,
    county: str | None = None,
) -> NoticeRound:
    """What a round on `as_of` would send each unit (of `county` only, when given), compared with each
    unit's last notice of `year`; the units county by county (the own jurisdiction first), then by name."""
    deadline = deadline or default_deadline(year, as_of)
    if deadline < as_of:
        raise NoticeError(f"整改期限 {deadline.isoformat()} 早于截至日期 {as_of.isoformat()}")
    found = gather(store, year, as_of, unit, county)
    previous = previous_notices(RunParams(store, year, as_of, unit=unit, county=county))
    chosen = set(found.by_unit) | {unit_id for unit_id, notice in previous.items() if notice.total}
    names = county_names(store.db)
    place = {county_id: rank for rank, county_id in enumerate(names)}
    ordered = sorted(
        (place[county_id], name, unit_id, county_id)
        for unit_id, name, county_id in store.db.execute("SELECT id, name, county_id FROM units")
        if unit_id in chosen
    )
    files = FileNames()
    units = []
    for _, name, unit_id, county_id in ordered:
        rows = found.by_unit.get(unit_id, {})
        last = previous.get(unit_id)
        since = compare(last, rows, found.hours_now) if last is not None else None
        to = addressee(name, county_id, names[county_id])
        units.append(UnitNotice(name, unit_id, names[county_id], to, files.take(to), rows, last, since))
    city = county_count(store.db) > 1
    return NoticeRound(year, as_of, deadline, units, found, county=county, city=city)


def issue_round(
    store: Store,
    planned: NoticeRound,
    out: Path,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
) -> NoticeRound:
    """Write the planned round's workbooks into `out` (which must be empty or new) and, unless
    `dry_run`, record it as one batch. `progress(done, total)` after each workbook; `processes`: how
    many write them (None: one for a county, a core each for a province)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise NoticeError(f"文件夹 {out} 已存在且不是空的；每一轮通知请用一个新的文件夹")
    context = RoundContext(
        store.settings, planned.year, planned.as_of, planned.deadline, planned.found.bases,
        planned.found.parameters, planned.county,
    )  # fmt: skip
    tasks = [(out / notice.file, notice.addressee, notice.findings, notice.since) for notice in planned.units]
    summary = out / f"{SUMMARY_NAME}.xlsx"
    try:
        out.mkdir(parents=True, exist_ok=True)
        count = processes if processes is not None else processes_for(len(tasks))
        write_workbooks(tasks, context, count, progress)
        rows = [notice.summary_row() for notice in planned.units]
        write_summary(summary, planned.summary_columns, rows, context)
        planned.out = out
        if not dry_run:
            planned.batch_id = record_round(store, planned)
    except BaseException:
        for path in [summary, *(task[0] for task in tasks)]:
            path.unlink(missing_ok=True)
        if out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        planned.out = None
        raise
    return planned


def record_round(store: Store, planned: NoticeRound) -> int:
    """Each unit's notice in `notices`, in one batch; returns the batch's id."""
    scope = f" {planned.county}" if planned.county else ""
    source = f"{planned.year}年度整改通知{scope} 截至{planned.as_of.isoformat()} → {planned.out}"
    with store.batch("notice", source) as batch:
        rows = []
        for notice in planned.units:
            kept = {
                name: [recorded(name, row) for row in notice.findings.get(name, [])]
                for name in (notice_list.name for notice_list in NOTICE_LISTS)
            }
            rows.append((
                planned.year, planned.as_of.isoformat(), planned.deadline.isoformat(), notice.unit_id,
                notice.file, json.dumps(notice.counts, ensure_ascii=False),
                json.dumps(kept, ensure_ascii=False),
                json.dumps(notice.since.summary(), ensure_ascii=False) if notice.since else None, batch.id,
            ))  # fmt: skip
        store.db.conn.executemany(
            "INSERT INTO notices (year, as_of, deadline, unit_id, file, counts, findings, since_last, batch_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        batch.counts.update(notices=len(rows), findings=planned.total)
    return batch.id
