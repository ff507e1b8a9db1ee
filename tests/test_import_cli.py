"""`lawtrain import` as the clerk runs it: exit status, --json, --dry-run, --strict, the error workbook."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.cli.main import cli
from lawtrain.importing import import_file
from lawtrain.store import Store
from tests.spreadsheets import ID_A, ID_B, ROSTER_HEADER, csv_file, xlsx

GOOD = [(1, "张三", "男", ID_A, "青山县水利局", "行政编制", "在岗")]
BAD_ROWS = [
    (1, "张三", "男", ID_A, "青山县水利局", "行政编制", "在岗", "410421000001", "2021-01-09"),
    (2, "李四", "女", "410402199904259740", "青山县水利局", "行政编制", "在岗"),
    (3, "王五", "男", ID_B, "青山县水利局", "行政编制", "在岗", "410421000002"),
]


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def count(db: Path, table: str) -> int:
    with Store(db, operator="测试员") as store:
        return store.count(table)


def test_all_rows_imported_exit_0(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    code, out, _ = run(db, "import", str(xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *GOOD])))
    assert code == 0
    assert "新增 1" in out and "批次 1" in out
    assert count(db, "officers") == 1
    assert not list(tmp_path.glob("*.errors.xlsx"))


def test_rejected_rows_exit_1_and_json_lines(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    roster = xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *BAD_ROWS])
    advisers = csv_file(tmp_path / "顾问.csv", [("姓名", "类别", "服务单位", "聘期起", "聘期止"),
                                               ("赵六", "公职律师", "青山县水利局", "2025-01-01", "2026-12-31")])  # fmt: skip
    code, out, _ = run(db, "import", "--json", str(roster), str(advisers))
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first == {
        "file": str(roster), "kind": "officers", "batch": 1, "rows": 3, "inserted": 1, "updated": 0,
        "unchanged": 0, "skipped": 0, "dry_run": False,
        "rejected": [
            {"row": 3, "column": "身份证号码", "value": "410402199904259740",
             "message": "身份证号校验位错误: 末位应为 7，实际为 0，请核对号码"},
            {"row": 4, "column": "发证日期", "value": "", "message": "有证件号码但缺少发证日期"},
        ],
    }  # fmt: skip
    assert (second["kind"], second["batch"], second["inserted"]) == ("advisers", 2, 1)


def test_error_workbook_beside_the_source_then_fixed_and_imported_again(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    roster = xlsx(tmp_path / "名册.xlsx", [("青山县执法人员名册",), ROSTER_HEADER, *BAD_ROWS])
    code, out, _ = run(db, "import", str(roster))
    assert code == 1
    errors = tmp_path / "名册.xlsx.errors.xlsx"
    assert f"错误行已写入 {errors}" in out
    ws = load_workbook(errors).active
    header = [c.value for c in ws[1]]
    assert header == [*ROSTER_HEADER, "错误说明", "原行号"]
    assert [ws.cell(r, 2).value for r in (2, 3)] == ["李四", "王五"]
    assert ws.cell(2, 11).value == "身份证号码: 身份证号校验位错误: 末位应为 7，实际为 0，请核对号码"
    assert ws.cell(2, 12).value == 4
    assert ws.cell(2, 4).fill.fgColor.rgb.endswith("FFC7CE")  # the bad cell is highlighted
    assert ws.cell(2, 2).fill.fgColor.rgb != ws.cell(2, 4).fill.fgColor.rgb
    assert ws.cell(3, 9).fill.fgColor.rgb.endswith("FFC7CE")  # 发证日期 of 王五
    ws.cell(2, 4).value = "411081196905032588"
    ws.cell(3, 9).value = "2022-02-02"
    fixed = tmp_path / "改正.xlsx"
    ws.parent.save(fixed)
    code, out, _ = run(db, "import", str(fixed))
    assert code == 0, out
    assert "新增 2" in out and "未导入的列: 序号、性别、错误说明、原行号" in out
    assert count(db, "officers") == 3


def test_errors_option_names_the_workbook(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    out_path = tmp_path / "out" / "错误.xlsx"
    code, _, _ = run(
        db, "import", "--errors", str(out_path), str(xlsx(tmp_path / "a.xlsx", [ROSTER_HEADER, *BAD_ROWS]))
    )
    assert code == 1
    assert out_path.exists()
    assert not (tmp_path / "a.xlsx.errors.xlsx").exists()


def test_dry_run_reports_exactly_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    roster = xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *BAD_ROWS])
    code, out, _ = run(db, "import", "--dry-run", "--json", str(roster))
    assert code == 1
    dry = json.loads(out)
    assert (dry["dry_run"], dry["batch"], dry["inserted"], len(dry["rejected"])) == (True, None, 1, 2)
    assert count(db, "officers") == count(db, "batches") == count(db, "units") == 0
    assert not (tmp_path / "名册.xlsx.errors.xlsx").exists()
    code, out, _ = run(db, "import", "--json", str(roster))
    real = json.loads(out)
    assert {k: v for k, v in real.items() if k not in ("dry_run", "batch")} == {
        k: v for k, v in dry.items() if k not in ("dry_run", "batch")
    }


def test_strict_imports_nothing_when_a_row_is_rejected(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    code, out, _ = run(
        db, "import", "--strict", "--json", str(xlsx(tmp_path / "a.xlsx", [ROSTER_HEADER, *BAD_ROWS]))
    )
    assert code == 1
    result = json.loads(out)
    assert (result["batch"], result["inserted"], len(result["rejected"])) == (None, 0, 2)
    assert count(db, "officers") == count(db, "batches") == 0
    code, _, _ = run(db, "import", "--strict", str(xlsx(tmp_path / "b.xlsx", [ROSTER_HEADER, *GOOD])))
    assert code == 0
    assert count(db, "officers") == 1


@pytest.mark.parametrize("case", ["csv_renamed", "empty", "truncated", "encrypted", "no_headers"])
def test_unreadable_files_exit_2_one_line_and_the_register_untouched(
    tmp_path: Path, data_dir: Path, case: str
) -> None:
    db = tmp_path / "r.db"
    with Store(db, operator="测试员") as store:
        import_file(store, data_dir / "青山县行政执法人员花名册.xlsx")
        before = (store.count("officers"), store.count("batches"), store.count("audit"))
    path = tmp_path / f"{case}.xlsx"
    if case == "csv_renamed":
        shutil.copyfile(data_dir / "法律顾问名册.csv", path)
    elif case == "empty":
        xlsx(path, [])
    elif case == "truncated":
        whole = (data_dir / "2025年度考核结果.xlsx").read_bytes()
        path.write_bytes(whole[:-500])
    elif case == "encrypted":
        from msoffcrypto.format.ooxml import OOXMLFile

        with (data_dir / "2025年度考核结果.xlsx").open("rb") as plain, path.open("wb") as out:
            OOXMLFile(plain).encrypt("密码", out)
    else:
        xlsx(path, [("项目", "金额"), ("办公用品", 300)])
    code, out, err = run(db, "import", str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and path.name in err
    assert "Traceback" not in err
    with Store(db, operator="测试员") as store:
        assert (store.count("officers"), store.count("batches"), store.count("audit")) == before


def test_unreadable_file_among_several_others_still_imported(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    bad = tmp_path / "坏.xlsx"
    bad.write_text("not a workbook")
    good = xlsx(tmp_path / "好.xlsx", [ROSTER_HEADER, *GOOD])
    code, out, err = run(db, "import", "--json", str(bad), str(good))
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["inserted"] == 1  # what cannot be read comes after what can
    assert lines[1]["file"] == str(bad) and "坏.xlsx" in lines[1]["error"]
