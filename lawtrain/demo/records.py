"""One made-up officer's records: certificate with history, exams, appraisals, a year of training.

The odds are set so that every compliance list has members: officers short of hours or with none,
expired certificates still on record as valid, holders who left their post or may not hold one,
exam passes without a certificate, heads without full-time training.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..cleaning import add_years, default_expiry
from ..settings import Settings
from . import vocabulary as v
from .people import random_day


@dataclass
class Rows:
    """Rows ready for executemany, in table column order."""

    certificates: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    exams: list[tuple] = field(default_factory=list)
    appraisals: list[tuple] = field(default_factory=list)
    training: list[tuple] = field(default_factory=list)
    reviews: list[tuple] = field(default_factory=list)

    def clear(self) -> None:
        for rows in vars(self).values():
            rows.clear()


@dataclass
class Officer:
    id: int
    staffing: str
    status: str
    is_head: bool
    head_term_start: date | None


class RecordMaker:
    def __init__(self, rng: random.Random, settings: Settings, year: int, last_day: date, batch_id: int):
        self.rng = rng
        self.settings = settings
        self.year = year
        self.last_day = last_day  # the demo's "today": nothing is dated after it
        self.batch_id = batch_id
        self.allowed = set(settings.staffing.allowed)
        self.cert_seq = 0
        self.rows = Rows()
        first = date(year, 1, 1)
        self.days = [(first + timedelta(days=i)).isoformat() for i in range((last_day - first).days + 1)]
        december = date(year - 1, 11, 1)
        self.last_year_days = [(december + timedelta(days=i)).isoformat() for i in range(61)]

    def officer(self, officer: Officer) -> None:
        holds = self._certificate(officer)
        if not holds:
            self._exams_without_certificate(officer)
        self._appraisals(officer)
        self._training(officer)

    def _number(self, issued: date, seq: int) -> str:
        fmt = self.settings.certificates.number_format
        return fmt.format(yy=f"{issued.year % 100:02d}", yyyy=f"{issued.year}", seq=seq)

    def _certificate(self, o: Officer) -> bool:
        rng = self.rng
        chance = 0.9 if o.staffing in self.allowed else 0.45
        if rng.random() > chance:
            return False
        validity = self.settings.certificates.validity_years
        age = rng.random()
        if age < 0.08:  # issued more than a validity ago: expired
            issued = random_day(rng, date(self.year - validity - 1, 1, 1), date(self.year - validity, 12, 1))
        else:
            issued = random_day(
                rng, date(self.year - validity + 1, 1, 1), min(self.last_day, date(self.year, 10, 31))
            )
        expires = default_expiry(issued, validity)
        status = "有效"
        roll = rng.random()
        if expires < self.last_day and roll < 0.5:
            status = "注销"
        elif o.status != "在岗" and roll < 0.55:
            status = "注销"
        elif roll < 0.03:
            status = "暂扣"
        elif roll < 0.04:
            status = "吊销"
        self.cert_seq += 1
        cert_id = self.cert_seq
        number = self._number(issued, cert_id)
        suspended_until = add_years(self.last_day, 1).isoformat() if status == "暂扣" else None
        authority = self.settings.issuing_authority or None
        self.rows.certificates.append(
            (cert_id, number, o.id, "执法证", issued.isoformat(), expires.isoformat(), authority, status,
             suspended_until, self.batch_id)
        )  # fmt: skip
        self.rows.events.append(
            (cert_id, issued.isoformat(), None, "有效", "考试合格，核发执法证", self.batch_id)
        )
        if status != "有效":
            changed = random_day(rng, issued + timedelta(days=30), self.last_day)
            reason = {"暂扣": "年审不合格", "注销": "调离执法岗位" if o.status != "在岗" else "证件过期",
                      "吊销": "违法违纪，撤销执法资格"}[status]  # fmt: skip
            self.rows.events.append((cert_id, changed.isoformat(), "有效", status, reason, self.batch_id))
        self._exam_pass(o.id, issued - timedelta(days=rng.randrange(30, 120)))
        if (
            status == "有效"
            and expires >= date(self.year - 1, 12, 31)
            and issued <= date(self.year - 1, 12, 31)
        ):
            if rng.random() < 0.92:
                self.rows.reviews.append(
                    (cert_id, self.year - 1, "pass", "[]", "", f"{self.year}-01-20", self.batch_id)
                )
        return True

    def _exam_pass(self, officer_id: int, day: date) -> None:
        name = f"{day.year}年度行政执法资格考试"
        for part in ("通用", "专门"):
            score = float(self.rng.randrange(60, 98))
            self.rows.exams.append((officer_id, name, part, day.isoformat(), score, 0, self.batch_id))

    def _exams_without_certificate(self, o: Officer) -> None:
        rng = self.rng
        if o.status != "在岗" or rng.random() > 0.5:
            return
        day = random_day(rng, date(self.year, 3, 1), min(self.last_day, date(self.year, 10, 31)))
        name = f"{self.year}年度行政执法资格考试"
        roll = rng.random()
        for part in ("通用", "专门"):
            if roll < 0.6:
                score, absent = float(rng.randrange(60, 98)), 0
            elif roll < 0.85 and part == "专门":
                score, absent = float(rng.randrange(30, 60)), 0
            elif roll >= 0.85 and part == "通用":
                score, absent = None, 1
            else:
                score, absent = float(rng.randrange(60, 95)), 0
            self.rows.exams.append((o.id, name, part, day.isoformat(), score, absent, self.batch_id))

    def _appraisals(self, o: Officer) -> None:
        for year in (self.year - 1, self.year):
            if self.rng.random() < 0.95:
                self.rows.appraisals.append((o.id, year, self._grade(), self.batch_id))

    def _grade(self) -> str:
        roll = self.rng.random() * 100
        for grade, weight in v.GRADE_MIX:
            roll -= weight
            if roll < 0:
                return grade
        return v.GRADE_MIX[-1][0]

    def _training(self, o: Officer) -> None:
        rng = self.rng
        if o.status != "在岗" and rng.random() < 0.6:
            return
        profile = rng.random()
        if profile < 0.05:
            return  # no record at all
        required = self.settings.for_year(self.year).training.required_hours
        target = (
            rng.uniform(required * 0.15, required * 0.98)
            if profile < 0.2
            else rng.uniform(required, required * 1.5)
        )
        seen: set[tuple[str, str]] = set()
        days, choice, random_ = self.days, rng.choice, rng.random
        hours = 0.0
        while hours < target:
            course, category, typical = choice(v.COURSES)
            amount = float(max(1, typical + choice((-1, 0, 0, 1))))
            if random_() < 0.1:
                amount += 0.5
            hours += amount
            self._add(
                o.id,
                course,
                category,
                amount,
                choice(days),
                self.year,
                "线上" if random_() < 0.8 else "线下",
                seen,
            )
        for _ in range(rng.randrange(0, 3)):
            course, category, typical = choice(v.POLITICAL_COURSES)
            self._add(o.id, course, category, float(typical), choice(days), self.year, "线上", seen)
        for _ in range(rng.randrange(0, 2)):
            course, category, typical = choice(v.COURSES)
            self._add(
                o.id,
                course,
                category,
                float(typical),
                choice(self.last_year_days),
                self.year - 1,
                "线上",
                seen,
            )
        if o.is_head and o.head_term_start and random_() < 0.7:
            course, category, amount = v.FULL_TIME_COURSE
            day = random_day(rng, o.head_term_start, self.last_day)
            self._add(o.id, course, category, float(amount), day.isoformat(), day.year, "脱产", seen)

    def _add(self, officer_id: int, course: str, category: str, hours: float, day: str, year: int, mode: str,
             seen: set[tuple[str, str]]) -> None:  # fmt: skip
        if (course, day) in seen:
            return
        seen.add((course, day))
        self.rows.training.append((officer_id, course, category, hours, day, year, mode, self.batch_id))
