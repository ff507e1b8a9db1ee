"""Add one training record by hand: TrainingIn validates, `save_training` writes."""

from __future__ import annotations

from datetime import date

from .... import vocabulary as voc
from ....importing.writers import save_training
from ....models import TrainingIn
from ....store import Store
from .model_form import Field, ModelForm
from .saving import save_with


def training_fields(today: date) -> list[Field]:
    return [
        Field("course", "课程名称"),
        Field("category", "课程类别", placeholder="如 法律法规、业务知识；政治理论不计入"),
        Field("hours", "学时", placeholder="如 4 或 4.5"),
        Field("date", "培训日期", today.isoformat()),
        Field("mode", "培训方式", choices=voc.TRAINING_MODES),
    ]


def training_form(store: Store, id_number: str, today: date) -> ModelForm[int]:
    """Dismisses with 1 once the record is saved (an existing identical record counts as saved)."""

    def save(record: TrainingIn) -> int:
        saved = save_with(store, save_training, [record], f"补录学时 {record.course}")
        return saved.inserted + saved.updated + saved.unchanged

    return ModelForm("补录培训记录", training_fields(today), TrainingIn, save,
                     context={"settings": store.settings}, fixed={"id_number": id_number})  # fmt: skip
