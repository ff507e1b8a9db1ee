"""`lawtrain notices`: each unit's notice of what to act on, a workbook per unit and a summary, recorded
so that the next round says what was resolved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from .context import CliContext, fail, pass_cli
from .lists import TERMINAL_ROWS, check_filters, echo_json, judged_dates
from .params import AS_OF, DATE, YEAR
from .texttable import render


@click.command("notices")
@click.option("--year", type=YEAR, required=True, help="学时年度")
@click.option("--as-of", "as_of", type=AS_OF, default=None, help="截至日期 (默认今天；往年默认 12 月 31 日)")
@click.option(
    "--deadline",
    type=DATE,
    default=None,
    help="整改期限 (默认截至日期后 15 天；年度未结束时不晚于 12 月 31 日)",
)
@click.option(
    "--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="写入的文件夹 (新的或空的)"
)
@click.option("--county", default=None, help="只给这个区县的单位发 (市级登记簿)")
@click.option("--unit", default=None, help="只给这个单位发 (全称)")
@click.option("--dry-run", is_flag=True, help="只写工作簿，不记入登记簿 (下一轮不以它为“上次通知”)")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.option("--all", "show_all", is_flag=True, help=f"终端中列出全部单位 (默认最多 {TERMINAL_ROWS} 个)")
@pass_cli
def notices_cmd(
    cli: CliContext, year, as_of, deadline, out, county, unit, dry_run, as_json, show_all
) -> None:
    """给每个有待办事项的单位生成整改通知：OUT/<单位名称>.xlsx (通知、各清单、上次通知以来的整改情况) 和 OUT/汇总.xlsx。

    市级登记簿中，汇总来的区县的单位以“区县名称+单位名称”命名和称呼 (如 青山县城关镇人民政府.xlsx)，汇总表增加“区县”一栏；--county 只给这个区县的单位发。

    每一轮记为一个批次 (lawtrain history 可见，lawtrain undo 可撤销)；上次通知列出的事项这次已全部整改的单位也会收到一份，说明已整改的情况。

    有待办事项时退出码为 1，没有为 0；文件夹不是空的、日期有误时为 2；登记簿无法写入时为 3 (已写的工作簿删除)。
    """
    from ..notices import NoticeError, issue_round, plan_round

    year, on = judged_dates(year, as_of)
    store = cli.store()
    check_filters(store, county, unit)
    try:
        planned = plan_round(store, year, on, deadline, unit, county)
        issue_round(store, planned, out, dry_run=dry_run)
    except NoticeError as exc:
        fail(str(exc))
    except sqlite3.Error as exc:
        fail(f"无法写入登记簿，没有做任何改动（已写的工作簿已删除）：{exc}", 3)
    except OSError as exc:
        fail(f"无法写入文件夹 {out}：{exc}")
    if as_json:
        echo_json(planned.to_json())
    else:
        _print_round(planned, show_all, dry_run)
    raise SystemExit(1 if planned.total else 0)


def _print_round(planned, show_all: bool, dry_run: bool) -> None:
    scope = f"{planned.county}，" if planned.county else ""
    lines = [
        f"{planned.year}年度整改通知：{scope}截至 {planned.as_of.isoformat()}，整改期限 {planned.deadline.isoformat()}",
        f"写入 {planned.out}：{len(planned.units)} 个单位的通知和 汇总.xlsx",
    ]
    if planned.units:
        rows = [notice.summary_row() for notice in planned.units]
        shown = rows if show_all else rows[:TERMINAL_ROWS]
        lines += ["", render(planned.summary_columns, shown)]
        if len(shown) < len(rows):
            lines.append(f"…… 另有 {len(rows) - len(shown)} 个单位未显示 (用 --all 显示全部，或见 汇总.xlsx)")
    else:
        lines.append("没有需要通知的单位")
    lines.append("")
    if dry_run:
        lines.append(f"共 {planned.total:,} 项；试运行，没有记入登记簿")
    elif planned.batch_id is not None:
        lines.append(
            f"共 {planned.total:,} 项；已记为批次 {planned.batch_id} (lawtrain undo {planned.batch_id} 可撤销)"
        )
    click.echo("\n".join(lines))
