"""督办 (F8) and the notice round started from 合规检查 (N), as the clerk uses them."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TabbedContent

from lawtrain.due import due_calendar
from lawtrain.forecast import forecast
from lawtrain.tui.screens.autumn import AutumnScreen
from lawtrain.tui.screens.checks import ChecksScreen
from lawtrain.tui.screens.due_list import DueListScreen
from lawtrain.tui.screens.forms.confirm import ConfirmScreen
from lawtrain.tui.screens.officer_file import OfficerFileScreen

from .conftest import SAMPLE_TODAY
from .tui_support import SIZE, make_app, settle


def cells(table: DataTable, row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def test_forecast_by_unit_and_the_officers_file(sample_store, tmp_path):
    expected = forecast(sample_store, 2025, SAMPLE_TODAY)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AutumnScreen)
        summary = str(screen.query_one("#forecast-summary", Static).render())
        assert f"已达标 {expected.summary['met']} 人" in summary and "有风险" in summary
        units = screen.query_one("#forecast-units", DataTable)
        assert units.row_count == len(expected.units) + 1
        assert cells(units, units.row_count - 1)[0] == "合计"
        officers = screen.query_one("#forecast-officers", DataTable)
        first_unit = expected.units[0]["unit"]
        assert officers.row_count == sum(1 for r in expected.officers if r["unit"] == first_unit)
        assert "60.0" not in cells(officers, 0) and cells(officers, 0)[-1] in (
            "无学时记录",
            "有风险",
            "已达标",
        )

        units.focus()
        await pilot.press("down")
        await pilot.pause()
        second_unit = expected.units[1]["unit"]
        assert {cells(officers, i)[2] for i in range(officers.row_count)} == {second_unit}
        officers.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)
        await pilot.press("escape")
        await pilot.pause()
        units.focus()
        await pilot.press("o")
        await settle(pilot)
    assert (tmp_path / "exports" / "学时预测_2025_2025-12-31.xlsx").exists()


async def test_calendar_counts_open_their_lists(sample_store, tmp_path):
    calendar = due_calendar(sample_store, SAMPLE_TODAY)
    december = calendar.months[0]
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-due"
        await pilot.pause()
        months = app.screen.query_one("#due-months", DataTable)
        assert months.row_count == 12
        assert cells(months, 0) == ["2025-12", *(str(len(december.items[k])) for k in december.items)]
        months.focus()
        months.move_cursor(row=0, column=2)  # 证件应年审
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DueListScreen)
        listed = app.screen.query_one("#due-list", DataTable)
        assert listed.row_count == len(december.items["review_due"]) > 0
        assert "证件应年审" in str(app.screen.query_one("#due-list-title", Static).render())
        await pilot.press("enter")  # an officer's row opens the officer's file
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)


async def test_notice_round_from_the_checks_screen(sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ChecksScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # refused: nothing written
        await settle(pilot)
        assert sample_store.count("notices") == 0 and not (tmp_path / "exports").exists()
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        folder = tmp_path / "exports" / "整改通知_2025_2025-12-31"
        recorded = sample_store.count("notices")
        assert recorded and len(list(folder.glob("*.xlsx"))) == recorded + 1
        assert any(str(folder) in str(n.message) for n in app._notifications)

        await pilot.press("f8")
        await settle(pilot)
        app.screen.query_one(TabbedContent).active = "tab-rounds"
        await pilot.pause()
        rounds = app.screen.query_one("#rounds-table", DataTable)
        assert rounds.row_count == 1 and cells(rounds, 0)[2:4] == ["2025", "2025-12-31"]
        assert app.screen.query_one("#rounds-units", DataTable).row_count == recorded
