"""Per-unit notices on the sample county: each unit's workbook holds its own rows only, the notice reads
as a letter, a second round says what was resolved, a round is a batch that undo takes back."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.certificates.lifecycle import cancel
from lawtrain.cli.main import cli
from lawtrain.forecast import forecast
from lawtrain.notices import NoticeError, default_deadline, issue_round, plan_round
from lawtrain.notices.files import FileNames, safe_stem
from lawtrain.store.undo import undo_batch

from .builders import RegisterBase

YEAR_END = date(2025, 12, 31)
AUTUMN = date(2025, 9, 30)
OCTOBER = date(2025, 10, 15)  # before the sample's exams of 18 October
CANCELLABLE = ("cert-expired", "ineligible-staffing", "left-post")
LIST_SHEETS = {"学时不足", "证件即将到期", "证件已过期", "人员性质不得持证", "离岗未注销", "考试合格未发证"}


def unit_of(store) -> dict[str, str]:
    """ID number -> unit name, from the register."""
    return dict(
        store.db.execute("SELECT o.id_number, u.name FROM officers o JOIN units u ON u.id = o.unit_id")
    )


def sheet_rows(workbook, name: str) -> list[dict]:
    """The rows under a list sheet's header, keyed by the header."""
    rows = list(workbook[name].iter_rows(values_only=True))
    header = next(
        i for i, row in enumerate(rows) if row[0] in ("身份证号码", "在岗持证人数", "单位类型", "情况")
    )
    return [dict(zip(rows[header], row, strict=True)) for row in rows[header + 1 :]]


def test_each_unit_file_holds_its_own_rows_and_nothing_else(sample_store, tmp_path, expected):
    planned = issue_round(sample_store, plan_round(sample_store, 2025, YEAR_END), tmp_path / "round")
    units = unit_of(sample_store)
    short: set[str] = set()
    for notice in planned.units:
        workbook = load_workbook(tmp_path / "round" / notice.file)
        assert workbook.sheetnames[0] == "通知"
        for name in set(workbook.sheetnames) & LIST_SHEETS:
            ids = [row["身份证号码"] for row in sheet_rows(workbook, name)]
            assert ids and {units[i] for i in ids} == {notice.unit}, (notice.file, name)
            if name == "学时不足":
                short.update(ids)
        counted = {n: c for n, c in notice.counts.items() if c}
        assert counted, notice.unit  # a first round lists only units with something to act on
    assert short == set(expected["training-hours"])
    by_unit = {notice.unit: notice for notice in planned.units}
    for unit in expected["unit-min-holders"]:
        assert by_unit[unit].counts["unit-min-holders"] == 1
    for unit in expected["adviser-coverage"]:
        if unit in by_unit:
            assert by_unit[unit].counts["adviser-coverage"] == 1
    summary = list(load_workbook(tmp_path / "round" / "汇总.xlsx")["汇总"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(summary) if row[0] == "单位")
    body = summary[header + 1 :]
    assert [row[0] for row in body] == [notice.unit for notice in planned.units] + ["合计"]
    assert body[-1][summary[header].index("合计")] == planned.total
    assert {row[1] for row in body[:-1]} == {notice.file for notice in planned.units}


def test_the_notice_is_a_letter_on_one_page(sample_store, tmp_path):
    planned = issue_round(sample_store, plan_round(sample_store, 2025, AUTUMN), tmp_path / "round")
    notice = next(n for n in planned.units if n.counts["training-hours"] and n.counts["left-post"])
    sheet = load_workbook(tmp_path / "round" / notice.file)["通知"]
    text = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
    assert text[0] == "关于做好2025年度行政执法人员管理事项整改的通知"
    assert text[1] == f"{notice.unit}："
    body = "\n".join(text)
    assert "截至2025年9月30日" in body
    assert f"培训学时不足的人员{notice.counts['training-hours']}名（见“学时不足”表）" in body
    assert f"已不在岗的人员仍持有的有效证件{notice.counts['left-post']}本（见“离岗未注销”表）" in body
    assert "2025年12月31日前参加业务知识和法律法规培训" in body and "政治理论、党性教育学时不计入" in body
    assert "请于2025年10月15日前办理完毕" in body and "特此通知。" in body
    assert "青山县司法局" in text[-2] and "2025年9月30日" in text[-1]
    assert sheet.page_setup.orientation == "portrait" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage  # on one page: width and height 1 (Excel's default)
    assert (sheet.page_setup.fitToWidth or 1) == 1 and (sheet.page_setup.fitToHeight or 1) == 1
    training = sheet_rows(load_workbook(tmp_path / "round" / notice.file), "学时不足")
    assert {row["预测"] for row in training} <= {"有风险", "无学时记录", "预计可达标"}
    listed = load_workbook(tmp_path / "round" / notice.file)["学时不足"]
    assert listed.print_title_rows and listed.page_setup.orientation == "landscape"


def test_a_second_round_says_what_was_resolved(sample_store, tmp_path):
    first = issue_round(sample_store, plan_round(sample_store, 2025, AUTUMN), tmp_path / "first")
    # A unit with officers short of hours and nothing but certificates to cancel besides: in October
    # its short officers train and the clerk cancels those certificates.
    unit = next(
        n for n in first.units
        if n.counts["training-hours"] and n.total == sum(n.counts[name] for name in CANCELLABLE + ("training-hours",))
    )  # fmt: skip
    cancelled = {
        row["id_number"]: row["certificate"] for name in CANCELLABLE for row in unit.findings.get(name, [])
    }
    for number in set(cancelled.values()):
        cancel(sample_store, number, date(2025, 10, 8), "离岗注销")
    trained = [
        row["id_number"] for row in unit.findings["training-hours"] if row["id_number"] not in cancelled
    ]
    builder = RegisterBase(sample_store)
    for id_number in trained:
        for day in (10, 11, 12):
            builder.training(id_number, 24, date(2025, 10, day), course="秋季集中培训")
    other = next(n for n in first.units if n.unit != unit.unit and n.counts["training-hours"])

    second = issue_round(sample_store, plan_round(sample_store, 2025, OCTOBER), tmp_path / "second")
    again = next(n for n in second.units if n.unit == unit.unit)  # present though nothing is left
    assert again.total == 0
    since = again.to_json()["since_last"]
    assert since["date"] == "2025-09-30" and since["batch"] == first.batch_id
    assert set(since["resolved"]) == set(trained) | set(cancelled)
    assert since["still_open"] == [] and since["new"] == []
    assert set(since["by_list"]["training-hours"]["resolved"]) >= set(trained)
    hours_then = {row["id_number"]: row["countable"] for row in unit.findings["training-hours"]}
    hours_now = {row["id_number"]: row["countable"] for row in forecast(sample_store, 2025, OCTOBER).officers}
    for change in again.since.changes:
        if change.list == "training-hours" and change.id_number in trained:
            assert change.hours_then == hours_then[change.id_number]
            assert change.hours_now == hours_now[change.id_number]
            assert change.gained == round(hours_now[change.id_number] - hours_then[change.id_number], 2) >= 72
    still = next(n for n in second.units if n.unit == other.unit).since
    assert still.ids("still_open")  # nobody of that unit trained
    workbook = load_workbook(tmp_path / "second" / again.file)
    assert workbook.sheetnames == ["通知", "整改情况"]
    letter = "\n".join(str(row[0]) for row in workbook["通知"].iter_rows(values_only=True) if row[0])
    resolved = again.since.count("resolved")
    assert f"上次通知（截至2025年9月30日）所列{resolved}项问题中，已整改{resolved}项，仍未整改0项" in letter
    assert "均已整改完毕" in letter and "请于" not in letter
    changes = sheet_rows(workbook, "整改情况")
    assert {row["情况"] for row in changes} == {"已整改"}
    assert all(row["增加学时"] >= 72 for row in changes if row["身份证号码"] in trained)
    summary = load_workbook(tmp_path / "second" / "汇总.xlsx")["汇总"]
    units = {row[0]: row for row in summary.iter_rows(values_only=True)}
    assert units[unit.unit][-4:] == ("2025-09-30", resolved, 0, 0)


def test_workbooks_written_by_a_pool_of_processes_are_the_same(sample_store, tmp_path):
    planned = plan_round(sample_store, 2025, AUTUMN)
    issue_round(sample_store, planned, tmp_path / "one", dry_run=True, processes=1)
    done = []
    issue_round(sample_store, planned, tmp_path / "two", dry_run=True, processes=2,
                progress=lambda n, total: done.append((n, total)))  # fmt: skip
    assert done[-1] == (len(planned.units), len(planned.units))
    for path in sorted((tmp_path / "one").glob("*.xlsx")):
        first, second = load_workbook(path), load_workbook(tmp_path / "two" / path.name)
        assert first.sheetnames == second.sheetnames
        for name in first.sheetnames:
            assert list(first[name].values) == list(second[name].values), (path.name, name)


def test_a_pool_that_breaks_leaves_the_writing_to_this_process(sample_store, tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from lawtrain.notices import writing

    def broken(*args):
        raise BrokenProcessPool("a process could not start")
        yield

    monkeypatch.setattr(writing, "_in_pool", broken)
    planned = issue_round(sample_store, plan_round(sample_store, 2025, AUTUMN), tmp_path / "r", processes=2)
    assert len(list((tmp_path / "r").glob("*.xlsx"))) == len(planned.units) + 1
    assert planned.batch_id is not None


def test_undo_takes_a_round_back(sample_store, tmp_path):
    first = issue_round(sample_store, plan_round(sample_store, 2025, AUTUMN), tmp_path / "first")
    assert sample_store.count("notices") == len(first.units)
    second = plan_round(sample_store, 2025, AUTUMN)
    assert all(notice.since is not None for notice in second.units)
    undo_batch(sample_store, first.batch_id)
    assert sample_store.count("notices") == 0
    assert all(notice.since is None for notice in plan_round(sample_store, 2025, AUTUMN).units)


def test_dry_run_writes_without_recording_and_a_used_folder_is_refused(sample_store, tmp_path):
    planned = issue_round(
        sample_store, plan_round(sample_store, 2025, AUTUMN), tmp_path / "dry", dry_run=True
    )
    assert planned.batch_id is None and sample_store.count("notices") == 0
    assert len(list((tmp_path / "dry").glob("*.xlsx"))) == len(planned.units) + 1
    with pytest.raises(NoticeError, match="不是空的"):
        issue_round(sample_store, plan_round(sample_store, 2025, AUTUMN), tmp_path / "dry")
    assert sample_store.count("notices") == 0


def test_a_round_the_register_cannot_record_leaves_no_workbooks(sample_store, tmp_path, monkeypatch):
    from lawtrain.notices import issue

    def broken(store, planned):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(issue, "record_round", broken)
    with pytest.raises(sqlite3.OperationalError):
        issue_round(sample_store, plan_round(sample_store, 2025, AUTUMN), tmp_path / "round")
    assert not (tmp_path / "round").exists()


def test_deadline_default_and_file_names():
    assert default_deadline(2025, AUTUMN) == date(2025, 10, 15)
    assert default_deadline(2025, date(2025, 12, 25)) == YEAR_END  # training after the year end is too late
    assert default_deadline(2025, date(2026, 1, 10)) == date(2026, 1, 25)
    assert safe_stem('a/b\\c:d*e?f"g<h>i|j') == "a_b_c_d_e_f_g_h_i_j"
    assert safe_stem("CON") == "_CON" and safe_stem(" .. ") == "_" and safe_stem("县局. ") == "县局"
    names = FileNames()
    assert names.take("汇总") == "汇总(2).xlsx"  # the summary's name is kept for the summary
    assert [names.take("A局/一"), names.take("a局:一"), names.take("A局?一")] == [
        "A局_一.xlsx", "a局_一(2).xlsx", "A局_一(3).xlsx",
    ]  # fmt: skip


def run(store, *args):
    return CliRunner().invoke(cli, ["--db", str(store.path), *args], catch_exceptions=False)


def test_command_json_history_and_undo(sample_store, tmp_path):
    out = tmp_path / "通知"
    result = run(
        sample_store, "notices", "--year", "2025", "--as-of", "2025-09-30", "--out", str(out), "--json"
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) >= {"year", "as_of", "out", "units"} and data["out"] == str(out)
    unit = data["units"][0]
    assert set(unit) == {"unit", "county", "file", "counts", "since_last"} and unit["since_last"] is None
    assert unit["county"] == "本辖区"  # the own jurisdiction (no settings beside the register)
    assert set(unit["counts"]) == {
        "training-hours", "cert-expiring", "cert-expired", "ineligible-staffing", "left-post",
        "exam-passed-uncertified", "unit-min-holders", "adviser-coverage",
    }  # fmt: skip
    assert (out / unit["file"]).exists() and (out / "汇总.xlsx").exists()
    history = run(sample_store, "history", "--limit", "1").output
    assert f"{data['batch']}" in history and f"通知 {len(data['units'])}" in history
    text = run(
        sample_store, "notices", "--year", "2025", "--as-of", "2025-09-30", "--out", str(tmp_path / "b")
    )
    assert "上次通知截至" in text.output and "已记为批次" in text.output
    assert run(sample_store, "undo", str(data["batch"] + 1)).exit_code == 0
    again = run(sample_store, "notices", "--year", "2025", "--as-of", "2025-09-30", "--out", str(tmp_path / "c"),
                "--json", "--dry-run")  # fmt: skip
    assert all(u["since_last"]["date"] == "2025-09-30" for u in json.loads(again.output)["units"])
    refused = run(sample_store, "notices", "--year", "2025", "--out", str(out))
    assert refused.exit_code == 2 and "不是空的" in refused.output
