"""Set-based inserts (imports) log every row they insert once, under their batch and operator, and
give the insert trigger back afterwards: nothing enters the register unaudited."""

import sqlite3
from unittest.mock import patch

import pytest
from sqlite_utils import Database

from lawtrain.importing import import_file
from lawtrain.settings import Settings
from lawtrain.store import Store
from lawtrain.store.audit import history
from lawtrain.store.bulk import bulk_inserts
from lawtrain.store.schema import AUDITED, REBUILD_HOURS, migrations
from tests.spreadsheets import xlsx

BULK_UNITS = "INSERT INTO units (name, kind) SELECT value, '部门' FROM json_each(?)"


def unit_audit(store: Store) -> list[tuple]:
    return store.db.execute(
        "SELECT u.name, a.batch_id, a.operator, a.action FROM audit a JOIN units u ON u.id = a.row_id "
        "WHERE a.table_name = 'units' ORDER BY a.id"
    ).fetchall()


def test_bulk_inserts_are_logged_once_each_and_the_trigger_comes_back(store: Store) -> None:
    with store.batch("import", "单位.xlsx") as batch:
        with bulk_inserts(store.db.conn, "units") as inserted:
            store.db.execute(BULK_UNITS, ['["甲局", "乙局", "丙局"]'])
        store.unit_id("丁局")  # an insert after the block: its trigger logs it
    assert inserted.count == 3
    assert unit_audit(store) == [
        (name, batch.id, "测试员", "insert") for name in ("甲局", "乙局", "丙局", "丁局")
    ]
    first = store.db.execute("SELECT id FROM units WHERE name = '甲局'").fetchone()[0]
    assert history(store, "units", first)[0].after["name"] == "甲局"
    assert store.db.execute("SELECT bulk FROM audit_context").fetchone() == (None,)


def test_a_failing_bulk_statement_leaves_no_row_and_no_log(store: Store) -> None:
    with store.batch("import") as batch:
        store.unit_id("甲局")
        with pytest.raises(sqlite3.IntegrityError), bulk_inserts(store.db.conn, "units") as inserted:
            store.db.execute(BULK_UNITS, ['["乙局", "甲局"]'])  # 甲局 exists: the whole statement fails
        store.unit_id("丙局")
    assert inserted.count == 0
    assert unit_audit(store) == [
        ("甲局", batch.id, "测试员", "insert"),
        ("丙局", batch.id, "测试员", "insert"),
    ]


def test_only_audited_tables_take_bulk_inserts(store: Store) -> None:
    with pytest.raises(ValueError), bulk_inserts(store.db.conn, "audit"):
        pass


def test_an_upgraded_register_logs_bulk_inserts_once(tmp_path) -> None:
    path = tmp_path / "old.db"
    names = [m.name for m in migrations.pending(Database(memory=True))]
    old = Database(path)
    migrations.apply(old, stop_before="m004_bulk_insert_audit")
    old.close()
    assert "m004_bulk_insert_audit" in names
    with Store(path, settings=Settings(), operator="测试员") as store:
        with store.batch("import") as batch, bulk_inserts(store.db.conn, "units"):
            store.db.execute(BULK_UNITS, ['["甲局", "乙局"]'])
        assert unit_audit(store) == [
            ("甲局", batch.id, "测试员", "insert"),
            ("乙局", batch.id, "测试员", "insert"),
        ]


def test_every_record_the_sample_imports_inserted_is_logged_once(sample_store: Store) -> None:
    db = sample_store.db
    twice = db.execute(
        "SELECT table_name, row_id FROM audit WHERE action = 'insert' GROUP BY 1, 2 HAVING COUNT(*) > 1"
    ).fetchall()
    assert twice == []
    for table in AUDITED:
        # County 1 (the register's own jurisdiction) mirrors the settings: not a record.
        mirror = " AND t.id <> 1" if table == "counties" else ""
        unlogged = db.execute(
            f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM audit a "  # noqa: S608
            "JOIN batches b ON b.id = a.batch_id AND b.operator = a.operator "
            f"WHERE a.table_name = ? AND a.row_id = t.id AND a.action = 'insert'){mirror}",
            [table],
        ).fetchone()[0]
        assert unlogged == 0, table
    assert db.execute("SELECT COUNT(*) FROM training").fetchone()[0] > 0


def _hours(store: Store) -> list[tuple]:
    return store.db.execute("SELECT * FROM officer_year_hours ORDER BY officer_id, year").fetchall()


def _rebuilt_hours(store: Store) -> list[tuple]:
    with store.batch("test"):
        store.db.executescript(REBUILD_HOURS)
    return _hours(store)


def test_bulk_training_inserts_add_their_hours_like_the_trigger(sample_store: Store, tmp_path) -> None:
    assert _hours(sample_store) and _hours(sample_store) == _rebuilt_hours(sample_store)
    # Inserts and updates in one file, the political-theory rule included, in 2-row chunks.
    officer_id, number = sample_store.db.execute("SELECT id, id_number FROM officers ORDER BY id").fetchone()
    course, day = sample_store.db.execute(
        "SELECT course, date FROM training WHERE officer_id = ? ORDER BY id", [officer_id]
    ).fetchone()
    rows = [("身份证号", "课程名称", "课程类别", "学时", "完成时间"), (number, course, "业务知识", 7, day),
            (number, "新课程一", "政治理论", 3, "2025-11-01"), (number, "新课程二", "业务知识", 2.5, "2025-11-02"),
            (number, "新课程三", None, 1, "2024-11-02")]  # fmt: skip
    before = _hours(sample_store)
    with patch("lawtrain.importing.run.CHUNK", 2):
        result = import_file(sample_store, xlsx(tmp_path / "学时.xlsx", rows))
    assert (result.inserted, result.updated, result.rejected) == (3, 1, [])
    assert _hours(sample_store) != before
    assert _hours(sample_store) == _rebuilt_hours(sample_store)
