"""Counties in the register (migration m008): a register written before it keeps every unit, now its
own jurisdiction's; unit names are unique per county; and such a register rolls up as it is."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from lawtrain.cli.main import cli
from lawtrain.settings import Jurisdiction, Settings, SettingsError
from lawtrain.store import Store
from lawtrain.store.schema import migrations

from .city_registers import city_folder, fingerprint
from .spreadsheets import ID_A, ID_B


def old_register(path: Path) -> Path:
    """A register as the version before counties wrote it: two units, two officers, training, an adviser."""
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m008_counties")
    db.executescript("""
        INSERT INTO batches (id, kind, source, operator) VALUES (1, 'import', '名册.xlsx', '县局');
        INSERT INTO units (id, name, kind) VALUES (7, '城关镇人民政府', '乡镇'), (9, '白水县水利局', '部门');
    """)
    db.conn.executemany(
        "INSERT INTO officers (id, id_number, name, sex, birth_date, unit_id, status, batch_id) "
        "VALUES (?, ?, ?, ?, ?, ?, '在岗', 1)",
        [(1, ID_A, "张三", "男", "1980-10-04", 7), (2, ID_B, "李四", "女", "1999-04-25", 9)],
    )
    db.executescript("""
        INSERT INTO certificates (number, officer_id, issued, expires, batch_id)
            VALUES ('410400000001', 1, '2023-01-01', '2027-12-31', 1);
        INSERT INTO training (officer_id, course, category, hours, date, year, batch_id)
            VALUES (1, '行政处罚法', '法律法规', 8, '2025-03-01', 2025, 1);
        INSERT INTO advisers (name, kind, unit_id, term_start, term_end, batch_id)
            VALUES ('王律师', '外聘律师', 9, '2025-01-01', '2026-12-31', 1);
    """)
    db.conn.commit()
    db.close()
    return path


def test_units_keep_their_ids_and_belong_to_the_own_jurisdiction(tmp_path: Path) -> None:
    path = old_register(tmp_path / "old.db")
    settings = Settings(jurisdiction=Jurisdiction(name="白水县"))
    with Store(path, settings=settings) as store:
        units = store.db.execute("SELECT id, name, kind, county_id FROM units ORDER BY id").fetchall()
        assert units == [(7, "城关镇人民政府", "乡镇", 1), (9, "白水县水利局", "部门", 1)]
        assert store.db.execute("SELECT name FROM counties").fetchall() == [("白水县",)]
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("SELECT o.name, u.name FROM officers o JOIN units u ON u.id = o.unit_id").fetchall() == [
            ("张三", "城关镇人民政府"), ("李四", "白水县水利局")]  # fmt: skip
        with store.batch("edit", "测试") as batch:
            county = store.db.execute("INSERT INTO counties (name) VALUES ('黑山县')").lastrowid
            store.db.execute(
                "INSERT INTO units (name, kind, county_id) VALUES ('城关镇人民政府', '乡镇', ?)", [county]
            )
            with pytest.raises(sqlite3.IntegrityError):
                store.db.execute("INSERT INTO units (name, kind) VALUES ('城关镇人民政府', '乡镇')")
        logged = store.db.execute(
            "SELECT table_name, action FROM audit WHERE batch_id = ? ORDER BY id", [batch.id]
        ).fetchall()
        assert logged == [("counties", "insert"), ("units", "insert")]
        assert store.unit_id("城关镇人民政府") == 7  # the own jurisdiction's, not 黑山县's


def test_the_own_jurisdiction_follows_the_settings(tmp_path: Path) -> None:
    path = old_register(tmp_path / "old.db")
    with Store(path, settings=Settings()) as store:  # not set up yet
        assert store.db.execute("SELECT name FROM counties WHERE id = 1").fetchone() == ("本辖区",)
    with Store(path, settings=Settings(jurisdiction=Jurisdiction(name="白水县"))) as store:
        assert store.db.execute("SELECT name FROM counties WHERE id = 1").fetchone() == ("白水县",)
        assert store.db.execute("SELECT COUNT(*) FROM audit WHERE table_name = 'counties'").fetchone() == (0,)
        with store.batch("edit", "测试"):
            store.db.execute("INSERT INTO counties (name) VALUES ('黑山县')")
    with pytest.raises(SettingsError, match="与登记簿中已汇总的区县同名"):
        Store(path, settings=Settings(jurisdiction=Jurisdiction(name="黑山县")))


def test_a_register_of_the_earlier_version_rolls_up_through_the_migrations(tmp_path: Path) -> None:
    (tmp_path / "白水县").mkdir()
    county = old_register(tmp_path / "白水县" / "register.db")
    before = fingerprint(county)
    db = city_folder(tmp_path / "city")
    result = CliRunner().invoke(
        cli, ["--db", str(db), "rollup", "add", str(county), "--county", "白水县", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["migrated"] is True and data["tables"]["officers"]["inserted"] == 2
    assert data["tables"]["units"]["inserted"] == 2 and data["tables"]["training"]["inserted"] == 1
    assert fingerprint(county) == before
    assert [p.name for p in county.parent.iterdir()] == ["register.db"]  # nothing written beside it
    assert not list(db.parent.glob(".lawtrain-rollup-*"))  # the copy it read is gone
    text = CliRunner().invoke(cli, ["--db", str(db), "rollup", "add", str(county), "--county", "白水县"])
    assert "较早版本" in text.output and "与上次汇总时相同，未做任何改动" in text.output
