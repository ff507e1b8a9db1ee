"""Finding the header row as sheets really arrive, mapping columns through the synonyms, telling kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawtrain.importing.templates import TEMPLATE_FILES
from lawtrain.reading import HEADER_SYNONYMS, UnreadableFile, kind_named, open_table
from tests.spreadsheets import ID_A, csv_file, xlsx

IMPORTS = Path(__file__).parent.parent / "imports"


def test_title_and_reporting_unit_rows_are_skipped(tmp_path: Path) -> None:
    rows = [
        ("青山县行政执法人员信息登记表", None, None, None),
        ("填报单位(盖章):青山县水利局", None, None, "填报日期:2025年12月20日"),
        ("序号", "姓名", "身份证号码", "工作单位"),
        (1, "张三", ID_A, "青山县水利局"),
    ]
    table = open_table(xlsx(tmp_path / "名册.xlsx", rows, merges=["A1:D1", "A2:C2"]))
    assert table.header_row == 3
    assert [n for n, _ in table.rows()] == [4]
    assert table.headers() == {"序号": None, "姓名": "name", "身份证号码": "id_number", "工作单位": "unit"}


def test_two_row_header_with_a_merged_group_cell(tmp_path: Path) -> None:
    rows = [
        ("青山县行政执法人员花名册",),
        ("序号", "姓名", "身份证号码", "工作单位", "证件信息", None, None, "联系电话"),
        (None, None, None, None, "证件号码", "发证日期", "有效期至", None),
        (1, "张三", ID_A, "青山县水利局", "410421000001", "2021-01-09", "2026-01-08", "13900000000"),
    ]
    merges = ["A1:H1", "E2:G2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "H2:H3"]
    table = open_table(xlsx(tmp_path / "两行表头.xlsx", rows, merges=merges))
    assert table.kind.key == "officers"
    assert table.header_row == 2
    assert table.headers() == {
        "序号": None, "姓名": "name", "身份证号码": "id_number", "工作单位": "unit", "证件号码": "cert_number",
        "发证日期": "cert_issued", "有效期至": "cert_expires", "联系电话": "phone",
    }  # fmt: skip
    assert [n for n, _ in table.rows()] == [4]


@pytest.mark.parametrize(
    ("headers", "fields"),
    [
        (("参训人员", "公民身份号码", "培训班名称", "培训学时", "培训时间", "培训类型"),
         ["name", "id_number", "course", "hours", "date", "category"]),
        (("姓名", "身份证号", "课程名称", "学时", "完成时间", "课程类别"),
         ["name", "id_number", "course", "hours", "date", "category"]),
        (("姓名", "身份证号", "培训名称", "获得学时", "培训日期", "类别"),
         ["name", "id_number", "course", "hours", "date", "category"]),
        (("姓名", "身份证号码", "考试科目", "考试日期", "分数", "考试名称"),
         ["name", "id_number", "part", "date", "score", "exam_name"]),
        (("姓名", "身份证号码", "年度", "考核结果"), ["name", "id_number", "year", "grade"]),
        (("姓名", "顾问类别", "律师执业证号", "律师事务所", "顾问单位", "聘期开始", "聘期结束"),
         ["name", "kind", "licence", "firm", "unit", "term_start", "term_end"]),
        (("姓 名", "身份证号码*", "所在单位(必填)", "编制类型", "在岗状态", "执法证件号码", "证件有效期"),
         ["name", "id_number", "unit", "staffing", "status", "cert_number", "cert_expires"]),
    ],
)  # fmt: skip
def test_header_synonyms_of_the_domain(tmp_path: Path, headers: tuple, fields: list) -> None:
    table = open_table(csv_file(tmp_path / "x.csv", [headers]))
    assert list(table.headers().values()) == fields


def test_unknown_columns_and_sequence_are_ignored_and_reported(tmp_path: Path) -> None:
    table = open_table(
        csv_file(tmp_path / "x.csv", [("序号", "姓名", "性别", "身份证号码", "工作单位", "爱好")])
    )
    assert table.ignored == ["序号", "性别", "爱好"]


def test_settings_add_header_names(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "x.csv", [("姓名", "证件号", "单位")])
    with pytest.raises(UnreadableFile):
        open_table(path)
    table = open_table(path, synonyms={"id_number": ["证件号"]})
    assert table.kind.key == "officers"
    with pytest.raises(UnreadableFile, match="字段“idnumber”不存在"):
        open_table(path, synonyms={"idnumber": ["证件号"]})


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (("姓名", "身份证号码", "工作单位", "执法证号", "发证日期"), "officers"),
        (("身份证号码", "证件号码", "发证日期", "有效期至"), "certificates"),
        (("姓名", "身份证号码", "工作单位", "课程名称", "学时", "培训日期"), "training"),
        (("姓名", "身份证号码", "考试名称", "考试科目", "考试日期", "成绩"), "exams"),
        (("姓名", "身份证号码", "单位", "考核年度", "考核等次"), "appraisals"),
        (("姓名", "类别", "服务单位", "聘期起", "聘期止"), "advisers"),
    ],
)
def test_kind_detected_from_headers(tmp_path: Path, headers: tuple, kind: str) -> None:
    assert open_table(csv_file(tmp_path / "x.csv", [headers])).kind.key == kind


def test_kind_can_be_named_in_chinese_or_english() -> None:
    assert kind_named("培训").key == "training"
    assert kind_named("花名册").key == "officers"
    assert kind_named("advisers").key == "advisers"
    with pytest.raises(UnreadableFile, match="未知的数据类别"):
        kind_named("工资")


def test_every_synonym_is_listed_once() -> None:
    names = [name for names in HEADER_SYNONYMS.values() for name in names]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("kind", sorted(TEMPLATE_FILES))
def test_each_template_is_recognised_as_its_kind(kind: str) -> None:
    table = open_table(IMPORTS / TEMPLATE_FILES[kind])
    assert table.kind.key == kind
    assert table.header_row == 1
    assert table.ignored == ["序号"]


def test_sample_files_are_recognised(data_dir: Path) -> None:
    found = {
        path.name: (open_table(path).kind.key, open_table(path).header_row)
        for path in sorted(data_dir.iterdir())
        if path.suffix in (".xlsx", ".xls", ".csv")
    }
    assert found == {
        "青山县行政执法人员花名册.xlsx": ("officers", 3),
        "2025年网络培训学时导出.xlsx": ("training", 2),
        "线下培训登记表.xlsx": ("training", 1),
        "2025年执法资格考试成绩.xls": ("exams", 1),
        "2025年度考核结果.xlsx": ("appraisals", 1),
        "法律顾问名册.csv": ("advisers", 1),
    }
