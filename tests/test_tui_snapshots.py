"""Pictures of the main screens on the sample register, as of the fixed sample date.
Refresh them after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`."""

from __future__ import annotations

import shutil

from .conftest import SAMPLE_FILES
from .tui_support import SIZE, make_app, settle


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


def test_checks(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f4"))


def test_review_evaluated(snap_compare, sample_store, tmp_path):
    app = make_app(sample_store, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=screen_after("f5", "g"))


def test_advisers(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f6"))


def test_statistics(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f7"))


def test_first_run_on_an_empty_register(snap_compare, store, tmp_path, data_dir):
    app = make_app(store, tmp_path)
    shutil.copy(data_dir / SAMPLE_FILES[0], tmp_path / "imports" / SAMPLE_FILES[0])
    assert snap_compare(app, terminal_size=SIZE, run_before=screen_after())


def test_import_preview(snap_compare, store, tmp_path, data_dir):
    app = make_app(store, tmp_path)
    shutil.copy(data_dir / SAMPLE_FILES[0], tmp_path / "imports" / SAMPLE_FILES[0])
    assert snap_compare(app, terminal_size=SIZE, run_before=screen_after("f3", "down"))


def test_help(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f1"))


def test_autumn_forecast(snap_compare, sample_store, tmp_path):
    assert snap_compare(make_app(sample_store, tmp_path), terminal_size=SIZE, run_before=screen_after("f8"))
