"""The exported files read back: summary and list sheets, print setup, the chart, neutralised cells."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from lawtrain.checks import run_checks
from lawtrain.exporting.reports import ExportError, write_check_report, write_stats_report
from lawtrain.stats import statistics

from .checks_register import AS_OF, TOWN, Register


@pytest.fixture
def report(store):
    reg = Register(store)
    reg.short = reg.officer("张三")
    reg.training(reg.short, 12.5, date(2025, 5, 1))
    reg.formula = reg.officer("=1+2", unit=TOWN, issued=None)
    return run_checks(store, year=2025, as_of=AS_OF)


def rows_of(ws):
    return [list(row) for row in ws.iter_rows(values_only=True)]


def test_check_workbook_holds_the_findings(store, report, tmp_path):
    path = write_check_report(report, tmp_path / "清单.xlsx", store.settings)
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "汇总" and len(wb.sheetnames) == 13
    summary = rows_of(wb["汇总"])
    assert summary[0][0] == "青山县行政执法检查清单汇总（截至2025-12-31）" and "2025-12-31" in summary[1][0]
    counts = {row[1]: row[2] for row in summary[3:]}
    assert counts == {result.check.title: len(result.findings) for result in report.results}

    ws = wb["年度培训学时不足"]
    rows = rows_of(ws)
    assert rows[0][0] == "青山县年度培训学时不足清单（截至2025-12-31）"
    assert any("截至日期: 2025-12-31" in str(row[0]) for row in rows[:4])
    header_at = next(i for i, row in enumerate(rows) if row[0] == "身份证号码")
    assert rows[header_at][:6] == ["身份证号码", "姓名", "工作单位", "可计学时", "应修学时", "差额"]
    (short,) = [row for row in rows[header_at + 1 :] if row[1] == "张三"]
    assert short[3:6] == [12.5, 60, 47.5]

    header_row = header_at + 1
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.auto_filter.ref.startswith(f"A{header_row}:")
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.column_dimensions["C"].width >= 2 * len("青山县市场监督管理局")


def test_formula_text_is_neutralised(store, report, tmp_path):
    wb = load_workbook(write_check_report(report, tmp_path / "清单.xlsx", store.settings))
    values = [cell for row in rows_of(wb["在岗人员无有效执法证件"]) for cell in row]
    assert "'=1+2" in values and "=1+2" not in values


def test_json_and_unknown_format(store, report, tmp_path):
    data = json.loads(
        write_check_report(report, tmp_path / "r.json", store.settings).read_text(encoding="utf-8")
    )
    assert data == json.loads(json.dumps(report.to_json()))
    with pytest.raises(ExportError, match="不支持"):
        write_check_report(report, tmp_path / "r.pdf", store.settings)


def test_statistics_workbook_has_the_rate_chart(store, report, tmp_path):
    figures = statistics(store, 2025, AS_OF)
    wb = load_workbook(write_stats_report(figures, tmp_path / "统计.xlsx", store.settings))
    rows = rows_of(wb["统计"])
    assert rows[0][0] == "青山县行政执法人员持证和培训情况统计表（截至2025-12-31）"
    header_at = next(i for i, row in enumerate(rows) if row[0] == "单位")
    body = rows[header_at + 1 :]
    assert [row[0] for row in body] == [*(u["unit"] for u in figures.rows), "合计"]
    assert "学时达标率(%)" in rows[header_at]
    charts = wb["达标率图"]._charts
    assert len(charts) == 1
    chart = charts[0]
    assert chart.type == "bar" and len(chart.series) == 1
    assert "统计" in chart.series[0].val.numRef.f and "$H$" in chart.series[0].val.numRef.f
    csv_path = write_stats_report(figures, tmp_path / "统计.csv", store.settings)
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
