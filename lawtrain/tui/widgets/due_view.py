"""The calendar shown: one row per month, a count per kind; Enter on a count opens the list behind it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...due import KIND_LABELS, KINDS, DueCalendar


class DueView(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.calendar: DueCalendar | None = None

    def compose(self) -> ComposeResult:
        yield Static("按 G 计算", id="due-summary", classes="summary")
        yield DataTable(id="due-months", cursor_type="cell", zebra_stripes=True)

    def show(self, calendar: DueCalendar) -> None:
        self.calendar = calendar
        first, last = calendar.months[0], calendar.months[-1]
        self.query_one("#due-summary", Static).update(
            f"到期事项月历：{first.first.isoformat()} 至 {last.last.isoformat()}{calendar.scope_text}，"
            f"共 {calendar.total:,} 项"
            "    方向键选中一个数字，回车查看名单"
        )
        table = self.query_one("#due-months", DataTable)
        table.loading = False
        table.clear(columns=True)
        table.add_columns("月份", *(KIND_LABELS[kind] for kind in KINDS))
        for month in calendar.months:
            table.add_row(month.month, *(str(len(month.items[kind])) for kind in KINDS))
        table.move_cursor(row=0, column=1)

    @on(DataTable.CellSelected, "#due-months")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        if self.calendar is None:
            return
        row, column = event.coordinate.row, event.coordinate.column
        if column == 0 or row >= len(self.calendar.months):
            return
        month, kind = self.calendar.months[row], KINDS[column - 1]
        from ..screens.due_list import DueListScreen

        title = f"{month.month} {KIND_LABELS[kind]}：{len(month.items[kind]):,} 项"
        self.app.push_screen(DueListScreen(title, self.calendar.columns(kind), month.items[kind]))
