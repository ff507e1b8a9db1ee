"""督办 (before 31 December): who will fall short at the current pace, what falls due month by month,
and the notice rounds sent to units with what each unit resolved since its last one.

The figures are `lawtrain forecast`, `lawtrain calendar` and the rounds `lawtrain notices` recorded;
new rounds are generated from the 合规检查 screen (N), for the year, date and county shown there. In a
city's register a county filter narrows all three tabs, as on the other screens.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Label, TabbedContent, TabPane

from ...checks import RunParams
from ...cleaning import parse_date, parse_year
from ...due import due_calendar
from ...exporting.lookahead import write_calendar, write_forecast
from ...forecast import forecast
from ...notices import notice_rounds
from ..data.officer_file import officer_by_id_number
from ..widgets.county_select import CountySelect
from ..widgets.due_view import DueView
from ..widgets.forecast_view import ForecastView
from ..widgets.rounds_view import RoundsView
from .base import RegisterScreen


class AutumnScreen(RegisterScreen):
    BINDINGS = [
        Binding("g", "compute", "重新计算", id="autumn-compute"),
        Binding("o", "export", "导出Excel", id="autumn-export"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filters"):
            yield Label("学时年度", classes="form-label")
            yield Input(str(self.today.year), id="autumn-year", restrict=r"\d{0,4}")
            yield Label("截至日期", classes="form-label")
            yield Input(self.today.isoformat(), id="autumn-as-of")
            yield CountySelect(id="autumn-county")
        with TabbedContent(id="autumn-tabs"):
            with TabPane("学时预测", id="tab-forecast"):
                yield ForecastView(id="forecast-view")
            with TabPane("到期月历", id="tab-due"):
                yield DueView(id="due-view")
            with TabPane("整改通知", id="tab-rounds"):
                yield RoundsView(id="rounds-view")
        yield Footer()

    def on_mount(self) -> None:
        self.county_select.refresh_counties(self.store)
        self.action_compute()

    def on_screen_resume(self) -> None:
        # A round may have been generated on the checks screen, or an undo taken one back; an import
        # may have brought a county's units in or taken the chosen county's away.
        if self.is_mounted:
            if self.county_select.refresh_counties(self.store):
                self.action_compute()
            else:
                self._rounds(self.county_select.county)

    @property
    def county_select(self) -> CountySelect:
        return self.query_one("#autumn-county", CountySelect)

    @on(CountySelect.Changed, "#autumn-county")
    def _county_chosen(self) -> None:
        self.action_compute()

    def _dates(self) -> tuple[int, date] | None:
        try:
            year = parse_year(self.query_one("#autumn-year", Input).value)
            as_of = parse_date(self.query_one("#autumn-as-of", Input).value)
        except ValueError as exc:
            self.notify(f"学时年度或截至日期有误：{exc}", severity="error")
            return None
        return year, as_of

    @on(Input.Submitted)
    def action_compute(self) -> None:
        dates = self._dates()
        if dates is None:
            return
        county = self.county_select.county
        for table in ("#forecast-units", "#due-months", "#rounds-table"):
            self.query_one(table, DataTable).loading = True
        self._forecast(*dates, county)
        self._calendar(dates[1], county)
        self._rounds(county)

    @work(thread=True, exclusive=True, group="autumn-forecast")
    def _forecast(self, year: int, as_of: date, county: str | None) -> None:
        try:
            result = forecast(self.store, year, as_of, county=county)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            self._failed("#forecast-units", f"预测失败：{exc}")
            return
        self.app.call_from_thread(self._show_forecast, result)

    def _show_forecast(self, result) -> None:
        self.query_one(ForecastView).show(result)
        if not isinstance(self.focused, DataTable):  # the table was loading: the focus went elsewhere
            self.query_one("#forecast-units", DataTable).focus()

    @work(thread=True, exclusive=True, group="autumn-calendar")
    def _calendar(self, as_of: date, county: str | None) -> None:
        try:
            calendar = due_calendar(self.store, as_of, county=county)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            self._failed("#due-months", f"月历计算失败：{exc}")
            return
        self.app.call_from_thread(self.query_one(DueView).show, calendar)

    @work(thread=True, exclusive=True, group="autumn-rounds")
    def _rounds(self, county: str | None) -> None:
        rounds = notice_rounds(RunParams(self.store, self.today.year, self.today, county=county))
        self.app.call_from_thread(self.query_one(RoundsView).show, rounds, county)

    def _failed(self, table: str, message: str) -> None:
        self.app.call_from_thread(self.notify, message, severity="error")
        self.app.call_from_thread(setattr, self.query_one(table, DataTable), "loading", False)

    @on(DataTable.RowSelected, "#forecast-officers")
    def _open_officer(self) -> None:
        id_number = self.query_one(ForecastView).selected_id_number()
        officer_id = officer_by_id_number(self.store, id_number) if id_number else None
        if officer_id is not None:
            from .officer_file import OfficerFileScreen

            self.app.push_screen(OfficerFileScreen(officer_id))

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            active = self.query_one(TabbedContent).active
            if active == "tab-forecast":
                return self.query_one(ForecastView).forecast is not None
            if active == "tab-due":
                return self.query_one(DueView).calendar is not None
            return False
        return True

    @work(thread=True, exclusive=True, group="autumn-export")
    def action_export(self) -> None:
        active = self.query_one(TabbedContent).active
        settings = self.store.settings
        predicted, calendar = self.query_one(ForecastView).forecast, self.query_one(DueView).calendar
        if active == "tab-forecast" and predicted is not None:
            scope = f"_{predicted.county}" if predicted.county else ""
            name = f"学时预测{scope}_{predicted.year}_{predicted.as_of.isoformat()}.xlsx"
            self.export(name, lambda path: write_forecast(predicted, path, settings))
        elif active == "tab-due" and calendar is not None:
            scope = f"_{calendar.county}" if calendar.county else ""
            self.export(
                f"到期月历{scope}_{calendar.as_of.isoformat()}.xlsx",
                lambda path: write_calendar(calendar, path, settings),
            )
