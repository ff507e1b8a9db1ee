"""`lawtrain import`, `lawtrain history`, `lawtrain undo`: spreadsheets in, batches listed and reverted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..exporting.tables import Column
from .context import CliContext, fail, pass_cli
from .lists import echo_json
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


def _progress(files):
    """A progress line on the terminal for long files (rows read over all of them)."""
    what = files[0].path.name if len(files) == 1 else f"{len(files)} 个文件"

    def show(done: int, total: int) -> None:
        click.echo(f"\r{what}: 已读 {done:,} / {total:,} 行", err=True, nl=False)

    return show


def _sources(arguments: tuple[Path, ...]) -> tuple[list[Path], set[Path]]:
    """The files named, each folder replaced by the spreadsheets in it; and those that came from a
    folder (of which blank templates and earlier error workbooks are left out)."""
    from ..importing.several import spreadsheets_in

    paths: list[Path] = []
    from_folders: set[Path] = set()
    for argument in arguments:
        if not argument.is_dir():
            paths.append(argument)
            continue
        try:
            inside = spreadsheets_in(argument)
        except OSError as exc:
            fail(f"无法读取文件夹“{argument}”: {exc}，未做任何改动", 2)
        if not inside:
            fail(f"文件夹“{argument}”中没有表格文件 (.xlsx/.xls/.ods/.csv)，未做任何改动", 2)
        paths.extend(inside)
        from_folders.update(inside)
    return paths, from_folders


def _say_left_out(left_out) -> None:
    """One line for the blank templates and one for the error workbooks a folder held."""
    blank = sorted(f.path.name for f in left_out if f.blank)
    errors = sorted(f.path.name for f in left_out if not f.blank)
    if blank:
        click.echo(f"跳过 {len(blank)} 个空白表格 (只有表头，如导入模板): {'、'.join(blank)}")
    if errors:
        click.echo(f"跳过 {len(errors)} 个以前导入留下的错误清单 (改正后请单独导入): {'、'.join(errors)}")


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

    FILES 可以是多个文件或文件夹 (文件夹中的全部表格，不含空白模板和 .errors.xlsx 错误清单)。
    无论给出的顺序如何，都按先花名册和证件、再考试成绩、年度考核、培训学时、最后法律顾问的顺序导入，
    同类按文件名；每个文件一个批次。多个文件试运行时，后面的文件按前面的已导入来检查。

    退出状态: 0 全部导入；1 有行被拒绝；2 文件无法读取或识别 (未做任何改动)；
    3 登记簿无法写入 (磁盘已满、只读、被占用或已损坏，未做任何改动)。
    多个文件时取其中最严重的一个。
    """
    import time

    from ..reading.files import prefetch

    if len(files) == 1:
        prefetch(files[0])  # one workbook: read while the import machinery loads and the register opens
    from ..importing.several import SUMMARY_COLUMNS, Found, import_files, summary_rows, survey, worst

    store = cli.store()
    paths, from_folders = _sources(files)
    if len(paths) == 1 and not from_folders:
        chosen = [Found(paths[0])]  # one file: the import reads its header itself
    else:
        found = survey(paths, kind=kind, sheet=sheet, settings=store.settings)
        # What cannot be read stays in: the clerk is told why, and the exit status says so.
        left_out = [f for f in found if f.path in from_folders and not f.importable and not f.problem]
        chosen = [f for f in found if f not in left_out]
        if not as_json:
            _say_left_out(left_out)
        if not chosen:
            fail("没有可导入的表格，未做任何改动", 2)
        if not as_json and len(chosen) > 1:
            order = "、".join(f.path.name for f in chosen)
            click.echo(f"按顺序导入 {len(chosen)} 个文件 (花名册和证件、考试、考核、学时、法律顾问): {order}")
    several = len(chosen) > 1
    show_progress = not as_json and sys.stderr.isatty()
    started = time.perf_counter()

    def errors_for(source: Path) -> Path | None:
        return _errors_path(errors_out, source, several) if (errors_out or not dry_run) else None

    def done(outcome) -> None:
        nonlocal started
        elapsed, started = time.perf_counter() - started, time.perf_counter()
        if show_progress:
            click.echo("\r\x1b[K", err=True, nl=False)  # the progress line gives way to the report
        if outcome.result is None:
            if as_json:
                item = {"file": str(outcome.found.path), "kind": None, "error": outcome.problem}
                echo_json(item)
            click.echo(outcome.problem, err=True)
        elif as_json:
            echo_json(outcome.result.to_json())
        else:
            _report(outcome.result, elapsed)

    outcomes = import_files(
        store, chosen, dry_run=dry_run, strict=strict, kind=kind, sheet=sheet, errors_for=errors_for,
        progress=_progress(chosen) if show_progress else None, done=done,
    )  # fmt: skip
    if several and not as_json:
        click.echo("")
        click.echo(("试运行汇总 (未写入任何数据)" if dry_run else "汇总") + ":")
        click.echo(render(SUMMARY_COLUMNS, summary_rows(outcomes)))
    status = worst(outcomes)
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
    from ..store.batches import KIND_LABELS, batch_history, describe_counts

    rows = batch_history(cli.store(), limit)
    if as_json:
        for row in rows:
            item = {key: row[key] for key in ("id", "started_at", "kind", "source", "operator")}
            item.update(summary=row["counts"], undone_by=row["undone_by"], undoes=row["undoes"])
            echo_json(item)
        return
    if not rows:
        click.echo("还没有任何批次")
        return
    table = [
        {**row, "kind": KIND_LABELS.get(row["kind"], row["kind"]), "summary": describe_counts(row["counts"])}
        for row in rows
    ]
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
