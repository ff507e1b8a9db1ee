"""What other parts of lawtrain build on: preview, progress, --kind, and the writers the forms call."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lawtrain.importing import (
    UnreadableFile,
    import_file,
    preview,
    save_advisers,
    save_officers,
    save_training,
)
from lawtrain.models import AdviserIn, OfficerIn, TrainingIn
from lawtrain.store import Store
from tests.spreadsheets import ID_A, ID_B, ID_C, xlsx

TODAY = date(2025, 12, 31)


def test_preview_shows_kind_sheet_header_mapping_and_first_rows(data_dir: Path) -> None:
    seen = preview(data_dir / "青山县行政执法人员花名册.xlsx", rows=3)
    assert (seen.kind, seen.kind_label, seen.sheet, seen.sheets, seen.header_row) == (
        "officers",
        "执法人员花名册",
        "执法人员",
        ["执法人员"],
        3,
    )
    assert seen.mapping["身份证号码"] == "id_number" and seen.mapping["性别"] is None
    assert seen.ignored_columns == ["序号", "性别"]
    assert [number for number, _ in seen.rows] == [4, 5, 6]
    assert seen.rows[0][1][1] == "余芳"
    assert seen.data_rows == 223


def test_preview_refuses_like_the_import(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("姓名,身份证号")
    with pytest.raises(UnreadableFile):
        preview(path)


def test_progress_is_reported_up_to_the_total(store: Store, data_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    import_file(
        store,
        data_dir / "青山县行政执法人员花名册.xlsx",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls and calls[-1] == (223, 223)


def test_kind_given_overrides_detection(store: Store, tmp_path: Path) -> None:
    rows = [
        ("姓名", "身份证号码", "工作单位", "证件号码", "发证日期"),
        ("张三", ID_A, "青山县水利局", "410421000001", "2021-01-09"),
    ]
    path = xlsx(tmp_path / "证件.xlsx", rows)
    assert import_file(store, path, dry_run=True).kind == "officers"
    result = import_file(store, path, kind="证件")
    assert result.kind == "certificates"
    assert result.rejected_rows == [2] and "不在登记簿中" in result.rejected[0].message
    import_file(store, path, kind="officers")
    store.db.execute("DELETE FROM certificate_events")
    store.db.execute("DELETE FROM certificates")
    again = import_file(store, path, kind="certificates", today=TODAY)
    assert (again.inserted, again.rejected) == (1, [])
    assert store.db.execute("SELECT number, expires FROM certificates").fetchall() == [
        ("410421000001", "2026-01-08")
    ]


def test_repeated_header_rows_are_skipped(store: Store, tmp_path: Path) -> None:
    header = ("姓名", "身份证号码", "工作单位")
    rows = [header, ("张三", ID_A, "青山县水利局"), header, ("李四", ID_B, "青山县水利局")]
    result = import_file(store, xlsx(tmp_path / "分页.xlsx", rows))
    assert (result.inserted, result.skipped, result.rejected) == (2, 1, [])


def test_writers_for_forms_one_officer_one_course_for_many_one_adviser(store: Store) -> None:
    officers = [
        OfficerIn.model_validate({"id_number": n, "name": name, "unit": "青山县水利局"})
        for n, name in ((ID_A, "张三"), (ID_B, "李四"), (ID_C, "王五"))
    ]
    with store.batch("edit", "录入") as batch:
        saved = save_officers(store, batch, officers[:1], today=TODAY)
    assert (saved.inserted, saved.updated, saved.unchanged) == (1, 0, 0)
    row = store.db.execute("SELECT name, sex, birth_date, initials FROM officers").fetchone()
    assert row == ("张三", "男", "1980-10-04", "zs")
    with store.batch("edit", "录入") as batch:
        save_officers(store, batch, officers[1:], today=TODAY)
        course = [
            TrainingIn.model_validate(
                {
                    "id_number": o.id_number,
                    "course": "行政处罚法",
                    "hours": 4,
                    "date": "2025-05-01",
                    "mode": "脱产",
                }
            )
            for o in officers
        ]
        saved = save_training(store, batch, course)
    assert (saved.inserted, saved.problems) == (3, {})
    assert store.db.execute("SELECT DISTINCT year, mode FROM training").fetchall() == [(2025, "脱产")]
    with store.batch("edit", "录入") as batch:
        unknown = TrainingIn.model_validate(
            {"id_number": "411081196905032588", "course": "x", "hours": 1, "date": "2025-05-01"}
        )
        saved = save_training(store, batch, [unknown])
    assert saved.inserted == 0 and "不在登记簿中" in saved.problems[0][0][1]
    adviser = AdviserIn.model_validate(
        {
            "name": "赵六",
            "kind": "公职律师",
            "unit": "青山县新设局",
            "term_start": "2025-01-01",
            "term_end": "2026-12-31",
        }
    )
    with store.batch("edit", "录入") as batch:
        assert save_advisers(store, batch, [adviser]).inserted == 1
    with store.batch("edit", "录入") as batch:
        assert save_advisers(store, batch, [adviser]).unchanged == 1
    assert store.db.execute("SELECT kind FROM units WHERE name = '青山县新设局'").fetchone() == ("部门",)


def test_small_chunks_written_beside_validation_report_the_same(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks are written in a second thread while the next is validated; a row repeating one of an
    earlier chunk waits for that chunk's outcome. Chunks of 2 rows must report what one chunk does."""
    roster = xlsx(
        tmp_path / "名册.xlsx",
        [("序号", "姓名", "性别", "身份证号码", "工作单位"), (1, "张三", "男", ID_A, "青山县水利局")],
    )
    import_file(store, roster, today=TODAY)
    rows = [
        ("姓名", "身份证号", "课程名称", "课程类别", "学时", "完成时间"),
        ("王五", ID_B, "民法典", "业务知识", 4, "2025-03-02"),  # not registered
        ("张三", ID_A, "行政处罚法", "法律法规", 4, "2025-03-01"),
        ("张三", ID_A, "党史", "党性教育", 2, "2025-04-01"),
        ("王五", ID_B, "民法典", "业务知识", 4, "2025-03-02"),  # repeats a row the writer refused
        ("张三", ID_A, "行政处罚法", "法律法规", "4学时", "2025/03/01"),  # the same record again
        ("张三", ID_A, "党史", "党性教育", 3, "2025-04-01"),  # the same record, other hours
        ("张三", ID_C, "民法典", "业务知识", 4, "2025-03-02"),  # not registered either
    ]
    sheet = xlsx(tmp_path / "学时.xlsx", rows)

    def outcome(result: object) -> tuple:
        rejected = [(r.row, r.column, r.value, r.message) for r in result.rejected]
        return result.inserted, result.updated, result.unchanged, rejected

    whole = outcome(import_file(store, sheet, dry_run=True, today=TODAY))
    monkeypatch.setattr("lawtrain.importing.run.CHUNK", 2)
    chunked = outcome(import_file(store, sheet, today=TODAY))
    assert chunked == whole
    assert chunked[:3] == (2, 0, 1)
    assert [row for row, *_ in chunked[3]] == [2, 5, 7, 8]
    assert "第 2 行有错误未能导入" in chunked[3][1][3]
    hours = store.db.execute("SELECT year, total, records FROM officer_year_hours").fetchall()
    assert hours == [(2025, 6.0, 2)]
