"""Add or edit an officer: OfficerIn validates, `save_officers` writes (the importer's writer)."""

from __future__ import annotations

from datetime import date

from .... import vocabulary as voc
from ....importing.writers import save_officers
from ....models import OfficerIn
from ....store import Store
from ...data.officer_file import Profile, officer_by_id_number
from .model_form import Field, ModelForm
from .saving import save_with

_EDITED = ("id_number", "name", "unit", "position", "staffing", "status", "is_head", "head_term_start", "phone",
           "legal_qualification")  # fmt: skip


def officer_form(store: Store, officer: Profile | None, today: date) -> ModelForm[int]:
    """A form that dismisses with the officer's id once saved."""
    staffing = store.settings.staffing

    def value(attr: str) -> str:
        return "" if officer is None or getattr(officer, attr) is None else str(getattr(officer, attr))

    yes_no = ("是", "否")
    fields = [
        Field("name", "姓名", value("name")),
        Field("unit", "工作单位", value("unit"), placeholder="单位全称"),
        Field("position", "职务", value("position")),
        Field("staffing", "人员性质", value("staffing"), choices=staffing.allowed + staffing.not_allowed),
        Field("status", "人员状态", value("status") or voc.IN_POST, choices=voc.STATUSES),
        Field("is_head", "单位负责人", "是" if officer and officer.is_head else "否", choices=yes_no),
        Field("head_term_start", "任期起", value("head_term_start"), placeholder="如 2023-01-01"),
        Field("phone", "联系电话", value("phone")),
        Field(
            "legal_qualification",
            "法律职业资格",
            "是" if officer and officer.legal_qualification else "否",
            choices=yes_no,
        ),  # fmt: skip
    ]
    fixed = {}
    if officer is None:
        fields.insert(0, Field("id_number", "身份证号码", placeholder="18位"))
    else:
        fixed["id_number"] = officer.id_number

    def save(record: OfficerIn) -> int:
        if officer is None and officer_by_id_number(store, record.id_number) is not None:
            raise ValueError(f"身份证号 {record.id_number} 的人员已在登记簿中")
        what = "新增人员" if officer is None else "修改人员信息"
        save_with(store, save_officers, [record], f"{what} {record.name}", fields=_EDITED, today=today)
        found = officer_by_id_number(store, record.id_number)
        assert found is not None
        return found

    title = "新增执法人员" if officer is None else f"修改 {officer.name} 的信息"
    return ModelForm(title, fields, OfficerIn, save, context={"settings": store.settings}, fixed=fixed)
