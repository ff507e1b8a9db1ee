"""The number search index: the officer list finds any run of 4 or more characters inside an ID number
or a certificate number, and the index stays equal to the register through imports, edits, deletes,
undo, the demo and the upgrade of an existing register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlite_utils import Database

from lawtrain.demo import generate
from lawtrain.importing import import_file
from lawtrain.settings import Settings
from lawtrain.store import Store
from lawtrain.store.schema import migrations
from lawtrain.store.undo import undo_batch
from lawtrain.tui.data.officer_list import ListQuery, officer_ids
from tests.spreadsheets import ID_A, ID_B, xlsx

from .conftest import SAMPLE_TODAY

ROSTER = ("姓名", "身份证号码", "工作单位", "人员状态", "执法证号", "发证日期")


def found(store: Store, text: str) -> list[int]:
    return list(officer_ids(store, ListQuery(text=text), SAMPLE_TODAY))


def assert_index_right(store: Store) -> None:
    """FTS5 compares every entry with the rows of its table; a missing or stale entry raises."""
    for fts in ("id_number_search", "cert_number_search"):
        store.db.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")  # noqa: S608


def holder(store: Store) -> tuple[int, str, str]:
    """An officer of the sample with a certificate: (id, ID number, certificate number)."""
    return store.db.execute(
        "SELECT o.id, o.id_number, c.number FROM officers o JOIN certificates c ON c.officer_id = o.id "
        "ORDER BY o.id LIMIT 1 OFFSET 7"
    ).fetchone()


def test_the_last_8_or_4_digits_and_a_middle_run_of_a_certificate_number_find_the_officer(sample_store):
    oid, id_number, number = holder(sample_store)
    assert found(sample_store, id_number[-8:]) == [oid]
    assert found(sample_store, " " + id_number[-8:].lower() + " ") == [oid]
    last4 = found(sample_store, id_number[-4:])
    same_end = sample_store.db.execute(
        "SELECT id FROM officers WHERE id_number LIKE ? ORDER BY id", ["%" + id_number[-4:]]
    ).fetchall()
    assert oid in last4 and set(last4) >= {row[0] for row in same_end}
    middle = number[2:-2]
    assert oid in found(sample_store, middle)
    holders = sample_store.db.execute(
        "SELECT DISTINCT officer_id FROM certificates WHERE instr(number, ?) ORDER BY 1", [middle]
    ).fetchall()
    assert found(sample_store, middle) == [row[0] for row in holders]
    assert found(sample_store, id_number[6:14]) == [
        row[0]
        for row in sample_store.db.execute(
            "SELECT id FROM officers WHERE instr(id_number, ?) ORDER BY id", [id_number[6:14]]
        )
    ]


def test_a_run_found_nowhere_finds_nobody_and_short_runs_are_prefixes(sample_store):
    oid, id_number, _ = holder(sample_store)
    assert found(sample_store, "99999999") == []
    assert oid not in found(sample_store, id_number[-3:])  # three digits: the start of a number only
    assert oid in found(sample_store, id_number[:3])


def test_the_imports_leave_the_index_right(sample_store):
    assert_index_right(sample_store)
    indexed = sample_store.db.execute(
        "SELECT COUNT(*) FROM id_number_search WHERE id_number_search MATCH '\"4104\"'"
    )
    assert indexed.fetchone()[0] > 0


def test_an_edited_number_is_found_by_its_new_digits_and_its_undo_by_the_old(sample_store):
    oid, id_number, number = holder(sample_store)
    new_id, new_number = "11010519491231002X", "QS-2025-77881"
    with sample_store.batch("edit", "更正号码") as batch:
        sample_store.db.execute("UPDATE officers SET id_number = '110105194912310029' WHERE id = ?", [oid])
        sample_store.db.execute("UPDATE officers SET id_number = ? WHERE id = ?", [new_id, oid])
        sample_store.db.execute("UPDATE certificates SET number = ? WHERE number = ?", [new_number, number])
        sample_store.db.execute("UPDATE certificates SET status = '暂扣' WHERE officer_id <> ?", [oid])
    assert_index_right(sample_store)
    assert found(sample_store, "1231002x") == [oid]
    assert found(sample_store, "2025-7788") == [oid]
    assert oid not in found(sample_store, id_number[-8:]) and oid not in found(sample_store, number[2:-2])
    undo_batch(sample_store, batch.id)
    assert_index_right(sample_store)
    assert found(sample_store, id_number[-8:]) == [oid]
    assert found(sample_store, "1231002X") == [] and found(sample_store, "2025-7788") == []


def test_a_deleted_officer_leaves_the_index_and_an_undo_puts_him_back(sample_store):
    oid, id_number, number = holder(sample_store)
    with sample_store.batch("edit", "删除人员") as batch:
        for table in ("training", "exams", "appraisals"):
            sample_store.db.execute(f"DELETE FROM {table} WHERE officer_id = ?", [oid])  # noqa: S608
        sample_store.db.execute(
            "DELETE FROM reviews WHERE certificate_id IN (SELECT id FROM certificates WHERE officer_id = ?)",
            [oid],
        )
        sample_store.db.execute("DELETE FROM certificates WHERE officer_id = ?", [oid])
        sample_store.db.execute("DELETE FROM officers WHERE id = ?", [oid])
    assert_index_right(sample_store)
    assert found(sample_store, id_number[-8:]) == [] and oid not in found(sample_store, number[2:-2])
    undo_batch(sample_store, batch.id)
    assert_index_right(sample_store)
    assert found(sample_store, id_number[-8:]) == [oid] and oid in found(sample_store, number[2:-2])


def test_an_import_and_its_undo_keep_the_index(store, tmp_path):
    roster = xlsx(tmp_path / "名册.xlsx", [
        ROSTER,
        ("张三", ID_A, "青山县水利局", "在岗", "410421000001", "2021-01-09"),
        ("李四", ID_B, "青山县林业局", "在岗", "410421000002", "2022-01-09"),
    ])  # fmt: skip
    result = import_file(store, roster, today=SAMPLE_TODAY)
    assert_index_right(store)
    zhang = store.db.execute("SELECT id FROM officers WHERE id_number = ?", [ID_A]).fetchone()[0]
    assert found(store, ID_A[-8:]) == [zhang] and found(store, "21000001") == [zhang]
    undo_batch(store, result.batch)
    assert_index_right(store)
    assert found(store, ID_A[-8:]) == [] and found(store, "21000001") == []


def test_the_demo_indexes_every_number(store):
    generate(store, officers=60, year=2025, seed=3, today=date(2025, 12, 31))
    assert_index_right(store)
    oid, id_number = store.db.execute("SELECT id, id_number FROM officers WHERE id = 17").fetchone()
    assert oid in found(store, id_number[-8:])


def test_an_upgraded_register_has_its_numbers_indexed(tmp_path: Path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m006_number_search")  # a register of the previous version
    old.execute("INSERT INTO units (id, name) VALUES (1, '青山县水利局')")
    old.execute(
        "INSERT INTO officers (id, id_number, name, sex, birth_date, unit_id) VALUES (1, ?, '张三', '男', '1980-10-04', 1)",
        [ID_A],
    )
    old.execute(
        "INSERT INTO certificates (number, officer_id, issued, expires) VALUES ('410421000001', 1, '2021-01-09', '2026-01-08')"
    )
    old.conn.commit()
    old.close()
    with Store(path, settings=Settings(), operator="测试员") as store:
        assert_index_right(store)
        assert found(store, ID_A[-8:]) == [1] and found(store, "21000001") == [1]
