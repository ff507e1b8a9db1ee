"""`lawtrain forecast` and `lawtrain calendar`: who will fall short at the current pace, and what falls
due month by month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .context import CliContext, fail, pass_cli
from .lists import TERMINAL_ROWS, check_filters, echo_json, judged_dates, year_and_as_of
from .params import AS_OF
from .texttable import render

_OUT = click.Path(dir_okay=False, path_type=Path)
COUNTY_OPTION = click.option("--county", default=None, help="只看这个区县 (市级登记簿)")


def _xlsx(out: Path | None) -> None:
    if out is not None and out.suffix.lower() != ".xlsx":
        fail(f"不支持的导出格式“{out.suffix}”，请用 .xlsx")


def _write(write) -> None:
    """Write an export; a file that cannot be written (no such folder, open in Excel) stops with exit 2."""
    try:
        write()
    except OSError as exc:
        fail(f"导出失败：{exc}")


@click.command("forecast")
@year_and_as_of
@COUNTY_OPTION
@click.option("--unit", default=None, help="只看这个单位 (全称)")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.option("--out", type=_OUT, default=None, help="导出到 .xlsx (各单位小计和全部人员)")
@click.option(
    "--all", "show_all", is_flag=True, help="终端中列出全部人员 (默认只列无学时记录和有风险的，最多 100 行)"
)
@pass_cli
def forecast_cmd(cli: CliContext, year, as_of, county, unit, as_json, out, show_all) -> None:
    """按当前进度预测年底前谁完不成学时。

    对截至日期在岗且持有效证件的每个人：可计学时 (只算截至日期及以前的培训)、应修学时、尚需学时、预计全年学时 = 可计学时 × 全年天数 ÷ 已过天数；预测为 已达标 / 预计可达标 / 有风险 / 无学时记录。

    有“有风险”或“无学时记录”的人员时退出码为 1，否则为 0。
    """
    from ..forecast import ForecastError, forecast

    _xlsx(out)
    year, on = judged_dates(year, as_of)
    store = cli.store()
    check_filters(store, county, unit)
    try:
        result = forecast(store, year, on, unit, county)
    except ForecastError as exc:
        fail(str(exc))
    if out is not None:
        from ..exporting.lookahead import write_forecast

        _write(lambda: write_forecast(result, out, store.settings))
    if as_json:
        echo_json(result.to_json())
    else:
        _print_forecast(result, show_all)
        if out is not None:
            click.echo(f"已导出到 {out}")
    raise SystemExit(1 if result.needs_action else 0)


def _print_forecast(result, show_all: bool) -> None:
    from ..forecast import ACTION_STATUSES, shown, totals

    lines = [
        f"{result.year}年度学时预测{result.scope_text}",
        result.pace_note,
        f"参数: {result.parameters_text}",
    ]
    lines += ["", result.summary_text, "", "各单位小计"]
    lines.append(render(result.subtotal_columns, [*result.units, totals(result.units)]))
    listed = result.officers if show_all else [r for r in result.officers if r["status"] in ACTION_STATUSES]
    shown_rows = listed if show_all else listed[:TERMINAL_ROWS]
    lines += ["", "全部人员" if show_all else "需要督促的人员 (无学时记录、有风险)"]
    if shown_rows:
        lines.append(render(result.officer_columns, [shown(row) for row in shown_rows]))
    else:
        lines.append("没有")
    if len(shown_rows) < len(listed):
        lines.append(
            f"…… 另有 {len(listed) - len(shown_rows)} 人未显示 (用 --all 显示全部人员，或 --out 导出)"
        )
    click.echo("\n".join(lines))


@click.command("calendar")
@click.option("--as-of", "as_of", type=AS_OF, default=None, help="从哪一天起，如 2025-10-01 (默认今天)")
@click.option("--months", type=click.IntRange(1, 120), default=12, show_default=True, help="月数")
@COUNTY_OPTION
@click.option("--unit", default=None, help="只看这个单位 (全称)")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.option("--out", type=_OUT, default=None, help="导出到 .xlsx (月历和各类明细)")
@pass_cli
def calendar_cmd(cli: CliContext, as_of, months, county, unit, as_json, out) -> None:
    """逐月列出到期事项：在岗人员证件到期、证件应年审 (每年 12 月)、法律顾问聘期届满、考试合格成绩失效而尚未发证。

    有到期事项时退出码为 1，否则为 0。
    """
    from ..due import due_calendar

    _xlsx(out)
    on = as_of or date.today()
    store = cli.store()
    check_filters(store, county, unit)
    calendar = due_calendar(store, on, months, unit, county)
    if out is not None:
        from ..exporting.lookahead import write_calendar

        _write(lambda: write_calendar(calendar, out, store.settings))
    if as_json:
        echo_json(calendar.to_json())
    else:
        _print_calendar(calendar)
        if out is not None:
            click.echo(f"已导出到 {out}")
    raise SystemExit(1 if calendar.total else 0)


def _print_calendar(calendar) -> None:
    from ..due import KIND_LABELS
    from ..exporting.lookahead import MONTH_COLUMNS, month_rows
    from ..exporting.tables import Column

    first, last = calendar.months[0], calendar.months[-1]
    lines = [f"到期事项月历：{first.first.isoformat()} 至 {last.last.isoformat()}{calendar.scope_text}", ""]
    lines.append(render(MONTH_COLUMNS, month_rows(calendar)))
    shown = 0
    # The details of each kind but the yearly review (every certificate, each December): at most
    # TERMINAL_ROWS lines in all.
    for kind in ("cert_expiring", "adviser_ending", "exam_pass_lapsing"):
        rows = [row for month in calendar.months for row in month.items[kind]]
        if not rows:
            continue
        room = max(TERMINAL_ROWS - shown, 0)
        lines += ["", f"【{KIND_LABELS[kind]}】{len(rows)} 项"]
        if room:
            lines.append(render([Column("due", "日期"), *calendar.columns(kind)[1:]], rows[:room]))
        if len(rows) > room:
            lines.append(f"…… 另有 {len(rows) - room} 项未显示 (用 --out 导出全部)")
        shown += min(len(rows), room)
    if any(month.items["review_due"] for month in calendar.months):
        lines += ["", "证件应年审名单见 --out 导出的工作簿或 --json"]
    click.echo("\n".join(lines))
