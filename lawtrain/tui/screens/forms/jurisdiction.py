"""The jurisdiction the register belongs to: asked on the first start, and from the command palette."""

from __future__ import annotations

from ....settings import Settings
from ....settings_file import JURISDICTION_FIELDS, REQUIRED_FIELDS, JurisdictionForm, set_jurisdiction
from ....store import Store
from .model_form import Field, ModelForm


def jurisdiction_form(store: Store) -> ModelForm[Settings]:
    """Dismisses with the settings now in force once the settings file beside the register is written."""
    current = store.settings.jurisdiction
    fields = [
        Field(
            key,
            label,
            getattr(current, key),
            placeholder=f"如 {example}" + ("" if key in REQUIRED_FIELDS else "（可不填）"),
        )
        for key, (label, example) in JURISDICTION_FIELDS.items()
    ]

    def save(record: JurisdictionForm) -> Settings:
        return set_jurisdiction(store.settings_path, record.model_dump())

    title = "设置辖区：名称将印在导出的清单、统计表和通知的标题上"
    return ModelForm(title, fields, JurisdictionForm, save)
