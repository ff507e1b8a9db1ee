"""Evaluating the annual review (年审) of a year: every certificate valid at the end of the year (or on
the as-of date) and due for review that year (settings.review.every_years, counted from the year of
issue), with the reasons it fails, in this order:

  not-in-post     the officer is not 在岗
  staffing        the staffing type may not hold a certificate (settings.staffing.allowed)
  training-hours  countable hours of the year below the requirement (lawtrain.hours)
  appraisal       the yearly appraisal is 不称职
  sanction        a suspension (暂扣) or a revocation (吊销, within the re-application bar) of another
                  certificate of the officer is in force, when settings.review.sanction_fails;
                  a suspension imposed by an earlier review is its consequence, not a sanction
No reason: the certificate passes. Statuses are those on record when the review runs; hours and
appraisal are those of `year`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import hours
from ..cleaning import add_years
from ..rules import CERT_VALID_ON, IN_POST, REVIEW_DUE, staffing_allowed_sql
from ..settings import Settings
from ..store import Store
from ..store.counties import CountyError, check_unit, county_id
from ..vocabulary import FAILING_GRADE

REASONS = ("not-in-post", "staffing", "training-hours", "appraisal", "sanction")
REASON_LABELS = {
    "not-in-post": "不在岗",
    "staffing": "人员性质不得持证",
    "training-hours": "学时不足",
    "appraisal": "年度考核不称职",
    "sanction": "处罚期间",
}


class ReviewError(Exception):
    """A review that cannot be run as asked; the message is Chinese."""


@dataclass(frozen=True)
class ReviewResult:
    certificate_id: int
    number: str
    kind: str
    issued: str
    expires: str
    officer_id: int
    id_number: str
    name: str
    unit: str
    county: str
    status: str
    staffing: str | None
    hours: float
    required: float
    grade: str | None
    reasons: tuple[str, ...]
    detail: str

    @property
    def result(self) -> str:
        return "fail" if self.reasons else "pass"

    @property
    def reason_labels(self) -> list[str]:
        return [REASON_LABELS[code] for code in self.reasons]

    def as_json(self) -> dict:
        return {
            "id_number": self.id_number,
            "name": self.name,
            "unit": self.unit,
            "county": self.county,
            "certificate": self.number,
            "result": self.result,
            "reasons": list(self.reasons),
            "detail": self.detail,
        }


# Another certificate of the officer under a sanction on :as_of: suspended (until a date not yet
# passed, or without end) or revoked within the bar; the latest change not made by a review batch.
_SANCTION = """
(SELECT s.number || ' 被' || s.status FROM certificates s
 WHERE s.officer_id = o.id AND s.status IN ('暂扣', '吊销')
   AND ((s.status = '暂扣' AND (s.suspended_until IS NULL OR s.suspended_until >= :as_of))
        OR (s.status = '吊销' AND EXISTS (
            SELECT 1 FROM certificate_events r WHERE r.certificate_id = s.id AND r.to_status = '吊销'
              AND r.date > :bar_start AND r.date <= :as_of)))
   AND (SELECT b.kind FROM certificate_events e LEFT JOIN batches b ON b.id = e.batch_id
        WHERE e.certificate_id = s.id ORDER BY e.date DESC, e.id DESC LIMIT 1) IS NOT 'review'
 ORDER BY s.number LIMIT 1)
"""


def _query(settings: Settings, unit: str | None, county: str | None) -> tuple[str, dict]:
    staffing_sql, staffing_params = staffing_allowed_sql(settings)
    unit_filter = "AND u.name = :unit" if unit else ""
    if county:
        unit_filter += " AND u.county_id = (SELECT id FROM counties WHERE name = :county)"
    sql = f"""
    SELECT c.id, c.number, c.kind, c.issued, c.expires, o.id, o.id_number, o.name, u.name,
           (SELECT k.name FROM counties k WHERE k.id = u.county_id), o.status,
           o.staffing, {IN_POST}, {staffing_sql}, {hours.COUNTABLE_EXPR}, {hours.required_expr("c.issued")},
           (SELECT a.grade FROM appraisals a WHERE a.officer_id = o.id AND a.year = :year), {_SANCTION}
    FROM certificates c
    JOIN officers o ON o.id = c.officer_id
    JOIN units u ON u.id = o.unit_id
    {hours.HOURS_JOIN}
    WHERE {CERT_VALID_ON} AND {REVIEW_DUE} {unit_filter}
    ORDER BY u.name, o.id, c.kind, c.id
    """  # noqa: S608 (fragments are our own constants)
    return sql, staffing_params


def evaluate(
    store: Store, year: int, as_of: date | None = None, unit: str | None = None, county: str | None = None
) -> list[ReviewResult]:
    """The review of every certificate valid on `as_of` (default 31 December of `year`), in one
    query; optionally one county's (by name) or one unit's only (by its full name)."""
    as_of = as_of or date(year, 12, 31)
    try:
        if unit:
            check_unit(store.db, unit, county)
        elif county:
            county_id(store.db, county)
    except CountyError as exc:
        raise ReviewError(str(exc)) from None
    rules = store.settings.for_year(year)  # the review of a year is judged under that year's rules
    bar_start = add_years(as_of, -rules.certificates.revocation_bar_years)
    sql, staffing_params = _query(rules, unit, county)
    params = {
        **hours.params(rules, year),
        **staffing_params,
        "as_of": as_of.isoformat(),
        "review_year": year,
        "review_every": rules.review.every_years,
        "bar_start": bar_start.isoformat(),
        "unit": unit,
        "county": county,
    }
    sanction_fails = rules.review.sanction_fails
    results = []
    for row in store.db.execute(sql, params):
        (cid, number, kind, issued, expires, oid, id_number, name, unit_name, county_name, status, staffing,
         in_post, staffing_ok, countable, required, grade, sanction) = row  # fmt: skip
        countable, required = round(countable, 2), round(required, 2)
        checks = {
            "not-in-post": not in_post,
            "staffing": not staffing_ok,
            "training-hours": countable < required,
            "appraisal": grade == FAILING_GRADE,
            "sanction": sanction_fails and sanction is not None,
        }
        reasons = tuple(code for code in REASONS if checks[code])
        facts = {"status": status, "staffing": staffing, "hours": countable, "required": required,
                 "grade": grade, "sanction": sanction}  # fmt: skip
        results.append(
            ReviewResult(
                cid, number, kind, issued, expires, oid, id_number, name, unit_name, county_name, status, staffing,
                countable, required, grade, reasons, describe(year, reasons, facts),
            )
        )  # fmt: skip
    return results


def describe(year: int, reasons: tuple[str, ...], facts: dict) -> str:
    """The plain-Chinese explanation of a review result."""
    hours_text = f"{year}年度可计学时 {facts['hours']:g}，应修 {facts['required']:g}"
    if not reasons:
        grade = facts["grade"] or "未录入"
        return f"{hours_text}；{year}年度考核{grade}；年审合格"
    parts = []
    for code in reasons:
        if code == "not-in-post":
            parts.append(f"人员状态为{facts['status']}，不在岗")
        elif code == "staffing":
            parts.append(f"人员性质“{facts['staffing']}”不得持有行政执法证件")
        elif code == "training-hours":
            parts.append(f"{hours_text}，差 {facts['required'] - facts['hours']:g}")
        elif code == "appraisal":
            parts.append(f"{year}年度考核{facts['grade']}")
        elif code == "sanction":
            parts.append(f"另一证件 {facts['sanction']}，处罚尚未期满")
    return "；".join(parts)
