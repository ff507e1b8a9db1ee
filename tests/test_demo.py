"""The demo jurisdiction: deterministic by seed, realistic, and with members on every list."""

import json
from datetime import date

import pytest
from click.testing import CliRunner

from lawtrain import idcard
from lawtrain.cli.main import cli
from lawtrain.demo import DemoError, generate
from lawtrain.exporting.officers import iter_officers
from lawtrain.settings import Settings
from lawtrain.store import Store


def demo_store(path, seed, officers=300, year=2025):
    store = Store(path, settings=Settings(), operator="测试员")
    generate(store, officers=officers, year=year, seed=seed, today=date(2025, 12, 31))
    return store


def snapshot(store):
    tables = ("officers", "certificates", "training", "exams", "appraisals", "advisers", "reviews")
    return {t: store.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}  # noqa: S608


def test_same_seed_same_register_other_seed_other_register(tmp_path):
    with demo_store(tmp_path / "a.db", seed=5) as a, demo_store(tmp_path / "b.db", seed=5) as b:
        assert snapshot(a) == snapshot(b)
    with demo_store(tmp_path / "c.db", seed=6) as c, Store(tmp_path / "a.db", settings=Settings()) as a:
        assert snapshot(a)["officers"] != snapshot(c)["officers"]


def test_demo_refuses_a_database_that_is_not_empty(tmp_path):
    with demo_store(tmp_path / "a.db", seed=1, officers=50) as store:
        with pytest.raises(DemoError, match="不是空的"):
            generate(store, officers=50, seed=2)


def test_demo_people_are_valid_and_varied(tmp_path):
    with demo_store(tmp_path / "a.db", seed=2, officers=1000) as store:
        officers = list(iter_officers(store))
        assert len(officers) == 1000
        for officer in officers:
            parsed = idcard.parse(officer["id_number"])
            assert (parsed.sex, parsed.birth_date.isoformat()) == (officer["sex"], officer["birth_date"])
        staffing = {o["staffing"] for o in officers}
        assert {"行政编制", "参公事业编制", "事业编制"} <= staffing and staffing & {
            "合同工",
            "临时工",
            "工勤",
        }
        assert {o["status"] for o in officers} >= {"在岗", "调离", "退休"}
        statuses = {c["status"] for o in officers for c in o["certificates"]}
        assert statuses >= {"有效", "暂扣", "注销"}
        per_year = dict(store.db.execute("SELECT year, COUNT(*) FROM training GROUP BY year").fetchall())
        assert per_year[2025] > 15 * 1000 * 0.8 and per_year.get(2024, 0) > 0
        assert store.db.execute(
            "SELECT COUNT(*) FROM training WHERE category IN ('政治理论', '党性教育')"
        ).fetchone()[0]
        assert store.db.execute("SELECT COUNT(*) FROM training WHERE date > '2025-12-31'").fetchone()[0] == 0


def test_demo_follows_the_numbering_setting(tmp_path):
    settings = Settings.model_validate({"certificates": {"number_format": "QS{yyyy}-{seq:05d}"}})
    with Store(tmp_path / "a.db", settings=settings) as store:
        generate(store, officers=40, year=2025, seed=1)
        numbers = [r[0] for r in store.db.execute("SELECT number FROM certificates")]
        assert numbers and all(n.startswith("QS20") and len(n) == 12 for n in numbers)


def test_demo_and_export_from_the_command_line(tmp_path):
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", db, "demo", "--officers", "200", "--seed", "3", "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert "执法人员 200" in result.output
    out = tmp_path / "o.json"
    result = runner.invoke(cli, ["--db", db, "export", "officers", "--out", str(out)])
    assert result.exit_code == 0, result.output
    officers = json.loads(out.read_text(encoding="utf-8"))
    assert len(officers) == 200
    assert set(officers[0]) == {"id_number", "name", "sex", "birth_date", "county", "unit", "position", "staffing", "status",
                                "certificates"}  # fmt: skip
    result = runner.invoke(cli, ["--db", db, "demo", "--officers", "200"])
    assert result.exit_code == 2 and "不是空的" in result.output


def test_every_compliance_list_has_members(tmp_path):
    from lawtrain.checks import run_checks

    with demo_store(tmp_path / "a.db", seed=4, officers=2000) as store:
        report = run_checks(store, year=2025, as_of=date(2025, 12, 31))
        empty = [result.check.name for result in report.results if not result.findings]
        assert empty == []
        review_year = run_checks(store, ["review-missing"], year=2024, as_of=date(2024, 12, 31))
        assert review_year.results[0].findings
