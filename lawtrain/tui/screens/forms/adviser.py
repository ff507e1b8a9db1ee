"""Add or edit a legal adviser: AdviserIn validates, `save_advisers` writes."""

from __future__ import annotations

from typing import Any

from .... import vocabulary as voc
from ....importing.writers import save_advisers
from ....models import AdviserIn
from ....store import Store
from .model_form import Field, ModelForm
from .saving import save_with

_FIELDS = ("name", "kind", "licence", "firm", "unit", "term_start", "term_end", "phone", "evaluation")


def adviser_form(store: Store, adviser: dict[str, Any] | None) -> ModelForm[str]:
    """Dismisses with a message for the clerk (with the licence warning, when any) once saved.
    An adviser is identified by name, unit and engagement start: changing those records a new engagement."""

    def value(key: str) -> str:
        return "" if adviser is None or adviser.get(key) is None else str(adviser[key])

    fields = [
        Field("name", "姓名", value("name")),
        Field("kind", "类别", value("kind"), choices=voc.ADVISER_KINDS),
        Field("licence", "执业证号", value("licence"), placeholder="17位数字"),
        Field("firm", "执业机构", value("firm")),
        Field("unit", "服务单位", value("unit"), placeholder="单位全称"),
        Field("term_start", "聘期起", value("term_start"), placeholder="如 2025-01-01"),
        Field("term_end", "聘期止", value("term_end"), placeholder="如 2027-12-31"),
        Field("phone", "联系电话", value("phone")),
        Field("evaluation", "年度评价", value("evaluation"), choices=voc.EVALUATIONS),
    ]

    def save(record: AdviserIn) -> str:
        what = "新增法律顾问" if adviser is None else "修改法律顾问"
        save_with(store, save_advisers, [record], f"{what} {record.name}", fields=_FIELDS)
        warning = record.licence_warning()
        return f"已保存法律顾问 {record.name}" + (f"（提示：{warning}）" if warning else "")

    title = "新增法律顾问" if adviser is None else f"修改法律顾问 {adviser['name']}"
    return ModelForm(title, fields, AdviserIn, save, context={"settings": store.settings})
