"""The officer file's forms and certificate actions, the command palette, help and quitting."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import DataTable, Static

from lawtrain.checks import CATALOGUE
from lawtrain.tui.screens.help import HelpScreen
from lawtrain.tui.screens.officer_file import OfficerFileScreen
from lawtrain.tui.screens.review import ReviewScreen

from .tui_support import SIZE, make_app, settle


async def open_file(app, pilot, id_number: str) -> OfficerFileScreen:
    await settle(pilot)
    await pilot.press("slash", *id_number, "enter", "enter")
    await settle(pilot)
    assert isinstance(app.screen, OfficerFileScreen)
    return app.screen


def a_holder(store) -> tuple[str, str]:
    """An officer in post with a valid certificate: (ID number, certificate number)."""
    return store.db.execute(
        "SELECT o.id_number, c.number FROM officers o JOIN certificates c ON c.officer_id = o.id "
        "WHERE o.status = '在岗' AND c.status = '有效' AND c.expires > '2026-12-31' ORDER BY o.id LIMIT 1"
    ).fetchone()


async def test_edit_the_profile_with_validation_and_see_it_in_the_history(sample_store, tmp_path):
    id_number, _ = a_holder(sample_store)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_file(app, pilot, id_number)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-head_term_start").value = "2023-13-45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#error-head_term_start", Static).render())
        form.query_one("#field-head_term_start").value = ""
        form.query_one("#field-phone").value = "13900001111"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        profile = screen.query_one("#profile", DataTable)
        assert "13900001111" in [str(profile.get_row_at(i)[1]) for i in range(profile.row_count)]
        audit = screen.query_one("#audit", DataTable)
        assert "电话" in str(audit.get_row_at(0)[4]) and "13900001111" in str(audit.get_row_at(0)[4])
    phone = sample_store.db.execute("SELECT phone FROM officers WHERE id_number = ?", [id_number]).fetchone()[
        0
    ]
    assert phone == "13900001111"


async def test_add_a_training_record_by_hand(sample_store, tmp_path):
    id_number, _ = a_holder(sample_store)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_file(app, pilot, id_number)
        before = screen.query_one("#transcript", DataTable).row_count
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-course").value = "行政复议法专题"
        form.query_one("#field-hours").value = "30学时"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "30" in str(form.query_one("#error-hours", Static).render())  # above 24 per record
        form.query_one("#field-hours").value = "4学时"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        transcript = screen.query_one("#transcript", DataTable)
        assert transcript.row_count == before + 1
        courses = [str(transcript.get_row_at(i)[1]) for i in range(transcript.row_count)]
        assert "行政复议法专题" in courses


async def test_suspend_then_reinstate_a_certificate(sample_store, tmp_path):
    id_number, number = a_holder(sample_store)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_file(app, pilot, id_number)
        assert screen.check_action("cert", ("suspend",)) is False  # only on the certificates tab
        screen.query_one("#file-tabs").active = "tab-certs"
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no reason given: refused in the form
        await pilot.pause()
        assert str(app.screen.query_one("#form-error", Static).render())
        app.screen.query_one("#field-reason").value = "涉嫌违法执法停职调查"
        await pilot.press("ctrl+s")
        await settle(pilot)
        events = screen.query_one("#cert-events", DataTable)
        assert [str(v) for v in events.get_row_at(0)[2:5]] == ["有效", "暂扣", "涉嫌违法执法停职调查"]
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    status = sample_store.db.execute("SELECT status FROM certificates WHERE number = ?", [number]).fetchone()[
        0
    ]
    assert status == "有效"


async def test_command_palette_help_and_quit(sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"年审")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


def test_the_core_never_imports_textual():
    modules = "lawtrain.tui.data.officer_list, lawtrain.tui.data.officer_file, lawtrain.tui.data.advisers"
    code = f"import sys, {modules}, lawtrain.cli.main; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


async def test_the_palette_offers_every_place_and_the_screen_actions(sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
    for wanted in (
        "转到人员 (F2)",
        "转到导入 (F3)",
        "转到合规检查 (F4)",
        "转到年审 (F5)",
        "转到法律顾问 (F6)",
        "转到统计 (F7)",
    ):
        assert wanted in titles
    assert {"排序", "倒序", "新增人员", "批量登记课程", "打开档案"} <= set(titles)


def test_lawtrain_without_a_command_opens_the_app_on_that_register(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import lawtrain.tui.app
    from lawtrain.cli.main import cli

    opened = []
    monkeypatch.setattr(lawtrain.tui.app, "run_app", lambda store: opened.append(store.path))
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "register.db")])
    assert result.exit_code == 0, result.output
    assert opened == [tmp_path / "register.db"]


async def test_a_new_officer_through_the_form(sample_store, tmp_path):
    from lawtrain.idcard import check_char

    first17 = "41042319900307001"
    id_number = first17 + check_char(first17)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-id_number").value = first17 + (
            "1" if id_number[-1] != "1" else "2"
        )  # bad check digit
        form.query_one("#field-name").value = "张  三"
        form.query_one("#field-unit").value = "青山县司法局"
        form.query_one("#field-staffing").value = "行政编制"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert str(form.query_one("#error-id_number", Static).render())
        form.query_one("#field-id_number").value = id_number
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)
        assert f"张三  {id_number}  青山县司法局" in str(app.screen.query_one("#file-title", Static).render())
    assert (
        sample_store.db.execute("SELECT initials FROM officers WHERE id_number = ?", [id_number]).fetchone()[
            0
        ]
        == "zs"
    )


async def test_a_save_waits_for_a_running_import(sample_store, tmp_path):
    id_number, _ = a_holder(sample_store)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_file(app, pilot, id_number)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-phone").value = "13900002222"
        with app.write_guard.hold():  # as an import worker holds it
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "请等它完成后再保存" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)
    phone = sample_store.db.execute("SELECT phone FROM officers WHERE id_number = ?", [id_number]).fetchone()[
        0
    ]
    assert phone == "13900002222"


async def test_explain_from_the_officer_file(sample_store, tmp_path, expected):
    id_number = next(k for k, v in expected["training-hours"].items() if v > 0)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_file(app, pilot, id_number)
        await pilot.press("i")
        await settle(pilot)
        verdicts = app.screen.query_one("#explain-verdicts", DataTable)
        rows = [verdicts.get_row_at(i) for i in range(verdicts.row_count)]
        title = CATALOGUE["training-hours"].title
        assert any(str(row[0]) == title and str(row[1]) == "在清单" for row in rows)
        hours = str(app.screen.query_one("#explain-hours", Static).render())
        assert f"计入学时 {expected['training-hours'][id_number]:g}" in hours
