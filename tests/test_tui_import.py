"""The first run on an empty register, and the import screen: preview, dry run with its errors,
the import with its result, the batch history and undo."""

from __future__ import annotations

import shutil

from textual.widgets import DataTable, OptionList, Static

from lawtrain.tui.screens.importing import ImportScreen
from lawtrain.tui.screens.officers import OfficersScreen
from lawtrain.tui.screens.welcome import DEMO_OFFICERS, WelcomeScreen

from .conftest import SAMPLE_FILES
from .tui_support import SIZE, make_app, settle

ROSTER = SAMPLE_FILES[0]


def status(app) -> str:
    return str(app.screen.query_one("#import-status", Static).render())


def choose(app, name: str) -> None:
    files = app.screen.query_one("#import-files", OptionList)
    files.highlighted = [p.name for p in app.screen.files].index(name)


async def test_an_empty_register_opens_on_the_first_run_screen_and_loads_the_demo(store, tmp_path):
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, OfficersScreen)
        assert f"共 {DEMO_OFFICERS:,} 人" in str(app.screen.query_one("#officer-summary", Static).render())


async def test_import_the_roster_dry_run_then_for_real_then_undo(store, tmp_path, data_dir, expected):
    make_app(store, tmp_path)  # creates imports/
    for name in SAMPLE_FILES:
        shutil.copy(data_dir / name, tmp_path / "imports" / name)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")  # the first-run screen's "import"
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        choose(app, ROSTER)
        await settle(pilot)
        assert "类型：" in status(app) and ROSTER in status(app)
        mapping = app.screen.query_one("#import-mapping", DataTable)
        headers = [str(mapping.get_row_at(i)[0]) for i in range(mapping.row_count)]
        assert "身份证号码" in "".join(headers) or "身份证号" in "".join(headers)

        await pilot.press("d")
        await settle(pilot)
        errors = app.screen.query_one("#import-errors", DataTable)
        rejected = sorted({int(str(errors.get_row_at(i)[0])) for i in range(errors.row_count)})
        assert rejected == expected["rejected_rows"][ROSTER]
        assert "试导入（未写入）" in status(app)
        assert store.count("officers") == 0

        await pilot.press("i")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert store.count("officers") == expected["officer_count"]
        assert "错误清单：" in status(app)
        assert (tmp_path / "imports" / f"{ROSTER}.errors.xlsx").exists()

        app.screen.query_one("#import-tabs").active = "tab-batches"
        await pilot.pause()
        batches = app.screen.query_one("#import-batches", DataTable)
        assert ROSTER in str(batches.get_row_at(0)[3])
        batches.focus()
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert store.count("officers") == 0
        assert "撤销了批次" in str(batches.get_row_at(0)[6])


async def test_an_unreadable_file_is_said_so_not_raised(store, tmp_path):
    make_app(store, tmp_path)
    (tmp_path / "imports" / "坏文件.xlsx").write_bytes(b"not a workbook")
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        choose(app, "坏文件.xlsx")
        await settle(pilot)
        assert "无法读取" in status(app)
        assert app.screen.check_action("dry_run", ()) is False
