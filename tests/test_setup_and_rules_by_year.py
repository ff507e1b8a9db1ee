"""The jurisdiction set up on first run, and each year judged under its own rules."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.checks import run_checks
from lawtrain.cli.main import cli
from lawtrain.hours import transcript
from lawtrain.settings import parse_settings
from lawtrain.store import Store

from .checks_register import Register

CHANGE_2026 = "\n[changes.2026.training]   # from 2026 on\nrequired_hours = 72\n"


def lawtrain(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_setup_creates_the_settings_and_changes_only_what_it_is_given(tmp_path):
    db = tmp_path / "register.db"
    result = lawtrain(
        db, "setup", "--name", "石门县", "--bureau", "石门县司法局", "--authority", "石门县人民政府"
    )
    assert result.exit_code == 0, result.output
    settings_file = tmp_path / "settings.toml"
    assert "辖区名称: 石门县" in result.output
    # A clerk's own edit and comment survive a second run, which changes only the province.
    text = settings_file.read_text(encoding="utf-8").replace(
        "required_hours = 60", "required_hours = 64  # 本省"
    )
    settings_file.write_text(text, encoding="utf-8")
    assert lawtrain(db, "setup", "--province", "河南省").exit_code == 0
    text = settings_file.read_text(encoding="utf-8")
    assert 'name = "石门县"' in text and 'province = "河南省"' in text
    assert "required_hours = 64  # 本省" in text and "# printed on notices to units" in text
    shown = lawtrain(db, "setup").output
    assert "省份: 河南省" in shown and "联系人电话: （未设置）" in shown
    assert not db.exists()  # setting up writes settings only


def test_setup_refuses_an_empty_name_and_writes_nothing(tmp_path):
    result = lawtrain(tmp_path / "register.db", "setup", "--name", " ")
    assert result.exit_code == 2 and "辖区名称不能为空" in result.output
    assert not (tmp_path / "settings.toml").exists()


def test_a_county_set_up_is_named_everywhere_and_never_the_sample_county(sample_store, tmp_path):
    db = sample_store.path
    sample_store.close()
    assert (
        lawtrain(
            db, "setup", "--name", "石门县", "--bureau", "石门县司法局", "--authority", "石门县人民政府"
        ).exit_code
        == 0
    )
    titles = []
    for args, out in (
        (("check", "--year", "2025", "--as-of", "2025-12-31"), "清单.xlsx"),
        (("stats", "--year", "2025", "--as-of", "2025-12-31"), "统计.xlsx"),
        (("review", "--year", "2025"), "年审.xlsx"),
        (("export", "officers"), "名册.xlsx"),
    ):
        result = lawtrain(db, *args, "--out", str(tmp_path / out))
        assert result.exit_code in (0, 1), result.output
        book = load_workbook(tmp_path / out)
        titles += [book[name]["A1"].value for name in book.sheetnames if book[name]["A1"].value]
    assert titles and all("石门县" in title for title in titles if "图" not in title)
    assert not any("青山" in title for title in titles)


def test_last_years_answers_stay_when_a_rule_changes(sample_store, tmp_path):
    db = sample_store.path
    sample_store.close()
    args = ("check", "training-hours", "--year", "2025", "--json")
    before = json.loads(lawtrain(db, *args).output)
    settings_file = db.parent / "settings.toml"
    settings_file.write_text(CHANGE_2026, encoding="utf-8")
    assert json.loads(lawtrain(db, *args).output) == before
    later = json.loads(
        lawtrain(db, "check", "training-hours", "--year", "2026", "--as-of", "2026-12-31", "--json").output
    )
    result = later["checks"][0]
    assert result["parameters"]["required_hours"] == 72
    assert result["findings"] and {finding["required"] for finding in result["findings"]} == {72}


def test_excluded_categories_change_from_a_year_and_the_sums_follow(tmp_path):
    settings = parse_settings(
        {"changes": {"2026": {"training": {"excluded_categories": ["党性教育"]}}}}, "测试设置"
    )
    with Store(tmp_path / "r.db", settings=settings, operator="测试员") as store:
        reg = Register(store)
        person = reg.officer("王芳")
        reg.training(person, 10, date(2025, 5, 1), category="政治理论")
        reg.training(person, 10, date(2026, 5, 1), category="政治理论")
        reg.training(person, 4, date(2026, 6, 1), category="党性教育")
        officer = reg.officer_id(person)
        assert transcript(store, officer, 2025).countable == 0
        assert transcript(store, officer, 2026).countable == 10
        sums = dict(
            store.db.execute("SELECT year, countable FROM officer_year_hours WHERE officer_id = ?", [officer])
        )
        assert sums == {2025: 0, 2026: 10}
        hours = {
            year: run_checks(store, ["training-hours"], year=year, as_of=date(year, 12, 31))
            .results[0]
            .findings[0]["hours"]
            for year in (2025, 2026)
        }
        assert hours == {2025: 0, 2026: 10}
    # Opened under the old rules, the register rebuilds its sums: 2026's political theory no longer counts.
    with Store(tmp_path / "r.db", settings=parse_settings({}), operator="测试员") as store:
        assert dict(store.db.execute("SELECT year, countable FROM officer_year_hours")) == {2025: 0, 2026: 0}
