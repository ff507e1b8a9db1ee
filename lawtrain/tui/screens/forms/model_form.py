"""A form over one validation model: the same pydantic model the importer uses checks each field, and
its Chinese messages appear under the field. Saving goes through a core function given by the caller."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from ....store import StorageError
from ...writing import notify_failure

T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    key: str  # the model's field name
    label: str
    value: str = ""
    placeholder: str = ""
    choices: Sequence[str] = ()  # a Select instead of an Input when given


def field_row(field: Field) -> ComposeResult:
    """A label and its `#field-KEY` widget on one line: compact (no border), so that a form of a dozen
    fields shows whole in a 40-line terminal."""
    with Horizontal(classes="form-row"):
        yield Label(field.label, classes="form-label")
        if field.choices:
            value = field.value if field.value in field.choices else Select.NULL
            options = [(choice, choice) for choice in field.choices]
            yield Select(options, value=value, prompt="(空)", id=f"field-{field.key}", compact=True)
        else:
            yield Input(field.value, placeholder=field.placeholder, id=f"field-{field.key}", compact=True)


def field_values(screen: Screen, fields: Sequence[Field]) -> dict[str, Any]:
    """What the clerk entered in the `#field-KEY` widgets of `fields` (an empty choice: None)."""
    data: dict[str, Any] = {}
    for field in fields:
        widget = screen.query_one(f"#field-{field.key}")
        if isinstance(widget, Select):
            data[field.key] = None if widget.value is Select.NULL else widget.value
        else:
            data[field.key] = widget.value  # type: ignore[attr-defined]
    return data


def _say(line: Static, message: str) -> None:
    """An error line under a field: shown with its message, out of the way without one."""
    line.update(message)
    line.display = bool(message)


class ModelForm(ModalScreen[T | None], Generic[T]):
    """Fields -> dict -> `model` -> `save(model_instance)` -> dismiss(result). Errors stay in the form."""

    AUTO_FOCUS = "Input, Select"  # the first field, not the scrolling container around the fields
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="form-save"),
        Binding("escape", "cancel", "取消", id="form-cancel"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        model: type[BaseModel],
        save: Callable[[Any], T],
        context: dict[str, Any] | None = None,
        fixed: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.model = model
        self.save = save
        self.context = context or {}
        self.fixed = fixed or {}  # values not shown in the form (e.g. the officer's ID number)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(self.form_title, classes="dialog-title")
            with VerticalScroll(classes="form-fields"):
                for field in self.fields:
                    yield from field_row(field)
                    yield Static("", id=f"error-{field.key}", classes="form-error")
            yield Static("", id="form-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存 (Ctrl+S)", variant="primary", id="save")
                yield Button("取消 (Esc)", id="cancel")
        yield Footer()

    def values(self) -> dict[str, Any]:
        return {**self.fixed, **field_values(self, self.fields)}

    def _show_errors(self, errors: dict[str, str], general: str = "") -> None:
        for field in self.fields:
            _say(self.query_one(f"#error-{field.key}", Static), errors.pop(field.key, ""))
        rest = [general] if general else []
        rest += [message for message in errors.values()]
        _say(self.query_one("#form-error", Static), "\n".join(rest))

    def action_save(self) -> None:
        try:
            record = self.model.model_validate(self.values(), context=self.context)
        except ValidationError as exc:
            errors: dict[str, str] = {}
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else ""
                errors.setdefault(key, err["msg"])
            self._show_errors(errors)
            return
        try:
            with self.app.write_guard.try_hold():  # type: ignore[attr-defined]
                result = self.save(record)
        except StorageError as exc:  # the register could not be written: the form stays to try again
            notify_failure(self, exc)
            return
        except Exception as exc:  # noqa: BLE001 (any refusal of the core is shown in the form)
            self._show_errors({}, str(exc) or type(exc).__name__)
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()
