"""The forecast on small registers, its figures computed by hand; and `lawtrain forecast` as the clerk
runs it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.checks import run_checks
from lawtrain.cli.main import cli
from lawtrain.forecast import ForecastError, Pace, forecast
from lawtrain.settings import Settings
from lawtrain.store import Store

from .checks_register import TOWN, UNIT, Register

# 14 March 2025: 73 days of the year's 365 have passed, so the pace multiplies by exactly 5.
AS_OF = date(2025, 3, 14)


@pytest.fixture
def register(store):
    reg = Register(store)
    reg.met = reg.officer("刚好六十")
    for day in (date(2025, 1, 10), date(2025, 2, 10), date(2025, 3, 10)):
        reg.training(reg.met, 20, day)
    reg.pace60 = reg.officer("进度六十")  # 12 hours: 12 x 365 / 73 = 60.0 exactly
    reg.training(reg.pace60, 12, date(2025, 2, 1))
    reg.slow = reg.officer("差一点")  # 11.5 hours: 57.5
    reg.training(reg.slow, "11.5", date(2025, 2, 1))
    reg.nothing = reg.officer("无记录")
    reg.later = reg.officer("次日补录")  # 10 on the as-of date counts; 30 the day after does not
    reg.training(reg.later, 10, AS_OF)
    reg.training(reg.later, 24, date(2025, 3, 15))
    reg.training(reg.later, 6, date(2025, 3, 15), course="另一门")
    reg.theory = reg.officer("政治理论在后")  # a later record in a category that never counts
    reg.training(reg.theory, 12, date(2025, 1, 20))
    reg.training(reg.theory, 20, date(2025, 3, 20), category="政治理论")
    reg.only_later = reg.officer("全在以后")
    reg.training(reg.only_later, 24, date(2025, 6, 1))
    reg.gone = reg.officer("已调离", status="调离")
    reg.training(reg.gone, 1, date(2025, 1, 5))
    reg.new_holder = reg.officer("四月发证", issued=date(2025, 4, 1))
    reg.town = reg.officer("乡镇人员", unit=TOWN)
    reg.training(reg.town, 15, date(2025, 3, 1))
    reg.training(reg.town, 15, date(2025, 3, 2))
    return reg


def test_figures_and_statuses_computed_by_hand(register):
    result = forecast(register.store, 2025, AS_OF)
    rows = {row["id_number"]: row for row in result.officers}
    assert register.gone not in rows and register.new_holder not in rows  # not judged on 14 March
    assert len(rows) == 8
    expected = {
        register.met: (60, 0, 300.0, "met"),
        register.pace60: (12, 48, 60.0, "on_track"),
        register.slow: (11.5, 48.5, 57.5, "at_risk"),
        register.nothing: (0, 60, 0.0, "no_hours"),
        register.later: (10, 50, 50.0, "at_risk"),
        register.theory: (12, 48, 60.0, "on_track"),
        register.only_later: (0, 60, 0.0, "no_hours"),
        register.town: (30, 30, 150.0, "on_track"),
    }
    for id_number, (countable, needed, projected, status) in expected.items():
        row = rows[id_number]
        assert (row["countable"], row["needed"], row["projected"], row["status"]) == (
            countable, needed, projected, status,
        ), row["name"]  # fmt: skip
        assert row["required"] == 60 and row["days_left"] == 292
    assert result.summary == {"met": 1, "on_track": 3, "at_risk": 2, "no_hours": 2}
    assert result.pace.elapsed == 73 and result.pace.days_in_year == 365


def test_order_unit_then_status_then_needed(register):
    order = [row["id_number"] for row in forecast(register.store, 2025, AS_OF).officers]
    no_hours = sorted([register.nothing, register.only_later])  # 60 needed each: by ID number
    on_track = sorted([register.pace60, register.theory])  # 48 each
    # Units in the order of their names (白庙乡… before 青山县…), as every list of the register.
    assert order == [register.town, *no_hours, register.later, register.slow, *on_track, register.met]


def test_the_same_population_and_hours_as_the_check_on_the_last_day(register):
    """Once the year is over the forecast counts every record, as the training-hours check does."""
    result = forecast(register.store, 2025, date(2026, 2, 1))
    assert result.pace.on == date(2025, 12, 31) and result.pace.days_left == 0
    short = run_checks(register.store, ["training-hours"], year=2025, as_of=date(2026, 2, 1)).results[0]
    checked = {f["id_number"]: f["hours"] for f in short.findings}
    forecast_short = {r["id_number"]: r["countable"] for r in result.officers if r["status"] != "met"}
    assert forecast_short == checked
    later = next(r for r in result.officers if r["id_number"] == register.later)
    assert later["countable"] == 40 and later["projected"] == 40 and later["status"] == "at_risk"


def test_unit_filter_and_dates_before_the_year(register):
    result = forecast(register.store, 2025, AS_OF, unit=TOWN)
    assert [row["id_number"] for row in result.officers] == [register.town]
    assert [unit["unit"] for unit in result.units] == [TOWN]
    with pytest.raises(ForecastError, match="早于 2025 年度开始"):
        forecast(register.store, 2025, date(2024, 12, 31))


def test_required_comes_from_the_check_with_proration_and_carry_over(tmp_path):
    settings = Settings.model_validate(
        {"training": {"prorate_first_year": True, "carry_over_max_hours": 10, "max_hours_per_record": 100}}
    )
    with Store(tmp_path / "r.db", settings=settings, operator="测试员") as store:
        reg = Register(store)
        july = reg.officer("七月发证", issued=date(2025, 7, 1))  # owes 60 x 6 / 12 = 30
        reg.training(july, 15, date(2025, 8, 1))
        carried = reg.officer("结转", issued=date(2022, 1, 1))
        reg.training(carried, 75, date(2024, 5, 1))  # 15 above 60: 10 carried into 2025
        reg.training(carried, 20, date(2025, 5, 1))
        reg.training(carried, 20, date(2025, 10, 1))  # after the as-of date
        rows = {r["id_number"]: r for r in forecast(store, 2025, date(2025, 9, 30)).officers}
    assert rows[july]["required"] == 30 and rows[july]["countable"] == 15
    assert rows[carried]["countable"] == 30  # 20 of 2025 before 30 September and 10 carried
    assert rows[carried]["projected"] == Pace(2025, date(2025, 9, 30)).projected(30) == 40.1


def test_leap_year_pace():
    pace = Pace(2024, date(2024, 3, 1))
    assert pace.days_in_year == 366 and pace.elapsed == 61 and pace.days_left == 305
    assert pace.projected(10) == 60.0


def run(store, *args):
    return CliRunner().invoke(cli, ["--db", str(store.path), *args], catch_exceptions=False)


def test_command_json(register):
    result = run(register.store, "forecast", "--year", "2025", "--as-of", "2025-03-14", "--json")
    assert result.exit_code == 1  # officers at risk or without hours
    data = json.loads(result.output)
    assert set(data) == {"year", "as_of", "officers", "summary"}
    assert data["year"] == 2025 and data["as_of"] == "2025-03-14"
    assert data["summary"] == {"met": 1, "on_track": 3, "at_risk": 2, "no_hours": 2}
    assert set(data["officers"][0]) == {
        "id_number", "name", "unit", "county", "countable", "required", "needed", "days_left", "projected",
        "status",
    }  # fmt: skip
    # Each row carries its county: the own jurisdiction, unnamed (no settings beside the register).
    assert {row["county"] for row in data["officers"]} == {"本辖区"}
    assert [row["status"] for row in data["officers"][1:3]] == ["no_hours", "no_hours"]


def test_command_text_is_chinese_with_subtotals(register):
    result = run(register.store, "forecast", "--as-of", "2025-03-14")
    out = result.output
    assert "已过 73 天，剩余 292 天" in out and "× 365 ÷ 73" in out
    assert "已达标 1 人，预计可达标 3 人，有风险 2 人，无学时记录 2 人" in out
    assert "各单位小计" in out and UNIT in out and "合计" in out
    assert "无学时记录" in out and "有风险" in out and register.slow in out
    assert register.pace60 not in out  # on track: listed only with --all
    for machine in ("no_hours", "at_risk", "on_track", "True", "None", "60.0"):
        assert machine not in out
    assert register.pace60 in run(register.store, "forecast", "--as-of", "2025-03-14", "--all").output


def test_command_exit_0_when_nobody_needs_pushing(register):
    result = run(register.store, "forecast", "--as-of", "2025-03-14", "--unit", TOWN)
    assert result.exit_code == 0 and "没有" in result.output
    missing = run(register.store, "forecast", "--unit", "没有这个单位")
    assert missing.exit_code == 2 and "没有名为" in missing.output


def test_command_workbook(register, tmp_path):
    out = tmp_path / "预测.xlsx"
    assert run(register.store, "forecast", "--as-of", "2025-03-14", "--out", str(out)).exit_code == 1
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["各单位小计", "预测名单"]
    subtotals = [row for row in workbook["各单位小计"].iter_rows(values_only=True)]
    assert subtotals[0][0] == "2025年度培训学时预测各单位小计（截至2025-03-14）"  # no jurisdiction set up
    header = subtotals.index(
        ("单位", "应考核人数", "无学时记录", "有风险", "预计可达标", "已达标", "尚需学时合计")
    )
    assert subtotals[header + 1][:6] == (TOWN, 1, 0, 0, 1, 0)
    assert subtotals[header + 2][:6] == (UNIT, 7, 2, 2, 2, 1)
    assert subtotals[-1][:6] == ("合计", 8, 2, 2, 3, 1)
    names = list(workbook["预测名单"].iter_rows(values_only=True))
    statuses = {row[7] for row in names[names.index(next(r for r in names if r[0] == "身份证号码")) + 1 :]}
    assert statuses == {"已达标", "预计可达标", "有风险", "无学时记录"}
    assert run(register.store, "forecast", "--out", str(tmp_path / "x.csv")).exit_code == 2
