"""The sample county's files give exactly the expected answers, and importing them again changes nothing."""

from __future__ import annotations

from pathlib import Path

from lawtrain import idcard
from lawtrain.importing import import_file
from lawtrain.store import Store
from tests.conftest import SAMPLE_FILES, SAMPLE_TODAY


def _import_all(store: Store, data_dir: Path) -> dict:
    return {name: import_file(store, data_dir / name, today=SAMPLE_TODAY) for name in SAMPLE_FILES}


def test_rejected_rows_are_exactly_the_expected_ones(store: Store, data_dir: Path, expected: dict) -> None:
    results = _import_all(store, data_dir)
    assert {name: r.rejected_rows for name, r in results.items()} == expected["rejected_rows"]
    assert store.count("officers") == expected["officer_count"]


def test_every_other_data_row_is_imported(store: Store, data_dir: Path) -> None:
    results = _import_all(store, data_dir)
    for result in results.values():
        assert result.batch is not None
        assert result.rows == result.inserted + result.updated + result.unchanged + len(result.rejected_rows)
    roster = results["青山县行政执法人员花名册.xlsx"]
    assert (roster.rows, roster.inserted, roster.unchanged, roster.skipped) == (221, 215, 1, 2)
    assert roster.ignored_columns == ["序号", "性别"]


def test_names_are_stored_clean(sample_store: Store, expected: dict) -> None:
    stored = dict(sample_store.db.execute("SELECT id_number, name FROM officers").fetchall())
    assert stored == expected["names"]


def test_fifteen_digit_numbers_are_upgraded(sample_store: Store, expected: dict) -> None:
    assert not sample_store.db.execute("SELECT 1 FROM officers WHERE length(id_number) <> 18").fetchall()
    for number in expected["fifteen_digit"]:
        row = sample_store.db.execute(
            "SELECT sex, birth_date FROM officers WHERE id_number = ?", [number]
        ).fetchone()
        parsed = idcard.parse(number)
        assert row == (parsed.sex, parsed.birth_date.isoformat())


def test_importing_everything_twice_inserts_and_updates_nothing(sample_store: Store, data_dir: Path) -> None:
    audit_before = sample_store.count("audit")
    again = _import_all(sample_store, data_dir)
    assert all(r.inserted == 0 and r.updated == 0 for r in again.values())
    assert sample_store.count("audit") == audit_before


def test_roster_certificates_and_their_creation_events(sample_store: Store) -> None:
    db = sample_store.db
    holders = db.execute("SELECT COUNT(DISTINCT officer_id) FROM certificates").fetchone()[0]
    assert holders == db.execute("SELECT COUNT(*) FROM certificates").fetchone()[0] > 150
    assert (
        db.execute("SELECT COUNT(*) FROM certificate_events WHERE from_status IS NULL").fetchone()[0]
        == holders
    )
    # 吕佳梅: issued 20210109, valid until 2026.1.8 as the roster writes them.
    row = db.execute(
        "SELECT c.number, c.issued, c.expires, c.status FROM certificates c JOIN officers o ON o.id = c.officer_id "
        "WHERE o.id_number = '410425199211064482'"
    ).fetchone()
    assert row == ("410421000004", "2021-01-09", "2026-01-08", "有效")


def test_training_records_get_year_and_hours_summary(sample_store: Store) -> None:
    db = sample_store.db
    assert db.execute("SELECT COUNT(*) FROM training WHERE year = 2024").fetchone()[0] > 0
    assert not db.execute(
        "SELECT 1 FROM training WHERE year <> CAST(substr(date, 1, 4) AS INTEGER)"
    ).fetchall()
    total = db.execute("SELECT SUM(hours) FROM training").fetchone()[0]
    assert db.execute("SELECT SUM(total) FROM officer_year_hours").fetchone()[0] == total
