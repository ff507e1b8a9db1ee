"""`explain`: the records counted and not counted with their reasons, and each check's verdict."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from lawtrain.checks import CATALOGUE
from lawtrain.cli.main import cli
from lawtrain.explain import ExplainError, explain

from .checks_register import AS_OF, UNIT, Register


@pytest.fixture
def officer(store):
    reg = Register(store)
    number = reg.officer("李四", head_since=date(2022, 1, 1))
    reg.training(number, 20, date(2025, 3, 1), course="行政处罚法解读")
    reg.training(number, 18.5, date(2025, 9, 1), category="业务知识", course="执法文书制作")
    reg.training(number, 6, date(2025, 7, 1), category="政治理论", course="党性教育专题")
    reg.training(number, 12, date(2024, 12, 7), course="2024年度执法培训班")
    reg.adviser("王律师", UNIT, date(2025, 1, 1), date(2026, 12, 31))
    reg.officer("同事")
    return number


def test_records_counted_and_not_counted_with_reasons(store, officer):
    e = explain(store, officer, 2025, AS_OF)
    counted = {r.course: r for r in e.transcript.records if r.counted}
    other = {r.course: r.reason for r in e.transcript.records if not r.counted}
    assert set(counted) == {"行政处罚法解读", "执法文书制作"}
    assert "政治理论" in other["党性教育专题"]
    assert "2024年度" in other["2024年度执法培训班"]
    assert e.transcript.countable == pytest.approx(38.5)
    assert e.subject == {"hours": 38.5, "required": 60}


def test_each_check_has_a_verdict_with_numbers(store, officer):
    e = explain(store, officer, 2025, AS_OF)
    verdicts = {v.name: v for v in e.verdicts}
    assert list(verdicts) == list(CATALOGUE)
    hours = verdicts["training-hours"]
    assert hours.listed and "38.5" in hours.detail and "21.5" in hours.detail
    assert verdicts["head-training"].listed
    assert not verdicts["unit-min-holders"].listed and "在岗持证 2 人" in verdicts["unit-min-holders"].detail
    assert not verdicts["adviser-coverage"].listed and "1 名" in verdicts["adviser-coverage"].detail
    assert not verdicts["cert-expiring"].listed and "有效期至 2028-02-29" in verdicts["cert-expiring"].detail


def test_verdicts_agree_with_the_lists(store, officer):
    from lawtrain.checks import run_checks

    report = run_checks(store, year=2025, as_of=AS_OF)
    e = explain(store, officer, 2025, AS_OF)
    for verdict in e.verdicts:
        result = report.result(verdict.name)
        if CATALOGUE[verdict.name].subject == "officer":
            assert verdict.listed == any(f["id_number"] == officer for f in result.findings), verdict.name


def test_unknown_and_invalid_numbers(store, officer):
    with pytest.raises(ExplainError, match="没有身份证号码"):
        explain(store, "11010519491231002X", 2025, AS_OF)
    with pytest.raises(ExplainError, match="无效"):
        explain(store, "123", 2025, AS_OF)


def test_command(store, officer):
    runner = CliRunner()
    text = runner.invoke(cli, ["--db", str(store.path), "explain", officer.lower(), "--as-of", "2025-12-31"])
    assert text.exit_code == 0, text.output
    assert "计入 2 条" in text.output and "不计入 2 条" in text.output
    assert "✗ 列入  年度培训学时不足" in text.output and "重复" in text.output
    data = json.loads(
        runner.invoke(cli, ["--db", str(store.path), "explain", officer, "--year", "2025", "--json"]).output
    )
    assert data["training"]["countable"] == 38.5 and len(data["verdicts"]) == len(CATALOGUE)
    missing = runner.invoke(cli, ["--db", str(store.path), "explain", "11010519491231002X"])
    assert missing.exit_code == 2 and "没有身份证号码" in missing.output
