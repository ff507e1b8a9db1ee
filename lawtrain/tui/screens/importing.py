"""导入: pick a file from imports/ or type a path; preview (kind, header mapping, first rows); a dry run
with every row error; the import itself with progress; its result and error workbook; the batch
history with undo. Everything is `lawtrain.importing`'s and `lawtrain.store.undo`'s work."""

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

from ...importing import ImportResult, Preview, UnreadableFile, default_errors_path, import_file, preview
from ...reading.kinds import FIELD_LABELS
from ...store import StorageError
from ...store.batches import KIND_LABELS, batch_history, describe_counts
from ..data.officer_file import FIELD_LABELS as RECORD_FIELD_LABELS
from ..writing import Busy, notify_failure, worker_store
from .base import RegisterScreen
from .forms.confirm import ConfirmScreen

SPREADSHEETS = (".xlsx", ".xls", ".xlsm", ".ods", ".csv")
# The register's field names as the clerk reads them, for the header mapping.
MAPPED_LABELS = {
    **RECORD_FIELD_LABELS,
    "cert_kind": "证件种类", "cert_expires": "有效期至", "cert_authority": "发证机关", "cert_status": "证件状态",
    "licence": "执业证号", "firm": "执业机构", "evaluation": "年度评价", "training_mode": "培训方式",
    "category": "课程类别", "mode": "培训方式",
    **FIELD_LABELS,
}  # fmt: skip


class ImportScreen(RegisterScreen):
    BINDINGS = [
        Binding("d", "dry_run", "试导入", id="import-dry-run"),
        Binding("i", "import_file", "正式导入", id="import-run"),
        Binding("u", "undo", "撤销批次", id="import-undo"),
        Binding("ctrl+r", "rescan", "刷新文件列表", id="import-rescan", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.path: Path | None = None
        self.preview: Preview | None = None
        self.batches: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="import-side", classes="side"):
                yield Label(f"{self.register_app.imports_dir.name}/ 中的表格")
                yield OptionList(id="import-files")
                yield Label("或输入文件路径（回车预览）")
                yield Input(placeholder="表格文件的路径", id="import-path")
            with Vertical(id="import-main"):
                yield Static("选择一个文件查看预览", id="import-status", classes="summary")
                yield ProgressBar(total=100, show_eta=False, id="import-progress")
                with TabbedContent(id="import-tabs"):
                    with TabPane("预览", id="tab-preview"):
                        yield DataTable(id="import-mapping", cursor_type="row")
                        yield DataTable(id="import-rows", cursor_type="row")
                    with TabPane("检查结果", id="tab-result"):
                        yield DataTable(id="import-errors", cursor_type="row", zebra_stripes=True)
                    with TabPane("批次历史", id="tab-batches"):
                        yield DataTable(id="import-batches", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-progress").display = False
        self.query_one("#import-errors", DataTable).add_columns("行号", "列", "单元格内容", "问题")
        self.action_rescan()

    def on_screen_resume(self) -> None:
        # On first display and on every return (a review or an edit adds batches).
        self.show_batches()

    def action_rescan(self) -> None:
        folder = self.register_app.imports_dir
        files = (
            sorted(p for p in folder.glob("*") if p.suffix.lower() in SPREADSHEETS) if folder.is_dir() else []
        )
        options = self.query_one("#import-files", OptionList)
        options.clear_options()
        options.add_options([p.name for p in files])
        self.files = files

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
        mapping = self.query_one("#import-mapping", DataTable)
        mapping.clear(columns=True)
        mapping.add_columns("表格中的列", "对应字段")
        for header, field in found.mapping.items():
            mapping.add_row(header, MAPPED_LABELS.get(field, field) if field else "（忽略）")
        rows = self.query_one("#import-rows", DataTable)
        rows.clear(columns=True)
        rows.add_columns("行号", *found.mapping.keys())
        for number, cells in found.rows:
            rows.add_row(str(number), *("" if c is None else str(c) for c in cells[: len(found.mapping)]))
        self.query_one(TabbedContent).active = "tab-preview"
        self.refresh_bindings()

    # -- dry run and import -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("dry_run", "import_file"):
            return self.preview is not None
        if action == "undo":
            return bool(self.batches) and self.query_one(TabbedContent).active == "tab-batches"
        return True

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.refresh_bindings()

    def action_dry_run(self) -> None:
        if self.path is not None:
            self._run(self.path, dry_run=True)

    @work
    async def action_import_file(self) -> None:
        if self.path is None or self.preview is None:
            return
        question = f"导入 {self.path.name}（{self.preview.kind_label}）？"
        detail = "有问题的行不导入，另存为错误清单；导入后可在批次历史中撤销。"
        if await self.app.push_screen_wait(ConfirmScreen(question, detail, yes="导入")):
            self._run(self.path, dry_run=False)

    @work(thread=True, exclusive=True, group="import")
    def _run(self, path: Path, dry_run: bool) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        self.app.call_from_thread(setattr, bar, "display", True)
        self.app.call_from_thread(bar.update, total=None, progress=0)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        errors_out = None if dry_run else default_errors_path(path)
        try:
            with worker_store(self.register_app, self.query_one("#import-status", Static).update) as store:
                result = import_file(
                    store,
                    path,
                    dry_run=dry_run,
                    errors_out=errors_out,
                    progress=progress,
                    today=self.today,
                )
        except UnreadableFile as exc:
            self.app.call_from_thread(self.notify, f"无法读取 {path.name}：{exc}", severity="error")
            return
        except StorageError as exc:
            self.app.call_from_thread(self._storage_failed, exc)
            return
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            self.app.call_from_thread(self.notify, f"导入失败，没有写入任何数据：{exc}", severity="error")
            return
        finally:
            self.app.call_from_thread(setattr, bar, "display", False)
        self.app.call_from_thread(self.show_result, result)

    def _storage_failed(self, failure: StorageError) -> None:
        """The register could not be written: its one line stays in the status and is notified."""
        self.query_one("#import-status", Static).update(str(failure))
        notify_failure(self, failure)

    def show_result(self, result: ImportResult) -> None:
        what = "试导入（未写入）" if result.dry_run else f"已导入（批次 {result.batch}）"
        rejected = len(result.rejected_rows)
        text = (f"{result.file} · {result.kind_label or result.kind} · {what}：读取 {result.rows:,} 行，"
                f"新增 {result.inserted:,}，更新 {result.updated:,}，未变 {result.unchanged:,}，"
                f"跳过 {result.skipped:,}，有问题 {rejected:,} 行")  # fmt: skip
        if result.errors_path:
            text += f"\n错误清单：{result.errors_path}"
        self.query_one("#import-status", Static).update(text)
        errors = self.query_one("#import-errors", DataTable)
        errors.clear()
        for r in result.rejected:
            errors.add_row(str(r.row), r.column, r.value, r.message)
        self.query_one(TabbedContent).active = "tab-result"
        severity = "warning" if rejected else "information"
        self.notify(f"{what}：{result.rows:,} 行，有问题 {rejected:,} 行", severity=severity)
        self.show_batches()

    # -- batches ------------------------------------------------------------------------------------
    def show_batches(self) -> None:
        self.batches = [
            {**b, "kind": KIND_LABELS.get(b["kind"], b["kind"]), "summary": describe_counts(b["counts"])}
            for b in batch_history(self.store)
        ]
        table = self.query_one("#import-batches", DataTable)
        table.clear(columns=True)
        table.add_columns("批次", "时间", "类型", "来源", "操作人", "内容", "状态")
        for b in self.batches:
            table.add_row(str(b["id"]), b["started_at"], b["kind"], b["source"] or "", b["operator"], b["summary"],
                          b["state"])  # fmt: skip
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
