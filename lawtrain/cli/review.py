"""`lawtrain review --year Y [--as-of DATE] [--unit UNIT] [--apply] [--json] [--out FILE.xlsx]`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..vocabulary import CERT_STATUSES
from .context import CliContext, fail, pass_cli
from .params import DATE

if TYPE_CHECKING:
    from ..review import ApplyResult, ReviewResult


@click.command("review")
@click.option("--year", type=int, required=True, help="年审年度")
@click.option("--as-of", "as_of", type=DATE, default=None, help="审验基准日 (默认该年12月31日)")
@click.option("--county", default=None, help="只审验这个区县 (市级登记簿)")
@click.option("--unit", default=None, help="只审验这个单位 (单位全称)")
@click.option("--apply", "do_apply", is_flag=True, help="记录年审结果并变更不合格证件的状态 (可用 undo 撤销)")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="导出 .xlsx 工作簿"
)
@pass_cli
def review_cmd(
    cli: CliContext,
    year: int,
    as_of: date | None,
    county: str | None,
    unit: str | None,
    do_apply: bool,
    as_json: bool,
    out: Path | None,
) -> None:
    """年审: 审验年末 (或基准日) 有效的每一本证件，列出不合格原因。"""
    from ..review import ReviewError, apply, evaluate
    from ..review.workbook import write_review_workbook

    if out is not None and out.suffix.lower() != ".xlsx":
        fail(f"--out 只支持 .xlsx 文件，实际为“{out.name}”")
    store = cli.store()
    as_of = as_of or date(year, 12, 31)
    try:
        if do_apply:
            outcome = apply(store, year, today=date.today(), as_of=as_of, unit=unit, county=county)
            results = outcome.results
        else:
            results = evaluate(store, year, as_of=as_of, unit=unit, county=county)
    except ReviewError as exc:
        fail(str(exc))
    if out is not None:
        write_review_workbook(out, results, store.settings, year, as_of)
    if as_json:
        payload = {"year": year, "as_of": as_of.isoformat(), "results": [r.as_json() for r in results]}
        if county:
            payload["county"] = county
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        _print_results(year, as_of, results, county)
    if do_apply:
        click.echo(_applied_message(outcome), err=as_json)
    if out is not None:
        click.echo(f"已导出到 {out}", err=as_json)


def _print_results(year: int, as_of: date, results: list[ReviewResult], county: str | None) -> None:
    failing = [r for r in results if r.reasons]
    several = len({r.county for r in results}) > 1
    click.echo(
        f"{year}年度年审{f' {county}' if county else ''} (截至 {as_of}): 共 {len(results)} 本证件，合格 {len(results) - len(failing)} 本，"
        f"不合格 {len(failing)} 本"
    )
    for r in failing:
        click.echo(
            f"  {r.id_number}  {r.name}  {f'{r.county} ' if several else ''}{r.unit}  {r.number}  不合格: {'、'.join(r.reason_labels)}  {r.detail}"
        )


def _applied_message(outcome: ApplyResult) -> str:
    if outcome.nothing_to_change:
        return "年审结果均已记录，没有需要变更的内容"
    counts = outcome.status_changes
    changes = "，".join(f"{status} {counts[status]} 本" for status in CERT_STATUSES if status in counts)
    changed = f"；证件状态变更: {changes}" if changes else ""
    return (
        f"已记录年审结果 {outcome.written} 条{changed} (批次 {outcome.batch_id}，"
        f"可用 lawtrain undo {outcome.batch_id} 撤销)"
    )
