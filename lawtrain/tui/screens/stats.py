"""统计: the per-unit table (the same figures as `lawtrain stats`) and a bar chart of compliance."""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from ...exporting.reports import write_stats_report
from ...stats import STATS_COLUMNS, Statistics, statistics
from ..widgets.bar_chart import BarChart
from .base import RegisterScreen, fill_table


def _shown(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


class StatsScreen(RegisterScreen):
    BINDINGS = [
        Binding("g", "compute", "重新统计", id="stats-run"),
        Binding("o", "export", "导出Excel", id="stats-export"),
        Binding("left_square_bracket", "year(-1)", "上一年度", id="stats-year-prev"),
        Binding("right_square_bracket", "year(1)", "下一年度", id="stats-year-next"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year = 0
        self.stats: Statistics | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="stats-summary", classes="summary")
        with VerticalScroll():
            yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True)
            yield BarChart("各单位学时达标率", id="stats-chart-training")
            yield BarChart("各单位持证率", id="stats-chart-holders")
        yield Footer()

    def on_mount(self) -> None:
        self.year = self.today.year
        self.action_compute()

    def on_screen_resume(self) -> None:
        if self.stats is not None:
            self.action_compute()

    def action_year(self, delta: int) -> None:
        self.year += delta
        self.action_compute()

    def action_compute(self) -> None:
        as_of = min(self.today, self.today.replace(year=self.year, month=12, day=31))
        self.query_one("#stats-table", DataTable).loading = True  # about a second at province scale
        self._compute(self.year, as_of)

    @work(thread=True, exclusive=True, group="stats")
    def _compute(self, year: int, as_of: date) -> None:
        try:
            stats = statistics(self.store, year, as_of)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            self.app.call_from_thread(self.notify, f"统计失败：{exc}", severity="error")
            self.app.call_from_thread(setattr, self.query_one("#stats-table", DataTable), "loading", False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, stats)

    def show(self, stats: Statistics) -> None:
        self.stats = stats
        table = self.query_one("#stats-table", DataTable)
        table.loading = False
        rows = [
            {key: _shown(value) for key, value in row.items()}
            for row in [*stats.units, {**stats.totals, "unit": "合计"}]
        ]
        fill_table(table, [(column.key, column.header) for column in STATS_COLUMNS], rows)
        self.query_one("#stats-summary", Static).update(
            f"{stats.year}年度 · 截至 {stats.as_of.isoformat()} · 学时判定日 {stats.judged_on.isoformat()}"
            f" · {len(stats.units)} 个单位    [ ] 切换年度"
        )
        # Every subject of a unit compliant is the goal: a shorter bar is drawn red.
        self.query_one("#stats-chart-training", BarChart).show(
            [(row["unit"], row["compliance_rate"]) for row in stats.units], threshold=100.0
        )
        self.query_one("#stats-chart-holders", BarChart).show(
            [(row["unit"], row["holder_rate"]) for row in stats.units]
        )

    @work(thread=True, exclusive=True, group="stats-export")
    def action_export(self) -> None:
        stats = self.stats
        if stats is None:
            return
        self.export(
            f"统计_{stats.year}_{stats.as_of.isoformat()}.xlsx",
            lambda path: write_stats_report(stats, path, self.store.settings),
        )
