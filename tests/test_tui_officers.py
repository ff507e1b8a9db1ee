"""The officer list and the officer file, driven by keys as the clerk drives them."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Select, Static

from lawtrain.idcard import IdNumberError, normalise
from lawtrain.pinyin import initials
from lawtrain.tui.screens.officer_file import OfficerFileScreen
from lawtrain.tui.screens.officers import OfficersScreen

from .tui_support import SIZE, make_app, settle, visible_rows


def summary(app) -> str:
    return str(app.screen.query_one("#officer-summary", Static).render())


def a_short_officer(expected: dict) -> tuple[str, str, float]:
    """An officer of the sample with a shortfall of hours: (ID number, name, countable hours)."""
    id_number, hours = next((k, v) for k, v in expected["training-hours"].items() if v > 0)
    return id_number, expected["names"][id_number], hours


async def test_the_list_opens_on_every_officer(sample_store, tmp_path, expected):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OfficersScreen)
        assert f"共 {expected['officer_count']} 人" in summary(app)
        header = visible_rows(app)[0]
        assert "姓名" in header and "身份证号码" in header and "本年学时" in header


async def test_search_by_pinyin_initials_name_id_digits_and_certificate(sample_store, tmp_path, expected):
    id_number, name, _ = a_short_officer(expected)
    number = sample_store.db.execute(
        "SELECT c.number FROM certificates c JOIN officers o ON o.id = c.officer_id WHERE o.id_number = ?",
        [id_number],
    ).fetchone()[0]
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in (initials(name), name, id_number[:14], number):
            await pilot.press("escape", "slash", *query)
            await settle(pilot)
            rows = visible_rows(app)[1:]
            assert any(id_number in row for row in rows), query
            assert all(name in row or query == initials(name) for row in rows if id_number in row)
        await pilot.press("escape", "slash", *"zzzzzz")
        await settle(pilot)
        assert "共 0 人" in summary(app)


async def test_enter_opens_the_officer_file_with_the_transcript(sample_store, tmp_path, expected):
    id_number, name, hours = a_short_officer(expected)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *id_number, "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)
        title = str(app.screen.query_one("#file-title", Static).render())
        assert name in title and id_number in title
        hours_line = str(app.screen.query_one("#hours-summary", Static).render())
        assert f"计入学时 {hours:g} / 要求 60" in hours_line
        assert f"差 {60 - hours:g} 学时" in hours_line
        transcript = app.screen.query_one("#transcript", DataTable)
        assert transcript.row_count > 0
        await pilot.press("escape")
        assert isinstance(app.screen, OfficersScreen)


async def test_filter_expired_certificates_and_sort_by_hours(sample_store, tmp_path, expected):
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-cert", Select).value = "expired"
        await settle(pilot)
        assert f"共 {len(expected['cert-expired'])} 人" in summary(app)
        shown = "\n".join(visible_rows(app))
        assert all(number in shown for number in expected["cert-expired"][:5])
        await pilot.press("escape")
        await settle(pilot)
        assert f"共 {expected['officer_count']} 人" in summary(app)
        while "排序：本年学时" not in summary(app):
            await pilot.press("s")
            await settle(pilot)
        first = visible_rows(app)[1]
        assert first.split()[-1].split("/")[0] == "0"


async def test_bulk_course_resolves_and_flags_each_number(sample_store, tmp_path, expected):
    id_number, name, hours = a_short_officer(expected)
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-course").value = "行政处罚法专题"
        form.query_one("#field-category").value = "法律法规"
        form.query_one("#field-hours").value = "8"
        form.query_one("#field-date").value = "2025-11-20"
        form.query_one("#bulk-ids").text = f"{id_number}\n110101199003070000\n{id_number}"
        await pilot.press("ctrl+k")
        await pilot.pause()
        checked = form.query_one("#bulk-resolved", DataTable)
        results = [str(checked.get_row_at(i)[-1]) for i in range(checked.row_count)]
        with pytest.raises(IdNumberError) as bad:
            normalise("110101199003070000")
        assert results[0] == "✓ 已找到" and str(bad.value) in results[1] and results[2] == "重复"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OfficersScreen)
    total = sample_store.db.execute(
        "SELECT h.countable FROM officer_year_hours h JOIN officers o ON o.id = h.officer_id "
        "WHERE o.id_number = ? AND h.year = 2025",
        [id_number],
    ).fetchone()[0]
    assert total == hours + 8


async def test_the_unit_filter_survives_a_visit_to_an_officer_file(sample_store, tmp_path):
    unit_id, unit, count = sample_store.db.execute(
        "SELECT u.id, u.name, COUNT(*) FROM officers o JOIN units u ON u.id = o.unit_id "
        "GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-unit", Select).value = unit_id
        await settle(pilot)
        assert f"共 {count} 人" in summary(app)
        assert all(unit in row for row in visible_rows(app)[1:])
        app.screen.query_one("#officer-table").focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OfficerFileScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert f"共 {count} 人" in summary(app)
        assert app.screen.query_one("#filter-unit", Select).value == unit_id
