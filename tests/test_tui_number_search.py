"""The search box and the bulk-course form find officers by part of a number, as a clerk quotes it."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from lawtrain.tui.screens.officers import OfficersScreen

from .tui_support import SIZE, make_app, settle, visible_rows
from .twins import add_officer, sharing_the_tail


def summary(app) -> str:
    return str(app.screen.query_one("#officer-summary", Static).render())


def holder(store) -> tuple[str, str, str]:
    """An officer of the sample with a certificate: (ID number, name, certificate number)."""
    return store.db.execute(
        "SELECT o.id_number, o.name, c.number FROM officers o JOIN certificates c ON c.officer_id = o.id "
        "ORDER BY o.id LIMIT 1 OFFSET 7"
    ).fetchone()


async def test_the_last_8_or_4_digits_or_a_middle_run_of_the_certificate_number(sample_store, tmp_path):
    id_number, name, number = holder(sample_store)
    same_last4 = sample_store.db.execute(
        "SELECT COUNT(*) FROM officers WHERE id_number LIKE ?", ["%" + id_number[-4:]]
    ).fetchone()[0]
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *id_number[-8:])
        await settle(pilot)
        assert "共 1 人" in summary(app)
        rows = visible_rows(app)[1:]
        assert len(rows) == 1 and name in rows[0] and id_number in rows[0]
        await pilot.press("escape", "slash", *id_number[-4:])
        await settle(pilot)
        rows = visible_rows(app)[1:]
        assert any(id_number in row for row in rows)
        assert sum(row.split()[2].endswith(id_number[-4:]) for row in rows) >= same_last4
        await pilot.press("escape", "slash", *number[2:-2])
        await settle(pilot)
        assert any(id_number in row and number in row for row in visible_rows(app)[1:])


async def test_the_bulk_course_form_takes_tails_and_flags_an_ambiguous_one(sample_store, tmp_path):
    id_number, name, _ = holder(sample_store)
    other, other_name, _ = sample_store.db.execute(
        "SELECT o.id_number, o.name, 0 FROM officers o ORDER BY o.id LIMIT 1 OFFSET 20"
    ).fetchone()
    add_officer(sample_store, sharing_the_tail(other), "孙八")
    app = make_app(sample_store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OfficersScreen)
        await pilot.press("b")
        await pilot.pause()
        form = app.screen
        form.query_one("#bulk-ids").text = f"{id_number[-8:]}\n{other[-8:]}\n{id_number[-5:]}"
        await pilot.press("ctrl+k")
        await pilot.pause()
        checked = form.query_one("#bulk-resolved", DataTable)
        rows = [[str(cell) for cell in checked.get_row_at(i)] for i in range(checked.row_count)]
        assert rows[0][1:] == [id_number, name, rows[0][3], "✓ 已找到"]
        assert "结尾的人员有 2 名" in rows[1][-1] and other_name in rows[1][-1] and "孙八" in rows[1][-1]
        assert "至少输入后 8 位" in rows[2][-1]
        assert "找到 1 人，2 个号码有问题" in str(form.query_one("#form-error", Static).render())
