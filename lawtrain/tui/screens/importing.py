"""导入: the files in imports/ in the order they would be imported, each with its kind; pick one or
type a path; preview (kind, header mapping, first rows); a dry run with every row error; the import
itself with progress; its result and error workbook; the batch history with undo. One action imports
the whole folder: a dry run of every file in order, one summary and one confirmation, then each file
as its own batch. Everything is `lawtrain.importing`'s and `lawtrain.store.undo`'s work."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)
from textual.worker import get_current_worker

from ...importing import Preview, default_errors_path, preview
from ...importing.several import (
    SUMMARY_COLUMNS,
    Found,
    Outcome,
    import_files,
    spreadsheets_in,
    summary_rows,
    survey,
)
from ...reading.kinds import FIELD_LABELS
from ...store import StorageError
from ...store.batches import KIND_LABELS, batch_history, describe_counts
from ..data.officer_file import FIELD_LABELS as RECORD_FIELD_LABELS
from ..widgets.import_files import ImportFiles
from ..writing import Busy, notify_failure, worker_store
from .base import TABLE_ROWS_MAX, RegisterScreen, fill_table, shown_note
from .forms.confirm import ConfirmScreen
from .forms.import_plan import ImportPlanScreen

# The register's field names as the clerk reads them, for the header mapping.
MAPPED_LABELS = {
    **RECORD_FIELD_LABELS,
    "cert_kind": "证件种类", "cert_expires": "有效期至", "cert_authority": "发证机关", "cert_status": "证件状态",
    "licence": "执业证号", "firm": "执业机构", "evaluation": "年度评价", "training_mode": "培训方式",
    "category": "课程类别", "mode": "培训方式",
    **FIELD_LABELS,
}  # fmt: skip


_PROBLEM_COLUMNS = (("file", "文件"), ("row", "行号"), ("column", "列"), ("value", "单元格内容"), ("message", "问题"))  # fmt: skip
_MAPPING_COLUMNS = (("header", "表格中的列"), ("field", "对应字段"))
_BATCH_COLUMNS = (("id", "批次"), ("started_at", "时间"), ("kind", "类型"), ("source", "来源"), ("operator", "操作人"),
                  ("summary", "内容"), ("state", "状态"))  # fmt: skip


class ImportScreen(RegisterScreen):
    BINDINGS = [
        Binding("d", "dry_run", "试导入", id="import-dry-run"),
        Binding("i", "import_file", "正式导入", id="import-run"),
        Binding("a", "import_all", "全部导入", id="import-all"),
        Binding("u", "undo", "撤销批次", id="import-undo"),
        Binding("ctrl+r", "rescan", "刷新文件列表", id="import-rescan", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.path: Path | None = None
        self.preview: Preview | None = None
        self.batches: list[dict] = []
        self.importing = False  # an import or dry run is under way
        self.shown_results = False  # the status line holds a result, not the folder's state

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="import-side", classes="side"):
                yield Label(f"{self.register_app.imports_dir.name}/ 中的表格（按导入顺序）")
                yield ImportFiles(id="import-files")
                yield Static("", id="import-files-note", classes="note")
                yield Label("或输入文件路径（回车预览）")
                yield Input(placeholder="表格文件的路径", id="import-path")
            with Vertical(id="import-main"):
                yield Static(
                    "选择一个文件查看预览；按 A 按左侧的顺序全部导入", id="import-status", classes="summary"
                )
                yield ProgressBar(total=100, show_eta=False, id="import-progress")
                with TabbedContent(id="import-tabs"):
                    with TabPane("预览", id="tab-preview"):
                        yield DataTable(id="import-mapping", cursor_type="row")
                        yield DataTable(id="import-rows", cursor_type="row")
                    with TabPane("检查结果", id="tab-result"):
                        yield DataTable(id="import-summary", cursor_type="row")
                        yield DataTable(id="import-errors", cursor_type="row", zebra_stripes=True)
                    with TabPane("批次历史", id="tab-batches"):
                        yield DataTable(id="import-batches", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-progress").display = False
        self.action_rescan()

    def on_screen_resume(self) -> None:
        # On first display and on every return (a review or an edit adds batches).
        self.show_batches()

    def action_rescan(self) -> None:
        self.query_one("#import-files-note", Static).update("正在识别表格……")
        self._survey(self.register_app.imports_dir)

    @work(thread=True, exclusive=True, group="import-survey")
    def _survey(self, folder: Path) -> None:
        """Each file's kind and size from its header (a second or so for a county's files)."""
        try:
            found = survey(spreadsheets_in(folder), settings=self.store.settings) if folder.is_dir() else []
        except OSError as exc:  # the folder itself cannot be read: said, never a traceback
            self.app.call_from_thread(self.notify, f"无法读取文件夹 {folder}：{exc}", severity="error")
            found = []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_files, found)

    def _show_files(self, found: list[Found]) -> None:
        files = self.query_one(ImportFiles)
        files.show(found)
        blank = len(files.blank)
        lines = [f"另有 {blank} 个空白表格（模板）未列出" if blank else ""]
        if files.importable:
            lines.append("按 A 按此顺序全部导入")
        elif not files.found:
            lines.append("文件夹中没有可导入的表格")
        note = "\n".join(line for line in lines if line)
        self.query_one("#import-files-note", Static).update(note)
        if self.path is None and not self.importing and not self.shown_results:
            self.query_one("#import-status", Static).update(
                "选择一个文件查看预览；按 A 按左侧的顺序全部导入"
                if files.importable
                else f"把各单位的表格放进 {self.register_app.imports_dir.name}/ 后按 Ctrl+R 刷新，或在左下输入文件路径"
            )
        self.refresh_bindings()

    @property
    def files(self) -> list[Path]:
        """The files listed, in the list's order."""
        return self.query_one(ImportFiles).paths

    # -- choosing and previewing --------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#import-files")
    @on(OptionList.OptionHighlighted, "#import-files")
    def _file_chosen(self, event: OptionList.OptionSelected | OptionList.OptionHighlighted) -> None:
        self.show_preview(self.files[event.option_index])

    @on(Input.Submitted, "#import-path")
    def _path_typed(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not path.is_file():
            self.notify(f"找不到文件 {path}", severity="error")
            return
        self.show_preview(path)

    def show_preview(self, path: Path) -> None:
        self.path, self.preview = path, None
        self.query_one("#import-status", Static).update(f"正在读取 {path.name} ……")
        self.refresh_bindings()
        self._read_preview(path)

    @work(thread=True, exclusive=True, group="import-preview")
    def _read_preview(self, path: Path) -> None:
        try:
            found: Preview | Exception = preview(path)
        except Exception as exc:  # noqa: BLE001 (UnreadableFile, or anything else: shown, never a traceback)
            found = exc
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_preview, path, found)

    def _show_preview(self, path: Path, found: Preview | Exception) -> None:
        if path != self.path:
            return  # the clerk has moved on to another file
        status = self.query_one("#import-status", Static)
        if isinstance(found, Exception):
            status.update(f"{path.name}：无法读取（{found}）")
            return
        self.preview = found
        ignored = "、".join(found.ignored_columns) or "无"
        status.update(
            f"{path.name} · 类型：{found.kind_label} · 工作表：{found.sheet} · 表头在第 {found.header_row} 行"
            f" · 数据约 {found.data_rows:,} 行 · 忽略的列：{ignored}    按 D 试导入，I 正式导入"
        )
        fill_table(
            self.query_one("#import-mapping", DataTable),
            _MAPPING_COLUMNS,
            (
                {"header": h, "field": MAPPED_LABELS.get(f, f) if f else "（忽略）"}
                for h, f in found.mapping.items()
            ),
        )
        # The preview's cells come by position: the columns are keyed by it.
        columns = [("row", "行号"), *((str(i), header) for i, header in enumerate(found.mapping))]
        rows = (
            {"row": number, **{str(i): cell for i, cell in enumerate(cells)}} for number, cells in found.rows
        )
        fill_table(self.query_one("#import-rows", DataTable), columns, rows)
        self.query_one(TabbedContent).active = "tab-preview"
        self.refresh_bindings()

    # -- dry run and import -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("dry_run", "import_file"):
            return self.preview is not None and not self.importing
        if action == "import_all":
            return bool(self.query_one(ImportFiles).importable) and not self.importing
        if action == "undo":
            return bool(self.batches) and self.query_one(TabbedContent).active == "tab-batches"
        return True

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.refresh_bindings()

    def action_dry_run(self) -> None:
        if self.path is not None:
            self._run([Found(self.path)], dry_run=True)

    @work
    async def action_import_file(self) -> None:
        if self.path is None or self.preview is None:
            return
        question = f"导入 {self.path.name}（{self.preview.kind_label}）？"
        detail = "有问题的行不导入，另存为错误清单；导入后可在批次历史中撤销。"
        if await self.app.push_screen_wait(ConfirmScreen(question, detail, yes="导入")):
            self._run([Found(self.path)], dry_run=False)

    @work
    async def action_import_all(self) -> None:
        """A dry run of every file in order, its summary and one question, then the import of them all."""
        files = self.query_one(ImportFiles).importable
        if not files:
            return
        rehearsal = self._run(files, dry_run=True)
        outcomes = await rehearsal.wait()
        if not outcomes:
            return
        folder = f"{self.register_app.imports_dir.name}/"
        if await self.app.push_screen_wait(ImportPlanScreen(outcomes, folder)):
            self._run(files, dry_run=False)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, files: list[Found], dry_run: bool) -> list[Outcome] | None:
        """Import (or rehearse) `files` in order with one progress bar over all of them."""
        self.app.call_from_thread(self._set_importing, True)
        doing = "试导入" if dry_run else "导入"
        what = files[0].path.name if len(files) == 1 else f"{len(files)} 个文件"
        self.app.call_from_thread(self.query_one("#import-status", Static).update, f"正在{doing} {what}……")
        bar = self.query_one("#import-progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=None, progress=0)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            with worker_store(self.register_app, self.query_one("#import-status", Static).update) as store:
                outcomes = import_files(
                    store, files, dry_run=dry_run, errors_for=None if dry_run else default_errors_path,
                    progress=progress, today=self.today,
                )  # fmt: skip
        except StorageError as exc:
            self.app.call_from_thread(self._storage_failed, exc)
            return None
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            # A dry run keeps nothing; an import keeps the files finished before (each its own batch).
            kept = "，没有写入任何数据" if dry_run else "；已导入的文件见批次历史"
            message = f"{doing}中断：{exc}{kept}"
            self.app.call_from_thread(self.query_one("#import-status", Static).update, message)
            self.app.call_from_thread(self.notify, message, severity="error")
            self.app.call_from_thread(self.show_batches)
            return None
        finally:
            self.app.call_from_thread(self._set_importing, False)
        self.app.call_from_thread(self.show_outcomes, outcomes, dry_run)
        failure = next((outcome.failure for outcome in outcomes if outcome.failure), None)
        if failure is not None:  # the files before it are in; the line says why the rest are not
            self.app.call_from_thread(self._storage_failed, failure)
        return outcomes

    def _storage_failed(self, failure: StorageError) -> None:
        """The register could not be written: its one line stays in the status and is notified."""
        self.query_one("#import-status", Static).update(str(failure))
        notify_failure(self, failure)

    def _set_importing(self, importing: bool) -> None:
        self.importing = importing
        self.query_one("#import-progress").display = importing
        self.refresh_bindings()

    def show_outcomes(self, outcomes: list[Outcome], dry_run: bool) -> None:
        """The summary of every file, then each problem row with its file."""
        self.shown_results = True
        results = [o.result for o in outcomes if o.result is not None]
        rejected = sum(len(r.rejected_rows) for r in results)
        what = "试导入（未写入）" if dry_run else "已导入"
        if len(outcomes) == 1 and results:
            result = results[0]
            what = what if dry_run else f"已导入（批次 {result.batch}）"
            text = (f"{result.file} · {result.kind_label or result.kind} · {what}：读取 {result.rows:,} 行，"
                    f"新增 {result.inserted:,}，更新 {result.updated:,}，未变 {result.unchanged:,}，"
                    f"跳过 {result.skipped:,}，有问题 {rejected:,} 行")  # fmt: skip
        else:
            text = (f"{what}{len(outcomes)} 个文件：新增 {sum(r.inserted for r in results):,}，"
                    f"更新 {sum(r.updated for r in results):,}，有问题 {rejected:,} 行")  # fmt: skip
        unread = [o.problem for o in outcomes if o.result is None]
        if unread:
            text += "\n" + "\n".join(unread)
        written = [str(r.errors_path) for r in results if r.errors_path]
        if written:
            text += "\n错误清单：" + "、".join(written)
        problems = [
            {"file": Path(r.file).name, "row": p.row, "column": p.column, "value": p.value, "message": p.message}
            for r in results for p in r.rejected
        ]  # fmt: skip
        self.query_one("#import-status", Static).update(text + shown_note(len(problems)))
        columns = [(column.key, column.header) for column in SUMMARY_COLUMNS]
        fill_table(self.query_one("#import-summary", DataTable), columns, summary_rows(outcomes))
        fill_table(self.query_one("#import-errors", DataTable), _PROBLEM_COLUMNS, problems[:TABLE_ROWS_MAX])
        self.query_one(TabbedContent).active = "tab-result"
        severity = "warning" if rejected or unread else "information"
        self.notify(f"{what}：{sum(r.rows for r in results):,} 行，有问题 {rejected:,} 行", severity=severity)
        if not dry_run:
            self.action_rescan()  # error workbooks appeared beside the files
        self.show_batches()

    # -- batches ------------------------------------------------------------------------------------
    def show_batches(self) -> None:
        self.batches = [
            {**b, "kind": KIND_LABELS.get(b["kind"], b["kind"]), "summary": describe_counts(b["counts"])}
            for b in batch_history(self.store)
        ]
        fill_table(self.query_one("#import-batches", DataTable), _BATCH_COLUMNS, self.batches)
        self.refresh_bindings()

    @work
    async def action_undo(self) -> None:
        from ...store.undo import UndoError, later_conflicts, undo_batch

        table = self.query_one("#import-batches", DataTable)
        if not self.batches:
            return
        batch = self.batches[min(table.cursor_row, len(self.batches) - 1)]
        conflicts = later_conflicts(self.store, batch["id"])
        detail = f"{batch['source'] or batch['kind']}：{batch['summary']}"
        if conflicts:
            detail += f"\n注意：之后的批次 {'、'.join(map(str, conflicts))} 修改了同样的记录，撤销会覆盖它们的改动。"
        if not await self.app.push_screen_wait(
            ConfirmScreen(f"撤销批次 {batch['id']}？", detail, yes="撤销")
        ):
            return
        try:
            with self.register_app.write_guard.try_hold():
                undo_id = undo_batch(self.store, batch["id"], force=bool(conflicts))
        except StorageError as exc:
            notify_failure(self, exc)
            return
        except (UndoError, Busy) as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"批次 {batch['id']} 已撤销（撤销批次 {undo_id}）")
        self.show_batches()
