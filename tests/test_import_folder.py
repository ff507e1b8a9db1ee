"""`lawtrain import DIR` and `lawtrain import FILE FILE…` as the clerk runs them: every spreadsheet of
a county, whatever the files are called, imported in dependency order (the roster first), each file
its own batch, one summary; blank templates and earlier error workbooks left out; a dry run judges
later files as if the earlier ones were in and keeps nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.cli.main import cli
from lawtrain.importing.templates import write_template, write_templates
from lawtrain.store import Store

from .conftest import SAMPLE_FILES
from .spreadsheets import ID_A, ROSTER_HEADER, xlsx

# The order the register needs, whatever the order of the names (sorted by name, the roster is last).
IN_ORDER = (
    "青山县行政执法人员花名册.xlsx",
    "2025年执法资格考试成绩.xls",
    "2025年度考核结果.xlsx",
    "2025年网络培训学时导出.xlsx",
    "线下培训登记表.xlsx",
    "法律顾问名册.csv",
)
KINDS = ("officers", "exams", "appraisals", "training", "training", "advisers")


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def county_folder(tmp_path: Path, data_dir: Path) -> Path:
    """A folder as the clerk fills it: the six sample files beside the five blank templates."""
    folder = tmp_path / "imports"
    write_templates(folder)
    for name in SAMPLE_FILES:
        shutil.copy(data_dir / name, folder / name)
    assert sorted(p.name for p in folder.iterdir())[-1] == IN_ORDER[0]  # by name the roster comes last
    return folder


def counts(db: Path) -> dict[str, int]:
    with Store(db, operator="测试员") as store:
        return {
            t: store.count(t) for t in ("officers", "training", "exams", "appraisals", "advisers", "batches")
        }


def test_a_folder_imports_in_dependency_order_whatever_the_names(tmp_path, data_dir, expected):
    db = tmp_path / "r.db"
    folder = county_folder(tmp_path, data_dir)
    code, out, _ = run(db, "import", "--json", str(folder))
    assert code == 1  # the roster and the online export have rejected rows
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(line["file"]).name for line in lines] == list(IN_ORDER)
    assert [line["kind"] for line in lines] == list(KINDS)
    assert [line["batch"] for line in lines] == [1, 2, 3, 4, 5, 6]  # one batch each; no template imported
    for line in lines:
        rejected = sorted({r["row"] for r in line["rejected"]})
        assert rejected == expected["rejected_rows"][Path(line["file"]).name]
    assert counts(db)["officers"] == expected["officer_count"]
    assert counts(db)["batches"] == 6
    assert sorted(p.name for p in folder.glob("*.errors.xlsx")) == [
        "2025年网络培训学时导出.xlsx.errors.xlsx", "青山县行政执法人员花名册.xlsx.errors.xlsx",
    ]  # fmt: skip


def test_files_given_in_any_order_are_imported_in_dependency_order_with_one_summary(
    tmp_path, data_dir, expected
):
    db = tmp_path / "r.db"
    for name in SAMPLE_FILES:
        shutil.copy(data_dir / name, tmp_path / name)
    given = [str(tmp_path / name) for name in reversed(SAMPLE_FILES)]  # advisers first, roster last
    code, out, _ = run(db, "import", *given)
    assert code == 1
    reports = [line.split(" [")[0] for line in out.splitlines() if " [" in line and "批次" in line]
    assert reports == list(IN_ORDER)
    summary = out[out.index("汇总:") :].splitlines()
    assert summary[1].split() == ["文件", "类型", "数据行", "新增", "更新", "未变", "有问题"]
    assert [line.split()[0] for line in summary[3:9]] == list(IN_ORDER)
    roster = summary[3].split()
    assert roster[1] == "执法人员花名册" and roster[-1] == str(len(expected["rejected_rows"][IN_ORDER[0]]))
    assert summary[9].startswith("合计 6 个文件")
    assert counts(db)["officers"] == expected["officer_count"]


def test_a_dry_run_of_a_folder_judges_later_files_as_if_the_earlier_were_in_and_keeps_nothing(
    tmp_path, data_dir, expected
):
    db = tmp_path / "r.db"
    folder = county_folder(tmp_path, data_dir)
    code, out, _ = run(db, "import", "--dry-run", "--json", str(folder))
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert all(line["dry_run"] and line["batch"] is None for line in lines)
    for line in lines:  # training rows about the officers of the roster are not "not in the register"
        rejected = sorted({r["row"] for r in line["rejected"]})
        assert rejected == expected["rejected_rows"][Path(line["file"]).name]
    training = next(line for line in lines if Path(line["file"]).name == "线下培训登记表.xlsx")
    assert training["inserted"] > 800
    assert counts(db) == dict.fromkeys(
        ("officers", "training", "exams", "appraisals", "advisers", "batches"), 0
    )
    assert not list(folder.glob("*.errors.xlsx"))

    code, out, _ = run(db, "import", "--json", str(folder))  # the real import does what the dry run said
    real = [json.loads(line) for line in out.splitlines()]
    keys = ("file", "kind", "rows", "inserted", "updated", "unchanged", "skipped", "rejected")
    assert [{k: r[k] for k in keys} for r in real] == [{k: d[k] for k in keys} for d in lines]


def test_blank_templates_are_known_by_their_content_not_their_name(tmp_path):
    db = tmp_path / "r.db"
    folder = tmp_path / "imports"
    write_template("training", folder / "2025年学时.xlsx")  # blank, however it is called
    filled = write_template("officers", folder / "执法人员花名册模板.xlsx")  # the template, filled in
    workbook = load_workbook(filled)
    sheet = workbook.active
    sheet.append([1, "张三", ID_A, "青山县水利局", "科员", "行政编制", "在岗"])
    workbook.save(filled)
    code, out, _ = run(db, "import", str(folder))
    assert code == 0, out
    assert "跳过 1 个空白表格 (只有表头，如导入模板): 2025年学时.xlsx" in out
    assert "执法人员花名册模板.xlsx [执法人员花名册" in out
    assert counts(db)["officers"] == 1 and counts(db)["batches"] == 1


def test_an_earlier_error_workbook_is_left_out_of_the_folder_but_imports_on_its_own(tmp_path):
    db = tmp_path / "r.db"
    folder = tmp_path / "imports"
    folder.mkdir()
    xlsx(folder / "名册.xlsx", [ROSTER_HEADER, (1, "张三", "男", ID_A, "青山县水利局", "行政编制", "在岗"),
                                (2, "李四", "女", "410402199904259740", "青山县水利局", "行政编制", "在岗")])  # fmt: skip
    assert run(db, "import", str(folder))[0] == 1
    assert (folder / "名册.xlsx.errors.xlsx").exists()
    code, out, _ = run(db, "import", str(folder))
    assert code == 1  # the same bad row again, in 名册.xlsx
    assert "跳过 1 个以前导入留下的错误清单 (改正后请单独导入): 名册.xlsx.errors.xlsx" in out
    assert "名册.xlsx.errors.xlsx [" not in out


def test_the_worst_file_gives_the_exit_status_and_the_others_are_imported(tmp_path):
    db = tmp_path / "r.db"
    folder = tmp_path / "imports"
    folder.mkdir()
    xlsx(folder / "名册.xlsx", [ROSTER_HEADER, (1, "张三", "男", ID_A, "青山县水利局", "行政编制", "在岗")])
    (folder / "坏.xlsx").write_bytes(b"not a workbook")
    code, out, err = run(db, "import", str(folder))
    assert code == 2
    assert "坏.xlsx" in err
    summary = out[out.index("汇总:") :].splitlines()
    assert summary[3].split()[:2] == ["名册.xlsx", "执法人员花名册"]
    assert summary[4].split() == ["坏.xlsx", "无法读取"]
    assert counts(db)["officers"] == 1


def test_a_register_that_cannot_be_written_stops_the_run_with_exit_3(tmp_path, data_dir):
    db = tmp_path / "r.db"
    folder = tmp_path / "imports"
    folder.mkdir()
    for name in ("青山县行政执法人员花名册.xlsx", "线下培训登记表.xlsx", "法律顾问名册.csv"):
        shutil.copy(data_dir / name, folder / name)
    with Store(db, operator="测试员") as store:  # the register refuses training records, as a full disk would
        store.db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON training BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    code, out, err = run(db, "import", str(folder))
    assert code == 3
    assert err.strip().endswith("磁盘已满。请清理磁盘空间后重试；登记簿没有任何改动。")
    assert "法律顾问名册.csv [" not in out  # the files after it were not tried
    assert counts(db)["officers"] > 0 and counts(db)["training"] == 0 and counts(db)["advisers"] == 0
    assert counts(db)["batches"] == 1


def test_a_folder_without_spreadsheets_is_refused(tmp_path):
    db = tmp_path / "r.db"
    folder = tmp_path / "imports"
    folder.mkdir()
    (folder / "README.md").write_text("说明")
    code, _, err = run(db, "import", str(folder))
    assert code == 2 and "没有表格文件" in err
    write_templates(folder)
    code, out, err = run(db, "import", str(folder))
    assert code == 2 and "没有可导入的表格" in err and "跳过 5 个空白表格" in out
    assert counts(db)["batches"] == 0


def test_a_folder_holds_its_spreadsheets_not_excel_lock_files_hidden_files_or_notes(tmp_path):
    from lawtrain.importing.several import spreadsheets_in

    folder = tmp_path / "imports"
    (folder / "子文件夹.xlsx").mkdir(parents=True)
    for name in (
        "名册.xlsx",
        "旧表.XLS",
        "顾问.csv",
        "学时.ods",
        "~$名册.xlsx",
        ".名册.xlsx",
        "说明.md",
        "备注.txt",
    ):
        (folder / name).write_bytes(b"x")
    assert [p.name for p in spreadsheets_in(folder)] == sorted(
        ["名册.xlsx", "旧表.XLS", "顾问.csv", "学时.ods"]
    )
