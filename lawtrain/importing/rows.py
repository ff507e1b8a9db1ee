"""One data row: skipped or read, validated, and its problems named by column and value."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import cleaning
from ..reading import Table

_TOTALS = ("合计", "小计", "总计", "共计")
_NOTES = (
    "填表说明", "说明:", "说明：", "注:", "注：", "备注:", "备注：", "填表人", "审核人", "制表人",
    "填表日期", "单位负责人:", "单位负责人：",
)  # fmt: skip
# A problem of the whole record (a model-level check) is shown on the column its message speaks of.
_MESSAGE_FIELDS = (
    ("缺少执法证号", ("cert_number", "number")),
    ("缺少发证日期", ("cert_issued", "issued")),
    ("不符合本省格式", ("cert_number", "number")),
    ("有效期至", ("cert_expires", "expires")),
    ("成绩", ("score",)),
    ("聘期止", ("term_end",)),
)


def shown(value: Any) -> str:
    """A cell as the clerk would read it back."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def _blank(cell: Any) -> bool:
    return cell is None or cell == "" or (isinstance(cell, str) and not cell.strip())


_MARKS = frozenset(word[0] for word in (*_TOTALS, *_NOTES))


def skip(
    cells: Sequence[Any], header_texts: Sequence[str], read: Sequence[int], first_header: str | None = None
) -> bool:
    """Blank rows (or only a 序号), 合计/小计 rows, notes (填表说明…) and a repeated header are not data.
    `read` holds the indexes of the columns imported; `first_header`: first_text(header_texts), when
    the caller keeps it (it asks for every row)."""
    width = len(cells)
    for i in read:
        if i < width:
            cell = cells[i]
            if isinstance(cell, str):
                if cell and not cell.isspace():
                    break
            elif cell is not None:
                break
    else:
        return True
    # Only text starts a total, a note or a repeated header: look closer only when one of the first
    # two filled cells begins like one (this runs for every row of a million-row sheet).
    if first_header is None:
        first_header = first_text(header_texts)
    filled = 0
    for cell in cells:
        if cell is None or cell == "":
            continue
        if cell.__class__ is str:
            text = cell.strip()
            if not text:
                continue
            if text[0] in _MARKS or text == first_header or not text[0].isalnum():
                return _marked(cells, header_texts)
        filled += 1
        if filled == 2:
            return False
    return False


def first_text(header_texts: Sequence[str]) -> str:
    """The first header that is not empty."""
    return next((t for t in header_texts if t), "")


def _marked(cells: Sequence[Any], header_texts: Sequence[str]) -> bool:
    first = [cell for cell in cells[:3] if not _blank(cell)][:2] or [next(c for c in cells if not _blank(c))]
    for position, cell in enumerate(first):
        if not isinstance(cell, str):
            continue
        text = cleaning.text(cell).replace(" ", "")
        if text and (text.startswith(_TOTALS) or (position == 0 and text.startswith(_NOTES))):
            return True
    if not isinstance(first[0], str) or first[0].strip() != next((t for t in header_texts if t), None):
        return False
    return [cleaning.text(cell) for cell in cells if not _blank(cell)] == [t for t in header_texts if t]


def values_of(cells: Sequence[Any], mapping: dict[int, str]) -> dict[str, Any]:
    """field -> cell; blank cells are left out, so the model's default (or its "不能为空") applies."""
    width = len(cells)
    values = {}
    for index, field in mapping.items():
        if index < width:
            cell = cells[index]
            if cell is not None and cell != "" and not (cell.__class__ is str and cell.isspace()):
                values[field] = cell
    return values


def validate(
    model: type[BaseModel], values: dict[str, Any], context: dict[str, Any], fields: Collection[str]
) -> tuple[BaseModel | None, list[tuple[str, str]]]:
    """The validated record, or None and its problems as (field, message); `fields`: those with a column."""
    try:
        return model.__pydantic_validator__.validate_python(values, context=context), []
    except ValidationError as exc:
        return None, [(_field_of(err, fields), _message(err)) for err in exc.errors(include_url=False)]


def _field_of(err: dict[str, Any], fields: Collection[str]) -> str:
    if err["loc"]:
        return str(err["loc"][0])
    for words, candidates in _MESSAGE_FIELDS:
        if words in err["msg"]:
            for candidate in candidates:
                if candidate in fields:
                    return candidate
    return ""


def _message(err: dict[str, Any]) -> str:
    message = err["msg"].removeprefix("Value error, ")
    if err["type"] == "missing":
        return "不能为空"
    if err["type"] in ("float_parsing", "float_type"):
        return f"应为数字，实际为“{shown(err.get('input'))}”"
    return message


def column_of(table: Table, field: str) -> tuple[int | None, str]:
    """The column index and header that feed `field` ("" when the field has no column)."""
    column = table.column_of(field)
    return (column.index, column.header) if column else (None, "")
