"""What the terminal-application tests share: the App built as `lawtrain` builds it, with a fixed
"today" and the imports/exports folders in the test's temporary directory."""

from __future__ import annotations

from pathlib import Path

from lawtrain.store import Store
from lawtrain.tui.app import LawtrainApp
from lawtrain.tui.widgets.officer_table import OfficerTable

from .conftest import SAMPLE_TODAY

SIZE = (160, 45)


def make_app(store: Store, tmp_path: Path) -> LawtrainApp:
    (tmp_path / "imports").mkdir(exist_ok=True)
    return LawtrainApp(
        store, today=SAMPLE_TODAY, imports_dir=tmp_path / "imports", exports_dir=tmp_path / "exports"
    )


def visible_rows(app: LawtrainApp) -> list[str]:
    """The officer list's lines as the clerk sees them (header first), trailing blanks dropped."""
    table = app.screen.query_one(OfficerTable)
    return [line.rstrip() for line in table.visible_text() if line.strip()]


async def settle(pilot) -> None:
    """Let the workers finish and the screen catch up (never a sleep)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, condition, what: str) -> None:
    """Let the app run until `condition()` holds: background workers finish and messages are handled
    (never a sleep). Actions waiting on a dialog (workers of the default group) are not waited for."""
    for _ in range(100):
        if condition():
            return
        busy = [w for w in pilot.app.workers if w.group != "default" and not w.is_finished]
        if busy:
            await pilot.app.workers.wait_for_complete(busy)
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")
