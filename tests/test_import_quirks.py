"""Every quirk of spreadsheets as they really arrive, imported through import_file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from lawtrain.importing import import_file
from lawtrain.store import Store
from tests.spreadsheets import ID_A, ID_B, ID_C, ID_D, ROSTER_HEADER, csv_file, xls, xlsx

TODAY = date(2025, 12, 31)


def _officer(store: Store, number: str) -> dict:
    cursor = store.db.execute(
        "SELECT o.*, u.name AS unit FROM officers o JOIN units u ON u.id = o.unit_id WHERE id_number = ?",
        [number],
    )
    names = [d[0] for d in cursor.description]
    row = cursor.fetchone()
    return dict(zip(names, row, strict=True)) if row else {}


def _roster(store: Store, tmp_path: Path, rows: list, name: str = "名册.xlsx") -> object:
    return import_file(store, xlsx(tmp_path / name, [ROSTER_HEADER, *rows]), today=TODAY)


def test_padded_names_full_width_and_lower_case_ids_and_15_digits(store: Store, tmp_path: Path) -> None:
    full_width = ID_B.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    result = _roster(store, tmp_path, [
        (1, "张  三", "女", ID_A, "青山县水利局", "行政编制", "在职"),
        (2, "阿依古丽•买买提", "男", full_width, "青山县水利局", "参照公务员法管理事业编制", "在岗"),
        (3, "李\u3000四", "男", ID_C.lower(), "青山县林业局", "劳动合同工", "调出"),
        (4, "王五", "女", "410402790702832", "青山县林业局", "事业编制", "在岗"),
    ])  # fmt: skip
    assert result.rejected == []
    assert result.inserted == 4
    a, b, c = _officer(store, ID_A), _officer(store, ID_B), _officer(store, ID_C)
    assert (a["name"], a["sex"], a["birth_date"], a["status"], a["initials"]) == (
        "张三",
        "男",
        "1980-10-04",
        "在岗",
        "zs",
    )
    assert (b["name"], b["staffing"]) == ("阿依古丽·买买提", "参公事业编制")
    assert (c["name"], c["status"], c["staffing"]) == ("李四", "调离", "合同工")
    assert _officer(store, "410402197907028320")["birth_date"] == "1979-07-02"


def test_every_date_form_of_the_domain(store: Store, tmp_path: Path) -> None:
    forms = [
        datetime(2021, 3, 15),
        44270,
        "2021-03-15",
        "2021-3-15",
        "2021/03/15",
        "2021.3.15",
        "2021年3月15日",
        "20210315",
    ]
    numbers = ["410402198010047038", "410402199904259747", "41042519720718743X", "411081196905032588",
               "410422198504212203", "410423196606094970", "410425197011087250", "410425197205050907"]  # fmt: skip
    rows = [(i, f"人{i}", "", n, "青山县水利局", "行政编制", "在岗", f"41042100000{i}", d) for i, (n, d) in enumerate(zip(numbers, forms, strict=True))]  # fmt: skip
    result = _roster(store, tmp_path, rows)
    assert result.rejected == []
    issued = {r[0] for r in store.db.execute("SELECT issued FROM certificates")}
    expires = {r[0] for r in store.db.execute("SELECT expires FROM certificates")}
    assert issued == {"2021-03-15"}
    assert expires == {"2026-03-14"}  # five years, from settings


def test_blank_total_and_note_rows_are_skipped_not_rejected(store: Store, tmp_path: Path) -> None:
    result = _roster(store, tmp_path, [
        (1, "张三", "男", ID_A, "青山县水利局"),
        (None, None, None, None, None),
        (2, "李四", "女", ID_B, "青山县水利局"),
        (3,),
        ("合计", "2人"),
        ("填表说明: 1. 身份证号码请填18位", None),
        ("注：人员性质按编制填写",),
    ])  # fmt: skip
    assert (result.rows, result.inserted, result.skipped, result.rejected) == (2, 2, 5, [])


def test_sex_column_that_disagrees_with_the_id_is_ignored(store: Store, tmp_path: Path) -> None:
    result = _roster(
        store, tmp_path, [(1, "张三", "女", ID_A, "青山县水利局"), (2, "李四", "男", ID_B, "青山县水利局")]
    )
    assert result.rejected == []
    assert "性别" in result.ignored_columns
    assert (_officer(store, ID_A)["sex"], _officer(store, ID_B)["sex"]) == ("男", "女")


def test_duplicates_in_one_file(store: Store, tmp_path: Path) -> None:
    result = _roster(store, tmp_path, [
        (1, "张三", "男", ID_A, "青山县水利局"),
        (2, "张 三", "男", ID_A, "青山县水利局"),  # the same after cleaning: one officer
        (3, "张三", "男", ID_A, "青山县林业局"),  # different data: rejected, naming row 2
    ])  # fmt: skip
    assert (result.inserted, result.unchanged) == (1, 1)
    [rejection] = result.rejected
    assert (rejection.row, rejection.column, rejection.value) == (4, "身份证号码", ID_A)
    assert "第 2 行" in rejection.message
    assert _officer(store, ID_A)["unit"] == "青山县水利局"


def test_one_message_per_problem_naming_column_value_and_expectation(store: Store, tmp_path: Path) -> None:
    result = _roster(store, tmp_path, [
        (1, "", "男", "410402198010047039", "青山县水利局", "临时雇员", "出差"),
        (2, "李四", "女", 4.10402199904259e17, "青山县水利局"),
    ])  # fmt: skip
    by_column = {(r.row, r.column): r for r in result.rejected}
    assert set(by_column) == {
        (2, "姓名"),
        (2, "身份证号码"),
        (2, "人员性质"),
        (2, "人员状态"),
        (3, "身份证号码"),
    }
    assert "末位应为 8" in by_column[2, "身份证号码"].message
    assert by_column[2, "人员性质"].value == "临时雇员" and "应为" in by_column[2, "人员性质"].message
    assert "文本格式" in by_column[3, "身份证号码"].message
    assert store.count("officers") == 0


def test_training_hours_as_text_and_unknown_people(store: Store, tmp_path: Path) -> None:
    _roster(store, tmp_path, [(1, "张三", "男", ID_A, "青山县水利局")])
    rows = [
        ("2025年度网上培训学时明细",),
        ("序号", "姓名", "身份证号", "课程名称", "课程类别", "学时", "完成时间"),
        (1, "张三", ID_A, "行政处罚法", "法律法规", "4学时", "2025-03-01"),
        (2, "张三", ID_A, "民法典", "业务知识", "４.５", "2025.3.2"),
        (3, "张三", ID_A, "党史", "党性教育", 2, "2024-12-30"),
        (4, "王五", ID_B, "民法典", "业务知识", 4, "2025-03-02"),
        (5, "张三", ID_A, "行政处罚法", "法律法规", "4", "2025/03/01"),  # the same record again
    ]
    result = import_file(store, xlsx(tmp_path / "学时.xlsx", rows), today=TODAY)
    assert (result.inserted, result.unchanged, result.rejected_rows) == (3, 1, [6])
    assert "不在登记簿中" in result.rejected[0].message
    stored = store.db.execute("SELECT course, hours, year FROM training ORDER BY date").fetchall()
    assert stored == [("党史", 2.0, 2024), ("行政处罚法", 4.0, 2025), ("民法典", 4.5, 2025)]
    hours = store.db.execute("SELECT year, total, countable FROM officer_year_hours ORDER BY year").fetchall()
    assert hours == [(2024, 2.0, 0.0), (2025, 8.5, 8.5)]


def test_appraisal_year_forms_and_exam_absence(store: Store, tmp_path: Path) -> None:
    _roster(store, tmp_path, [(1, "张三", "男", ID_A, "青山县水利局"), (2, "李四", "女", ID_B, "青山县水利局"),
                              (3, "王五", "男", ID_C, "青山县水利局")])  # fmt: skip
    appraisals = [("姓名", "身份证号码", "考核年度", "考核等次"), ("张三", ID_A, 2025, "优秀"),
                  ("李四", ID_B, "2025", "合格"), ("王五", ID_C, "2025年度", "不称职")]  # fmt: skip
    assert import_file(store, xlsx(tmp_path / "考核.xlsx", appraisals)).inserted == 3
    grades = store.db.execute("SELECT year, grade FROM appraisals ORDER BY grade").fetchall()
    assert grades == [(2025, "不称职"), (2025, "优秀"), (2025, "称职")]
    exams = [("姓名", "身份证号", "考试名称", "考试科目", "考试日期", "成绩"),
             ("张三", ID_A, "2025年度考试", "通用法律知识", "2025-10-18", 88),
             ("张三", ID_A, "2025年度考试", "专门法律知识", "2025-10-18", "缺考")]  # fmt: skip
    assert import_file(store, xls(tmp_path / "成绩.xls", exams)).inserted == 2
    assert store.db.execute("SELECT part, score, absent FROM exams ORDER BY part").fetchall() == [
        ("专门", None, 1), ("通用", 88.0, 0)]  # fmt: skip


def test_gbk_adviser_roster_creates_the_units_it_serves(store: Store, tmp_path: Path) -> None:
    rows = [("姓名", "类别", "执业证号", "执业机构", "服务单位", "聘期起", "聘期止"),
            ("孙桂超", "律师", "14104201411109499", "河南青山律师事务所", "青山县新设局", "2025.01.01", "2026年12月31日")]  # fmt: skip
    result = import_file(store, csv_file(tmp_path / "顾问.csv", rows, "gbk"))
    assert result.inserted == 1
    row = store.db.execute(
        "SELECT a.kind, a.term_start, a.term_end, u.name FROM advisers a JOIN units u ON u.id = a.unit_id"
    ).fetchone()
    assert row == ("外聘律师", "2025-01-01", "2026-12-31", "青山县新设局")


def test_roster_updates_changed_fields_only_and_audits_them(store: Store, tmp_path: Path) -> None:
    _roster(
        store,
        tmp_path,
        [(1, "张三", "男", ID_A, "青山县水利局", "行政编制", "在岗", "410421000001", "2021-01-09")],
    )
    narrow = [("姓名", "身份证号码", "工作单位", "人员状态"), ("张三", ID_A, "青山县林业局", "在岗"),
              ("李四", ID_D, "青山县林业局", "在岗")]  # fmt: skip
    result = import_file(store, xlsx(tmp_path / "调整.xlsx", narrow), today=TODAY)
    assert (result.inserted, result.updated) == (1, 1)
    officer = _officer(store, ID_A)
    assert (officer["unit"], officer["staffing"], officer["batch_id"]) == (
        "青山县林业局",
        "行政编制",
        result.batch,
    )
    changes = store.db.execute(
        "SELECT action, json_extract(before, '$.unit_id') <> json_extract(after, '$.unit_id') FROM audit "
        "WHERE batch_id = ? AND table_name = 'officers' AND row_id = ?",
        [result.batch, officer["id"]],
    ).fetchall()
    assert changes == [("update", 1)]
    assert store.count("certificates") == 1  # no certificate columns: the certificate is left alone


def test_certificate_status_change_is_an_event(store: Store, tmp_path: Path) -> None:
    header = ("姓名", "身份证号码", "工作单位", "执法证号", "发证日期", "证件状态")
    import_file(
        store,
        xlsx(
            tmp_path / "a.xlsx",
            [header, ("张三", ID_A, "青山县水利局", "410421000001", "2021-01-09", "有效")],
        ),
    )
    result = import_file(
        store, xlsx(tmp_path / "b.xlsx", [header, ("张三", ID_A, "青山县水利局", "410421000001", "2021-01-09", "暂扣")]),
        today=TODAY,
    )  # fmt: skip
    assert result.updated == 1
    events = store.db.execute(
        "SELECT date, from_status, to_status FROM certificate_events ORDER BY id"
    ).fetchall()
    assert events == [("2021-01-09", None, "有效"), ("2025-12-31", "有效", "暂扣")]


def test_a_certificate_number_held_by_someone_else_is_rejected(store: Store, tmp_path: Path) -> None:
    _roster(
        store,
        tmp_path,
        [(1, "张三", "男", ID_A, "青山县水利局", "行政编制", "在岗", "410421000001", "2021-01-09")],
    )
    result = _roster(store, tmp_path, [(1, "李四", "女", ID_B, "青山县水利局", "行政编制", "在岗", "410421000001", "2022-01-09")], "b.xlsx")  # fmt: skip
    [rejection] = result.rejected
    assert (rejection.column, rejection.value) == ("执法证号", "410421000001")
    assert ID_A in rejection.message
    assert store.count("officers") == 1  # the whole row is refused, the officer included


def test_two_row_header_roster_with_certificate_group(store: Store, tmp_path: Path) -> None:
    rows = [
        ("青山县行政执法人员花名册",),
        ("填报单位(盖章):青山县司法局",),
        ("序号", "姓名", "身份证号码", "工作单位", "证件信息", None, None),
        (None, None, None, None, "执法证件号码", "发证日期", "证件有效期"),
        (1, "张三", ID_A, "青山县水利局", "410421000001", "2021.1.9", "2026年1月8日"),
        ("合计", "1人"),
    ]
    merges = ["A1:G1", "A2:G2", "E3:G3", "A3:A4", "B3:B4", "C3:C4", "D3:D4"]
    result = import_file(store, xlsx(tmp_path / "两行表头.xlsx", rows, merges=merges), today=TODAY)
    assert (result.inserted, result.skipped, result.rejected) == (1, 1, [])
    cert = store.db.execute("SELECT number, issued, expires FROM certificates").fetchone()
    assert cert == ("410421000001", "2021-01-09", "2026-01-08")


def test_a_blank_cell_keeps_what_the_register_holds(store: Store, tmp_path: Path) -> None:
    header = [
        "姓名",
        "身份证号码",
        "工作单位",
        "人员状态",
        "联系电话",
        "执法证号",
        "发证日期",
        "有效期至",
        "证件状态",
    ]
    first = [
        header,
        [
            "张三",
            ID_A,
            "青山县水利局",
            "调离",
            "13800000000",
            "410422000001",
            "2022-05-10",
            "2027-05-09",
            "暂扣",
        ],
    ]
    assert import_file(store, xlsx(tmp_path / "一.xlsx", first), today=TODAY).inserted == 1
    blanks = [header, ["张三", ID_A, "青山县水利局", "", "", "410422000001", "2022-05-10", "2027-05-09", ""]]
    result = import_file(store, xlsx(tmp_path / "二.xlsx", blanks), today=TODAY)
    assert (result.updated, result.unchanged, result.rejected) == (0, 1, [])
    officer = _officer(store, ID_A)
    assert (officer["status"], officer["phone"]) == ("调离", "13800000000")
    status = store.db.execute("SELECT status FROM certificates WHERE number = '410422000001'").fetchone()[0]
    assert status == "暂扣"
    changed = [
        header,
        ["张三", ID_A, "青山县水利局", "在岗", "", "410422000001", "2022-05-10", "2027-05-09", "有效"],
    ]
    result = import_file(store, xlsx(tmp_path / "三.xlsx", changed), today=TODAY)
    assert result.updated == 1
    assert _officer(store, ID_A)["status"] == "在岗"
    events = store.db.execute("SELECT from_status, to_status FROM certificate_events ORDER BY id").fetchall()
    assert events[-1] == ("暂扣", "有效")


def test_a_blank_training_category_keeps_the_stored_one_and_its_hours_rule(
    store: Store, tmp_path: Path
) -> None:
    _roster(store, tmp_path, [(1, "张三", "男", ID_A, "青山县水利局")])
    header = ("姓名", "身份证号", "课程名称", "课程类别", "学时", "完成时间")
    first = [header, ("张三", ID_A, "党史学习", "政治理论", 4, "2025-03-01"), ("张三", ID_A, "民法典", "业务知识", 6, "2025-03-02")]  # fmt: skip
    assert import_file(store, xlsx(tmp_path / "一.xlsx", first), today=TODAY).inserted == 2
    blank = [header, ("张三", ID_A, "党史学习", "", 4, "2025-03-01"), ("张三", ID_A, "民法典", "法律法规", 6, "2025-03-02")]  # fmt: skip
    result = import_file(store, xlsx(tmp_path / "二.xlsx", blank), today=TODAY)
    assert (result.inserted, result.updated, result.unchanged) == (0, 1, 1)
    stored = store.db.execute("SELECT course, category FROM training ORDER BY date").fetchall()
    assert stored == [("党史学习", "政治理论"), ("民法典", "法律法规")]
    hours = store.db.execute("SELECT total, countable FROM officer_year_hours WHERE year = 2025").fetchone()
    assert hours == (10.0, 6.0)  # political theory still not counted


def test_a_blank_adviser_cell_keeps_the_stored_value_a_form_clears_it(store: Store, tmp_path: Path) -> None:
    from lawtrain.importing import save_advisers
    from lawtrain.models import AdviserIn

    header = ("姓名", "类别", "执业机构", "服务单位", "聘期起", "聘期止", "联系电话")
    first = [header, ("孙桂超", "律师", "河南青山律师事务所", "青山县水利局", "2025-01-01", "2026-12-31", "13900000001")]  # fmt: skip
    assert import_file(store, xlsx(tmp_path / "一.xlsx", first)).inserted == 1
    blank = [header, ("孙桂超", "律师", "", "青山县水利局", "2025-01-01", "2026-12-31", "")]
    assert import_file(store, xlsx(tmp_path / "二.xlsx", blank)).unchanged == 1
    assert store.db.execute("SELECT firm, phone FROM advisers").fetchone() == (
        "河南青山律师事务所",
        "13900000001",
    )
    record = AdviserIn.model_validate({"name": "孙桂超", "kind": "律师", "firm": "河南青山律师事务所", "phone": None,
                                       "unit": "青山县水利局", "term_start": "2025-01-01", "term_end": "2026-12-31"})  # fmt: skip
    with store.batch("edit", "表单") as batch:
        assert save_advisers(store, batch, [record]).updated == 1
    assert store.db.execute("SELECT firm, phone FROM advisers").fetchone() == ("河南青山律师事务所", None)
