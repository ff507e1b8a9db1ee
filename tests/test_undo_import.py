"""Undoing an import exactly, from the command line: inserted rows removed, updated rows restored."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lawtrain.cli.main import cli
from lawtrain.store import Store
from tests.spreadsheets import ID_A, ID_B, xlsx

HEADER = ("姓名", "身份证号码", "工作单位", "人员状态", "执法证号", "发证日期")


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    return result.exit_code, result.stdout + result.stderr


def snapshot(db: Path) -> dict:
    with Store(db, operator="测试员") as store:
        return {
            table: store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()  # noqa: S608
            for table in ("officers", "certificates", "certificate_events", "training", "officer_year_hours")
        }


def test_undo_restores_updated_rows_and_removes_inserted_ones(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    first = xlsx(
        tmp_path / "a.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "在岗", "410421000001", "2021-01-09")]
    )
    assert run(db, "import", str(first))[0] == 0
    before = snapshot(db)
    second = xlsx(tmp_path / "b.xlsx", [
        HEADER,
        ("张三", ID_A, "青山县林业局", "调离", "410421000001", "2021-01-09"),
        ("李四", ID_B, "青山县林业局", "在岗", "410421000002", "2022-01-09"),
    ])  # fmt: skip
    code, out = run(db, "import", str(second))
    assert code == 0 and "新增 1，更新 1" in out
    assert snapshot(db) != before
    code, out = run(db, "undo", "2")
    assert code == 0, out
    assert "已撤销批次 2" in out
    after = snapshot(db)
    assert after["officers"] == before["officers"]
    assert after["certificates"] == before["certificates"]
    assert after["certificate_events"] == before["certificate_events"]
    code, out = run(db, "history")
    assert "已被批次 3 撤销" in out and "撤销了批次 2" in out


def test_undo_of_training_restores_the_hours(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run(db, "import", str(xlsx(tmp_path / "a.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "在岗")])))
    training = [
        ("姓名", "身份证号码", "课程名称", "学时", "培训日期"),
        ("张三", ID_A, "行政处罚法", 4, "2025-03-01"),
    ]
    run(db, "import", str(xlsx(tmp_path / "t1.xlsx", training)))
    before = snapshot(db)
    more = [*training, ("张三", ID_A, "民法典", 6, "2025-04-01")]
    more[1] = ("张三", ID_A, "行政处罚法", 8, "2025-03-01")
    code, out = run(db, "import", str(xlsx(tmp_path / "t2.xlsx", more)))
    assert "新增 1，更新 1" in out
    assert run(db, "undo", "3")[0] == 0
    assert snapshot(db) == before


def test_undo_refuses_when_a_later_batch_changed_the_same_records(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run(db, "import", str(xlsx(tmp_path / "a.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "在岗")])))
    run(db, "import", str(xlsx(tmp_path / "b.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "调离")])))
    code, out = run(db, "undo", "1")
    assert code == 1
    assert "批次 1 之后的批次 2 修改了同样的记录" in out and "--force" in out
    assert snapshot(db)["officers"]
    code, out = run(db, "undo", "2")
    assert code == 0
    with Store(db, operator="测试员") as store:
        assert store.db.execute("SELECT status FROM officers").fetchone() == ("在岗",)


def test_undo_with_force_and_of_an_unknown_batch(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run(db, "import", str(xlsx(tmp_path / "a.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "在岗")])))
    run(db, "import", str(xlsx(tmp_path / "b.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "调离")])))
    assert run(db, "undo", "2")[0] == 0
    code, out = run(db, "undo", "9")
    assert code == 1 and "没有编号为 9 的批次" in out
    run(db, "import", str(xlsx(tmp_path / "c.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "退休")])))
    assert run(db, "undo", "1")[0] == 1
    code, out = run(db, "undo", "1", "--force")
    assert code == 0, out
    with Store(db, operator="测试员") as store:
        assert store.count("officers") == 0


def test_history_lists_batches_newest_first(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert "还没有任何批次" in run(db, "history")[1]
    run(db, "import", str(xlsx(tmp_path / "名册.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "在岗")])))
    code, out = run(db, "history")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["批次", "时间", "类别", "来源"]
    assert (
        "名册.xlsx" in lines[2] and "新增 1" in lines[2] and "导入" in lines[2] and "import" not in lines[2]
    )


def test_history_json_one_batch_per_line(tmp_path: Path) -> None:
    import json

    db = tmp_path / "r.db"
    run(db, "import", str(xlsx(tmp_path / "名册.xlsx", [HEADER, ("张三", ID_A, "青山县水利局", "在岗")])))
    run(db, "undo", "1")
    code, out = run(db, "history", "--json")
    assert code == 0
    undo, imported = (json.loads(line) for line in out.splitlines())
    assert (undo["kind"], undo["undoes"], imported["undone_by"]) == ("undo", 1, 2)
    assert imported["summary"]["inserted"] == 1 and imported["source"] == "名册.xlsx"
