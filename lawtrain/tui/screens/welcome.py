"""The first screen on an empty register: import the spreadsheets in imports/, or load the demo."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Button, Footer, Header, ProgressBar, Static

from ...demo import DemoError, generate
from ...store import StorageError
from ..writing import notify_failure, worker_store
from .base import RegisterScreen

DEMO_OFFICERS = 2000


class WelcomeScreen(RegisterScreen):
    BINDINGS = [
        Binding("i", "import_files", "导入表格", id="welcome-import"),
        Binding("d", "demo", "载入演示数据", id="welcome-demo"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        folder = self.register_app.imports_dir
        files = sorted(
            p.name for p in folder.glob("*") if p.suffix.lower() in (".xlsx", ".xls", ".csv", ".ods")
        )
        found = "、".join(files) if files else "（文件夹中还没有表格）"
        with Center(), Vertical(id="welcome", classes="dialog"):
            yield Static("欢迎使用行政执法人员管理", classes="dialog-title")
            yield Static(
                f"登记簿还是空的。可以：\n\n"
                f"  · 导入各单位报来的表格（花名册、培训学时、考试成绩、考核结果、法律顾问名册）。\n"
                f"    文件夹 {folder.name}/ 中有：{found}\n\n"
                f"  · 或者先载入一个虚构县的演示数据（{DEMO_OFFICERS:,} 名执法人员），熟悉各项功能。",
                id="welcome-text",
            )
            yield Button("导入表格 (I)", variant="primary", id="welcome-import")
            yield Button("载入演示数据 (D)", id="welcome-demo")
            yield ProgressBar(total=DEMO_OFFICERS, show_eta=False, id="welcome-progress")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#welcome-progress").display = False

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
