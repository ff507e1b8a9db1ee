"""The App: it receives its Store (and "today", so tests fix the date) and moves between places."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..settings import Settings, SettingsError
from ..store import Store
from ..store.counties import sync_own_county
from .commands import PLACES
from .screens.advisers import AdvisersScreen
from .screens.autumn import AutumnScreen
from .screens.checks import ChecksScreen
from .screens.forms.jurisdiction import jurisdiction_form
from .screens.help import HelpScreen
from .screens.importing import ImportScreen
from .screens.officers import OfficersScreen
from .screens.review import ReviewScreen
from .screens.stats import StatsScreen
from .screens.welcome import WelcomeScreen
from .writing import WriteGuard


class LawtrainApp(App[None]):
    """行政执法人员管理: the officer register in the terminal."""

    TITLE = "行政执法人员管理"
    CSS_PATH = "lawtrain.tcss"
    MODES = {
        "officers": OfficersScreen,
        "importing": ImportScreen,
        "checks": ChecksScreen,
        "review": ReviewScreen,
        "advisers": AdvisersScreen,
        "stats": StatsScreen,
        "autumn": AutumnScreen,
        "welcome": WelcomeScreen,
    }
    BINDINGS = [
        *(Binding(p.key, f"app.place('{p.mode}')", p.title, id=f"place-{p.mode}") for p in PLACES),
        Binding("f1", "app.help", "帮助", id="help"),
        Binding("ctrl+q", "app.quit", "退出", id="quit", priority=True),
    ]

    def __init__(
        self,
        store: Store,
        today: date | None = None,
        imports_dir: Path = Path("imports"),
        exports_dir: Path = Path("exports"),
    ) -> None:
        super().__init__()
        self.store = store
        # The screen's own saves run on the UI thread: they never wait for another program (a second
        # at most), they are refused with the storage failure's line. Workers wait (writing.worker_store).
        # Nor may the store print (the command line's "waiting" line) on the terminal the app draws on.
        store.patience, store.waiting = 0.0, None
        self.today = today or date.today()
        self.imports_dir = imports_dir  # spreadsheets waiting to be imported
        self.exports_dir = exports_dir  # lists, statistics and error workbooks written by the app
        self.write_guard = WriteGuard()
        self._show_jurisdiction()

    def _show_jurisdiction(self) -> None:
        bureau = self.store.settings.jurisdiction.bureau
        self.sub_title = f"{bureau} · {self.today.isoformat()}" if bureau else self.today.isoformat()

    def on_mount(self) -> None:
        self.switch_mode("officers" if self.store.count("officers") else "welcome")
        if not self.store.settings.jurisdiction.name:
            self.call_after_refresh(self.action_jurisdiction)  # over the first screen, once it is shown

    def action_jurisdiction(self) -> None:
        """The form for the jurisdiction's names; the settings it writes apply at once."""

        def done(settings: Settings | None) -> None:
            if settings is None:
                if not self.store.settings.jurisdiction.name:
                    self.notify("尚未设置辖区：导出的标题不含地名。可在命令面板 (Ctrl+P) 中选择“设置辖区”。")
                return
            self.store.settings = settings
            try:
                sync_own_county(self.store.db, settings)  # the own jurisdiction's units take the name
            except SettingsError as exc:
                self.notify(str(exc), severity="error")
            self._show_jurisdiction()
            self.notify(f"已设置辖区：{settings.jurisdiction.name}（写入 {self.store.settings_path}）")

        self.push_screen(jurisdiction_form(self.store), done)

    def action_place(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every place and every action the current screen offers, in the command palette."""
        for place in PLACES:
            yield SystemCommand(
                f"转到{place.title} ({place.key.upper()})", place.help, partial(self.action_place, place.mode)
            )
        yield SystemCommand("帮助 (F1)", "使用说明", self.action_help)
        yield SystemCommand(
            "设置辖区", "县（市、区）名称、司法局、发证机关，印在导出的标题上", self.action_jurisdiction
        )
        seen = {f"app.place('{p.mode}')" for p in PLACES} | {"app.help", "app.quit", "app.command_palette"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.action in seen or not binding.description or not active.enabled:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"当前画面的操作 (按键 {binding.key_display or binding.key})",
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand("退出 (Ctrl+Q)", "退出程序", self.exit)


def run_app(store: Store) -> None:
    LawtrainApp(store).run()
