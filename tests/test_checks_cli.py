"""`lawtrain check` as the clerk runs it: dates, exit codes, JSON, the table, the exported files."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.cli.lists import resolve_dates
from lawtrain.cli.main import cli

from .checks_register import TOWN, UNIT, Register


@pytest.fixture
def register(store):
    reg = Register(store)
    reg.short = reg.officer("张三")
    reg.training(reg.short, 20, date(2025, 5, 1))
    reg.officer("=HYPERLINK(1)", unit=TOWN, issued=None)
    reg.adviser("王律师", UNIT, date(2025, 1, 1), date(2026, 12, 31))
    reg.adviser("赵律师", TOWN, date(2025, 1, 1), date(2026, 12, 31))
    return reg


def run(store, *args):
    return CliRunner().invoke(cli, ["--db", str(store.path), *args], catch_exceptions=False)


def test_resolve_dates():
    today = date(2026, 5, 20)
    assert resolve_dates(None, None, today) == (2026, today)
    assert resolve_dates(2024, None, today) == (2024, date(2024, 12, 31))
    assert resolve_dates(2026, None, today) == (2026, today)
    assert resolve_dates(None, date(2025, 3, 1), today) == (2025, date(2025, 3, 1))
    assert resolve_dates(2024, date(2025, 3, 1), today) == (2024, date(2025, 3, 1))


def test_findings_exit_1_and_the_table_shows_them(register):
    result = run(register.store, "check", "training-hours", "--as-of", "2025-12-31")
    assert result.exit_code == 1
    assert "年度培训学时不足" in result.output and register.short in result.output
    assert "张三" in result.output and "40" in result.output
    assert "合计 1 项" in result.output


def test_nothing_found_exits_0(register):
    result = run(register.store, "check", "cert-expired", "left-post", "--as-of", "2025-12-31")
    assert result.exit_code == 0
    assert "未发现问题" in result.output


def test_past_year_alone_means_its_last_day(register):
    data = json.loads(run(register.store, "check", "training-hours", "--year", "2024", "--json").output)
    assert data["as_of"] == "2024-12-31" and data["year"] == 2024


def test_json_output(register):
    result = run(register.store, "check", "--as-of", "2025-12-31", "--json", "--unit", UNIT)
    data = json.loads(result.output)
    assert data["as_of"] == "2025-12-31" and data["year"] == 2025
    checks = {c["name"]: c for c in data["checks"]}
    assert len(checks) == 12
    (finding,) = checks["training-hours"]["findings"]
    assert finding == {
        "id_number": register.short, "name": "张三", "unit": UNIT, "county": "本辖区", "hours": 20.0, "required": 60.0,
        "shortfall": 40.0, "records": 1,
    }  # fmt: skip
    assert "《" in checks["training-hours"]["basis"]
    assert checks["uncertified"]["findings"] == []  # the other unit's officer is filtered out


def test_errors_are_one_line_exit_2(register):
    unknown = run(register.store, "check", "nope")
    assert unknown.exit_code == 2 and "未知的检查项: nope" in unknown.output
    unit = run(register.store, "check", "--unit", "不存在的局")
    assert unit.exit_code == 2 and "没有名为“不存在的局”的单位" in unit.output
    bad_out = run(register.store, "check", "--out", str(register.store.path.parent / "x.pdf"))
    assert bad_out.exit_code == 2 and "不支持的导出格式" in bad_out.output
    assert "Traceback" not in unknown.output + unit.output + bad_out.output


def test_out_xlsx_and_csv(register, tmp_path):
    xlsx = tmp_path / "清单.xlsx"
    assert run(register.store, "check", "--as-of", "2025-12-31", "--out", str(xlsx)).exit_code == 1
    wb = load_workbook(xlsx)
    assert wb.sheetnames[0] == "汇总" and "年度培训学时不足" in wb.sheetnames
    one = tmp_path / "学时.csv"
    run(register.store, "check", "training-hours", "--as-of", "2025-12-31", "--out", str(one))
    assert one.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(one.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["身份证号码", "姓名", "工作单位"] and rows[1][0] == register.short
    both = tmp_path / "全部.csv"
    run(register.store, "check", "training-hours", "uncertified", "--as-of", "2025-12-31", "--out", str(both))
    rows = list(csv.reader(both.open(encoding="utf-8-sig")))
    assert rows[0][0] == "清单" and {r[0] for r in rows[1:]} == {"年度培训学时不足", "在岗人员无有效执法证件"}
    assert "'=HYPERLINK(1)" in {r[2] for r in rows[1:]}


def test_list_of_checks(store):
    result = run(store, "check", "--list")
    assert result.exit_code == 0 and "head-training" in result.output and "依据" in result.output


def test_the_cli_never_imports_the_ui(register):
    code = (
        "import sys; from click.testing import CliRunner; from lawtrain.cli.main import cli; "
        f"r = CliRunner().invoke(cli, ['--db', {str(register.store.path)!r}, 'check', '--as-of', '2025-12-31']); "
        "assert r.exit_code == 1, r.output; assert 'textual' not in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_as_of_in_the_forms_clerks_write(register):
    data = json.loads(
        run(register.store, "check", "cert-expired", "--as-of", "2025年12月31日", "--json").output
    )
    assert data["as_of"] == "2025-12-31"
    bad = run(register.store, "check", "--as-of", "2025-13-01")
    assert bad.exit_code == 2 and bad.output.strip() == "截至日期无效: “2025-13-01”不是存在的日期"


def test_year_in_the_forms_clerks_write(register):
    data = json.loads(run(register.store, "check", "cert-expired", "--year", "2024年度", "--json").output)
    assert data["year"] == 2024 and data["as_of"] == "2024-12-31"
    bad = run(register.store, "check", "--year", "20x5")
    assert bad.exit_code == 2 and bad.output.startswith("年度无效: ")


@pytest.mark.parametrize("args", [(), ("training-hours",), ("--unit", UNIT), ("cert-expired", "uncertified")])
def test_json_is_exactly_the_reports(register, args):
    """Each check's JSON is made beside the queries and the report's put together from them: the text
    must be exactly the JSON of the whole report, for one check, several, the whole catalogue, one unit."""
    import orjson

    from lawtrain.checks import run_checks

    names = [a for a in args if not a.startswith("--") and a != UNIT]
    unit = UNIT if "--unit" in args else None
    printed = run(register.store, "check", *args, "--as-of", "2025-12-31", "--json").output
    report = run_checks(register.store, names, year=2025, as_of=date(2025, 12, 31), unit=unit)
    assert printed == orjson.dumps(report.to_json()).decode() + "\n"
    assert json.loads(printed) == json.loads(json.dumps(report.to_json()))
