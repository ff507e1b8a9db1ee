"""Compliance checks, the annual review, advisers and statistics, as the clerk runs them."""

from __future__ import annotations

import re

from openpyxl import load_workbook
from textual.widgets import DataTable, OptionList, Static

from lawtrain.tui.screens.checks import ChecksScreen
from lawtrain.tui.screens.explain import ExplainScreen
from lawtrain.tui.screens.officer_file import OfficerFileScreen
from lawtrain.tui.screens.review import ReviewScreen

from .tui_support import SIZE, make_app, settle

ID_NUMBER = re.compile(r"(?<![0-9X])[0-9]{17}[0-9X](?![0-9X])")


async def test_checks_lists_show_whole_id_numbers_and_unit_names_the_first_time_they_are_drawn(
    sample_store, tmp_path
):
    from lawtrain.checks import OFFICER

    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#checks-findings", DataTable)
        first_row = table.render_line(1).text  # line 0 is the header
        assert ID_NUMBER.search(first_row), first_row
        # Each list drawn at once, before the table's next idle pass (when DataTable widens columns
        # on its own): what the clerk sees in the first frame after choosing a list.
        for result in screen.report.results:
            if result.check.subject != OFFICER or not result.findings:
                continue
            screen.show_findings(result.check.name)
            first = result.findings[0]
            drawn = table.render_line(1).text
            assert first["id_number"] in drawn, (result.check.name, drawn)
            assert first["unit"] in drawn, (result.check.name, drawn)


async def test_checks_list_counts_open_explain_and_export(sample_store, tmp_path, expected):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChecksScreen)
        lists = screen.query_one("#checks-lists", OptionList)
        labels = [str(lists.get_option_at_index(i).prompt) for i in range(lists.option_count)]
        for name in ("training-hours", "cert-expiring", "cert-expired", "left-post", "adviser-coverage"):
            title = screen.report.result(name).check.title
            assert f"{title}  {len(expected[name])}" in labels
        findings = screen.query_one("#checks-findings", DataTable)
        assert findings.row_count == len(expected["training-hours"])
        first_id = str(findings.get_row_at(0)[0])
        assert first_id in expected["training-hours"]

        findings.focus()
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExplainScreen)
        assert first_id in str(app.screen.query_one("#explain-title", Static).render())
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)
        await pilot.press("escape")

        await pilot.press("o")
        await settle(pilot)
    exported = list((tmp_path / "exports").glob("合规检查_2025_2025-12-31.xlsx"))
    assert exported
    workbook = load_workbook(exported[0], read_only=True)
    assert len(workbook.sheetnames) > 1


async def test_review_evaluate_filter_and_apply_after_confirmation(sample_store, tmp_path, expected):
    failing = {k for k, reasons in expected["review"].items() if reasons}
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.check_action("apply", ()) is False
        await pilot.press("g")
        await settle(pilot)
        text = str(app.screen.query_one("#review-summary", Static).render())
        assert f"应审 {len(expected['review'])}" in text and f"不通过 {len(failing)}" in text
        app.screen.query_one("#review-filter").value = "fail"
        await pilot.pause()
        table = app.screen.query_one("#review-table", DataTable)
        assert {str(table.get_row_at(i)[0]) for i in range(table.row_count)} == failing

        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n")  # the confirmation refused: nothing written
        await settle(pilot)
        assert sample_store.count("reviews") == 0
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    written = sample_store.db.execute("SELECT COUNT(*) FROM reviews WHERE year = 2025").fetchone()[0]
    assert written == len(expected["review"])
    still_valid = sample_store.db.execute(
        "SELECT COUNT(*) FROM certificates c JOIN officers o ON o.id = c.officer_id "
        "WHERE c.status = '有效' AND o.id_number IN (SELECT value FROM json_each(?))",
        [__import__("json").dumps(sorted(failing))],
    ).fetchone()[0]
    assert still_valid == 0


async def test_add_an_adviser_with_the_form_errors_first(sample_store, tmp_path, expected):
    unit = expected["adviser-coverage"][0]
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        coverage = app.screen.query_one("#advisers-coverage", DataTable)
        assert str(coverage.get_row_at(0)[2]) == "未覆盖"
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-name").value = "王律师"
        form.query_one("#field-kind").value = "外聘律师"
        form.query_one("#field-unit").value = unit
        form.query_one("#field-term_start").value = "2025-06-01"
        form.query_one("#field-term_end").value = "2025-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "早于" in str(form.query_one("#form-error", Static).render())
        form.query_one("#field-term_end").value = "2027-05-31"
        await pilot.press("ctrl+s")
        await settle(pilot)
        roster = app.screen.query_one("#advisers-roster", DataTable)
        rows = [roster.get_row_at(i) for i in range(roster.row_count)]
        assert any(str(r[0]) == "王律师" and str(r[2]) == unit and str(r[7]) == "在聘" for r in rows)
        summary = str(app.screen.query_one("#advisers-summary", Static).render())
        assert f"{len(expected['adviser-coverage']) - 1} 个未覆盖" in summary


async def test_statistics_table_and_chart(sample_store, tmp_path, expected):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        table = app.screen.query_one("#stats-table", DataTable)
        total = table.get_row_at(table.row_count - 1)
        assert str(total[0]) == "合计" and str(total[1]) == str(expected["officer_count"])
        assert "█" in app.screen.query_one("#stats-chart-training").text.plain
        await pilot.press("o")
        await settle(pilot)
    assert (tmp_path / "exports" / "统计_2025_2025-12-31.xlsx").exists()
