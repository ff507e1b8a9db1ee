"""Checks on training: the yearly hours of every holder, and the heads' full-time rule-of-law course."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .. import hours
from ..cleaning import add_years
from ..exporting.tables import Column
from ..rules import CERT_VALID_ON, IN_POST, UNIT_AND_COUNTY
from .base import OFFICER, OFFICER_COLUMNS, Check, RunParams, query

# Officers holding a valid certificate on :as_of, with the earliest issue date among those
# certificates (which decides a prorated requirement). Columns id, issued: read as alias `o` by
# hours.HOURS_JOIN, which joins on o.id.
HOLDERS = (
    f"SELECT c.officer_id AS id, MIN(c.issued) AS issued FROM certificates c WHERE {CERT_VALID_ON}"  # noqa: S608
    "{holder_extra} GROUP BY c.officer_id"
)

# Every in-post holder of the year with countable hours and the hours owed: who owes the 60 hours.
# The hours are computed over the holders first and the officers joined after ({short} keeps only
# those below the requirement): at province scale this order halves the time.
# {countable} and {hours_join}: hours.countable_sql of the settings.
SUBJECTS = (
    "WITH s AS (SELECT o.id, ROUND("  # noqa: S608
    f"{{countable}}, 2) AS hours, {hours.required_expr('o.issued')} AS required, "
    f"COALESCE(h.records, 0) AS records FROM ({HOLDERS}) o {{hours_join}}) "
    f"SELECT o.id AS officer_id, o.id_number, o.name, {UNIT_AND_COUNTY}, o.unit_id, s.hours, s.required, s.records "
    "FROM s JOIN officers o ON o.id = s.id JOIN units u ON u.id = o.unit_id "
    f"WHERE {IN_POST}{{extra}}{{short}}"
)


def subjects_sql(run: RunParams, short: bool = False) -> tuple[str, dict[str, Any]]:
    """The SQL of SUBJECTS for this run (only those short of the requirement when `short`), and its
    parameters; the judging day is `run.on`."""
    extra, values = run.sql()
    holder_extra = " AND c.officer_id = :officer_filter" if run.officer_id is not None else ""
    countable, hours_join = hours.countable_sql(run.settings)
    sql = SUBJECTS.format(
        extra=extra, holder_extra=holder_extra, short=" AND s.hours < s.required" if short else "",
        countable=countable, hours_join=hours_join,
    )  # fmt: skip
    return sql, {**hours.params(run.settings, run.year), "as_of": run.on.isoformat(), **values}


def _short(run: RunParams) -> list[dict[str, Any]]:
    subjects, values = subjects_sql(run, short=True)
    sql = (
        "SELECT id_number, name, unit, county, hours * 1.0 AS hours, required * 1.0 AS required, "  # noqa: S608
        f"ROUND(required - hours, 2) AS shortfall, records FROM ({subjects}) ORDER BY unit, hours, id_number"
    )
    return query(run, sql, values)


def _hours_parameters(run: RunParams) -> dict[str, Any]:
    training = run.settings.training
    return {
        "required_hours": training.required_hours,
        "excluded_categories": list(training.excluded_categories),
        "carry_over_max_hours": training.carry_over_max_hours,
        "prorate_first_year": training.prorate_first_year,
        "judged_on": run.on.isoformat(),
    }


# A full-time (脱产) course on law: by its category or its title.
RULE_OF_LAW_COURSE = "(t.mode = '脱产' AND (t.category LIKE '%法%' OR t.course LIKE '%法%'))"


def term_start(appointed: date | None, as_of: date, years: int) -> date:
    """First day of a head's current term: terms of `years` run on from the appointment date; with
    no date known, the `years` up to the as-of date."""
    if appointed is None or appointed > as_of:
        return add_years(as_of, -years) + timedelta(days=1)
    start = appointed
    while add_years(start, years) <= as_of:
        start = add_years(start, years)
    return start


def _heads(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql()
    sql = (
        f"SELECT o.id_number, o.name, {UNIT_AND_COUNTY}, o.position, o.head_term_start, "  # noqa: S608
        f"(SELECT MAX(t.date) FROM training t WHERE t.officer_id = o.id AND {RULE_OF_LAW_COURSE} "
        "AND t.date <= :as_of) AS last_course "
        "FROM officers o JOIN units u ON u.id = o.unit_id "
        f"WHERE o.is_head = 1 AND {IN_POST}{extra} ORDER BY u.name, o.id_number"
    )
    years = run.settings.checks.head_term_years
    findings = []
    for row in query(run, sql, {"as_of": run.as_of.isoformat(), **values}):
        appointed = date.fromisoformat(row["head_term_start"]) if row["head_term_start"] else None
        start = term_start(appointed, run.as_of, years).isoformat()
        if row["last_course"] is None or row["last_course"] < start:
            findings.append({**row, "term_start": start})
    return findings


TRAINING_CHECKS = (
    Check(
        "training-hours",
        "年度培训学时不足",
        OFFICER,
        (
            *OFFICER_COLUMNS,
            Column("hours", "可计学时"),
            Column("required", "应修学时"),
            Column("shortfall", "差额"),
            Column("records", "本年度培训记录数"),
        ),
        _short,
        _hours_parameters,
    ),
    Check(
        "head-training",
        "单位负责人任期内未参加脱产法治培训",
        OFFICER,
        (
            *OFFICER_COLUMNS,
            Column("position", "职务"),
            Column("term_start", "本任期起"),
            Column("last_course", "最近一次脱产法治培训"),
        ),
        _heads,
        lambda run: {"term_years": run.settings.checks.head_term_years},
    ),
)
