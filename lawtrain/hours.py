"""Countable training hours: the one implementation the checks, the review, explain and the UI share.

Hours count in the calendar year of the training date; categories listed in
settings.training.excluded_categories (political theory, party education) do not count. The sums per
officer and year are kept by triggers in `officer_year_hours`; this module adds the settings-driven
parts: carry-over from the previous year and proration of the requirement in the first year.

Each year is judged under its own rules (`Settings.for_year`): a change that takes effect in 2026
never rewrites 2025's answers. Hours carried over are those above the previous year's requirement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .settings import Settings
from .store import Store
from .store.schema import excluded_in_year_sql


def params(settings: Settings, year: int) -> dict[str, Any]:
    """Named parameters for the SQL below, under the rules of `year`."""
    training = settings.for_year(year).training
    return {
        "year": year,
        "required": training.required_hours,
        "previous_required": settings.for_year(year - 1).training.required_hours,
        "carry": training.carry_over_max_hours,
        "prorate": 1 if training.prorate_first_year else 0,
        "year_start": f"{year:04d}-01-01",
    }


# Countable hours of officer `o` in :year, as an SQL expression over the joined rows
# h (officer_year_hours of :year) and p (of :year - 1).
COUNTABLE_EXPR = (
    "(COALESCE(h.countable, 0) + MIN(MAX(COALESCE(p.countable, 0) - :previous_required, 0), :carry))"
)
HOURS_JOIN = """
LEFT JOIN officer_year_hours h ON h.officer_id = o.id AND h.year = :year
LEFT JOIN officer_year_hours p ON p.officer_id = o.id AND p.year = :year - 1
"""
# The same without carry-over (carry_over_max_hours = 0, the default): the previous year adds nothing,
# and not looking it up saves a province's list of holders 216,000 lookups (a fifth of the query).
_COUNTABLE_THIS_YEAR = "COALESCE(h.countable, 0)"
_JOIN_THIS_YEAR = "\nLEFT JOIN officer_year_hours h ON h.officer_id = o.id AND h.year = :year\n"


def countable_sql(settings: Settings) -> tuple[str, str]:
    """COUNTABLE_EXPR and HOURS_JOIN for these settings: without the previous year when nothing is
    carried over from it."""
    if settings.training.carry_over_max_hours:
        return COUNTABLE_EXPR, HOURS_JOIN
    return _COUNTABLE_THIS_YEAR, _JOIN_THIS_YEAR


def countable_as_of(full: str, officer_column: str, until: date, year: int) -> str:
    """The countable hours of :year as of :hours_until (training dated after it left out: a forecast
    "as of 30 September" ignores later records), for the officer `officer_column` whose countable hours
    of the whole year are the SQL expression `full` (COUNTABLE_EXPR over the trigger-kept sums).

    The year's records dated after the date are summed per officer through the covering index
    training_year_officer_date (m009): one probe per officer, none of them read when there are none.
    The expression holds a subquery: select it once (a MATERIALIZED CTE), never repeat it. On the
    year's last day (`until`, the value of :hours_until) nothing of the year is later: `full` alone."""
    if until >= date(year, 12, 31):
        return f"ROUND({full}, 2)"
    late = (
        f"SELECT SUM(CASE WHEN {excluded_in_year_sql('t.category', ':year')} THEN 0 ELSE t.hours END) "  # noqa: S608
        "FROM training t INDEXED BY training_year_officer_date "
        f"WHERE t.year = :year AND t.officer_id = {officer_column} AND t.date > :hours_until"
    )
    return f"ROUND({full} - COALESCE(({late}), 0), 2)"


def required_expr(issued_column: str) -> str:
    """The hours owed in :year by the holder of a certificate issued on `issued_column`."""
    return (
        f"(CASE WHEN :prorate AND {issued_column} >= :year_start "
        f"THEN ROUND(:required * (13 - CAST(substr({issued_column}, 6, 2) AS INTEGER)) / 12.0, 2) "
        "ELSE :required END)"
    )


def required_hours(settings: Settings, year: int, issued: date | None = None) -> float:
    """The same rule as required_expr, in Python."""
    training = settings.for_year(year).training
    required = training.required_hours
    if training.prorate_first_year and issued is not None and issued.year == year:
        return round(required * (13 - issued.month) / 12, 2)
    return required


@dataclass(frozen=True)
class Record:
    id: int
    course: str
    category: str | None
    hours: float
    date: str
    year: int
    mode: str | None
    counted: bool
    reason: str  # why not counted ("" when counted)


@dataclass(frozen=True)
class Transcript:
    year: int
    records: list[Record]  # of the year and the year before (for carry-over and context)
    countable: float  # this year's countable hours, carry-over included
    carried: float  # hours carried over from the year before
    excluded: float  # this year's hours in excluded categories


def transcript(store: Store, officer_id: int, year: int) -> Transcript:
    """Every training record of an officer around `year`, each counted or not, and why."""
    settings = store.settings.for_year(year)
    excluded_categories = set(settings.training.excluded_categories)
    excluded_before = set(settings.for_year(year - 1).training.excluded_categories)
    rows = store.db.execute(
        "SELECT id, course, category, hours, date, year, mode FROM training WHERE officer_id = ? "
        "ORDER BY date, id",
        [officer_id],
    ).fetchall()
    records: list[Record] = []
    this_year = previous = excluded = 0.0
    for rid, course, category, hours, day, rec_year, mode in rows:
        if category in excluded_categories:
            reason = f"{category}学时不计入业务和法律法规培训"
        elif rec_year != year:
            reason = f"属于{rec_year}年度，不计入{year}年度"
        else:
            reason = ""
        counted = not reason
        if rec_year == year and counted:
            this_year += hours
        elif rec_year == year:
            excluded += hours
        elif rec_year == year - 1 and category not in excluded_before:
            previous += hours
        records.append(Record(rid, course, category, hours, day, rec_year, mode, counted, reason))
    previous_required = settings.for_year(year - 1).training.required_hours
    carried = min(max(previous - previous_required, 0), settings.training.carry_over_max_hours)
    return Transcript(year, records, round(this_year + carried, 2), round(carried, 2), round(excluded, 2))
