"""Certificate lifecycle forms: each action asks for its date and reason, then calls the core function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from ....certificates import Certificate, cancel, issue, reinstate, renew, revoke, suspend
from ....models import Day, OptDay, OptText
from ....store import Store
from .model_form import Field, ModelForm


class CertActionIn(BaseModel):
    on: Day
    reason: OptText = None
    until: OptDay = None


class IssueIn(BaseModel):
    on: Day
    kind: str = "执法证"
    number: OptText = None


@dataclass(frozen=True)
class CertAction:
    key: str
    label: str
    needs_reason: bool
    run: Callable[[Store, str, CertActionIn], Certificate]


ACTIONS: dict[str, CertAction] = {
    "suspend": CertAction(
        "suspend", "暂扣", True, lambda s, n, a: suspend(s, n, a.on, a.reason or "", a.until)
    ),
    "reinstate": CertAction("reinstate", "恢复", False, lambda s, n, a: reinstate(s, n, a.on, a.reason)),
    "cancel": CertAction("cancel", "注销", True, lambda s, n, a: cancel(s, n, a.on, a.reason or "")),
    "revoke": CertAction("revoke", "吊销", True, lambda s, n, a: revoke(s, n, a.on, a.reason or "")),
    "renew": CertAction("renew", "换证", False, lambda s, n, a: renew(s, n, a.on)),
}


def action_form(store: Store, action: CertAction, number: str, today: date) -> ModelForm[Certificate]:
    fields = [Field("on", "日期", today.isoformat())]
    if action.key != "renew":
        fields.append(Field("reason", "原因", placeholder="必填" if action.needs_reason else "可不填"))
    if action.key == "suspend":
        fields.append(Field("until", "暂扣至", placeholder="可不填，如 2026-06-30"))
    return ModelForm(
        f"{action.label}证件 {number}",
        fields,
        CertActionIn,
        lambda record: action.run(store, number, record),
        context={"settings": store.settings},
    )


def issue_form(store: Store, id_number: str, name: str, today: date) -> ModelForm[Certificate]:
    fields = [
        Field("on", "发证日期", today.isoformat()),
        Field("kind", "种类", "执法证", choices=("执法证", "监督证")),
        Field("number", "证件号码", placeholder="不填则按设置自动编号"),
    ]
    return ModelForm(
        f"为{name}发证",
        fields,
        IssueIn,
        lambda r: issue(store, id_number, r.on, kind=r.kind or "执法证", number=r.number),
        context={"settings": store.settings},
    )
