"""Chinese for people, keys for programs: the one table of labels for the parameters a list reports.

A check (and the forecast, the review, the notices) reports the settings-driven values it used as a
dict of machine keys, which `--json` prints as they are. Everything a person reads (the app, the
command line's text, every workbook and CSV) shows them through `describe()`:
`应修学时 60；不计入的类别 政治理论、党性教育；结转上限 0 学时；按发证月份折算 否；判定日 2025-12-31`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Label:
    text: str  # the Chinese label
    unit: str = ""  # printed after the value: 学时, 天, 年, 人, 分
    yes_no: bool = False  # a flag: 是 / 否


PARAMETERS: dict[str, Label] = {
    "required_hours": Label("应修学时"),
    "excluded_categories": Label("不计入的类别"),
    "carry_over_max_hours": Label("结转上限", "学时"),
    "prorate_first_year": Label("按发证月份折算", yes_no=True),
    "judged_on": Label("判定日"),
    "within_days": Label("预警期", "天"),
    "window_end": Label("预警截止日"),
    "term_years": Label("任期", "年"),
    "minimum": Label("最少在岗持证人数", "人"),
    "review_year": Label("审验年度", "年度"),
    "every_years": Label("审验周期", "年"),
    "pass_mark": Label("及格分数", "分"),
    "pass_valid_years": Label("考试合格有效期", "年"),
    "pass_from": Label("合格成绩起算日"),
    "waive_general": Label("具有法律职业资格的免考通用法律知识", yes_no=True),
    "as_of": Label("截至日期"),
    "year": Label("学时年度"),
    "deadline": Label("整改期限"),
}


def value_text(value: Any, yes_no: bool = False) -> str:
    """A value as a person reads it: 是/否, lists joined with 、, dates as YYYY-MM-DD, 60 not 60.0."""
    if yes_no or isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return "无"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return "；".join(f"{key} {value_text(item)}" for key, item in value.items())
    if isinstance(value, Iterable):
        return "、".join(value_text(item) for item in value) or "无"
    return str(value)


def labelled(key: str, value: Any) -> str:
    """One parameter: its label, then its value and unit (`结转上限 0 学时`)."""
    label = PARAMETERS[key]
    unit = f" {label.unit}" if label.unit else ""
    return f"{label.text} {value_text(value, label.yes_no)}{unit}"


def describe(parameters: Mapping[str, Any]) -> str:
    """Every parameter of a list, labelled and joined with ；. A look-ahead window (`within_days` with
    `window_end`) reads as one: `预警期 90 天（至 2026-03-31）`."""
    parts = []
    for key, value in parameters.items():
        if key == "window_end" and "within_days" in parameters:
            continue
        text = labelled(key, value)
        if key == "within_days" and "window_end" in parameters:
            text += f"（至 {value_text(parameters['window_end'])}）"
        parts.append(text)
    return "；".join(parts)
