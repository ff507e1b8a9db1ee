"""`lawtrain check`, `lawtrain explain` and `lawtrain stats`: the lists, one officer's reasons, the figures."""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from pathlib import Path

import click

from .context import CliContext, fail, pass_cli
from .params import AS_OF, YEAR
from .texttable import render

TERMINAL_ROWS = 100  # rows of each list shown in the terminal unless --all


def resolve_dates(year: int | None, as_of: date | None, today: date) -> tuple[int, date]:
    """--as-of defaults to today and --year to the as-of year; a past --year alone means its 31 December."""
    if as_of is None:
        as_of = date(year, 12, 31) if year is not None and year < today.year else today
    return (year if year is not None else as_of.year), as_of


def _as_of_option(function):
    function = click.option(
        "--as-of", "as_of", type=AS_OF, default=None, help="截至日期，如 2025-12-31 (默认今天)"
    )(function)
    return click.option("--year", type=YEAR, default=None, help="学时年度 (默认截至日期所在年度)")(function)


def _dates(year: int | None, as_of: date | None) -> tuple[int, date]:
    return resolve_dates(year, as_of, date.today())


def _dump(data) -> None:
    from ..exporting.tables import json_default

    # Compact: with an indent the json module falls back to its pure-Python encoder (3x slower on long lists).
    # color=True: nothing to strip (JSON escapes control characters), and click would otherwise scan the
    # whole text for terminal colour codes when the output is not a terminal (0.15 s on a province's lists).
    click.echo(json.dumps(data, ensure_ascii=False, default=json_default), color=True)


def _encode(encoded: dict[str, str], result) -> None:
    """One check's JSON, made in the thread that ran it as soon as it is ready."""
    encoded[result.check.name] = _json(result.to_json())


def _dump_report(report, encoded: dict[str, str]) -> None:
    """The report's JSON: exactly what json.dumps makes of report.to_json(), its checks spliced in as
    encoded beside the queries (a province's lists are 69 MB of JSON: 0.6 s less at the end)."""
    data = report.to_json()
    checks = data.pop("checks")
    parts = [
        encoded.get(result.check.name) or _json(check)
        for result, check in zip(report.results, checks, strict=True)
    ]
    head = _json(data)  # {"as_of": …, "year": …}: "checks" is the last key of to_json()
    click.echo(f"{head[:-1]}, {_json('checks')}: [{', '.join(parts)}]}}", color=True)


def _json(data) -> str:
    from ..exporting.tables import json_default

    return json.dumps(data, ensure_ascii=False, default=json_default)


@click.command("check")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@_as_of_option
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
    year, on = _dates(year, as_of)
    store = cli.store()
    _check_filters(store, county, unit)
    encoded: dict[str, str] = {}
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


def _check_filters(store, county: str | None, unit: str | None) -> None:
    """--county names a county of the register, --unit one unit (in that county, or in one county only)."""
    from ..store.counties import CountyError, check_unit, county_id

    try:
        if unit is not None:
            check_unit(store.db, unit, county)
        elif county is not None:
            county_id(store.db, county)
    except CountyError as exc:
        fail(str(exc))


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
@_as_of_option
@click.option("--county", default=None, help="该人员所在的区县 (市级登记簿)")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@pass_cli
def explain_cmd(cli: CliContext, id_number: str, year, as_of, county: str | None, as_json: bool) -> None:
    """说明一名执法人员的学时计算和各项检查结论。ID_NUMBER: 完整身份证号码，或后 8 位以上尾号。"""
    from ..explain import ExplainError, explain, render_text

    year, on = _dates(year, as_of)
    store = cli.store()
    _check_filters(store, county, None)
    try:
        explanation = explain(store, id_number, year, on, county)
    except ExplainError as exc:
        fail(str(exc))
    if as_json:
        _dump(explanation.to_json())
    else:
        click.echo(render_text(explanation))


@click.command("stats")
@_as_of_option
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

    year, on = _dates(year, as_of)
    store = cli.store()
    _check_filters(store, county, None)
    figures = statistics(store, year, on, county=county, by=by)
    if out is not None:
        try:
            write_stats_report(figures, out, store.settings)
        except ExportError as exc:
            fail(str(exc))
    if as_json:
        _dump(figures.to_json())
        return
    scope = f"，区县 {county}" if county else ""
    click.echo(f"截至 {on.isoformat()}，学时年度 {year}{scope} (学时判定日 {figures.judged_on.isoformat()})")
    click.echo(render(figures.columns, [*figures.rows, {**figures.totals, figures.name_key: "合计"}]))
    if out is not None:
        click.echo(f"已导出到 {out}")
