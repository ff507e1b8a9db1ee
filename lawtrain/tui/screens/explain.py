"""Why one officer is (or is not) on each list: `lawtrain.explain.explain`, shown as tables."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from ...explain import DUPLICATE_NOTE, ExplainError, explain
from .base import fill_table

_RECORD_COLUMNS = (("date", "日期"), ("course", "课程"), ("category", "类别"), ("hours", "学时"),
                   ("counted", "是否计入"), ("reason", "原因"))  # fmt: skip


class ExplainScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "关闭", id="explain-close")]

    def __init__(self, id_number: str, year: int, as_of: date) -> None:
        super().__init__()
        self.id_number, self.year, self.as_of = id_number, year, as_of

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(id="explain-title", classes="dialog-title")
            yield DataTable(id="explain-verdicts", cursor_type="row")
            yield Static(id="explain-hours", classes="summary")
            yield DataTable(id="explain-records", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        app = self.app
        try:
            result = explain(app.store, self.id_number, self.year, self.as_of)  # type: ignore[attr-defined]
        except ExplainError as exc:
            self.notify(str(exc), severity="error")
            self.dismiss(None)
            return
        officer = result.officer
        self.query_one("#explain-title", Static).update(
            f"{officer.get('name')} {officer.get('id_number')} · {result.year}年度 · 截至 {result.as_of.isoformat()}"
        )
        fill_table(
            self.query_one("#explain-verdicts", DataTable),
            (("title", "检查项目"), ("listed", "是否在清单"), ("detail", "说明")),
            (
                {"title": v.title, "listed": "在清单" if v.listed else "—", "detail": v.detail}
                for v in result.verdicts
            ),
        )
        transcript = result.transcript
        required = result.subject["required"] if result.subject else None
        owed = f" / 要求 {required:g}" if required is not None else "（本年度不需考核学时）"
        self.query_one("#explain-hours", Static).update(
            f"计入学时 {transcript.countable:g}{owed}，不计入 {transcript.excluded:g}。{DUPLICATE_NOTE}"
        )
        rows = [
            {"date": r.date, "course": r.course, "category": r.category or "（未分类）", "hours": f"{r.hours:g}",
             "counted": "计入" if r.counted else "不计入", "reason": r.reason}
            for r in transcript.records
        ]  # fmt: skip
        fill_table(self.query_one("#explain-records", DataTable), _RECORD_COLUMNS, rows)
