"""Who will fall short of the year's training hours at the current pace.

The population is the training-hours check's: every in-post officer holding a certificate valid on
the as-of date (all of them, the compliant included), with the hours owed from the same expression
(`checks.training.subjects_sql`, proration included). The hours are those countable as of the date
(`hours.countable_as_of`: training dated after it is left out). The pace extrapolates them to the
whole year: projected = countable × days in the year ÷ days elapsed (1 January to the as-of date,
both counted), rounded to 0.1.

Statuses: `met` (countable ≥ required), else `no_hours` (nothing countable yet), else `on_track`
(projected ≥ required), else `at_risk`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import hours
from .checks import CATALOGUE, RunParams, by_county
from .checks.base import with_county
from .checks.training import subjects_sql
from .exporting.tables import Column
from .labels import describe
from .store import Store
from .store.counties import county_names, shows_counties

STATUSES = ("no_hours", "at_risk", "on_track", "met")  # the order officers are listed in
STATUS_LABELS = {"met": "已达标", "on_track": "预计可达标", "at_risk": "有风险", "no_hours": "无学时记录"}
# The officers who need the unit to act: nothing yet, or a pace that will not reach the requirement.
ACTION_STATUSES = ("no_hours", "at_risk")


# As a person reads them (the CLI's text, the workbook, the app); `status` shown by its label.
OFFICER_COLUMNS = (
    Column("id_number", "身份证号码"),
    Column("name", "姓名"),
    Column("unit", "工作单位"),
    Column("countable", "可计学时"),
    Column("required", "应修学时"),
    Column("needed", "尚需学时"),
    Column("projected", "预计全年学时"),
    Column("status", "预测"),
)
SUBTOTAL_COLUMNS = (
    Column("unit", "单位"),
    Column("subjects", "应考核人数"),
    *(Column(status, STATUS_LABELS[status]) for status in STATUSES),
    Column("needed", "尚需学时合计"),
)


def shown(row: dict[str, Any]) -> dict[str, Any]:
    """An officer's row with its status in Chinese."""
    return {**row, "status": STATUS_LABELS[row["status"]]}


class ForecastError(ValueError):
    """A date the forecast cannot be made on; the message is for the clerk."""


# The status as its place in STATUSES (the order officers are listed in).
_RANK_SQL = (
    f"CASE WHEN countable >= required THEN {STATUSES.index('met')} "
    f"WHEN countable <= 0 THEN {STATUSES.index('no_hours')} "
    f"WHEN projected >= required THEN {STATUSES.index('on_track')} ELSE {STATUSES.index('at_risk')} END"
)


@dataclass(frozen=True)
class Pace:
    """The calendar of the forecast: the day judged on, days elapsed and left, days in the year."""

    year: int
    on: date  # the as-of date, or 31 December once the year has ended

    @property
    def days_in_year(self) -> int:
        return (date(self.year, 12, 31) - date(self.year, 1, 1)).days + 1

    @property
    def elapsed(self) -> int:
        """Days from 1 January to the as-of date, both counted."""
        return (self.on - date(self.year, 1, 1)).days + 1

    @property
    def days_left(self) -> int:
        return (date(self.year, 12, 31) - self.on).days

    def projected(self, countable: float) -> float:
        """The hours of the whole year at the pace so far (the same rule as the SQL below)."""
        return round(countable * self.days_in_year / self.elapsed, 1)


@dataclass
class Forecast:
    year: int
    as_of: date
    pace: Pace
    unit: str | None
    # id_number, name, unit, county, countable, required, needed, days_left, projected, status
    officers: list[dict[str, Any]]
    units: list[dict[str, Any]] = field(default_factory=list)  # subtotals per unit (see unit_subtotals)
    parameters: dict[str, Any] = field(default_factory=dict)  # the training-hours check's, by machine key
    county: str | None = None  # the officers of this county only
    several_counties: bool = False  # a city's forecast: county by county, the county shown

    @property
    def officer_columns(self) -> tuple[Column, ...]:
        """The officers' columns a person reads: with the county in a city's forecast."""
        return with_county(OFFICER_COLUMNS) if self.several_counties else OFFICER_COLUMNS

    @property
    def subtotal_columns(self) -> tuple[Column, ...]:
        """The per-unit subtotals' columns: with the county in a city's forecast."""
        return with_county(SUBTOTAL_COLUMNS) if self.several_counties else SUBTOTAL_COLUMNS

    @property
    def scope_text(self) -> str:
        """The filters chosen, as a title's tail: "，区县 青山县，单位 …" (empty for the whole register)."""
        county = f"，区县 {self.county}" if self.county else ""
        return county + (f"，单位 {self.unit}" if self.unit else "")

    @property
    def parameters_text(self) -> str:
        return describe(self.parameters)

    @property
    def summary(self) -> dict[str, int]:
        counts = Counter(row["status"] for row in self.officers)
        return {status: counts.get(status, 0) for status in ("met", "on_track", "at_risk", "no_hours")}

    @property
    def pace_note(self) -> str:
        """How the figures are reached, in a line for the clerk."""
        pace = self.pace
        if not pace.days_left:
            return f"学时判定日 {pace.on.isoformat()}（年度最后一天）：预计全年学时即全年可计学时"
        return (
            f"截至 {pace.on.isoformat()}，已过 {pace.elapsed} 天，剩余 {pace.days_left} 天；"
            f"预计全年学时 = 可计学时 × {pace.days_in_year} ÷ {pace.elapsed}；截至日期之后的培训记录不计入"
        )

    @property
    def summary_text(self) -> str:
        summary = self.summary
        parts = "，".join(
            f"{STATUS_LABELS[s]} {summary[s]:,} 人" for s in ("met", "on_track", "at_risk", "no_hours")
        )
        return f"应考核 {len(self.officers):,} 人：{parts}"

    @property
    def needs_action(self) -> int:
        """Officers with no countable hours yet or a pace that falls short."""
        summary = self.summary
        return sum(summary[status] for status in ACTION_STATUSES)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"year": self.year, "as_of": self.as_of.isoformat()}
        if self.county is not None:
            data["county"] = self.county
        if self.unit is not None:
            data["unit"] = self.unit
        data["officers"] = self.officers
        data["summary"] = self.summary
        return data


def forecast_sql(run: RunParams) -> tuple[str, dict[str, Any]]:
    """One row per subject of the training-hours check on `run.on`, in the forecast's order (unit,
    status, hours needed descending): id_number, name, unit_id, countable, required, needed,
    projected and the status as its place in STATUSES; and the parameters. Units and statuses come
    back as numbers: a province's 200,000 rows would otherwise make as many Python strings of each."""
    subjects, values = subjects_sql(run)
    countable = hours.countable_as_of("s.hours", "s.officer_id", run.on, run.year)
    pace = Pace(run.year, run.on)
    # f is MATERIALIZED: inlined, the countable hours (a subquery) would be computed again for each
    # column that reads them.
    sql = (
        "WITH f AS MATERIALIZED (SELECT s.id_number, s.name, s.unit_id, s.unit, "  # noqa: S608
        f"{countable} AS countable, s.required * 1.0 AS required FROM ({subjects}) s), "
        "p AS (SELECT *, ROUND(countable * :days_in_year / :elapsed, 1) AS projected FROM f), "
        f"r AS (SELECT *, {_RANK_SQL} AS rank FROM p) "
        "SELECT id_number, name, unit_id, countable, required, ROUND(MAX(required - countable, 0), 2) AS needed, "
        "projected, rank FROM r ORDER BY unit, rank, needed DESC, id_number"
    )
    values.update(hours_until=run.on.isoformat(), days_in_year=pace.days_in_year, elapsed=pace.elapsed)
    return sql, values


def forecast(
    store: Store, year: int, as_of: date, unit: str | None = None, county: str | None = None
) -> Forecast:
    """The forecast of `year` on `as_of` (for one unit, one county (by name), or every unit). In a
    city's register without a county chosen, the officers come county by county (the order of the
    checks' lists), each county's in the forecast's order."""
    if as_of < date(year, 1, 1):
        raise ForecastError(f"截至日期 {as_of.isoformat()} 早于 {year} 年度开始，无法预测")
    run = RunParams(store, year, as_of, unit=unit, county=county)
    pace = Pace(year, run.on)
    sql, values = forecast_sql(run)
    unit_names, unit_counties = {}, {}
    for unit_id, name, county_id in store.db.execute("SELECT id, name, county_id FROM units"):
        unit_names[unit_id], unit_counties[unit_id] = name, county_id
    left = pace.days_left
    officers = [
        {"id_number": id_number, "name": name, "unit": unit_names[unit_id], "county": unit_counties[unit_id],
         "countable": countable, "required": required, "needed": needed, "days_left": left,
         "projected": projected, "status": STATUSES[rank]}
        for id_number, name, unit_id, countable, required, needed, projected, rank in store.db.execute(sql, values)
    ]  # fmt: skip
    several = shows_counties(store.db, county)
    officers = by_county(officers, county_names(store.db), several)
    parameters = CATALOGUE["training-hours"].parameters(run)
    return Forecast(year, as_of, pace, unit, officers, unit_subtotals(officers), parameters, county, several)


def unit_subtotals(officers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per unit of a county (officers come ordered by county and unit; two counties' units of one name
    are two units): subjects, each status, hours still needed."""
    units: dict[tuple[str, str], dict[str, Any]] = {}
    for row in officers:
        key = (row["county"], row["unit"])
        subtotal = units.get(key)
        if subtotal is None:
            subtotal = units[key] = {"unit": row["unit"], "county": row["county"], "subjects": 0}
            subtotal.update(dict.fromkeys(STATUSES, 0), needed=0.0)
        subtotal["subjects"] += 1
        subtotal[row["status"]] += 1
        subtotal["needed"] += row["needed"]
    for subtotal in units.values():
        subtotal["needed"] = round(subtotal["needed"], 1)
    return list(units.values())


def totals(subtotals: list[dict[str, Any]]) -> dict[str, Any]:
    """The sum of the per-unit subtotals, as a row under them."""
    keys = ("subjects", *STATUSES, "needed")
    row: dict[str, Any] = {key: sum(unit[key] for unit in subtotals) for key in keys}
    row["needed"] = round(row["needed"], 1)
    row["unit"] = "合计"
    return row
