"""Reading every file format clerks send, and refusing what cannot be read with one clear line."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from lawtrain.reading import UnreadableFile, decode_csv, open_table, open_workbook
from lawtrain.reading.files import prefetch
from tests.spreadsheets import ID_A, ID_B, csv_file, ods, xls, xlsx

HEADER = ("姓名", "身份证号码", "工作单位")
ROWS = [HEADER, ("张三", ID_A, "青山县水利局"), ("李四", ID_B, "青山县林业局")]


def _data(path: Path) -> list[tuple[int, list]]:
    table = open_table(path)
    return [(number, [str(c) for c in cells[:3]]) for number, cells in table.rows()]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_clerks_use(tmp_path: Path, encoding: str) -> None:
    path = csv_file(tmp_path / "名册.csv", ROWS, encoding)
    table = open_table(path)
    assert table.kind.key == "officers"
    assert _data(path) == [(2, ["张三", ID_A, "青山县水利局"]), (3, ["李四", ID_B, "青山县林业局"])]


def test_decode_csv_prefers_utf8_then_gbk() -> None:
    assert decode_csv("身份证号".encode()) == "身份证号"
    assert decode_csv("\ufeff身份证号".encode()) == "身份证号"
    assert decode_csv("聘期止".encode("gbk")) == "聘期止"


def test_xls_from_excel_97_2003(tmp_path: Path) -> None:
    path = xls(tmp_path / "名册.xls", ROWS)
    assert open_table(path).kind.key == "officers"
    assert _data(path)[1] == (3, ["李四", ID_B, "青山县林业局"])


def test_ods_from_libreoffice_or_wps(tmp_path: Path) -> None:
    path = ods(tmp_path / "名册.ods", [("青山县执法人员名册",), *ROWS])
    table = open_table(path)
    assert (table.kind.key, table.header_row) == ("officers", 2)
    assert _data(path) == [(3, ["张三", ID_A, "青山县水利局"]), (4, ["李四", ID_B, "青山县林业局"])]


def test_row_numbers_are_those_excel_shows_even_after_blank_top_rows(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    for offset, row in enumerate(ROWS):
        for col, value in enumerate(row, start=2):  # starts in column B, row 4
            ws.cell(4 + offset, col, value)
    wb.save(tmp_path / "偏移.xlsx")
    table = open_table(tmp_path / "偏移.xlsx")
    assert table.header_row == 4
    assert [number for number, _ in table.rows()] == [5, 6]


def test_date_cells_arrive_as_dates(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "d.xlsx", [("a", "b"), (datetime(2025, 3, 15), 1)])
    rows = list(open_workbook(path).sheet("Sheet1").rows())
    assert rows[1][1][0] in (date(2025, 3, 15), datetime(2025, 3, 15))


def _encrypted(path: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO()
    wb = Workbook()
    wb.active.append(list(HEADER))
    wb.save(plain)
    plain.seek(0)
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt("密码123", out)
    return path


def _truncated(path: Path) -> Path:
    whole = xlsx(path.with_name("whole.xlsx"), ROWS).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _empty_workbook(path: Path) -> Path:
    Workbook().save(path)
    return path


BAD_FILES = {
    "csv_renamed": (lambda p: csv_file(p, ROWS), "名册.xlsx", "纯文本"),
    "empty_workbook": (_empty_workbook, "空.xlsx", "没有任何数据"),
    "truncated": (_truncated, "截断.xlsx", "不完整或已损坏"),
    "encrypted": (_encrypted, "加密.xlsx", "已加密"),
    "no_known_headers": (
        lambda p: xlsx(p, [("甲", "乙", "丙"), (1, 2, 3)]),
        "无表头.xlsx",
        "没有找到已知的表头",
    ),
    "zero_bytes": (lambda p: p.write_bytes(b"") and p, "零.csv", "0 字节"),
    "not_a_spreadsheet": (
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)) and p,
        "图.xlsx",
        "不是电子表格",
    ),
    "unsupported_type": (lambda p: p.write_text("x") and p, "名册.docx", "不支持的文件类型"),
    "missing_file": (lambda p: p, "不存在.xlsx", "文件不存在"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_give_one_clear_line(tmp_path: Path, case: str) -> None:
    make, name, words = BAD_FILES[case]
    path = tmp_path / name
    make(path)
    with pytest.raises(UnreadableFile) as caught:
        open_table(path)
    message = str(caught.value)
    assert words in message
    assert name in message
    assert "\n" not in message


def test_a_required_column_missing_is_named(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "学时.xlsx", [("姓名", "身份证号码", "学时"), ("张三", ID_A, 4)])
    with pytest.raises(UnreadableFile, match="缺少必需的列: 课程名称、培训日期"):
        open_table(path)


def test_sheet_chosen_by_name_and_unknown_sheet_named(tmp_path: Path) -> None:
    training = [
        ("姓名", "身份证号码", "课程名称", "学时", "培训日期"),
        ("张三", ID_A, "行政处罚法", 4, "2025-03-01"),
    ]
    path = xlsx(tmp_path / "多表.xlsx", ROWS, extra_sheets={"学时": training})
    assert open_table(path).kind.key == "officers"
    assert open_table(path, sheet="学时").kind.key == "training"
    with pytest.raises(UnreadableFile, match="没有名为“考核”的工作表，现有: Sheet1、学时"):
        open_table(path, sheet="考核")


def test_first_sheet_with_recognisable_headers_is_used(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "封面.xlsx", ROWS, sheet="名册", first=[("青山县执法人员信息",), ("请各单位于月底前报送",)]
    )
    table = open_table(path)
    assert (table.sheet, table.kind.key) == ("名册", "officers")


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_file_read_ahead_is_refused_the_same_way(tmp_path: Path, case: str) -> None:
    """The command line starts reading the first sheet before the import opens the file (prefetch):
    what the import then reports is the same, however the reading ahead went."""
    make, name, words = BAD_FILES[case]
    path = tmp_path / name
    make(path)
    prefetch(path)
    with pytest.raises(UnreadableFile) as caught:
        open_table(path)
    assert words in str(caught.value)


def test_a_sheet_read_ahead_is_the_one_read(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "名册.xlsx", ROWS, first=[("填表说明",), ("请从第二个工作表填写",)])
    expected = _data(path)
    prefetch(path)  # the first sheet (the notes) is read ahead; the table is on the second
    assert _data(path) == expected
    prefetch(path)
    prefetch(path)  # read ahead twice: the later one is taken, the file read the same
    assert _data(path) == expected
    assert expected == [(2, ["张三", ID_A, "青山县水利局"]), (3, ["李四", ID_B, "青山县林业局"])]
