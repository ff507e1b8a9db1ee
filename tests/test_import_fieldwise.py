"""Training and appraisal rows are assembled from what their cells gave before: the records and the
rejections must be exactly those of the model validating every row."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawtrain.importing.fieldwise import FieldwiseRows, is_fieldwise
from lawtrain.importing.rows import validate, values_of
from lawtrain.importing.writers import WRITERS
from lawtrain.models import AppraisalIn, OfficerIn, TrainingIn
from lawtrain.reading import open_table
from lawtrain.settings import Settings
from tests.spreadsheets import ID_A, ID_B, xlsx

CONTEXT = {"settings": Settings()}


def _both_ways(path: Path) -> tuple[int, int]:
    """Every row of `path` validated by the model and assembled from its cells; asserts they agree (value
    and type of every field, or both refusing the row). Returns (rows assembled, rows refused)."""
    table = open_table(path)
    model = WRITERS[table.kind.key][0]
    rows = FieldwiseRows(model, table.mapping, CONTEXT)
    fields = set(table.mapping.values())
    assembled = validated = 0
    for number, cells in table.rows():
        record, problems = validate(model, values_of(cells, table.mapping), CONTEXT, fields)
        quick = rows.record(cells)
        if quick is None:  # a value the model refuses: so does the model on the whole row
            validated += 1
            assert record is None and problems, (number, cells)
            continue
        assembled += 1
        assert record is not None, (number, cells, problems)
        expected = [getattr(record, name) for name in rows.Record._fields]
        assert list(quick) == expected, (number, cells)
        assert [type(value) for value in quick] == [type(value) for value in expected], (number, cells)
    return assembled, validated


@pytest.mark.parametrize(
    "name", ["2025年网络培训学时导出.xlsx", "线下培训登记表.xlsx", "2025年度考核结果.xlsx"]
)
def test_the_sample_files_give_the_models_records(data_dir: Path, name: str) -> None:
    assembled, validated = _both_ways(data_dir / name)
    assert assembled > 0
    if name == "2025年网络培训学时导出.xlsx":  # bad hours and dates: those rows go to the model in full
        assert validated > 0


def test_cells_of_other_types_are_not_taken_for_each_other(tmp_path: Path) -> None:
    """1.0, True and "1" are different cells: a cell seen as one is not given the value of another, and
    a value the model refuses sends its row to the model in full."""
    header = ("姓名", "身份证号", "课程名称", "课程类别", "学时", "完成时间")
    sheet = xlsx(
        tmp_path / "学时.xlsx",
        [
            header,
            ("张三", ID_A, "课程一", "法律法规", 1, "2025-03-01"),
            ("张三", ID_A, "课程二", "法律法规", True, "2025-03-01"),  # not a number of hours
            ("张三", ID_A, "课程三", "法律法规", "1", "2025-03-01"),
            ("李四", ID_B, "课程一", "", 2.5, 45717),  # a blank category, an Excel serial date
            ("李四", ID_B, "课程一", "  ", 2.5, 45717),
            ("李四", "410402199904259748", "课程一", "", 2.5, 45717),  # a wrong check digit
        ],
    )
    _both_ways(sheet)
    table = open_table(sheet)
    rows = FieldwiseRows(TrainingIn, table.mapping, CONTEXT)
    outcome = []
    for _number, cells in table.rows():
        record = rows.record(cells)
        if record is None:
            full, problems = validate(
                TrainingIn, values_of(cells, table.mapping), CONTEXT, set(table.mapping.values())
            )
            outcome.append(
                ("in full", None if full is None else full.hours, [field for field, _ in problems])
            )
        else:
            outcome.append(("assembled", record.hours, record.category))
    assert outcome == [
        ("assembled", 1.0, "法律法规"),
        ("in full", None, ["hours"]),
        ("assembled", 1.0, "法律法规"),
        ("assembled", 2.5, None),
        ("assembled", 2.5, None),
        ("in full", None, ["id_number"]),
    ]


def test_only_models_that_judge_each_field_alone_are_assembled() -> None:
    assert is_fieldwise(TrainingIn) and is_fieldwise(AppraisalIn)
    assert not is_fieldwise(OfficerIn)  # the certificate columns are judged together
    with pytest.raises(ValueError):
        FieldwiseRows(OfficerIn, {0: "id_number"})
