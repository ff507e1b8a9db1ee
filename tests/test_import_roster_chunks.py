"""A roster written chunk by chunk (rows prepared while validating, units looked up once per import)
stores and reports exactly what one chunk does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lawtrain import idcard
from lawtrain.importing import import_file
from lawtrain.settings import Settings
from lawtrain.store import Store
from tests.spreadsheets import ID_A, ID_B, ID_C, ID_D, xlsx

TODAY = date(2025, 12, 31)
HEADER = ("姓名", "身份证号码", "工作单位", "人员状态", "执法证号", "发证日期", "有效期至", "证件状态")


def _snapshot(store: Store) -> tuple:
    officers = store.db.execute(
        "SELECT o.id_number, o.name, o.sex, o.birth_date, o.initials, u.name, o.status, o.batch_id "
        "FROM officers o JOIN units u ON u.id = o.unit_id ORDER BY o.id_number"
    ).fetchall()
    certificates = store.db.execute(
        "SELECT c.number, o.id_number, c.issued, c.expires, c.status FROM certificates c "
        "JOIN officers o ON o.id = c.officer_id ORDER BY c.number"
    ).fetchall()
    events = store.db.execute(
        "SELECT c.number, e.from_status, e.to_status, e.reason FROM certificate_events e "
        "JOIN certificates c ON c.id = e.certificate_id ORDER BY c.number, e.id"
    ).fetchall()
    audit = store.db.execute(
        "SELECT table_name, action, COUNT(*) FROM audit GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    return officers, certificates, events, audit


def _import_twice(tmp_path: Path, name: str) -> tuple:
    first = xlsx(
        tmp_path / "名册一.xlsx",
        [HEADER, ("张三", ID_A, "青山县水利局", "在岗", "41040001", "2024-01-02", "", "有效")],
    )
    second = xlsx(
        tmp_path / "名册二.xlsx",
        [
            HEADER,
            ("李四", ID_B, "青山县新设局", "在岗", "41040002", "2024-02-03", "", ""),
            ("张三", ID_A, "青山县水利局", "", "41040001", "2024-01-02", "", "暂扣"),  # stored: status change
            ("王五", ID_C, "第二镇人民政府", "在岗", "41040002", "2024-02-03", "", "有效"),  # number taken
            ("赵六", ID_D, "青山县新设局", "调离", "", "", "", ""),
        ],
    )
    with Store(tmp_path / f"{name}.db", settings=Settings(), operator="测试员") as store:
        import_file(store, first, today=TODAY)
        result = import_file(store, second, today=TODAY)
        rejected = [(r.row, r.column, r.message) for r in result.rejected]
        return (result.inserted, result.updated, result.unchanged, rejected), _snapshot(store)


def test_a_roster_in_chunks_of_two_rows_stores_what_one_chunk_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _import_twice(tmp_path, "whole")
    monkeypatch.setattr("lawtrain.importing.run.CHUNK", 2)
    chunked = _import_twice(tmp_path, "chunked")
    assert chunked == whole
    counts, (officers, certificates, events, _audit) = whole
    assert counts[:3] == (2, 1, 0)
    assert [(row, column) for row, column, _ in counts[3]] == [(4, "执法证号")]
    assert "已登记在身份证号" in counts[3][0][2]
    assert [o[0] for o in officers] == sorted([ID_A, ID_B, ID_D])
    assert {o[0]: o[5] for o in officers}[ID_D] == "青山县新设局"
    assert certificates == [
        ("41040001", ID_A, "2024-01-02", "2029-01-01", "暂扣"),
        ("41040002", ID_B, "2024-02-03", "2029-02-02", "有效"),
    ]
    assert [e[1:] for e in events if e[0] == "41040001"] == [
        (None, "有效", "导入建档"),
        ("有效", "暂扣", "导入时证件状态变更"),
    ]


def test_check_char_agrees_with_the_digit_by_digit_sum() -> None:
    for body in ("11010519491231002", "41040219801004703", "００００００００００００００００１"):
        digits = [int(char) for char in body]
        expected = idcard.CHECK_CHARS[sum(d * w for d, w in zip(digits, idcard.WEIGHTS, strict=True)) % 11]
        assert idcard.check_char(body) == expected


def test_a_first_roster_in_chunks_refuses_a_number_given_twice_like_one_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into an empty register nothing is looked up but the certificate numbers the import wrote
    itself: a number given again in a later chunk is still refused, naming its holder."""
    sheet = xlsx(
        tmp_path / "名册.xlsx",
        [
            HEADER,
            ("张三", ID_A, "青山县水利局", "在岗", "41040001", "2024-01-02", "", "有效"),
            ("李四", ID_B, "青山县水利局", "在岗", "41040002", "2024-01-02", "", "有效"),
            ("王五", ID_C, "青山县水利局", "在岗", "41040001", "2024-01-02", "", "有效"),  # A's number
            ("赵六", ID_D, "青山县水利局", "在岗", "41040004", "2024-01-02", "", "有效"),
        ],
    )

    def first_import(name: str) -> tuple:
        with Store(tmp_path / f"{name}.db", settings=Settings(), operator="测试员") as store:
            result = import_file(store, sheet, today=TODAY)
            rejected = [(r.row, r.column, r.message) for r in result.rejected]
            return (result.inserted, result.updated, result.unchanged, rejected), _snapshot(store)

    whole = first_import("whole")
    monkeypatch.setattr("lawtrain.importing.run.CHUNK", 2)
    chunked = first_import("chunked")
    assert chunked == whole
    assert whole[0][:3] == (3, 0, 0)
    assert whole[0][3] == [(4, "执法证号", f"证件号码 41040001 已登记在身份证号 {ID_A} 的人员名下")]
