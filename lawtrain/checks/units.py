"""Checks on units and their legal advisers: too few certified officers, no adviser in office,
engagements about to end."""

from __future__ import annotations

from typing import Any

from ..exporting.tables import Column
from ..rules import CERT_VALID_ON, IN_POST, UNIT_AND_COUNTY
from .base import ADVISER, UNIT, Check, RunParams, query

# In-post holders of a valid certificate per unit (alias `h`: unit_id, holders).
UNIT_HOLDERS = (
    "SELECT o.unit_id, COUNT(*) AS holders FROM officers o "  # noqa: S608
    f"WHERE {IN_POST} AND o.id IN (SELECT c.officer_id FROM certificates c WHERE {CERT_VALID_ON}) "
    "{narrow}GROUP BY o.unit_id"
)
# An engagement of adviser `a` covers :as_of.
ADVISER_IN_OFFICE = "(a.term_start <= :as_of AND a.term_end >= :as_of)"


def _min_holders(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql(officer=None)
    narrow = (
        "AND o.unit_id IN (SELECT id FROM units WHERE name = :unit_filter) " if run.unit is not None else ""
    )
    sql = (
        f"WITH h AS ({UNIT_HOLDERS.format(narrow=narrow)}) "  # noqa: S608
        f"SELECT {UNIT_AND_COUNTY}, COALESCE(h.holders, 0) AS holders, "
        f"(SELECT COUNT(*) FROM officers o WHERE o.unit_id = u.id AND {IN_POST}) AS in_post, "
        "(SELECT COUNT(*) FROM officers o WHERE o.unit_id = u.id) AS officers "
        "FROM units u LEFT JOIN h ON h.unit_id = u.id "
        "WHERE EXISTS (SELECT 1 FROM officers o WHERE o.unit_id = u.id) "
        f"AND COALESCE(h.holders, 0) < :minimum{extra} ORDER BY holders, u.name"
    )
    minimum = run.settings.checks.unit_min_holders
    return query(run, sql, {"as_of": run.as_of.isoformat(), "minimum": minimum, **values})


def _coverage(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql(officer=None)
    sql = (
        f"SELECT {UNIT_AND_COUNTY}, u.kind, "  # noqa: S608
        "(SELECT MAX(a.term_end) FROM advisers a WHERE a.unit_id = u.id AND a.term_end < :as_of) AS last_ended, "
        "(SELECT MIN(a.term_start) FROM advisers a WHERE a.unit_id = u.id AND a.term_start > :as_of) "
        "AS next_starts "
        "FROM units u "
        "WHERE (EXISTS (SELECT 1 FROM officers o WHERE o.unit_id = u.id) "
        "OR EXISTS (SELECT 1 FROM advisers a WHERE a.unit_id = u.id)) "
        f"AND NOT EXISTS (SELECT 1 FROM advisers a WHERE a.unit_id = u.id AND {ADVISER_IN_OFFICE}){extra} "
        "ORDER BY u.name"
    )
    return query(run, sql, {"as_of": run.as_of.isoformat(), **values})


def _adviser_expiring(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql(officer=None)
    sql = (
        f"SELECT a.name AS adviser, {UNIT_AND_COUNTY}, a.kind, a.firm, a.term_start AS starts, a.term_end AS ends, "  # noqa: S608
        "CAST(julianday(a.term_end) - julianday(:as_of) AS INTEGER) AS days_left, a.phone "
        "FROM advisers a JOIN units u ON u.id = a.unit_id "
        f"WHERE {ADVISER_IN_OFFICE} AND a.term_end <= :window "
        # Already renewed: the same adviser engaged again by the same unit from a later date.
        "AND NOT EXISTS (SELECT 1 FROM advisers b WHERE b.unit_id = a.unit_id AND b.name = a.name "
        f"AND b.term_start > a.term_start){extra} ORDER BY a.term_end, u.name, a.name"
    )
    window = run.window(run.settings.advisers.expiring_within_days)
    return query(run, sql, {"as_of": run.as_of.isoformat(), "window": window.isoformat(), **values})


def _adviser_parameters(run: RunParams) -> dict[str, Any]:
    return run.window_parameters(run.settings.advisers.expiring_within_days)


UNIT_CHECKS = (
    Check(
        "unit-min-holders",
        "单位持证在岗人员不足",
        UNIT,
        (
            Column("unit", "单位"),
            Column("holders", "在岗持证人数"),
            Column("in_post", "在岗人数"),
            Column("officers", "登记人数"),
        ),
        _min_holders,
        lambda run: {"minimum": run.settings.checks.unit_min_holders},
    ),
)

ADVISER_CHECKS = (
    Check(
        "adviser-coverage",
        "单位无在聘法律顾问或公职律师",
        UNIT,
        (
            Column("unit", "单位"),
            Column("kind", "单位类型"),
            Column("last_ended", "上一聘期止"),
            Column("next_starts", "下一聘期起"),
        ),
        _coverage,
    ),
    Check(
        "adviser-expiring",
        "法律顾问聘期即将届满",
        ADVISER,
        (
            Column("adviser", "法律顾问"),
            Column("unit", "服务单位"),
            Column("kind", "类别"),
            Column("firm", "执业机构"),
            Column("starts", "聘期起"),
            Column("ends", "聘期止"),
            Column("days_left", "剩余天数"),
            Column("phone", "联系电话"),
        ),
        _adviser_expiring,
        _adviser_parameters,
    ),
)
