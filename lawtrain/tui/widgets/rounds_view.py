"""The notice rounds recorded (newest first) and, for the highlighted round, each unit with what its
notice said had changed since the one before (with its county when the round went to several)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ...checks import RunParams
from ...notices import NOTICE_LISTS, round_units
from ..screens.base import TABLE_ROWS_MAX, fill_table, shown_note

_ROUND_COLUMNS = (
    ("batch", "批次"), ("started_at", "生成时间"), ("year", "学时年度"), ("as_of", "截至日期"),
    ("deadline", "整改期限"), ("units", "单位数"), ("findings", "事项"), ("resolved", "已整改"),
    ("still_open", "仍未整改"), ("new", "新增"),
)  # fmt: skip
_UNIT_COLUMNS = (
    ("unit", "单位"), ("findings", "事项"), ("last_date", "上次通知截至"), ("resolved", "已整改"),
    ("still_open", "仍未整改"), ("new", "新增"),
    *((notice_list.name, notice_list.sheet) for notice_list in NOTICE_LISTS), ("file", "文件"),
)  # fmt: skip


class RoundsView(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rounds: list[dict[str, Any]] = []
        self.county: str | None = None  # the rounds' units of this county only

    def compose(self) -> ComposeResult:
        yield Static(id="rounds-summary", classes="summary")
        yield DataTable(id="rounds-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="rounds-units-title", classes="section")
        yield DataTable(id="rounds-units", cursor_type="row", zebra_stripes=True)

    def show(self, rounds: list[dict[str, Any]], county: str | None = None) -> None:
        """The rounds (`notices.notice_rounds`, of `county`'s units when given); the highlighted one's
        units below."""
        self.rounds, self.county = rounds, county
        self.query_one("#rounds-summary", Static).update(
            f"已记录 {len(rounds):,} 轮整改通知    在“合规检查”画面按 N 生成新一轮；撤销在“导入”画面的批次历史中"
            if rounds
            else "还没有整改通知。在“合规检查”画面选好年度和截至日期，按 N 生成。"
        )
        table = self.query_one("#rounds-table", DataTable)
        table.loading = False
        fill_table(table, _ROUND_COLUMNS, rounds, empty="没有")
        if not rounds:
            fill_table(self.query_one("#rounds-units", DataTable), _UNIT_COLUMNS, [], empty="")
            self.query_one("#rounds-units-title", Static).update("")

    def show_units(self, batch: int, units: list[dict[str, Any]]) -> None:
        self.query_one("#rounds-units-title", Static).update(
            f"批次 {batch} 的各单位通知：{len(units):,} 个单位{shown_note(len(units))}"
        )
        several = len({unit["county"] for unit in units}) > 1
        columns = (("county", "区县"), *_UNIT_COLUMNS) if several else _UNIT_COLUMNS
        fill_table(self.query_one("#rounds-units", DataTable), columns, units[:TABLE_ROWS_MAX], empty="没有")

    @on(DataTable.RowHighlighted, "#rounds-table")
    def _round_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted round's units (one query over its notices: instant even for 3,900 units)."""
        if 0 <= event.cursor_row < len(self.rounds):
            batch = self.rounds[event.cursor_row]["batch"]
            self.show_units(batch, round_units(self.run_params(), batch))

    def run_params(self) -> RunParams:
        app = self.app
        return RunParams(app.store, app.today.year, app.today, county=self.county)  # type: ignore[attr-defined]
