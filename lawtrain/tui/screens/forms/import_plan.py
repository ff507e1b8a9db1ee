"""The one question before a whole folder is imported: the dry run of every file, in order, as a
table (file, kind, rows, new, updated, unchanged, rejected); dismisses True to import them all."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Static

from ....importing.several import SUMMARY_COLUMNS, Outcome, summary_rows
from ..base import fill_table


class ImportPlanScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "全部导入", id="plan-yes"),
        Binding("n,escape", "answer(False)", "取消", id="plan-no"),
    ]

    def __init__(self, outcomes: Sequence[Outcome], folder: str) -> None:
        super().__init__()
        self.outcomes, self.folder = list(outcomes), folder

    def compose(self) -> ComposeResult:
        count = len(self.outcomes)
        rejected = sum(len(o.result.rejected_rows) for o in self.outcomes if o.result is not None)
        with Vertical(id="import-plan", classes="dialog"):
            yield Static(f"按以下顺序导入 {self.folder} 中的 {count} 个表格？", classes="dialog-title")
            yield Static(
                "试导入的结果（未写入任何数据；后面的表格按前面的已导入来检查）：", classes="dialog-detail"
            )
            yield DataTable(id="plan-table", cursor_type="none", zebra_stripes=True)
            yield Static(
                (f"有问题的 {rejected:,} 行不导入，另存为各文件旁的错误清单。" if rejected else "")
                + "每个文件一个批次，可在批次历史中撤销。",
                classes="dialog-detail",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("全部导入 (Y)", variant="warning", id="yes")
                yield Button("取消 (N)", id="no")
        yield Footer()

    def on_mount(self) -> None:
        columns = [(column.key, column.header) for column in SUMMARY_COLUMNS]
        fill_table(self.query_one("#plan-table", DataTable), columns, summary_rows(self.outcomes))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
