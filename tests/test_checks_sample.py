"""The sample county's spreadsheets, imported, give exactly the answers in expected.json."""

from __future__ import annotations

import pytest

from lawtrain.checks import run_checks
from lawtrain.stats import statistics

from .conftest import SAMPLE_TODAY

KEYS = {"unit-min-holders": "unit", "adviser-coverage": "unit", "adviser-expiring": "adviser"}
LISTS = (
    "cert-expiring", "cert-expired", "ineligible-staffing", "left-post", "unit-min-holders", "adviser-coverage",
    "adviser-expiring", "exam-passed-uncertified",
)  # fmt: skip


@pytest.fixture
def sample_report(sample_store, expected):
    assert expected["as_of"] == SAMPLE_TODAY.isoformat()
    return run_checks(sample_store, year=expected["year"], as_of=SAMPLE_TODAY)


@pytest.mark.parametrize("name", LISTS)
def test_lists_match_the_expected_answers(sample_report, expected, name):
    key = KEYS.get(name, "id_number")
    found = [finding[key] for finding in sample_report.result(name).findings]
    assert sorted(set(found)) == sorted(expected[name])


def test_training_hours_ids_and_hours(sample_report, expected):
    found = {f["id_number"]: f for f in sample_report.result("training-hours").findings}
    assert set(found) == set(expected["training-hours"])
    for id_number, hours in expected["training-hours"].items():
        assert found[id_number]["hours"] == pytest.approx(hours, abs=0.01), id_number
        assert found[id_number]["shortfall"] == pytest.approx(60 - hours, abs=0.01)


def test_officers_without_any_record_are_listed(sample_report, expected):
    zero = {n for n, hours in expected["training-hours"].items() if hours == 0}
    records = {f["id_number"]: f["records"] for f in sample_report.result("training-hours").findings}
    assert zero and zero <= set(records)
    assert any(records[n] == 0 for n in zero)


def test_statistics_agree_with_the_lists(sample_store, expected):
    figures = statistics(sample_store, expected["year"], SAMPLE_TODAY)
    totals = figures.totals
    assert totals["officers"] == expected["officer_count"]
    short = len(expected["training-hours"])
    assert totals["subjects"] - totals["compliant"] == short
    by_unit = {row["unit"]: row for row in figures.rows}
    for unit in expected["adviser-coverage"]:
        assert by_unit[unit]["advisers"] == 0
    for unit in expected["unit-min-holders"]:
        assert by_unit[unit]["holders"] < sample_store.settings.checks.unit_min_holders


def test_the_workbook_read_back_holds_the_findings(sample_store, sample_report, expected, tmp_path):
    from openpyxl import load_workbook

    from lawtrain.exporting.reports import write_check_report

    wb = load_workbook(write_check_report(sample_report, tmp_path / "清单.xlsx", sample_store.settings))
    summary = {row[1]: row[2] for row in wb["汇总"].iter_rows(min_row=4, values_only=True)}
    assert summary["年度培训学时不足"] == len(expected["training-hours"])
    rows = list(wb["年度培训学时不足"].iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row[0] == "身份证号码")
    read = {row[0]: row[3] for row in rows[header_at + 1 :]}
    assert read == pytest.approx(expected["training-hours"], abs=0.01)
    units = {row[0] for row in list(wb["单位无在聘法律顾问或公职律师"].iter_rows(values_only=True))[5:]}
    assert units == set(expected["adviser-coverage"])


def test_explain_agrees_with_the_expected_hours(sample_store, expected):
    from lawtrain.explain import explain

    for id_number, hours in list(expected["training-hours"].items())[:5]:
        e = explain(sample_store, id_number, expected["year"], SAMPLE_TODAY)
        assert e.transcript.countable == pytest.approx(hours, abs=0.01)
        assert next(v for v in e.verdicts if v.name == "training-hours").listed
        not_counted = [r for r in e.transcript.records if not r.counted]
        assert all(r.reason for r in not_counted)


def test_every_check_together_reports_what_each_alone_does(sample_report, sample_store, expected):
    """Several checks run in two threads with a connection each; one check runs alone in this one.
    The findings, their order and the progress reported must not depend on it."""
    calls = []
    together = run_checks(
        sample_store, year=expected["year"], as_of=SAMPLE_TODAY, progress=lambda d, t: calls.append((d, t))
    )
    assert together.to_json() == sample_report.to_json()
    assert sorted(calls) == [(done, len(together.results)) for done in range(1, len(together.results) + 1)]
    for result in together.results:
        alone = run_checks(sample_store, [result.check.name], year=expected["year"], as_of=SAMPLE_TODAY)
        assert alone.results[0].findings == result.findings
        assert alone.results[0].parameters == result.parameters
    with sample_store.batch("edit", "未提交的修改") as _batch:  # inside a transaction: one connection only
        sample_store.db.execute("UPDATE officers SET status = '退休'")
        names = ["left-post", "uncertified"]
        inside = run_checks(sample_store, names, year=expected["year"], as_of=SAMPLE_TODAY)
        # Nobody is in post any more, as this connection sees it.
        assert not inside.result("uncertified").findings
        assert inside.result("left-post").findings
