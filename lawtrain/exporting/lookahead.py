"""The forecast and the calendar as workbooks a clerk prints: a summary sheet first (per-unit
subtotals; the month table), then the lists."""

from __future__ import annotations

from pathlib import Path

from ..due import KIND_LABELS, KINDS, DueCalendar
from ..forecast import Forecast, shown, totals
from ..settings import Settings
from .tables import Column, Sheet, write_xlsx


def forecast_sheets(result: Forecast, settings: Settings) -> list[Sheet]:
    place = result.county or settings.jurisdiction.name  # titled with the county when it is one county's
    notes = [
        f"截至日期: {result.as_of.isoformat()}　学时年度: {result.year}{_scope(result.county, result.unit)}",
        result.pace_note,
        f"参数: {result.parameters_text}",
    ]
    when = f"（截至{result.as_of.isoformat()}）"
    by = "区县，单位" if result.several_counties else "单位"
    return [
        Sheet(
            "各单位小计",
            f"{place}{result.year}年度培训学时预测各单位小计{when}",
            result.subtotal_columns,
            [*result.units, totals(result.units)],
            [*notes, result.summary_text],
        ),
        Sheet(
            "预测名单",
            f"{place}{result.year}年度培训学时预测名单{when}",
            result.officer_columns,
            [shown(row) for row in result.officers],
            [*notes, f"排序: {by}，无学时记录、有风险、预计可达标、已达标，尚需学时从多到少"],
        ),
    ]


def _scope(county: str | None, unit: str | None) -> str:
    """The filters chosen, as the notes print them."""
    return (f"　区县: {county}" if county else "") + (f"　单位: {unit}" if unit else "")


def write_forecast(result: Forecast, path: Path, settings: Settings) -> Path:
    return write_xlsx(path, forecast_sheets(result, settings))


MONTH_COLUMNS = (Column("month", "月份"), *(Column(kind, KIND_LABELS[kind]) for kind in KINDS))


def month_rows(calendar: DueCalendar) -> list[dict]:
    """One row per month with the count of each kind, then the totals."""
    rows = [
        {"month": month.month, **{kind: len(month.items[kind]) for kind in KINDS}}
        for month in calendar.months
    ]
    rows.append({"month": "合计", **{kind: sum(row[kind] for row in rows) for kind in KINDS}})
    return rows


def calendar_sheets(calendar: DueCalendar, settings: Settings) -> list[Sheet]:
    place = calendar.county or settings.jurisdiction.name
    span = f"{calendar.months[0].first.isoformat()} 至 {calendar.months[-1].last.isoformat()}"
    notes = [f"截至日期: {calendar.as_of.isoformat()}　期间: {span}{_scope(calendar.county, calendar.unit)}"]
    sheets = [
        Sheet("月历", f"{place}行政执法事项到期月历（{span}）", MONTH_COLUMNS, month_rows(calendar), notes)
    ]
    for kind in KINDS:
        rows = [{"month": month.month, **row} for month in calendar.months for row in month.items[kind]]
        sheets.append(
            Sheet(
                KIND_LABELS[kind],
                f"{place}{KIND_LABELS[kind]}月历明细（{span}）",
                [Column("month", "月份"), *calendar.columns(kind)],
                rows,
                [*notes, f"共 {len(rows)} 项"],
            )
        )
    return sheets


def write_calendar(calendar: DueCalendar, path: Path, settings: Settings) -> Path:
    return write_xlsx(path, calendar_sheets(calendar, settings))
