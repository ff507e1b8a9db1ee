"""The register's storage: private file, migrations, audit of every change, batches, undo, backup."""

import json
import os
import sqlite3
import stat

import pytest
from sqlite_utils import Database

from lawtrain.settings import Settings
from lawtrain.store import Store
from lawtrain.store.audit import history
from lawtrain.store.backup import backup
from lawtrain.store.schema import migrations
from lawtrain.store.undo import UndoError, undo_batch


def add_officer(store, id_number="410402198010047038", name="余芳", unit="青山县林业局"):
    unit_id = store.unit_id(unit)
    return store.db.execute(
        "INSERT INTO officers (id_number, name, sex, birth_date, unit_id) VALUES (?, ?, '男', '1980-10-04', ?)",
        [id_number, name, unit_id],
    ).lastrowid


def test_database_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "sub" / "register.db"
    with Store(path, settings=Settings()) as store:
        with store.batch("test"):
            add_officer(store)
        for file in tmp_path.glob("sub/register.db*"):
            assert stat.S_IMODE(os.stat(file).st_mode) == 0o600, file


def test_pragmas_foreign_keys_wal_busy_timeout(store):
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    with pytest.raises(sqlite3.IntegrityError), store.batch("test"):
        store.db.execute(
            "INSERT INTO officers (id_number, name, sex, birth_date, unit_id) VALUES ('1', 'a', '男', 'x', 999)"
        )


def test_migrations_on_an_empty_database(tmp_path):
    with Store(tmp_path / "new.db", settings=Settings()) as store:
        applied = [m.name for m in migrations.applied(store.db)]
        assert applied == [m.name for m in migrations.pending(Database(memory=True))]
        assert {"officers", "certificates", "training", "audit", "batches"} <= set(store.db.table_names())


def test_migrations_on_an_existing_database_keep_its_records(tmp_path):
    path = tmp_path / "old.db"
    names = [m.name for m in migrations.pending(Database(memory=True))]
    db = Database(path)
    migrations.apply(db, stop_before=names[1] if len(names) > 1 else None)
    db.execute("INSERT INTO units (name, kind) VALUES ('青山县林业局', '部门')")
    db.conn.commit()
    db.close()
    for _ in range(2):  # opening twice applies each migration once
        with Store(path, settings=Settings()) as store:
            assert [m.name for m in migrations.applied(store.db)] == names
            assert store.db.execute("SELECT name FROM units").fetchall() == [("青山县林业局",)]


def test_every_insert_update_delete_is_audited_with_batch_and_operator(store):
    with store.batch("edit", "表单") as batch:
        officer_id = add_officer(store)
    with store.batch("edit", "表单") as second:
        store.db.execute(
            "UPDATE officers SET name = '余芳芳', phone = '13800000000' WHERE id = ?", [officer_id]
        )
    with store.batch("edit", "表单") as third:
        store.db.execute(
            "UPDATE officers SET name = name WHERE id = ?", [officer_id]
        )  # no change: no audit row
    changes = history(store, "officers", officer_id)
    assert [c.action for c in changes] == ["insert", "update"]
    inserted, updated = changes
    assert (inserted.batch_id, inserted.operator) == (batch.id, "测试员")
    assert inserted.after["name"] == "余芳"  # the record as inserted
    assert (updated.before["name"], updated.after["name"]) == ("余芳", "余芳芳")
    assert updated.after["phone"] == "13800000000" and updated.batch_id == second.id
    assert not store.db.execute("SELECT 1 FROM audit WHERE batch_id = ?", [third.id]).fetchall()
    with store.batch("edit"):
        store.db.execute("DELETE FROM officers WHERE id = ?", [officer_id])
    deleted = history(store, "officers", officer_id)[-1]
    assert deleted.action == "delete" and deleted.before["name"] == "余芳芳" and deleted.after is None


def test_a_failed_batch_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.batch("import", "坏文件.xlsx"):
        add_officer(store)
        raise RuntimeError("boom")
    assert store.count("officers") == 0
    assert store.count("batches") == 0
    assert store.count("audit") == 0


def test_batch_summary_is_kept(store):
    with store.batch("import", "名册.xlsx") as batch:
        add_officer(store)
        batch.counts["inserted"] = 1
    row = store.db.execute("SELECT kind, source, operator, summary FROM batches").fetchone()
    assert row[:3] == ("import", "名册.xlsx", "测试员")
    assert json.loads(row[3]) == {"inserted": 1}


def test_undo_restores_exactly_and_refuses_when_later_batches_touched_the_records(store):
    with store.batch("import") as first:
        officer_id = add_officer(store)
    with store.batch("import") as second:
        store.db.execute("UPDATE officers SET name = '改名' WHERE id = ?", [officer_id])
        add_officer(store, "41042319831127261X", "白宁浩")
    with pytest.raises(UndoError, match=f"批次 {second.id}"):
        undo_batch(store, first.id)
    undo_batch(store, second.id)
    names = [r[0] for r in store.db.execute("SELECT name FROM officers ORDER BY id")]
    assert names == ["余芳"]
    with pytest.raises(UndoError, match="已经被"):
        undo_batch(store, second.id)
    undo_batch(store, first.id)  # the later batch is undone: no conflict any more
    assert store.count("officers") == 0 and store.count("units") == 0


def test_forced_undo_and_records_referenced_elsewhere(store):
    with store.batch("import") as first:
        officer_id = add_officer(store)
    with store.batch("import"):
        store.db.execute(
            "INSERT INTO training (officer_id, course, hours, date, year) VALUES (?, '课', 4, '2025-01-01', 2025)",
            [officer_id],
        )
    with pytest.raises(UndoError, match="已被其他记录引用"):
        undo_batch(store, first.id, force=True)
    assert store.count("officers") == 1  # nothing changed


def test_hours_sums_follow_every_change_and_the_settings(tmp_path):
    path = tmp_path / "r.db"
    with Store(path, settings=Settings()) as store:
        with store.batch("import"):
            officer_id = add_officer(store)
            for course, category, hours in [("a", "法律法规", 4), ("b", "政治理论", 3), ("c", None, 2.5)]:
                store.db.execute(
                    "INSERT INTO training (officer_id, course, category, hours, date, year) VALUES (?, ?, ?, ?, '2025-03-01', 2025)",
                    [officer_id, course, category, hours],
                )
        sums = store.db.execute("SELECT total, countable, records FROM officer_year_hours").fetchone()
        assert sums == (9.5, 6.5, 3)
        with store.batch("edit"):
            store.db.execute("UPDATE training SET year = 2024, date = '2024-12-01' WHERE course = 'a'")
        rows = store.db.execute("SELECT year, countable FROM officer_year_hours ORDER BY year").fetchall()
        assert rows == [(2024, 4.0), (2025, 2.5)]
    everything_counts = Settings.model_validate({"training": {"excluded_categories": []}})
    with Store(path, settings=everything_counts) as store:
        rows = store.db.execute("SELECT year, countable FROM officer_year_hours ORDER BY year").fetchall()
        assert rows == [(2024, 4.0), (2025, 5.5)]


def test_backup_is_a_complete_private_copy(store, tmp_path):
    with store.batch("import"):
        add_officer(store)
    target = backup(store, tmp_path / "backups" / "copy.db")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT name FROM officers").fetchall() == [("余芳",)]
    with pytest.raises(ValueError, match="不能是数据库本身"):
        backup(store, store.path)


def test_scripts_run_statement_by_statement_inside_a_transaction(tmp_path):
    """Migrations run their scripts inside a transaction, statement by statement: a semicolon inside a
    trigger body, a string or a comment does not end a statement."""
    from lawtrain.store.schema import run_script

    db = Database(sqlite3.connect(str(tmp_path / "s.db")))
    script = """
    CREATE TABLE t (a TEXT);  -- a comment; with a semicolon
    CREATE TABLE log (what TEXT);
    CREATE TRIGGER t_in AFTER INSERT ON t BEGIN
        INSERT INTO log VALUES ('in; ' || NEW.a);
        INSERT INTO log VALUES ('twice');
    END;
    INSERT INTO t VALUES ('x;y')
    """
    with db.atomic():
        run_script(db, script)
    assert db.execute("SELECT a FROM t").fetchall() == [("x;y",)]
    assert db.execute("SELECT what FROM log ORDER BY rowid").fetchall() == [("in; x;y",), ("twice",)]
    with pytest.raises(sqlite3.OperationalError), db.atomic():
        run_script(db, "INSERT INTO t VALUES ('kept?'); INSERT INTO nowhere VALUES (1);")
    assert db.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 1  # the whole script rolled back


def test_indexes_no_query_needs_are_gone(store):
    indexes = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "certificates_valid" in indexes and "training_year_officer" not in indexes
    assert "certificates_expires" not in indexes
