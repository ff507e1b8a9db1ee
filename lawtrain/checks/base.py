"""What every check shares: its description, the parameters of one run, and the findings.

A check is a named list a clerk sends upward: a Chinese title, the legal basis it rests on, the
settings it reads, and a set-based SQL query over the register that returns one finding per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import repeat
from typing import Any

from ..exporting.tables import Column
from ..settings import Settings
from ..store import Store

# What a finding is about: decides the common columns and how a clerk reads the list.
OFFICER, UNIT, ADVISER = "officer", "unit", "adviser"

OFFICER_COLUMNS = (Column("id_number", "身份证号码"), Column("name", "姓名"), Column("unit", "工作单位"))


@dataclass(frozen=True)
class RunParams:
    """One run of the catalogue: the year, the as-of date and the filters the clerk chose."""

    store: Store
    year: int
    as_of: date
    within: int | None = None  # days; None: the settings' window for each check
    unit: str | None = None  # only this unit's findings
    officer_id: int | None = None  # only this officer's findings (explain)

    @property
    def settings(self) -> Settings:
        return self.store.settings

    @property
    def year_end(self) -> date:
        return date(self.year, 12, 31)

    @property
    def on(self) -> date:
        """The day the year is judged on: its last day, or the as-of date while it is running."""
        return min(self.as_of, self.year_end)

    def window(self, default_days: int) -> date:
        """The last day of the look-ahead window that starts on the as-of date."""
        return self.as_of + timedelta(days=self.within if self.within is not None else default_days)

    def window_parameters(self, default_days: int) -> dict[str, Any]:
        """The look-ahead window as a check reports it: its length in days and its last day."""
        days = self.within if self.within is not None else default_days
        return {"within_days": days, "window_end": self.window(default_days).isoformat()}

    def sql(self, *, officer: str | None = "o", unit: str | None = "u") -> tuple[str, dict[str, Any]]:
        """Extra WHERE conditions (starting with AND) for the unit and officer filters."""
        parts, values = [], {}
        if self.unit is not None and unit:
            parts.append(f"{unit}.name = :unit_filter")
            values["unit_filter"] = self.unit
        if self.officer_id is not None and officer:
            parts.append(f"{officer}.id = :officer_filter")
            values["officer_filter"] = self.officer_id
        return "".join(f" AND {part}" for part in parts), values


@dataclass(frozen=True)
class Check:
    name: str
    title: str  # Chinese, as printed
    basis: str  # the rule in one sentence
    document: str  # where the rule is written
    subject: str  # OFFICER, UNIT or ADVISER
    columns: tuple[Column, ...]  # as exported, in order
    find: Callable[[RunParams], list[dict[str, Any]]] = field(repr=False)
    parameters: Callable[[RunParams], dict[str, Any]] = field(repr=False, default=lambda run: {})

    @property
    def basis_text(self) -> str:
        return f"{self.basis}（{self.document}）"


@dataclass
class CheckResult:
    check: Check
    findings: list[dict[str, Any]]
    parameters: dict[str, Any] = field(default_factory=dict)  # the settings-driven values used

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.check.name,
            "title": self.check.title,
            "basis": self.check.basis_text,
            "parameters": self.parameters,
            "count": len(self.findings),
            "findings": self.findings,
        }


@dataclass
class Report:
    as_of: date
    year: int
    results: list[CheckResult]
    unit: str | None = None

    @property
    def total(self) -> int:
        return sum(len(result.findings) for result in self.results)

    def result(self, name: str) -> CheckResult:
        for result in self.results:
            if result.check.name == name:
                return result
        raise KeyError(name)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"as_of": self.as_of.isoformat(), "year": self.year}
        if self.unit is not None:
            data["unit"] = self.unit
        data["checks"] = [result.to_json() for result in self.results]
        return data


def query(run: RunParams, sql: str, values: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of `sql` as dicts keyed by column name (built by map and zip in C: a province's lists run
    to 380,000 rows)."""
    cursor = run.store.db.execute(sql, values)
    names = [d[0] for d in cursor.description]
    return list(map(dict, map(zip, repeat(names), cursor.fetchall())))
