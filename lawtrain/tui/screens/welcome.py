"""The first screen on an empty register: import the spreadsheets in imports/, or load the demo."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from ...demo import DemoError, generate
from ...importing.several import Found, spreadsheets_in, survey
from ...store import StorageError
from ..writing import notify_failure, worker_store
from .base import RegisterScreen

DEMO_OFFICERS = 2000
_IMPORT = "  · 导入各单位报来的表格（花名册、培训学时、考试成绩、考核结果、法律顾问名册）。\n    "


def folder_text(folder: Path, found: list[Found]) -> str:
    """What imports/ holds, as the clerk needs to know it: how many files of which kind would be
    imported (blank templates are not offered), one short line each."""
    importable = [f for f in found if f.importable]
    if not importable:
        return f"文件夹 {folder.name}/ 中还没有填好的表格（空白模板不算）。"
    kinds = "、".join(
        f"{label} {count}" for label, count in Counter(f.kind_label for f in importable).items()
    )
    return (
        f"文件夹 {folder.name}/ 中有 {len(importable)} 个表格可以导入：\n    {kinds}。\n"
        "    在导入画面按 A，即按先花名册、后考试考核学时的顺序全部导入。"
    )


class WelcomeScreen(RegisterScreen):
    BINDINGS = [
        Binding("i", "import_files", "导入表格", id="welcome-import"),
        Binding("d", "demo", "载入演示数据", id="welcome-demo"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome", classes="dialog"):
            yield Static("欢迎使用行政执法人员管理", classes="dialog-title")
            yield Static("登记簿还是空的。可以：", classes="dialog-detail")
            yield Static(
                f"{_IMPORT}正在查看文件夹 {self.register_app.imports_dir.name}/ ……",
                id="welcome-folder",
                classes="dialog-detail",
            )
            yield Static(
                f"  · 或者先载入一个虚构县的演示数据（{DEMO_OFFICERS:,} 名执法人员），熟悉各项功能。",
                classes="dialog-detail",
            )
            yield ProgressBar(total=DEMO_OFFICERS, show_eta=False, id="welcome-progress")
            with Horizontal(classes="dialog-buttons"):
                yield Button("导入表格 (I)", variant="primary", id="welcome-import")
                yield Button("载入演示数据 (D)", id="welcome-demo")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#welcome-progress").display = False
        self._look_at_folder(self.register_app.imports_dir)

    @work(thread=True, exclusive=True, group="welcome-folder")
    def _look_at_folder(self, folder: Path) -> None:
        try:
            found = survey(spreadsheets_in(folder), settings=self.store.settings) if folder.is_dir() else []
        except OSError:  # a folder that cannot be read holds nothing to offer
            found = []
        if not get_current_worker().is_cancelled:
            text = _IMPORT + folder_text(folder, found)
            self.app.call_from_thread(self.query_one("#welcome-folder", Static).update, text)

    @on(Button.Pressed, "#welcome-import")
    def action_import_files(self) -> None:
        self.app.switch_mode("importing")

    @on(Button.Pressed, "#welcome-demo")
    def action_demo(self) -> None:
        self.query_one("#welcome-progress").display = True
        self._load_demo()

    @work(thread=True, exclusive=True, group="demo")
    def _load_demo(self) -> None:
        bar = self.query_one("#welcome-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            with worker_store(self.register_app) as store:
                summary = generate(
                    store,
                    officers=DEMO_OFFICERS,
                    year=self.today.year,
                    today=self.today,
                    progress=progress,
                )
        except StorageError as exc:
            self.app.call_from_thread(notify_failure, self, exc)
            return
        except DemoError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback; nothing was written)
            self.app.call_from_thread(
                self.notify, f"演示数据载入失败，没有写入任何数据：{exc}", severity="error"
            )
            return
        parts = "，".join(f"{label} {count:,}" for label, count in summary.items())
        self.app.call_from_thread(self.notify, f"演示数据已载入：{parts}")
        self.app.call_from_thread(self.app.switch_mode, "officers")
