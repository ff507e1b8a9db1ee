"""`lawtrain cert ...` as the clerk types it."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from lawtrain.cli.main import cli
from lawtrain.store import Store

from .register_builder import Register


@pytest.fixture
def run(store: Store):
    runner = CliRunner(env={"LAWTRAIN_OPERATOR": "李科员"})

    def invoke(*args: str):
        return runner.invoke(cli, ["--db", str(store.path), *args])

    return invoke


def test_issue_then_every_transition_and_the_history(store, run):
    reg = Register(store)
    person = reg.officer("王芳", unit="青山县交通运输局")
    reg.passed_exam(person, date(2025, 10, 18))
    result = run("cert", "issue", person, "--date", "2025年11月20日")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("已发证: 执法证 410425000001  王芳")
    assert "青山县交通运输局" in result.output and "2025-11-20 至 2030-11-19  状态: 有效" in result.output
    steps = [
        (["suspend", "410425000001", "--reason", "立案调查", "--until", "2026-03-01", "--date", "2026-01-05"],
         "已暂扣: ", "状态: 暂扣，暂扣至 2026-03-01"),
        (["reinstate", "410425000001", "--date", "2026-02-01"], "已恢复: ", "状态: 有效"),
        (["renew", "410425000001", "--date", "2030-10-01"], "已换证: ", "2025-11-20 至 2035-09-30"),
        (["cancel", "410425000001", "--reason", "调离", "--date", "2031-01-01"], "已注销: ", "状态: 注销"),
    ]  # fmt: skip
    for args, start, shown in steps:
        result = run("cert", *args)
        assert result.exit_code == 0, result.output
        assert result.output.startswith(start) and shown in result.output
    result = run("cert", "history", "410425000001")
    lines = result.output.splitlines()
    assert len(lines) == 6
    assert "(新证) -> 有效" in lines[1] and "暂扣 -> 有效" in lines[3] and "有效 -> 注销  调离" in lines[5]
    assert all("李科员" in line for line in lines[1:])


def test_revoke_states_the_bar(store, run):
    reg = Register(store)
    reg.officer("王芳", certificate=date(2023, 6, 1))
    result = run("cert", "revoke", "410420000001", "--reason", "违法执法", "--date", "2025-05-01")
    assert result.exit_code == 0
    assert result.output.rstrip().endswith("状态: 吊销；2 年内不得重新申领")


def test_refusals_are_one_clear_line_and_exit_code_2(store, run):
    reg = Register(store)
    person = reg.officer("王芳", staffing="合同工")
    result = run("cert", "issue", person, "--date", "2025-11-20")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "不能为王芳" in result.output and "人员性质“合同工”" in result.output
    assert "Traceback" not in result.output
    result = run("cert", "suspend", "410420000001", "--reason", "调查")
    assert result.exit_code == 2 and "没有证件号码为 410420000001 的证件" in result.output


def test_a_bad_date_is_refused_by_the_option(store, run):
    result = run("cert", "cancel", "X", "--reason", "调离", "--date", "2025-13-45")
    assert result.exit_code == 2
    assert "“2025-13-45”不是存在的日期" in result.output
