"""Made-up people and units: valid ID numbers, names, the real mix of staffing types and statuses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from ..idcard import check_char
from . import vocabulary as v

OFFICERS_PER_COUNTY = 2000


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    name: str
    kind: str  # 部门 / 乡镇
    area: str  # 6-digit area code of its county


class Weighted:
    """A fast weighted choice over a fixed table."""

    def __init__(self, table: tuple[tuple[str, float], ...]):
        self.values = [value for value, _ in table]
        self.cumulative = list(accumulate(weight for _, weight in table))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


def county_names(count: int, first: str = "") -> list[str]:
    """Distinct made-up county names (县, then 市 and 区 when a province needs more); `first`, when
    given, is the first one (the jurisdiction set up in settings)."""
    names = [f"{head}{tail}{kind}" for kind in "县市区" for head in v.COUNTY_HEADS for tail in v.COUNTY_TAILS]
    if first:
        names = [first, *(name for name in names if name != first)]
    if count > len(names):
        raise ValueError(f"at most {len(names)} counties")
    return names[:count]


def make_units(rng: random.Random, officers: int, jurisdiction: str = "") -> list[Unit]:
    """Departments and townships of as many counties as the officer count calls for (~2,000 each), the
    first named after the jurisdiction when one is set up. Township names repeat across counties, so
    with several counties they carry the county's name."""
    counties = county_names(max(1, round(officers / OFFICERS_PER_COUNTY)), jurisdiction)
    departments_per_county = 20 if len(counties) == 1 else 16
    townships = [a + b for a, b in zip(v.TOWNSHIP_HEADS[::2], v.TOWNSHIP_HEADS[1::2], strict=True)]
    units: list[Unit] = []
    for index, county in enumerate(counties):
        area = f"41{(index // 90) + 1:02d}{(index % 90) + 10:02d}"
        for department in rng.sample(v.DEPARTMENTS, departments_per_county):
            units.append(Unit(len(units) + 1, f"{county}{department}", "部门", area))
        prefix = county if len(counties) > 1 else ""
        for township in rng.sample(townships, 10):
            units.append(
                Unit(len(units) + 1, f"{prefix}{township}{rng.choice(v.TOWNSHIP_KINDS)}", "乡镇", area)
            )
    return units


def id_number(rng: random.Random, area: str, born: date, male: bool, taken: set[str]) -> str:
    while True:
        seq = rng.randrange(0, 1000)
        if (seq % 2 == 1) != male:
            seq = (seq + 1) % 1000
        body = f"{area}{born:%Y%m%d}{seq:03d}"
        number = body + check_char(body)
        if number not in taken:
            taken.add(number)
            return number


def person_name(rng: random.Random) -> str:
    if rng.random() < 0.002:
        return rng.choice(v.MINORITY_NAMES)
    given = rng.choice(v.GIVEN) if rng.random() < 0.35 else rng.choice(v.GIVEN) + rng.choice(v.GIVEN)
    return rng.choice(v.SURNAMES) + given


def birth_date(rng: random.Random, year: int) -> date:
    start = date(year - 59, 1, 1)
    return start + timedelta(days=rng.randrange((date(year - 23, 12, 31) - start).days))


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def random_day(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randrange((last - first).days + 1))
