"""`lawtrain rollup add|list|conflicts`: a city bureau's register filled from its counties' registers."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..exporting.tables import Column
from .context import CliContext, fail, pass_cli
from .lists import echo_json
from .texttable import render

# The register's tables as the clerk calls their records.
TABLE_LABELS = {
    "units": "单位", "officers": "执法人员", "certificates": "证件", "certificate_events": "证件变更",
    "training": "培训记录", "exams": "考试成绩", "appraisals": "年度考核", "reviews": "年审记录",
    "advisers": "法律顾问",
}  # fmt: skip
_COUNT_COLUMNS = (
    Column("table", "记录"), Column("inserted", "新增"), Column("updated", "更新"), Column("deleted", "删除"),
    Column("unchanged", "未变"),
)  # fmt: skip
_CLAIM_COLUMNS = (
    Column("kind", "类别"), Column("id_number", "身份证号码"), Column("name", "姓名"),
    Column("kept_county", "保留区县"), Column("kept_unit", "保留单位"), Column("kept_status", "保留状态"),
    Column("listed_county", "另一区县"), Column("listed_unit", "另一单位"), Column("listed_status", "另一状态"),
    Column("note", "说明"),
)  # fmt: skip
_SHOWN_CLAIMS = 20


def claim_rows(items: list[dict]) -> list[dict]:
    """Claims as table rows: each county's unit and status side by side."""
    from ..rollup.claims import KIND_LABELS

    rows = []
    for item in items:
        kept, listed = item["kept"] or {}, item["listed"]
        note = item["note"]
        if item.get("number"):
            holder = f"{kept.get('name')} {kept.get('id_number')}" if kept else ""
            note = "；".join(
                filter(None, [f"证件号码 {item['number']} 在保留的区县登记在 {holder} 名下", note])
            )
        rows.append({
            "kind": KIND_LABELS[item["kind"]], "id_number": item["id_number"], "name": item["name"],
            "kept_county": kept.get("county"), "kept_unit": kept.get("unit"), "kept_status": kept.get("status"),
            "listed_county": listed["county"], "listed_unit": listed["unit"], "listed_status": listed["status"],
            "note": note,
        })  # fmt: skip
    return rows


@click.group("rollup")
def rollup_cmd() -> None:
    """市级汇总：把各区县的登记簿 (或其备份) 汇总到本登记簿，列出调动和冲突。"""


@rollup_cmd.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--county", metavar="NAME", help="区县名称 (默认取 FILE 旁 settings.toml 中的辖区名称)")
@click.option("--dry-run", is_flag=True, help="只报告将会发生什么，不写入任何数据")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@pass_cli
def rollup_add_cmd(cli: CliContext, file: Path, county: str | None, dry_run: bool, as_json: bool) -> None:
    """汇总一个区县的登记簿 FILE (只读打开，不会改动)。再次汇总同一区县时，使本登记簿中该区县的
    记录与 FILE 完全一致：新增、更新、删除，其余不变。一个批次，可用 undo 撤销。

    退出状态: 0 完成；1 完成，有调动或冲突；2 文件无法读取或被拒绝 (未做任何改动)。
    """
    from ..rollup import RollupError, add_county

    store = cli.store()
    started = time.perf_counter()

    def progress(step: str) -> None:
        click.echo(f"\r正在汇总{step}……{' ' * 8}", err=True, nl=False)

    shown = not as_json and sys.stderr.isatty()
    try:
        result = add_county(store, file, county, dry_run=dry_run, progress=progress if shown else None)
    except RollupError as exc:
        fail(str(exc))
    finally:
        if shown:
            click.echo("\r" + " " * 40 + "\r", err=True, nl=False)
    if as_json:
        echo_json(result.to_json())
    else:
        _report(result, time.perf_counter() - started)
    if result.transfers or result.conflicts:
        sys.exit(1)


def _report(result, elapsed: float) -> None:
    if result.dry_run:
        where = "试运行，未写入任何数据"
    elif not result.changed:
        where = "与上次汇总时相同，未做任何改动"
    else:
        where = f"批次 {result.batch} (可用 lawtrain undo {result.batch} 撤销)"
    click.echo(f"{result.county} ← {result.file}  {where}")
    if result.migrated:
        click.echo("  该文件由较早版本的 lawtrain 建立，已按当前数据结构读取 (文件本身未改动)")
    totals = result.totals
    click.echo(
        f"  新增 {totals.inserted:,}，更新 {totals.updated:,}，删除 {totals.deleted:,}，未变 {totals.unchanged:,} "
        f"({elapsed:.1f} 秒)"
    )
    rows = [
        {"table": TABLE_LABELS[table], **{key: f"{value:,}" for key, value in vars(counts).items()}}
        for table, counts in result.tables.items()
    ]
    click.echo(render(_COUNT_COLUMNS, rows))
    cases = [*result.transfers, *result.conflicts]
    if not cases:
        click.echo("没有调动或冲突")
        return
    click.echo(f"调动 {len(result.transfers):,} 人，冲突 {len(result.conflicts):,} 项：")
    click.echo(render(_CLAIM_COLUMNS, claim_rows(cases[:_SHOWN_CLAIMS])))
    if len(cases) > _SHOWN_CLAIMS:
        click.echo(f"…… 另有 {len(cases) - _SHOWN_CLAIMS:,} 项，用 lawtrain rollup conflicts 查看全部")


_COUNTY_COLUMNS = (
    Column("county", "区县"), Column("officers", "执法人员"), Column("units", "单位"), Column("added_at", "汇总时间"),
    Column("batch", "批次"), Column("file", "文件"),
)  # fmt: skip


@rollup_cmd.command("list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@pass_cli
def rollup_list_cmd(cli: CliContext, as_json: bool) -> None:
    """列出登记簿中的各区县：本辖区和汇总进来的区县，各自的文件、汇总时间、批次、人数。"""
    from ..store.counties import counties

    rows = [
        {"county": c.name, "own": c.own, "file": c.source, "added_at": c.added_at, "batch": c.batch_id,
         "officers": c.officers, "units": c.units}
        for c in counties(cli.store().db)
    ]  # fmt: skip
    if as_json:
        echo_json({"counties": rows})
        return
    shown = [{**row, "file": row["file"] or "(本登记簿直接录入)"} for row in rows]
    click.echo(render(_COUNTY_COLUMNS, shown))


@rollup_cmd.command("conflicts")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@pass_cli
def rollup_conflicts_cmd(cli: CliContext, as_json: bool) -> None:
    """列出两个区县都登记的人员 (调动、冲突) 和证件号码重复，直到两个区县的登记簿一致为止。

    退出状态: 0 没有；1 有。
    """
    from ..rollup import TRANSFER, claims

    items = claims(cli.store().db.conn)
    if as_json:
        echo_json({
            "transfers": [c for c in items if c["kind"] == TRANSFER],
            "conflicts": [c for c in items if c["kind"] != TRANSFER],
        })  # fmt: skip
    elif items:
        transfers = sum(1 for c in items if c["kind"] == TRANSFER)
        click.echo(f"调动 {transfers:,} 人，冲突 {len(items) - transfers:,} 项")
        click.echo(render(_CLAIM_COLUMNS, claim_rows(items)))
    else:
        click.echo("没有调动或冲突：各区县的登记簿一致")
    if items:
        sys.exit(1)
