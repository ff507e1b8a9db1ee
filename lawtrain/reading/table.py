"""A recognised sheet: which sheet, which kind, where the header is, which column feeds which field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UnreadableFile
from .files import SheetData, open_workbook
from .headers import NOT_READ, HeaderColumn, HeaderRow, find_header, synonym_index
from .kinds import Kind, detect, kind_named, missing


@dataclass
class Table:
    path: Path
    sheet: str
    kind: Kind
    header: HeaderRow
    mapping: dict[int, str]  # column index -> model field of the kind
    ignored: list[str]  # headers not imported (序号, 性别, unknown columns)
    data: SheetData
    sheets: list[str]  # every sheet of the file

    @property
    def header_row(self) -> int:
        return self.header.row

    @property
    def data_rows(self) -> int:
        """Rows below the header (blank and note rows included)."""
        return max(self.data.height - self.header.data_start + 1, 0)

    def headers(self) -> dict[str, str | None]:
        """Column header -> model field (None: ignored), in sheet order."""
        return {c.header: self.mapping.get(c.index) for c in self.header.columns}

    def column_of(self, field: str) -> HeaderColumn | None:
        for column in self.header.columns:
            if self.mapping.get(column.index) == field:
                return column
        return None

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        return self.data.rows(self.header.data_start)


def _map(kind: Kind, header: HeaderRow) -> tuple[dict[int, str], list[str]]:
    present = set(header.fields)
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    used: set[str] = set()
    for column in header.columns:
        target = None
        if column.field and column.field not in NOT_READ:
            target = kind.model_field(column.field, present)
        if target is None or target in used:
            ignored.append(column.header)
            continue
        used.add(target)
        mapping[column.index] = target
    return mapping, ignored


def open_table(
    path: Path,
    *,
    kind: str | None = None,
    sheet: str | None = None,
    synonyms: Mapping[str, Sequence[str]] | None = None,
) -> Table:
    """The first sheet with recognisable headers (or `sheet`), its kind detected unless given."""
    path = Path(path)
    workbook = open_workbook(path)
    wanted = kind_named(kind) if kind else None
    index = synonym_index(synonyms)
    if sheet is not None and sheet not in workbook.sheet_names:
        names = "、".join(workbook.sheet_names)
        raise UnreadableFile(f"“{path.name}”中没有名为“{sheet}”的工作表，现有: {names}")
    names = [sheet] if sheet is not None else workbook.sheet_names
    any_content = False
    problem = None
    for name in names:
        data = workbook.sheet(name)
        head = data.head(40)
        if any(any(str(cell).strip() for cell in cells if cell is not None) for _, cells in head):
            any_content = True
        header = find_header(head, index)
        if header is None:
            continue
        found = wanted or detect(set(header.fields))
        if found is None:
            continue
        lacking = missing(found, set(header.fields))
        if lacking:
            problem = problem or (
                f"“{path.name}”的工作表“{name}”被识别为{found.label}，但缺少必需的列: {'、'.join(lacking)}"
            )
            continue
        mapping, ignored = _map(found, header)
        return Table(path, name, found, header, mapping, ignored, data, list(workbook.sheet_names))
    if problem:
        raise UnreadableFile(problem)
    if not any_content:
        raise UnreadableFile(f"无法读取“{path.name}”: 文件中没有任何数据(空表)")
    where = f"工作表“{sheet}”" if sheet else "任何工作表"
    raise UnreadableFile(
        f"无法识别“{path.name}”: {where}中都没有找到已知的表头(如 姓名、身份证号码、工作单位、学时、成绩、考核等次、聘期起)"
    )
