"""`lawtrain review` as the clerk runs it: the list, --json, --apply twice, --out."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.cli.main import cli
from lawtrain.store import Store

from .register_builder import Register
from .test_review_evaluate import build


@pytest.fixture
def run(store: Store):
    build(Register(store))
    runner = CliRunner(env={"LAWTRAIN_OPERATOR": "李科员"})

    def invoke(*args: str):
        return runner.invoke(cli, ["--db", str(store.path), "review", *args])

    return invoke


def test_the_list_names_every_failing_certificate(run):
    result = run("--year", "2025")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2025年度年审 (截至 2025-12-31): 共 9 本证件，合格 2 本，不合格 7 本"
    assert len(lines) == 8
    assert any("调离" in line and "不合格: 不在岗、学时不足" in line for line in lines)


def test_json_output(run):
    result = run("--year", "2025", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["year"] == 2025 and payload["as_of"] == "2025-12-31"
    assert len(payload["results"]) == 9
    assert set(payload["results"][0]) == {
        "id_number",
        "name",
        "unit",
        "county",
        "certificate",
        "result",
        "reasons",
        "detail",
    }
    by_name = {r["name"]: r for r in payload["results"]}
    assert by_name["全都"]["reasons"] == ["not-in-post", "staffing", "training-hours", "appraisal"]
    assert by_name["合格"]["result"] == "pass"
    mid_year = json.loads(run("--year", "2025", "--as-of", "2025-06-30", "--json").output)
    assert "过期" in {r["name"] for r in mid_year["results"]}


def test_apply_twice(run, store):
    first = run("--year", "2025", "--apply")
    assert first.exit_code == 0
    batch_id = store.db.execute("SELECT MAX(id) FROM batches").fetchone()[0]
    assert first.output.splitlines()[-1] == (
        f"已记录年审结果 9 条；证件状态变更: 暂扣 5 本，注销 2 本 (批次 {batch_id}，可用 lawtrain undo {batch_id} 撤销)"
    )
    assert store.db.execute("SELECT operator FROM batches WHERE id = ?", [batch_id]).fetchone()[0] == "李科员"
    second = run("--year", "2025", "--apply")
    assert second.exit_code == 0
    assert second.output.splitlines()[0].endswith("共 2 本证件，合格 2 本，不合格 0 本")
    assert second.output.splitlines()[-1] == "年审结果均已记录，没有需要变更的内容"
    assert store.db.execute("SELECT MAX(id) FROM batches").fetchone()[0] == batch_id


def test_apply_with_json_keeps_stdout_json(run):
    result = run("--year", "2025", "--apply", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["results"]) == 9
    assert "已记录年审结果 9 条" in result.stderr


def test_workbook_has_a_fail_and_a_pass_sheet(run, tmp_path):
    out = tmp_path / "年审.xlsx"
    result = run("--year", "2025", "--out", str(out))
    assert result.exit_code == 0 and f"已导出到 {out}" in result.output
    book = load_workbook(out)
    assert book.sheetnames == ["不合格", "合格"]
    failing = book["不合格"]
    # No jurisdiction set up beside this register: the title names no place (never another county).
    assert failing["A1"].value == "2025年度行政执法证件年审不合格名单"
    header_row = next(row for row in failing.iter_rows(values_only=True) if row[0] == "身份证号码")
    assert header_row[9:] == ("年审结果", "不合格原因", "说明")
    rows = [row for row in failing.iter_rows(min_row=5, values_only=True)]
    assert len(rows) == 7
    assert {row[10] for row in rows} >= {"不在岗、学时不足", "年度考核不称职", "人员性质不得持证"}
    assert len(list(book["合格"].iter_rows(min_row=5, values_only=True))) == 2


def test_bad_requests_are_one_line(run, tmp_path):
    result = run("--year", "2025", "--out", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and result.output.strip() == "--out 只支持 .xlsx 文件，实际为“x.csv”"
    result = run("--year", "2025", "--unit", "不存在乡")
    assert result.exit_code == 2 and result.output.strip() == "登记簿中没有名为“不存在乡”的单位"


def test_lawtrain_undo_reverts_an_applied_review(run, store):
    statuses = dict(store.db.execute("SELECT number, status FROM certificates").fetchall())
    assert run("--year", "2025", "--apply").exit_code == 0
    batch_id = store.db.execute("SELECT MAX(id) FROM batches WHERE kind = 'review'").fetchone()[0]
    result = CliRunner().invoke(cli, ["--db", str(store.path), "undo", str(batch_id)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"已撤销批次 {batch_id}")
    assert dict(store.db.execute("SELECT number, status FROM certificates").fetchall()) == statuses
    assert store.count("reviews") == 0
    again = run("--year", "2025", "--apply")
    assert "证件状态变更: 暂扣 5 本，注销 2 本" in again.output
