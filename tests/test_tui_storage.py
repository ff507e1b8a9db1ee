"""The app when another program writes the register: an import waits for it in its worker (told once,
the screen still answering) and runs when it is free, or gives up with the storage failure's line; a
form saved meanwhile is refused with that line and stays open to save again."""

from __future__ import annotations

import shutil
import time

from textual.widgets import Static

from lawtrain.settings import Storage
from lawtrain.store import Store
from lawtrain.tui.screens.checks import ChecksScreen
from lawtrain.tui.screens.forms.model_form import ModelForm
from lawtrain.tui.screens.importing import ImportScreen
from lawtrain.tui.screens.officer_file import OfficerFileScreen

from .conftest import COUNTY, DATA
from .storage_support import ROSTER, write_lock_held
from .test_tui_file_actions import a_holder, open_file
from .test_tui_import import choose
from .tui_support import SIZE, make_app, settle

WAITING = "另一项导入正在写入登记簿，等待中…"


def told(app) -> list[tuple[str, str]]:
    """The notifications shown so far: (message, severity)."""
    return [(n.message, n.severity) for n in app._notifications]


async def until(pilot, condition, seconds: float = 20) -> None:
    """Let the app run until `condition()` holds (a worker in another thread gets there in its time)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.05)


def busy_line(db, seconds: int) -> str:
    return (f"无法写入登记簿 {db}：另一个程序正在写入它（已等待 {seconds} 秒）。"
            "请等它完成，或关闭正在使用登记簿的程序后重试；登记簿没有任何改动。")  # fmt: skip


async def start_import(app, pilot) -> None:
    await settle(pilot)
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, ImportScreen)
    choose(app, ROSTER)
    await settle(pilot)
    await pilot.press("i")
    await pilot.pause()
    await pilot.press("y")


def an_app(tmp_path, busy_wait: float):
    store = Store(
        tmp_path / "register.db",
        settings=COUNTY.model_copy(update={"storage": Storage(busy_wait_seconds=busy_wait)}),
        operator="测试员",
    )
    app = make_app(store, tmp_path)
    shutil.copy(DATA / ROSTER, tmp_path / "imports" / ROSTER)
    return store, app


async def test_an_import_waits_for_another_program_without_freezing_then_runs(tmp_path, expected):
    store, app = an_app(tmp_path, busy_wait=60)
    with store, write_lock_held(store.path) as release:
        async with app.run_test(size=SIZE) as pilot:
            await start_import(app, pilot)
            status = app.screen.query_one("#import-status", Static)
            await until(pilot, lambda: (WAITING, "warning") in told(app) and str(status.render()) == WAITING)
            await pilot.press("f4")  # the screen answers while the worker waits
            await pilot.pause()
            assert isinstance(app.screen, ChecksScreen)
            assert store.count("officers") == 0
            release.set()
            await pilot.press("f3")
            await settle(pilot)
            assert told(app).count((WAITING, "warning")) == 1
            assert "已导入（批次 1）" in str(app.screen.query_one("#import-status", Static).render())
        assert store.count("officers") == expected["officer_count"]


async def test_an_import_that_waits_in_vain_tells_why_and_the_app_goes_on(tmp_path):
    store, app = an_app(tmp_path, busy_wait=1)
    with store:
        async with app.run_test(size=SIZE) as pilot:
            with write_lock_held(store.path):
                await start_import(app, pilot)
                await settle(pilot)
            failure = busy_line(store.path, 1)
            assert (failure, "error") in told(app)
            assert str(app.screen.query_one("#import-status", Static).render()) == failure
            assert store.count("batches") == 0
            await pilot.press("i")  # once the other program is done, the same import runs
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
            assert "已导入（批次 1）" in str(app.screen.query_one("#import-status", Static).render())


async def test_a_form_saved_while_another_program_writes_is_refused_and_stays_open(sample_store, tmp_path):
    id_number, _ = a_holder(sample_store)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_file(app, pilot, id_number)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-phone").value = "13900003333"
        with write_lock_held(sample_store.path):
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert (busy_line(sample_store.path, 1), "error") in told(app)
        assert isinstance(app.screen, ModelForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)
    phone = sample_store.db.execute("SELECT phone FROM officers WHERE id_number = ?", [id_number]).fetchone()
    assert phone == ("13900003333",)
