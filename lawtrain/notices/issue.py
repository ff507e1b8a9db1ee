"""A notice round: plan it (every unit with anything to act on, or whose last notice listed
anything), write each unit's workbook and the summary into a folder, record it as one batch.

The workbooks are written first, outside any transaction; the round is then recorded in one short
one. If the record fails, the workbooks written are removed: a round is on disk only when it is in
the register (or when `dry_run` asked for the workbooks alone).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..checks import RunParams
from ..store import Store
from .files import SUMMARY_NAME, FileNames
from .lists import BY_NAME, NOTICE_LISTS, Findings, gather
from .rounds import NEW, RESOLVED, STILL_OPEN, Previous, SinceLast, compare, previous_notices, recorded
from .workbook import RoundContext, write_summary
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


@dataclass
class UnitNotice:
    unit: str
    unit_id: int
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
            "file": self.file,
            "counts": self.counts,
            "since_last": self.since.to_json() if self.since else None,
        }

    def summary_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"unit": self.unit, "file": self.file, **self.counts, "total": self.total}
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

    @property
    def total(self) -> int:
        return sum(unit.total for unit in self.units)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "deadline": self.deadline.isoformat(),
            "out": str(self.out) if self.out else None,
            "batch": self.batch_id,
            "units": [unit.to_json() for unit in self.units],
        }


def plan_round(
    store: Store, year: int, as_of: date, deadline: date | None = None, unit: str | None = None
) -> NoticeRound:
    """What a round on `as_of` would send each unit, compared with each unit's last notice of `year`."""
    deadline = deadline or default_deadline(year, as_of)
    if deadline < as_of:
        raise NoticeError(f"整改期限 {deadline.isoformat()} 早于截至日期 {as_of.isoformat()}")
    found = gather(store, year, as_of, unit)
    previous = previous_notices(RunParams(store, year, as_of, unit=unit))
    names = sorted(set(found.by_unit) | {name for name, notice in previous.items() if notice.total})
    ids = dict(store.db.execute("SELECT name, id FROM units"))
    files = FileNames()
    units = []
    for name in names:
        rows = found.by_unit.get(name, {})
        last = previous.get(name)
        since = compare(last, rows, found.hours_now) if last is not None else None
        units.append(UnitNotice(name, ids[name], files.take(name), rows, last, since))
    return NoticeRound(year, as_of, deadline, units, found)


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
        planned.found.parameters,
    )  # fmt: skip
    tasks = [(out / notice.file, notice.unit, notice.findings, notice.since) for notice in planned.units]
    summary = out / f"{SUMMARY_NAME}.xlsx"
    try:
        out.mkdir(parents=True, exist_ok=True)
        count = processes if processes is not None else processes_for(len(tasks))
        write_workbooks(tasks, context, count, progress)
        write_summary(summary, [notice.summary_row() for notice in planned.units], context)
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
    source = f"{planned.year}年度整改通知 截至{planned.as_of.isoformat()} → {planned.out}"
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
