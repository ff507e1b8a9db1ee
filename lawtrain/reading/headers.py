"""The one table of header names, and finding the header row of a sheet.

Every column header met in the clerks' spreadsheets maps to one import field; a settings file may add
names (settings.importing.header_synonyms, keyed by the field names below). The header row is the row
(among the first ones) that matches most known names; title rows and 填报单位 rows match none. A
two-row header (a merged group cell such as 证件信息 over 证件号码/发证日期/有效期至) is read as one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .errors import UnreadableFile

# field -> header names. Field names are those of the validation models, except where one name would
# mean different things in different sheets (resolved per kind in kinds.py).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "name": ("姓名", "参训人员", "人员姓名", "学员姓名", "考生姓名", "顾问姓名", "律师姓名"),
    "id_number": (
        "身份证号", "身份证号码", "公民身份号码", "公民身份证号", "公民身份证号码", "居民身份证号码", "身份证",
    ),
    "unit": ("工作单位", "所在单位", "执法主体", "单位", "单位名称", "执法单位", "所属单位"),
    "position": ("职务", "职务职级", "职位"),
    "staffing": ("人员性质", "编制性质", "编制类型", "编制情况"),
    "status": ("人员状态", "在岗状态", "状态"),
    "is_head": ("是否负责人", "是否单位负责人", "单位负责人"),
    "head_term_start": ("任职时间", "任现职时间", "任职日期"),
    "phone": ("联系电话", "电话", "手机", "手机号码", "联系方式"),
    "legal_qualification": ("法律职业资格", "是否具有法律职业资格"),
    "cert_number": ("执法证号", "证件号码", "执法证件号码", "执法证编号", "证号", "证件编号"),
    "cert_kind": ("证件种类", "证件类型", "证件类别"),
    "cert_issued": ("发证日期", "发证时间", "领证日期"),
    "cert_expires": ("有效期至", "证件有效期", "有效期", "有效期限", "到期日期"),
    "cert_authority": ("发证机关", "发证单位"),
    "cert_status": ("证件状态",),
    "course": ("课程名称", "培训班名称", "课程", "培训名称", "培训内容", "培训项目"),
    "category": ("课程类别", "培训类型", "培训类别", "课程类型"),
    "hours": ("学时", "培训学时", "获得学时", "学时数", "课时"),
    "training_date": ("完成时间", "培训时间", "培训日期", "学习时间", "完成日期"),
    "mode": ("培训方式", "培训形式", "学习方式"),
    "exam_name": ("考试名称", "考试批次"),
    "exam_part": ("考试科目", "科目", "考试类别"),
    "exam_date": ("考试日期", "考试时间"),
    "score": ("成绩", "分数", "考试成绩", "得分"),
    "year": ("考核年度", "年度"),
    "grade": ("考核等次", "考核结果", "等次", "考核等级"),
    "adviser_kind": ("类别", "顾问类别", "顾问类型"),
    "licence": ("执业证号", "律师执业证号", "执业证号码", "律师证号"),
    "firm": ("执业机构", "律师事务所", "所在律所", "工作机构"),
    "served_unit": ("服务单位", "顾问单位", "聘用单位"),
    "term_start": ("聘期起", "聘期开始", "聘任起始日期", "聘期开始日期", "聘任开始日期"),
    "term_end": ("聘期止", "聘期结束", "聘任截止日期", "聘期结束日期", "聘任结束日期"),
    "evaluation": ("年度评价", "评价", "考评结果"),
    # Derived from the ID number: recognised as headers, never read (a 性别 that disagrees is no error).
    "sex": ("性别",),
    "birth_date": ("出生日期", "出生年月"),
}  # fmt: skip

# Known columns whose content is not imported.
NOT_READ = frozenset({"seq", "sex", "birth_date"})
SCAN_ROWS = 30
_PARENTHESES = re.compile(r"[(（][^()（）]*[)）]$")


def normalise(value: Any) -> str:
    """A header cell as comparable text: NFKC, no spaces, no required-marks or trailing colon."""
    if value is None or isinstance(value, int | float | date | datetime):
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"\s+", "", text).strip("*＊:：")
    return text.removesuffix("(必填)").removesuffix("(选填)").strip("*")


def synonym_index(extra: Mapping[str, Sequence[str]] | None = None) -> dict[str, str]:
    """Normalised header name -> field, the built-in table plus `extra` (from settings)."""
    index: dict[str, str] = {}
    for field, names in HEADER_SYNONYMS.items():
        for name in names:
            index[normalise(name)] = field
    for field, names in (extra or {}).items():
        if field not in HEADER_SYNONYMS:
            known = "、".join(sorted(HEADER_SYNONYMS))
            raise UnreadableFile(f"设置 importing.header_synonyms 中的字段“{field}”不存在，可用: {known}")
        for name in names:
            index[normalise(name)] = field
    return index


def match(cell: Any, index: Mapping[str, str]) -> str | None:
    text = normalise(cell)
    if not text:
        return None
    found = index.get(text)
    if found is None:
        bare = _PARENTHESES.sub("", text)  # 学时(小时) -> 学时
        found = index.get(bare) if bare != text else None
    return found


@dataclass(frozen=True)
class HeaderColumn:
    index: int  # 0-based position in the row
    header: str  # as the sheet shows it (the sub-header under a group cell)
    field: str | None  # None: unknown column


@dataclass(frozen=True)
class HeaderRow:
    row: int  # Excel row number of the (first) header row
    data_start: int  # first row below the header
    columns: tuple[HeaderColumn, ...]

    @property
    def fields(self) -> dict[str, HeaderColumn]:
        """field -> its column (the first column that maps to it)."""
        found: dict[str, HeaderColumn] = {}
        for column in self.columns:
            if column.field and column.field not in found:
                found[column.field] = column
        return found


def _label(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _is_sub_header(top: list[Any], below: list[Any], index: Mapping[str, str]) -> bool:
    """`below` holds sub-headers of group cells in `top` (and nothing that looks like data)."""
    filled = [(i, cell) for i, cell in enumerate(below) if _label(cell)]
    if not filled or any(not isinstance(cell, str) for _, cell in filled):
        return False
    known = [i for i, cell in filled if match(cell, index)]
    if not known or len(known) * 2 < len(filled) or not any(match(cell, index) for cell in top):
        return False
    return all(i >= len(top) or not match(top[i], index) for i in known)


def _combine(top: list[Any], below: list[Any] | None, index: Mapping[str, str]) -> list[HeaderColumn]:
    width = max(len(top), len(below or ()))
    columns = []
    for i in range(width):
        upper = top[i] if i < len(top) else None
        lower = below[i] if below is not None and i < len(below) else None
        cell = lower if _label(lower) and (match(lower, index) or not _label(upper)) else upper
        text = _label(cell)
        if text:
            columns.append(HeaderColumn(i, text, match(cell, index)))
    return columns


def _score(columns: list[HeaderColumn]) -> int:
    return len({c.field for c in columns if c.field and c.field != "seq"})


def find_header(rows: list[tuple[int, list[Any]]], index: Mapping[str, str]) -> HeaderRow | None:
    """The best header among the first rows: most known names, two-row headers combined; at least two."""
    best: HeaderRow | None = None
    best_score = 1
    for position, (number, cells) in enumerate(rows[:SCAN_ROWS]):
        below = rows[position + 1][1] if position + 1 < len(rows) else None
        two_rows = below is not None and _is_sub_header(cells, below, index)
        columns = _combine(cells, below if two_rows else None, index)
        score = _score(columns)
        if score > best_score:
            best_score = score
            best = HeaderRow(number, number + (2 if two_rows else 1), tuple(columns))
    return best
