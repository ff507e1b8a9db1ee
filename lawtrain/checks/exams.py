"""Check on exams: officers who passed both parts of the qualification exam but hold no certificate."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..cleaning import add_years
from ..exporting.tables import Column
from ..rules import UNIT_AND_COUNTY
from .base import OFFICER, OFFICER_COLUMNS, Check, RunParams, query

# Per officer and part, the last passing attempt that still counts on :as_of (alias `best`), for
# the officers that {scope} selects (a subquery or a single :officer).
PASSES = (
    "SELECT e.officer_id, e.part, MAX(e.date) AS passed_on, MAX(e.score) AS score FROM exams e "
    "WHERE e.officer_id IN ({scope}) AND e.absent = 0 AND e.score >= :pass_mark "
    "AND e.date >= :pass_from AND e.date <= :as_of GROUP BY e.officer_id, e.part"
)
# Officers who hold no certificate of any kind or state.
WITHOUT_CERTIFICATE = (
    "SELECT o.id FROM officers o WHERE o.id NOT IN (SELECT c.officer_id FROM certificates c)"
)


def exam_parameters(run: RunParams) -> dict[str, Any]:
    exam = run.settings.exam
    # A pass on day D counts through the day before D + pass_valid_years.
    pass_from = add_years(run.as_of, -exam.pass_valid_years) + timedelta(days=1)
    return {
        "pass_mark": exam.pass_mark,
        "pass_valid_years": exam.pass_valid_years,
        "pass_from": pass_from.isoformat(),
        "waive_general": 1 if exam.waive_general_for_legal_qualification else 0,
    }


def pass_counts_until(passed_on: date, run: RunParams) -> date:
    """The last day a pass made on `passed_on` counts toward a certificate (the rule of exam_parameters:
    a pass on day D counts through the day before D + pass_valid_years)."""
    return add_years(passed_on, run.settings.exam.pass_valid_years) - timedelta(days=1)


def _uncertified_passes(run: RunParams) -> list[dict[str, Any]]:
    extra, values = run.sql()
    scope = WITHOUT_CERTIFICATE + (" AND o.id = :officer_filter" if run.officer_id is not None else "")
    sql = (
        f"WITH best AS ({PASSES.format(scope=scope)}) "  # noqa: S608
        f"SELECT o.id_number, o.name, {UNIT_AND_COUNTY}, o.status, g.passed_on AS general_on, g.score AS general, "
        "s.passed_on AS special_on, s.score AS special "
        "FROM best s JOIN officers o ON o.id = s.officer_id JOIN units u ON u.id = o.unit_id "
        "LEFT JOIN best g ON g.officer_id = o.id AND g.part = '通用' "
        "WHERE s.part = '专门' AND (g.officer_id IS NOT NULL OR (:waive_general AND o.legal_qualification = 1)) "
        f"{extra} "
        "ORDER BY u.name, o.id_number"
    )
    return query(run, sql, {"as_of": run.as_of.isoformat(), **exam_parameters(run), **values})


EXAM_CHECKS = (
    Check(
        "exam-passed-uncertified",
        "考试合格尚未发证",
        OFFICER,
        (
            *OFFICER_COLUMNS,
            Column("status", "人员状态"),
            Column("general", "通用法律知识成绩"),
            Column("general_on", "通用考试日期"),
            Column("special", "专门法律知识成绩"),
            Column("special_on", "专门考试日期"),
        ),
        _uncertified_passes,
        exam_parameters,
    ),
)
