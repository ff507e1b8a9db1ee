"""The check lists and the statistics as files a clerk sends upward: .xlsx, .csv or .json.

The check workbook opens on a summary sheet (each list and its count) followed by one print-ready
sheet per list; the statistics workbook holds the per-unit table and a bar chart of the
training-compliance rate per unit.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from ..checks import Report
from ..settings import Settings
from ..stats import Statistics
from .tables import Column, Sheet, sheet_name, write_csv, write_json, write_sheet, write_xlsx

SUMMARY_COLUMNS = (
    Column("index", "序号"),
    Column("title", "清单"),
    Column("count", "数量"),
    Column("parameters", "参数"),
    Column("basis", "依据"),
)
FORMATS = (".xlsx", ".csv", ".json")


class ExportError(ValueError):
    """A file the exports cannot write (an unknown extension); the message is for the clerk."""


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"不支持的导出格式“{path.suffix}”，请用 {'、'.join(FORMATS)}")
    return suffix


def _dates_note(report: Report) -> str:
    county = f"　区县: {report.county}" if report.county else ""
    unit = f"　单位: {report.unit}" if report.unit else ""
    return f"截至日期: {report.as_of.isoformat()}　学时年度: {report.year}{county}{unit}"


def check_sheets(report: Report, settings: Settings) -> list[Sheet]:
    """The summary sheet, then one sheet per check (in the report's order); titled with the county
    when the report is one county's."""
    place = report.county or settings.jurisdiction.name
    summary_rows = [
        {
            "index": i,
            "title": result.check.title,
            "count": len(result.findings),
            "parameters": result.parameters_text,
            "basis": str(result.basis),
        }
        for i, result in enumerate(report.results, start=1)
    ]
    title = f"{place}行政执法检查清单汇总（截至{report.as_of.isoformat()}）"
    sheets = [Sheet("汇总", title, SUMMARY_COLUMNS, summary_rows, [_dates_note(report)])]
    used = {"汇总"}
    for result in report.results:
        name = sheet_name(result.check.title)
        if name in used:  # two titles equal in their first 31 characters
            name = sheet_name(f"{name[:28]}({len(used)})")
        used.add(name)
        notes = [_dates_note(report), f"依据: {result.basis}", f"共 {len(result.findings)} 项"]
        if result.parameters:
            notes.insert(1, f"参数: {result.parameters_text}")
        title = f"{place}{result.check.title}清单（截至{report.as_of.isoformat()}）"
        sheets.append(Sheet(name, title, report.columns(result), result.findings, notes))
    return sheets


def _combined_csv_sheet(report: Report) -> Sheet:
    """Several lists in one CSV: a first column naming the list, then the union of their columns."""
    columns: dict[str, Column] = {"check": Column("check", "清单")}
    rows = []
    for result in report.results:
        for column in report.columns(result):
            columns.setdefault(column.key, column)
        rows.extend({"check": result.check.title, **finding} for finding in result.findings)
    return Sheet("清单", "检查清单", list(columns.values()), rows)


def write_check_report(report: Report, path: Path, settings: Settings) -> Path:
    """Write the report to `path`: .xlsx (summary + one sheet per list), .csv or .json."""
    suffix = _suffix(path)
    if suffix == ".json":
        return write_json(path, report.to_json())
    if suffix == ".csv":
        if len(report.results) == 1:
            result = report.results[0]
            return write_csv(path, Sheet("清单", result.check.title, report.columns(result), result.findings))
        return write_csv(path, _combined_csv_sheet(report))
    return write_xlsx(path, check_sheets(report, settings))


def stats_sheet(stats: Statistics, settings: Settings) -> Sheet:
    rows = [*stats.rows, {**stats.totals, stats.name_key: "合计"}]
    notes = [
        f"截至日期: {stats.as_of.isoformat()}　学时年度: {stats.year}　学时判定日: {stats.judged_on.isoformat()}"
    ]
    place = stats.county or settings.jurisdiction.name
    by = "各区县" if stats.by == "county" else ""
    title = f"{place}{by}行政执法人员持证和培训情况统计表（截至{stats.as_of.isoformat()}）"
    return Sheet("统计", title, stats.columns, rows, notes)


def _add_rate_chart(wb: Workbook, sheet: Sheet, stats: Statistics) -> None:
    """A bar chart of the training-compliance rate per unit (or county), on its own sheet (no total)."""
    ws = wb[sheet.name]
    keys = [column.key for column in sheet.columns]
    header_row = 2 + len(sheet.notes)
    first, last = header_row + 1, header_row + len(stats.rows)
    chart = BarChart()
    chart.type = "bar"  # horizontal: long Chinese unit names stay readable
    chart.title = f"各{'区县' if stats.by == 'county' else '单位'}学时达标率 (%)"
    chart.y_axis.title = "达标率 (%)"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.legend = None
    rate_col = keys.index("compliance_rate") + 1
    unit_col = keys.index(stats.name_key) + 1
    chart.add_data(Reference(ws, min_col=rate_col, min_row=header_row, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=unit_col, min_row=first, max_row=last))
    chart.height = max(8, 0.6 * len(stats.rows) + 3)
    chart.width = 24
    target = wb.create_sheet("达标率图")
    target.page_setup.orientation = "landscape"
    target.page_setup.paperSize = target.PAPERSIZE_A4
    target.add_chart(chart, "A1")


def write_stats_report(stats: Statistics, path: Path, settings: Settings) -> Path:
    """Write the statistics: .xlsx with the chart, .csv or .json."""
    suffix = _suffix(path)
    if suffix == ".json":
        return write_json(path, stats.to_json())
    sheet = stats_sheet(stats, settings)
    if suffix == ".csv":
        return write_csv(path, sheet)
    wb = Workbook()
    wb.remove(wb.active)
    write_sheet(wb.create_sheet(sheet.name), sheet)
    _add_rate_chart(wb, sheet, stats)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
