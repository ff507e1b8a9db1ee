"""统计: the per-unit table (the same figures as `lawtrain stats`) and bar charts of compliance and
持证率. In a city's register: a table and charts per county first, then the units of the county the
clerk chooses (the filter above, or Enter on a county's row)."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from ...exporting.reports import write_stats_report
from ...stats import COUNTY, UNIT, Statistics, statistics
from ..widgets.bar_chart import BarChart
from ..widgets.county_select import CountySelect
from .base import RegisterScreen, fill_table


def _shown(value: object) -> object:
    """A figure of the table; a rate of no one (no officers in post, say) reads as a dash."""
    return "—" if value is None else value


class StatsScreen(RegisterScreen):
    BINDINGS = [
        Binding("g", "compute", "重新统计", id="stats-run"),
        Binding("o", "export", "导出Excel", id="stats-export"),
        Binding("left_square_bracket", "year(-1)", "上一年度", id="stats-year-prev"),
        Binding("right_square_bracket", "year(1)", "下一年度", id="stats-year-next"),
        Binding("escape", "all_counties", "全部区县", id="stats-all-counties"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year = 0
        self.stats: Statistics | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="stats-filters", classes="filters"):
            yield CountySelect(id="stats-county")
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

    @property
    def county_select(self) -> CountySelect:
        return self.query_one("#stats-county", CountySelect)

    def action_year(self, delta: int) -> None:
        self.year += delta
        self.action_compute()

    def action_compute(self) -> None:
        select = self.county_select
        select.refresh_counties(self.store)
        self.query_one("#stats-filters").display = select.display
        as_of = min(self.today, self.today.replace(year=self.year, month=12, day=31))
        by = COUNTY if select.display and select.county is None else UNIT
        self.query_one("#stats-table", DataTable).loading = True  # about a second at province scale
        self._compute(self.year, as_of, select.county, by)

    @on(CountySelect.Changed, "#stats-county")
    def _county_chosen(self) -> None:
        self.action_compute()

    def action_all_counties(self) -> None:
        self.county_select.clear()

    @on(DataTable.RowSelected, "#stats-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a county's row: that county's units."""
        stats = self.stats
        if stats is not None and stats.by == COUNTY and event.cursor_row < len(stats.rows):
            self.county_select.value = stats.rows[event.cursor_row]["county"]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "all_counties":
            return self.is_mounted and self.county_select.county is not None
        return True

    @work(thread=True, exclusive=True, group="stats")
    def _compute(self, year: int, as_of: date, county: str | None, by: str) -> None:
        try:
            stats = statistics(self.store, year, as_of, county=county, by=by)
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
            for row in [*stats.rows, {**stats.totals, stats.name_key: "合计"}]
        ]
        fill_table(table, [(column.key, column.header) for column in stats.columns], rows)
        if stats.by == COUNTY:
            what = f"{len(stats.rows)} 个区县 (回车查看该区县的单位)"
        else:
            what = f"{stats.county + ' ' if stats.county else ''}{len(stats.rows)} 个单位"
        self.query_one("#stats-summary", Static).update(
            f"{stats.year}年度 · 截至 {stats.as_of.isoformat()} · 学时判定日 {stats.judged_on.isoformat()}"
            f" · {what}    [ ] 切换年度"
        )
        of = "各区县" if stats.by == COUNTY else "各单位"
        training = self.query_one("#stats-chart-training", BarChart)
        holders = self.query_one("#stats-chart-holders", BarChart)
        training.title, holders.title = f"{of}学时达标率", f"{of}持证率"
        key = stats.name_key
        # Every subject of a unit compliant is the goal: a shorter bar is drawn red.
        training.show([(row[key], row["compliance_rate"]) for row in stats.rows], threshold=100.0)
        holders.show([(row[key], row["holder_rate"]) for row in stats.rows])
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="stats-export")
    def action_export(self) -> None:
        stats = self.stats
        if stats is None:
            return
        scope = f"_{stats.county}" if stats.county else ("_各区县" if stats.by == COUNTY else "")
        self.export(
            f"统计{scope}_{stats.year}_{stats.as_of.isoformat()}.xlsx",
            lambda path: write_stats_report(stats, path, self.store.settings),
        )
