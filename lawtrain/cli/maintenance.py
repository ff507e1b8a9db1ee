"""Commands that fill, copy and dump the register: demo, export, backup."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import click

from .context import CliContext, fail, pass_cli


@click.command("demo")
@click.option(
    "--officers", "count", default=2000, show_default=True, type=click.IntRange(10, 1_000_000), help="人数"
)
@click.option("--year", type=int, default=None, help="培训年度 (默认今年)")
@click.option("--seed", type=int, default=1, show_default=True, help="随机种子：同一种子得到同一份数据")
@pass_cli
def demo_cmd(cli: CliContext, count: int, year: int | None, seed: int) -> None:
    """用演示数据填充一个空数据库 (一个虚构的县)。"""
    from ..demo import DemoError, generate

    store = cli.store()
    started = time.perf_counter()
    try:
        today = date.today()
        summary = generate(store, officers=count, year=year or today.year, seed=seed, today=today)
    except DemoError as exc:
        fail(str(exc))
    elapsed = time.perf_counter() - started
    parts = "，".join(f"{label} {value:,}" for label, value in summary.items())
    click.echo(f"演示数据已写入 {store.path}: {parts} ({elapsed:.1f} 秒)")


@click.group("export")
def export_cmd() -> None:
    """导出登记簿中的数据。"""


@export_cmd.command("officers")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help=".json/.csv/.xlsx"
)
@pass_cli
def export_officers_cmd(cli: CliContext, out: Path) -> None:
    """导出全部执法人员及其证件。"""
    from ..exporting.officers import export_officers

    try:
        count = export_officers(cli.store(), out)
    except ValueError as exc:
        fail(str(exc))
    click.echo(f"已导出 {count:,} 名执法人员到 {out}")


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@pass_cli
def backup_cmd(cli: CliContext, target: Path) -> None:
    """把数据库完整备份到 TARGET (使用 SQLite 在线备份，应用打开时也可执行)。"""
    from ..store.backup import backup

    try:
        backup(cli.store(), target)
    except ValueError as exc:
        fail(str(exc))
    click.echo(f"已备份到 {target}")
