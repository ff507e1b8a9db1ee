"""What falls due, month by month from the as-of date: the calendar of the clerk's coming year.

Four kinds of dates, each taken from the check that owns its rule, so the calendar never disagrees
with the lists:
- certificates of in-post holders expiring (`cert-expiring`, its window stretched to the last month);
- certificates due for their annual review (`review-missing` of the year, as on its 31 December:
  valid at year end, due under the review rule, not yet reviewed), in December of each year;
- adviser engagements ending, not yet renewed (`adviser-expiring`);
- exam passes whose validity ends before a certificate is issued (`exam-passed-uncertified`): the
  qualification lapses when the first of the parts it rests on stops counting (`pass_counts_until`).

The first month runs from the as-of date to its end (what fell due before is on the lists already).
In a city's register the rows carry their county's name, and without a county chosen the lists show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .checks import CATALOGUE, RunParams, by_county
from .checks.base import with_county
from .checks.exams import pass_counts_until
from .exporting.tables import Column
from .store import Store
from .store.counties import county_names, shows_counties

KINDS = ("cert_expiring", "review_due", "adviser_ending", "exam_pass_lapsing")
KIND_LABELS = {
    "cert_expiring": "证件到期",
    "review_due": "证件应年审",
    "adviser_ending": "顾问聘期届满",
    "exam_pass_lapsing": "考试合格失效",
}
# What each kind lists, as a clerk reads it: the day it falls due, then the check's own columns.
_DAY = {
    "cert_expiring": Column("due", "到期日"),
    "review_due": Column("due", "年审截止日"),
    "adviser_ending": Column("due", "聘期止"),
    "exam_pass_lapsing": Column("due", "合格成绩有效至"),
}
_CHECK = {
    "cert_expiring": "cert-expiring",
    "review_due": "review-missing",
    "adviser_ending": "adviser-expiring",
    "exam_pass_lapsing": "exam-passed-uncertified",
}
_LEFT_OUT = {"days_left", "ends", "expires"}  # said by the day column


def columns(kind: str) -> list[Column]:
    """The columns of a kind's list: the day it falls due first."""
    check = CATALOGUE[_CHECK[kind]]
    return [_DAY[kind], *(column for column in check.columns if column.key not in _LEFT_OUT)]


class DueError(ValueError):
    """A calendar that cannot be drawn (a month count out of range); the message is for the clerk."""


@dataclass
class Month:
    month: str  # YYYY-MM
    first: date  # the as-of date in the first month, else the 1st
    last: date
    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    def to_json(self) -> dict[str, Any]:
        key = {"adviser_ending": "adviser"}
        return {
            "month": self.month,
            **{kind: [row[key.get(kind, "id_number")] for row in self.items[kind]] for kind in KINDS},
        }


@dataclass
class DueCalendar:
    as_of: date
    months: list[Month]
    unit: str | None = None
    county: str | None = None  # what falls due in this county only
    several_counties: bool = False  # a city's calendar: the lists show each row's county

    @property
    def total(self) -> int:
        return sum(len(rows) for month in self.months for rows in month.items.values())

    def columns(self, kind: str) -> tuple[Column, ...]:
        """The columns of a kind's list as a person reads them: with the county in a city's calendar."""
        listed = tuple(columns(kind))
        return with_county(listed) if self.several_counties else listed

    @property
    def scope_text(self) -> str:
        """The filters chosen, as a title's tail (empty for the whole register)."""
        county = f"，区县 {self.county}" if self.county else ""
        return county + (f"，单位 {self.unit}" if self.unit else "")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"as_of": self.as_of.isoformat()}
        if self.county is not None:
            data["county"] = self.county
        if self.unit is not None:
            data["unit"] = self.unit
        data["months"] = [month.to_json() for month in self.months]
        return data


def month_spans(as_of: date, count: int) -> list[Month]:
    """`count` calendar months from the as-of date's, the first starting on the as-of date."""
    months, first = [], as_of
    for _ in range(count):
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append(Month(f"{first.year:04d}-{first.month:02d}", first, following - timedelta(days=1)))
        first = following
    return months


def due_calendar(
    store: Store, as_of: date, months: int = 12, unit: str | None = None, county: str | None = None
) -> DueCalendar:
    """What falls due in each of `months` months from `as_of` (for one unit, one county (by name), or
    every unit); each month's rows by day, then county (a city's order), then unit."""
    if not 1 <= months <= 120:
        raise DueError("月数应在 1 至 120 之间")
    spans = month_spans(as_of, months)
    end = spans[-1].last
    run = RunParams(store, as_of.year, as_of, within=(end - as_of).days, unit=unit, county=county)
    names = county_names(store.db)
    place = {name: rank for rank, name in enumerate(names.values())}

    def found(check: str, params: RunParams) -> list[dict[str, Any]]:
        return by_county(CATALOGUE[check].find(params), names, several=False)

    dated: list[tuple[str, str, dict[str, Any]]] = []  # (kind, day, row)
    for row in found("cert-expiring", run):
        dated.append(("cert_expiring", row["expires"], row))
    for row in found("adviser-expiring", run):
        dated.append(("adviser_ending", row["ends"], row))
    for row in found("exam-passed-uncertified", run):
        parts = [row["special_on"], *([row["general_on"]] if row["general_on"] else [])]
        lapses = min(pass_counts_until(date.fromisoformat(day), run) for day in parts).isoformat()
        if lapses <= end.isoformat():
            dated.append(("exam_pass_lapsing", lapses, row))
    for year in range(as_of.year, end.year + 1):
        year_end = date(year, 12, 31)
        if year_end > end:
            break
        for row in found("review-missing", RunParams(store, year, year_end, unit=unit, county=county)):
            dated.append(("review_due", year_end.isoformat(), row))
    by_month = {month.month: month for month in spans}

    def order(item: tuple[str, str, dict[str, Any]]) -> tuple[str, int, str]:
        return item[1], place[item[2]["county"]], item[2]["unit"] or ""

    for kind, day, row in sorted(dated, key=order):
        by_month[day[:7]].items[kind].append({"due": day, **row})
    return DueCalendar(as_of, spans, unit, county, shows_counties(store.db, county))
