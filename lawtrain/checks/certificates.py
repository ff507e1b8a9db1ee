"""Checks on certificates: expiring, expired on record, missing, held by those who may not hold one,
held after leaving the post, and not yet reviewed."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..exporting.tables import Column
from ..rules import (
    CERT_EXPIRED_ON_RECORD,
    CERT_VALID_ON,
    IN_POST,
    REVIEW_DUE,
    UNIT_AND_COUNTY,
    staffing_allowed_sql,
)
from .base import OFFICER, OFFICER_COLUMNS, Check, RunParams, query

_CERT_COLUMNS = (Column("certificate", "证件号码"), Column("kind", "证件种类"), Column("expires", "有效期至"))
_FROM = "FROM certificates c JOIN officers o ON o.id = c.officer_id JOIN units u ON u.id = o.unit_id"
_SELECT = f"SELECT o.id_number, o.name, {UNIT_AND_COUNTY}, c.number AS certificate, c.kind, c.expires"
_ORDER = "ORDER BY u.name, c.expires, o.id_number"
# The same, officers first: for lists that start from the few officers of a kind. CROSS JOIN keeps
# SQLite from walking every valid certificate to look up its officer, and INDEXED BY from probing the
# (status, expires) index once per officer, which it prefers when the database has no statistics.
_FROM_OFFICERS = (
    "FROM officers o CROSS JOIN certificates c INDEXED BY certificates_officer ON c.officer_id = o.id "
    "JOIN units u ON u.id = o.unit_id"
)


def _expiring(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql()
    sql = (
        f"{_SELECT}, CAST(julianday(c.expires) - julianday(:as_of) AS INTEGER) AS days_left {_FROM} "  # noqa: S608
        f"WHERE {CERT_VALID_ON} AND {IN_POST} AND c.expires <= :window{extra} {_ORDER}"
    )
    window = run.window(run.settings.checks.expiring_within_days)
    return query(run, sql, {"as_of": run.as_of.isoformat(), "window": window.isoformat(), **values})


def _expiring_parameters(run: RunParams) -> dict[str, Any]:
    return run.window_parameters(run.settings.checks.expiring_within_days)


def _expired(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql()
    sql = (
        f"{_SELECT}, o.status {_FROM} "  # noqa: S608
        f"WHERE {CERT_EXPIRED_ON_RECORD}{extra} {_ORDER}"
    )
    return query(run, sql, {"as_of": run.as_of.isoformat(), **values})


def _uncertified(run: RunParams) -> list[dict[str, Any]]:
    allowed, staff = staffing_allowed_sql(run.settings)
    extra, values = run.sql()
    narrow = " AND c.officer_id = :officer_filter" if run.officer_id is not None else ""
    sql = (
        f"SELECT o.id_number, o.name, {UNIT_AND_COUNTY}, o.staffing, o.position, "  # noqa: S608
        "(SELECT MAX(c.expires) FROM certificates c WHERE c.officer_id = o.id) AS last_expires, "
        "(SELECT c.status FROM certificates c WHERE c.officer_id = o.id ORDER BY c.expires DESC LIMIT 1) "
        "AS last_status "
        "FROM officers o JOIN units u ON u.id = o.unit_id "
        f"WHERE {IN_POST} AND {allowed}{extra} "
        # NOT IN builds the set of holders once; a correlated NOT EXISTS lets the planner scan every
        # valid certificate per officer through the (status, expires) index.
        f"AND o.id NOT IN (SELECT c.officer_id FROM certificates c WHERE {CERT_VALID_ON}{narrow}) "
        "ORDER BY u.name, o.id_number"
    )
    return query(run, sql, {"as_of": run.as_of.isoformat(), **staff, **values})


def _ineligible(run: RunParams) -> list[dict[str, Any]]:
    allowed, staff = staffing_allowed_sql(run.settings)
    extra, values = run.sql()
    sql = (
        f"{_SELECT}, o.staffing, o.status {_FROM_OFFICERS} "  # noqa: S608
        f"WHERE NOT {allowed} AND {CERT_VALID_ON}{extra} {_ORDER}"
    )
    return query(run, sql, {"as_of": run.as_of.isoformat(), **staff, **values})


def _left_post(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql()
    sql = (
        f"{_SELECT}, o.status {_FROM_OFFICERS} "  # noqa: S608
        f"WHERE NOT {IN_POST} AND {CERT_VALID_ON}{extra} {_ORDER}"
    )
    return query(run, sql, {"as_of": run.as_of.isoformat(), **values})


def review_year(run: RunParams) -> int:
    """The last finished year on the as-of date: the chosen year once it has ended, else the one before."""
    return run.year if run.year_end <= run.as_of else run.year - 1


def _review_missing(run: RunParams) -> list[dict[str, Any]]:
    reviewed = review_year(run)
    every = run.settings.review.every_years
    extra, values = run.sql()
    sql = (
        f"{_SELECT}, o.status {_FROM} "  # noqa: S608
        f"WHERE {CERT_VALID_ON} "
        f"AND {REVIEW_DUE} "
        "AND c.id NOT IN (SELECT r.certificate_id FROM reviews r WHERE r.year = :review_year)"
        f"{extra} {_ORDER}"
    )
    as_of = date(reviewed, 12, 31).isoformat()
    return query(run, sql, {"as_of": as_of, "review_year": reviewed, "review_every": every, **values})


CERTIFICATE_CHECKS = (
    Check(
        "cert-expiring",
        "执法证件即将到期",
        OFFICER,
        (*OFFICER_COLUMNS, *_CERT_COLUMNS, Column("days_left", "剩余天数")),
        _expiring,
        _expiring_parameters,
    ),
    Check(
        "cert-expired",
        "证件已过有效期但仍登记为有效",
        OFFICER,
        (*OFFICER_COLUMNS, *_CERT_COLUMNS, Column("status", "人员状态")),
        _expired,
    ),
    Check(
        "uncertified",
        "在岗人员无有效执法证件",
        OFFICER,
        (
            *OFFICER_COLUMNS,
            Column("staffing", "人员性质"),
            Column("position", "职务"),
            Column("last_expires", "最近证件有效期至"),
            Column("last_status", "最近证件状态"),
        ),
        _uncertified,
    ),
    Check(
        "ineligible-staffing",
        "人员性质不得持证",
        OFFICER,
        (*OFFICER_COLUMNS, Column("staffing", "人员性质"), *_CERT_COLUMNS, Column("status", "人员状态")),
        _ineligible,
    ),
    Check(
        "left-post",
        "已离岗仍持有效证件 (应注销)",
        OFFICER,
        (*OFFICER_COLUMNS, Column("status", "人员状态"), *_CERT_COLUMNS),
        _left_post,
    ),
    Check(
        "review-missing",
        "证件未年审",
        OFFICER,
        (*OFFICER_COLUMNS, *_CERT_COLUMNS, Column("status", "人员状态")),
        _review_missing,
        lambda run: {"review_year": review_year(run), "every_years": run.settings.review.every_years},
    ),
)
