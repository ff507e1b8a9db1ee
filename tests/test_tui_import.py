"""The first run on an empty register, and the import screen: preview, dry run with its errors,
the import with its result, the batch history and undo."""

from __future__ import annotations

import shutil

from textual.widgets import DataTable, OptionList, Static

from lawtrain.tui.screens.importing import ImportScreen
from lawtrain.tui.screens.officers import OfficersScreen
from lawtrain.tui.screens.welcome import DEMO_OFFICERS, WelcomeScreen

from .conftest import SAMPLE_FILES
from .tui_support import SIZE, make_app, settle, until

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
        rejected = sorted({int(str(errors.get_row_at(i)[1])) for i in range(errors.row_count)})
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


def county_imports(tmp_path, data_dir) -> None:
    """imports/ as the clerk fills it: the sample files beside the blank templates."""
    from lawtrain.importing.templates import write_templates

    write_templates(tmp_path / "imports")
    for name in SAMPLE_FILES:
        shutil.copy(data_dir / name, tmp_path / "imports" / name)


async def test_the_files_are_listed_in_import_order_with_their_kind_and_no_template(
    store, tmp_path, data_dir
):
    county_imports(tmp_path, data_dir)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert [p.name for p in app.screen.files] == [
            "青山县行政执法人员花名册.xlsx", "2025年执法资格考试成绩.xls", "2025年度考核结果.xlsx",
            "2025年网络培训学时导出.xlsx", "线下培训登记表.xlsx", "法律顾问名册.csv",
        ]  # fmt: skip
        files = app.screen.query_one("#import-files", OptionList)
        prompts = [str(files.get_option_at_index(i).prompt) for i in range(files.option_count)]
        assert prompts[0].splitlines() == [
            "青山县行政执法人员花名册.xlsx",
            "  第 1 个 · 执法人员花名册",
        ]
        assert "第 4 个 · 培训学时" in prompts[3]
        assert not any("模板" in prompt for prompt in prompts)
        assert "另有 5 个空白表格（模板）未列出" in str(
            app.screen.query_one("#import-files-note", Static).render()
        )


async def test_import_all_dry_run_one_summary_one_confirmation_then_every_file(
    store, tmp_path, data_dir, expected
):
    from lawtrain.tui.screens.forms.import_plan import ImportPlanScreen

    county_imports(tmp_path, data_dir)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "全部导入" in commands  # the same action from the command palette

        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ImportPlanScreen), "the summary of the dry run")
        plan = app.screen
        table = plan.query_one("#plan-table", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[0] for row in rows] == [p.name for p in app.screen_stack[-2].files] + ["合计 6 个文件"]
        rejected = {row[0]: int(row[6]) for row in rows[:-1]}
        assert rejected == {name: len(rows_) for name, rows_ in expected["rejected_rows"].items()}
        training = next(row for row in rows if row[0] == "线下培训登记表.xlsx")
        assert int(training[3].replace(",", "")) > 800  # judged as if the roster were in
        assert store.count("officers") == store.count("batches") == 0

        await pilot.press("y")
        await until(pilot, lambda: store.count("batches") == 6 and "已导入" in status(app), "the import")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        assert store.count("officers") == expected["officer_count"]
        assert store.count("batches") == 6
        assert store.count("advisers") > 0 and store.count("training") > 0
        assert (tmp_path / "imports" / f"{ROSTER}.errors.xlsx").exists()
        assert (tmp_path / "imports" / "2025年网络培训学时导出.xlsx.errors.xlsx").exists()
        assert "已导入6 个文件" in status(app) and "错误清单：" in status(app)
        summary = screen.query_one("#import-summary", DataTable)
        assert str(summary.get_row_at(0)[0]) == ROSTER and str(summary.get_row_at(6)[0]) == "合计 6 个文件"
        errors = screen.query_one("#import-errors", DataTable)
        files_with_errors = {str(errors.get_row_at(i)[0]) for i in range(errors.row_count)}
        assert files_with_errors == {ROSTER, "2025年网络培训学时导出.xlsx"}
        # The error workbooks now in the folder are listed last, and not part of the next "import all".
        assert [f.path.name for f in screen.query_one("#import-files").importable] == [
            p.name for p in screen.files[:6]
        ]
        assert screen.files[-1].name.endswith(".errors.xlsx")


async def test_import_all_cancelled_changes_nothing(store, tmp_path, data_dir):
    from lawtrain.tui.screens.forms.import_plan import ImportPlanScreen

    county_imports(tmp_path, data_dir)
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ImportPlanScreen), "the summary of the dry run")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert store.count("officers") == store.count("batches") == 0
        assert "试导入（未写入）" in status(app)
