"""One course for many officers: paste ID numbers (one a line, or separated by spaces or commas; whole,
or the last 8 digits or more), check each (resolved to a registered officer or flagged with the
reason), then save them all in one batch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Label, Static, TextArea

from ....importing.writers import save_training
from ....models import TrainingIn
from ....officer_lookup import OfficerNotFound, find_officer
from ....store import StorageError, Store
from ...writing import Busy, notify_failure
from ..base import fill_table
from .model_form import field_row, field_values
from .saving import save_with
from .training import training_fields

_SPLIT = re.compile(r"[\s,，;；、]+")
_RESOLVED_COLUMNS = (("raw", "输入"), ("id_number", "身份证号码"), ("name", "姓名"), ("unit", "单位"),
                     ("problem", "核对结果"))  # fmt: skip


@dataclass(frozen=True)
class Resolved:
    raw: str
    id_number: str | None
    name: str | None
    unit: str | None
    problem: str  # "" when the officer was found


def resolve_ids(store: Store, text: str) -> list[Resolved]:
    """Each pasted number (whole, or a tail of 8 or more) resolved to a registered officer, or flagged
    with the reason (invalid, not registered, a tail several numbers end with); repeats flagged."""
    seen: set[str] = set()
    results = []
    for raw in (part for part in _SPLIT.split(text) if part):
        try:
            officer = find_officer(store, raw)
        except OfficerNotFound as exc:
            results.append(Resolved(raw, None, None, None, exc.brief))
            continue
        if officer.id_number in seen:
            results.append(Resolved(raw, officer.id_number, None, None, "重复"))
            continue
        seen.add(officer.id_number)
        results.append(Resolved(raw, officer.id_number, officer.name, officer.unit, ""))
    return results


class BulkTrainingForm(ModalScreen[int | None]):
    """Dismisses with the number of officers the course was saved for."""

    BINDINGS = [
        Binding("ctrl+k", "check", "核对名单", id="bulk-check"),
        Binding("ctrl+s", "save", "保存", id="bulk-save"),
        Binding("escape", "cancel", "取消", id="bulk-cancel"),
    ]

    def __init__(self, store: Store, today: date, id_numbers: list[str] | None = None) -> None:
        super().__init__()
        self.store, self.today = store, today
        self.initial = "\n".join(id_numbers or [])
        self.resolved: list[Resolved] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("批量登记同一课程", classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                for field in training_fields(self.today):
                    yield from field_row(field)
                yield Label("身份证号码（每行一个，可直接从表格粘贴；也可只填后 8 位以上尾号）")
                yield TextArea(self.initial, id="bulk-ids")
                yield DataTable(id="bulk-resolved", cursor_type="row")
            yield Static("", id="form-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("核对名单 (Ctrl+K)", id="check")
                yield Button("保存 (Ctrl+S)", variant="primary", id="save")
                yield Button("取消 (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        fill_table(self.query_one("#bulk-resolved", DataTable), _RESOLVED_COLUMNS, [])

    def _course(self) -> dict[str, object]:
        return field_values(self, training_fields(self.today))

    def action_check(self) -> None:
        self.resolved = resolve_ids(self.store, self.query_one("#bulk-ids", TextArea).text)
        fill_table(
            self.query_one("#bulk-resolved", DataTable),
            _RESOLVED_COLUMNS,
            ({**vars(r), "problem": r.problem or "✓ 已找到"} for r in self.resolved),
        )
        found = sum(1 for r in self.resolved if not r.problem)
        flagged = len(self.resolved) - found
        self._error(f"找到 {found} 人" + (f"，{flagged} 个号码有问题（保存时跳过）" if flagged else ""))

    def _error(self, message: str) -> None:
        line = self.query_one("#form-error", Static)
        line.update(message)
        line.display = bool(message)

    def action_save(self) -> None:
        self.action_check()
        found = [r for r in self.resolved if not r.problem]
        if not found:
            self._error("名单中没有可登记的人员")
            return
        context = {"settings": self.store.settings}
        try:
            records = [TrainingIn.model_validate({**self._course(), "id_number": r.id_number}, context=context)
                       for r in found]  # fmt: skip
        except ValidationError as exc:
            labels = {field.key: field.label for field in training_fields(self.today)}
            self._error("；".join(f"{labels.get(str(err['loc'][0]), '') if err['loc'] else ''}: {err['msg']}"
                                 for err in exc.errors()))  # fmt: skip
            return
        try:
            with self.app.write_guard.try_hold():  # type: ignore[attr-defined]
                save_with(
                    self.store, save_training, records, f"批量登记课程 {records[0].course} {len(records)}人"
                )
        except StorageError as exc:
            notify_failure(self, exc)
            return
        except (ValueError, Busy) as exc:
            self._error(str(exc))
            return
        self.dismiss(len(records))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        {"check": self.action_check, "save": self.action_save, "cancel": self.action_cancel}[
            event.button.id or "cancel"
        ]()
