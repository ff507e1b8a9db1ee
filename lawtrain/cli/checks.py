"""`lawtrain check`, `lawtrain explain` and `lawtrain stats`: the lists, one officer's reasons, the figures."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from .context import CliContext, fail, pass_cli
from .lists import (
    TERMINAL_ROWS,
    check_filters,
    echo_json,
    echo_json_bytes,
    json_bytes,
    judged_dates,
    year_and_as_of,
)
from .texttable import render


def _encode(encoded: dict[str, bytes], result) -> None:
    """One check's JSON, made in the thread that ran it as soon as it is ready."""
    encoded[result.check.name] = json_bytes(result.to_json())


def _dump_report(report, encoded: dict[str, bytes]) -> None:
    """The report's JSON: what json_bytes makes of report.to_json(), its checks spliced in as encoded
    beside the queries (a province's lists are 77 MB of JSON)."""
    data = report.to_json()
    checks = data.pop("checks")
    parts = [
        encoded.get(result.check.name) or json_bytes(check)
        for result, check in zip(report.results, checks, strict=True)
    ]
    head = json_bytes(data)  # {"as_of":…,"year":…}: "checks" is the last key of to_json()
    echo_json_bytes(head[:-1] + b',"checks":[' + b",".join(parts) + b"]}")


@click.command("check")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@year_and_as_of
@click.option("--within", type=click.IntRange(0, 3650), default=None, help="到期预警天数 (默认按设置)")
@click.option("--county", default=None, help="只看这个区县 (市级登记簿)")
@click.option("--unit", default=None, help="只看这个单位 (全称)")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="导出到 .xlsx/.csv/.json"
)
@click.option("--all", "show_all", is_flag=True, help=f"终端中显示全部行 (默认每项最多 {TERMINAL_ROWS} 行)")
@click.option("--list", "list_only", is_flag=True, help="列出全部检查项及其依据")
@pass_cli
def check_cmd(
    cli: CliContext, names, year, as_of, within, county, unit, as_json, out, show_all, list_only
) -> None:
    """执行合规检查 (不写名称则执行全部)。发现问题时退出码为 1，没有问题为 0。"""
    from ..checks import CATALOGUE, UnknownCheck, run_checks

    if list_only:
        settings = cli.settings()
        for check in CATALOGUE.values():
            click.echo(f"{check.name:<24} {check.title}\n{'':<24} 依据: {check.basis(settings)}")
        return
    year, on = judged_dates(year, as_of)
    store = cli.store()
    check_filters(store, county, unit)
    encoded: dict[str, bytes] = {}
    try:
        report = run_checks(
            store, names, year=year, as_of=on, within=within, unit=unit, county=county,
            finished=partial(_encode, encoded) if as_json else None,
        )  # fmt: skip
    except UnknownCheck as exc:
        fail(str(exc))
    if out is not None:
        from ..exporting.reports import ExportError, write_check_report  # openpyxl only when writing

        try:
            write_check_report(report, out, store.settings)
        except ExportError as exc:
            fail(str(exc))
    if as_json:
        _dump_report(report, encoded)
    else:
        _print_report(report, show_all)
        if out is not None:
            click.echo(f"已导出到 {out}")
    raise SystemExit(1 if report.total else 0)


def _print_report(report, show_all: bool) -> None:
    lines = [
        f"截至 {report.as_of.isoformat()}，学时年度 {report.year}"
        + (f"，区县 {report.county}" if report.county else "")
        + (f"，单位 {report.unit}" if report.unit else "")
    ]
    for result in report.results:
        findings = result.findings
        lines.append("")
        lines.append(f"【{result.check.title}】{result.check.name}: {len(findings)} 项")
        lines.append(f"依据: {result.basis}")
        if result.parameters:
            lines.append(f"参数: {result.parameters_text}")
        if not findings:
            continue
        shown = findings if show_all else findings[:TERMINAL_ROWS]
        lines.append(render(report.columns(result), shown))
        if len(shown) < len(findings):
            lines.append(f"…… 另有 {len(findings) - len(shown)} 项未显示 (用 --all 显示全部，或 --out 导出)")
    lines.append("")
    lines.append(f"合计 {report.total} 项" if report.total else "未发现问题")
    click.echo("\n".join(lines))


@click.command("explain")
@click.argument("id_number")
@year_and_as_of
@click.option("--county", default=None, help="该人员所在的区县 (市级登记簿)")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@pass_cli
def explain_cmd(cli: CliContext, id_number: str, year, as_of, county: str | None, as_json: bool) -> None:
    """说明一名执法人员的学时计算和各项检查结论。ID_NUMBER: 完整身份证号码，或后 8 位以上尾号。"""
    from ..explain import ExplainError, explain, render_text

    year, on = judged_dates(year, as_of)
    store = cli.store()
    check_filters(store, county, None)
    try:
        explanation = explain(store, id_number, year, on, county)
    except ExplainError as exc:
        fail(str(exc))
    if as_json:
        echo_json(explanation.to_json())
    else:
        click.echo(render_text(explanation))


@click.command("stats")
@year_and_as_of
@click.option("--county", default=None, help="只统计这个区县的单位 (市级登记簿)")
@click.option(
    "--by", type=click.Choice(["unit", "county"]), default="unit", show_default=True,
    help="每个单位一行 (unit)，或每个区县一行 (county)",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="导出到 .xlsx/.csv/.json"
)
@pass_cli
def stats_cmd(
    cli: CliContext, year, as_of, county: str | None, by: str, as_json: bool, out: Path | None
) -> None:
    """各单位 (或各区县) 持证、学时达标和法律顾问统计，含合计行。"""
    from ..exporting.reports import ExportError, write_stats_report
    from ..stats import statistics

    year, on = judged_dates(year, as_of)
    store = cli.store()
    check_filters(store, county, None)
    figures = statistics(store, year, on, county=county, by=by)
    if out is not None:
        try:
            write_stats_report(figures, out, store.settings)
        except ExportError as exc:
            fail(str(exc))
    if as_json:
        echo_json(figures.to_json())
        return
    scope = f"，区县 {county}" if county else ""
    click.echo(f"截至 {on.isoformat()}，学时年度 {year}{scope} (学时判定日 {figures.judged_on.isoformat()})")
    click.echo(render(figures.columns, [*figures.rows, {**figures.totals, figures.name_key: "合计"}]))
    if out is not None:
        click.echo(f"已导出到 {out}")
