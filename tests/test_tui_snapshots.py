"""Pictures of the main screens on the sample register, as of the fixed sample date.
Refresh them after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`."""

from __future__ import annotations

import shutil

import pytest

from lawtrain.importing.templates import write_templates

from .conftest import SAMPLE_FILES
from .tui_support import SIZE, make_app, settle, until


def screen_after(*keys: str):
    """A run_before that presses `keys`, lets the workers finish and hides the passing toasts."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_officer_list(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after())


def test_officer_list_searched_by_initials(snap_compare, sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=screen_after("slash", "z"))


def test_officer_file_hours(snap_compare, sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    run_before = screen_after("enter", "right", "right")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_officer_form_whole_at_120x40(snap_compare, sample_store, tmp_path):
    """Every field of the longest form and its buttons, without scrolling, in a 120x40 terminal."""
    from textual.screen import ModalScreen

    async def run_before(pilot) -> None:  # the form waits in a worker for its answer: never settled
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(pilot.app.screen, ModalScreen), "the officer form")
        await pilot.pause()

    app = make_app(sample_store, tmp_path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_checks(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f4"))


def test_review_evaluated(snap_compare, sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=screen_after("f5", "g"))


def test_advisers(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f6"))


def test_statistics(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f7"))


@pytest.mark.parametrize("size", [(160, 48), (120, 40)], ids=["160x48", "120x40"])
def test_first_run_on_an_empty_register(snap_compare, store, tmp_path, data_dir, size):
    """Both buttons in the dialog at both sizes; the blank templates are not offered."""
    app = make_app(store, tmp_path)
    write_templates(tmp_path / "imports")
    shutil.copy(data_dir / SAMPLE_FILES[0], tmp_path / "imports" / SAMPLE_FILES[0])
    assert snap_compare(app, terminal_size=size, run_before=screen_after())


def test_import_all_asks_once_with_the_dry_run_of_every_file(snap_compare, store, tmp_path, data_dir):
    app = make_app(store, tmp_path)
    write_templates(tmp_path / "imports")
    for name in SAMPLE_FILES:
        shutil.copy(data_dir / name, tmp_path / "imports" / name)

    async def run_before(pilot) -> None:
        from lawtrain.tui.screens.forms.import_plan import ImportPlanScreen

        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(pilot.app.screen, ImportPlanScreen), "the summary")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_import_preview(snap_compare, store, tmp_path, data_dir):
    app = make_app(store, tmp_path)
    shutil.copy(data_dir / SAMPLE_FILES[0], tmp_path / "imports" / SAMPLE_FILES[0])
    assert snap_compare(app, terminal_size=SIZE, run_before=screen_after("f3", "down"))


def test_help(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f1"))


def test_autumn_forecast(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f8"))


@pytest.mark.parametrize("size", [(160, 48), (120, 40)], ids=["160x48", "120x40"])
def test_jurisdiction_asked_on_the_first_start(snap_compare, tmp_path, size):
    """A register with no jurisdiction set up opens on the form for it, whole at both sizes."""
    from lawtrain.settings import Settings
    from lawtrain.store import Store

    with Store(tmp_path / "register.db", settings=Settings(), operator="测试员") as store:
        assert snap_compare(make_app(store, tmp_path), terminal_size=size, run_before=screen_after())
