"""`lawtrain import`, `lawtrain history`, `lawtrain undo`: spreadsheets in, batches listed and reverted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..exporting.tables import Column
from .context import CliContext, fail, pass_cli
from .texttable import render

_SHOWN_REJECTIONS = 50


def _errors_path(option: Path | None, source: Path, several: bool) -> Path:
    from ..importing import default_errors_path

    if option is None:
        return default_errors_path(source)
    if several:
        return option.with_name(f"{option.stem}-{source.stem}{option.suffix or '.xlsx'}")
    return option


def _report(result, elapsed: float) -> None:
    label = f"{result.kind_label}，工作表“{result.sheet}”"
    where = (
        "试运行，未写入任何数据"
        if result.dry_run
        else (f"批次 {result.batch}" if result.batch else "未写入任何数据")
    )
    click.echo(f"{Path(result.file).name} [{label}] {where}")
    click.echo(
        f"  数据 {result.rows:,} 行: 新增 {result.inserted:,}，更新 {result.updated:,}，未变 {result.unchanged:,}，"
        f"拒绝 {len(result.rejected_rows):,} 行；跳过 {result.skipped:,} 行(空行、合计、说明) ({elapsed:.1f} 秒)"
    )
    if result.ignored_columns:
        click.echo(f"  未导入的列: {'、'.join(result.ignored_columns)}")
    for rejection in result.rejected[:_SHOWN_REJECTIONS]:
        cell = f" {rejection.column}“{rejection.value}”" if rejection.column else ""
        click.echo(f"  第 {rejection.row} 行{cell}: {rejection.message}")
    if len(result.rejected) > _SHOWN_REJECTIONS:
        click.echo(f"  …另有 {len(result.rejected) - _SHOWN_REJECTIONS:,} 条问题未列出")
    if result.rejected and result.batch is None and not result.dry_run:
        click.echo("  严格模式: 有行被拒绝，整个文件未导入")
    if result.errors_path:
        click.echo(f"  错误行已写入 {result.errors_path}，改正标红的单元格后可重新导入")


def _progress(source: Path):
    """A progress line on the terminal for long files."""

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        click.echo(f"\r{source.name}: 已读 {done:,} / {total:,} 行{end}", err=True, nl=False)

    return show


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    metavar="K",
    help="数据类别: officers/certificates/training/exams/appraisals/advisers (默认自动识别)",
)
@click.option("--sheet", metavar="NAME", help="读取指定的工作表 (默认第一个能识别表头的工作表)")
@click.option("--dry-run", is_flag=True, help="只报告将会发生什么，不写入任何数据")
@click.option("--strict", is_flag=True, help="只要有一行被拒绝，整个文件都不导入")
@click.option(
    "--errors", "errors_out", type=click.Path(dir_okay=False, path_type=Path),
    help="错误工作簿的位置 (默认: 源文件旁的 <文件名>.errors.xlsx；多个文件时在文件名后加源文件名)",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="每个文件输出一行 JSON")
@pass_cli
def import_cmd(
    cli: CliContext, files: tuple[Path, ...], kind: str | None, sheet: str | None, dry_run: bool, strict: bool,
    errors_out: Path | None, as_json: bool,
) -> None:  # fmt: skip
    """导入表格文件 (.xlsx/.xls/.ods/.csv): 花名册、证件、培训学时、考试成绩、年度考核、法律顾问。

    退出状态: 0 全部导入；1 有行被拒绝；2 文件无法读取或识别 (未做任何改动)。
    """
    import time

    from ..reading.files import prefetch

    prefetch(files[0])  # read while the import machinery loads and the register opens
    from ..importing import UnreadableFile, import_file

    store = cli.store()
    status = 0
    for source in files:
        errors = _errors_path(errors_out, source, len(files) > 1) if (errors_out or not dry_run) else None
        started = time.perf_counter()
        try:
            result = import_file(
                store, source, kind=kind, sheet=sheet, dry_run=dry_run, strict=strict, errors_out=errors,
                progress=_progress(source) if not as_json and sys.stderr.isatty() else None,
            )  # fmt: skip
        except UnreadableFile as exc:
            status = 2
            if as_json:
                click.echo(
                    json.dumps({"file": str(source), "kind": None, "error": str(exc)}, ensure_ascii=False)
                )
            click.echo(str(exc), err=True)
            continue
        if result.rejected:
            status = max(status, 1)
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        else:
            _report(result, time.perf_counter() - started)
    if status:
        sys.exit(status)


_HISTORY_COLUMNS = [
    Column("id", "批次"), Column("started_at", "时间"), Column("kind", "类别"), Column("source", "来源"),
    Column("operator", "操作员"), Column("summary", "结果"), Column("state", "状态"),
]  # fmt: skip


@click.command("history")
@click.option(
    "--limit", default=30, show_default=True, type=click.IntRange(1, 100000), help="显示最近多少个批次"
)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON (每个批次一行)")
@pass_cli
def history_cmd(cli: CliContext, limit: int, as_json: bool) -> None:
    """列出最近的批次 (每次导入、修改、年审都是一个批次)，可用 undo 撤销。"""
    from ..store.batches import batch_history, describe_counts

    rows = batch_history(cli.store(), limit)
    if as_json:
        for row in rows:
            item = {key: row[key] for key in ("id", "started_at", "kind", "source", "operator")}
            item.update(summary=row["counts"], undone_by=row["undone_by"], undoes=row["undoes"])
            click.echo(json.dumps(item, ensure_ascii=False))
        return
    if not rows:
        click.echo("还没有任何批次")
        return
    table = [{**row, "summary": describe_counts(row["counts"])} for row in rows]
    click.echo(render(_HISTORY_COLUMNS, table))


@click.command("undo")
@click.argument("batch", type=int)
@click.option("--force", is_flag=True, help="即使之后的批次修改过同样的记录也撤销")
@pass_cli
def undo_cmd(cli: CliContext, batch: int, force: bool) -> None:
    """撤销一个批次: 新增的记录删除，修改的记录还原。"""
    from ..store.undo import UndoError, undo_batch

    store = cli.store()
    try:
        undo_id = undo_batch(store, batch, force=force)
    except UndoError as exc:
        fail(str(exc), 1)
    reverted = json.loads(
        store.db.execute("SELECT summary FROM batches WHERE id = ?", [undo_id]).fetchone()[0] or "{}"
    )
    click.echo(
        f"已撤销批次 {batch}: 还原 {reverted.get('reverted', 0):,} 处改动 (撤销本身记为批次 {undo_id})"
    )
