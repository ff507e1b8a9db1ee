"""What every check shares: its description, the parameters of one run, and the findings.

A check is a named list a clerk sends upward: a Chinese title, the settings it reads, and a set-based
SQL query over the register that returns one finding per row. The legal basis it cites comes from the
settings of the run's year (`[bases.NAME]`, defaults in lawtrain/bases.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import repeat
from typing import Any

from ..exporting.tables import Column
from ..labels import describe
from ..settings import Basis, Settings
from ..store import Store

# What a finding is about: decides the common columns and how a clerk reads the list.
OFFICER, UNIT, ADVISER = "officer", "unit", "adviser"

OFFICER_COLUMNS = (Column("id_number", "身份证号码"), Column("name", "姓名"), Column("unit", "工作单位"))
COUNTY_COLUMN = Column("county", "区县")


def with_county(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """`columns` with the county (every finding carries it) shown before the unit: for a register
    that holds several counties."""
    keys = [column.key for column in columns]
    at = keys.index("unit") if "unit" in keys else 0
    return (*columns[:at], COUNTY_COLUMN, *columns[at:])


def by_county(rows: list[dict[str, Any]], names: dict[int, str], several: bool) -> list[dict[str, Any]]:
    """`rows`, each carrying its county's id under "county" (as rules.UNIT_AND_COUNTY gives it), with
    the county's name in its place (`names`: store.counties.county_names); when `several` (a city's
    list), county by county in the order of `names`, each county's rows in their own order."""
    if several:
        parts: dict[int, list[dict[str, Any]]] = {county: [] for county in names}
        for row in rows:
            parts[row["county"]].append(row)
        rows = [row for part in parts.values() for row in part]
    for row in rows:  # a dictionary look-up per row costs less than a subquery per row in SQL
        row["county"] = names[row["county"]]
    return rows


@dataclass(frozen=True)
class RunParams:
    """One run of the catalogue: the year, the as-of date and the filters the clerk chose."""

    store: Store
    year: int
    as_of: date
    within: int | None = None  # days; None: the settings' window for each check
    unit: str | None = None  # only this unit's findings
    officer_id: int | None = None  # only this officer's findings (explain)
    county: str | None = None  # only this county's findings (区县, by name)

    @property
    def settings(self) -> Settings:
        """The rules of the run's year (a change in settings never rewrites an earlier year)."""
        return self.store.settings.for_year(self.year)

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
        """Extra WHERE conditions (starting with AND) for the county, unit and officer filters."""
        parts, values = [], {}
        if self.county is not None and unit:
            # As a set of units: compared with the unit's county column, SQLite planned the exams
            # check around it and scanned its passes once per passing officer (3–13 s against 0.4 s).
            parts.append(
                f"{unit}.id IN (SELECT id FROM units WHERE county_id = "  # noqa: S608
                "(SELECT id FROM counties WHERE name = :county_filter))"
            )
            values["county_filter"] = self.county
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
    subject: str  # OFFICER, UNIT or ADVISER
    columns: tuple[Column, ...]  # as exported, in order
    find: Callable[[RunParams], list[dict[str, Any]]] = field(repr=False)
    parameters: Callable[[RunParams], dict[str, Any]] = field(repr=False, default=lambda run: {})

    def basis(self, settings: Settings) -> Basis:
        """The legal basis this check cites under `settings`."""
        return settings.bases[self.name]


@dataclass
class CheckResult:
    check: Check
    findings: list[dict[str, Any]]
    parameters: dict[str, Any]  # the settings-driven values used, by machine key
    basis: Basis  # as the settings of the run's year give it

    @property
    def parameters_text(self) -> str:
        """The parameters as a person reads them (Chinese labels, formatted values)."""
        return describe(self.parameters)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.check.name,
            "title": self.check.title,
            "basis": str(self.basis),
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
    county: str | None = None
    several_counties: bool = False  # the findings come from more than one county: show the county

    def columns(self, result: CheckResult) -> tuple[Column, ...]:
        """The columns a person reads for `result`: the check's, with the county when it varies."""
        return with_county(result.check.columns) if self.several_counties else result.check.columns

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
        if self.county is not None:
            data["county"] = self.county
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
