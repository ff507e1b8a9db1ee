"""合规检查: choose checks, year and as-of date; each list with its count; open or explain a finding;
export the report. The lists come from `lawtrain.checks.run_checks`, the same as `lawtrain check`."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    ProgressBar,
    SelectionList,
    Static,
)
from textual.widgets.option_list import Option

from ...checks import CATALOGUE, OFFICER, Report, run_checks
from ...cleaning import parse_date
from ...exporting.reports import write_check_report
from ..data.officer_file import officer_by_id_number
from ..widgets.county_select import CountySelect
from .base import TABLE_ROWS_MAX, RegisterScreen, fill_table, shown_note


class ChecksScreen(RegisterScreen):
    BINDINGS = [
        Binding("g", "run", "运行检查", id="checks-run"),
        Binding("o", "export", "导出Excel", id="checks-export"),
        Binding("x", "explain", "解释原因", id="checks-explain"),
        Binding("n", "notices", "生成整改通知", id="checks-notices"),
        Binding("enter", "open", "打开档案", id="checks-open", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None
        self.shown: str | None = None  # the check whose findings are in the table

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="checks-side", classes="side"):
                yield Label("检查项目 (空格勾选)")
                yield SelectionList[str](
                    *((c.title, c.name, True) for c in CATALOGUE.values()), id="checks-choice"
                )
                with Horizontal(classes="form-row"):
                    yield Label("学时年度", classes="form-label")
                    yield Input(str(self.today.year), id="checks-year", restrict=r"\d{0,4}")
                with Horizontal(classes="form-row"):
                    yield Label("截至日期", classes="form-label")
                    yield Input(self.today.isoformat(), id="checks-as-of")
                with Horizontal(classes="form-row", id="checks-county-row"):
                    yield Label("区县", classes="form-label")
                    yield CountySelect(id="checks-county")
            with Vertical(id="checks-main"):
                yield OptionList(id="checks-lists")
                yield ProgressBar(id="checks-progress", show_eta=False)
                yield Static(id="checks-basis", classes="summary")
                yield DataTable(id="checks-findings", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#checks-progress").display = False
        self._refresh_counties()
        self.action_run()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self._refresh_counties()

    def _refresh_counties(self) -> None:
        select = self.query_one("#checks-county", CountySelect)
        select.refresh_counties(self.store)
        self.query_one("#checks-county-row").display = select.display

    @on(CountySelect.Changed, "#checks-county")
    def _county_chosen(self) -> None:
        self.action_run()

    # -- running ------------------------------------------------------------------------------------
    def _dates(self) -> tuple[int, date] | None:
        try:
            year = int(self.query_one("#checks-year", Input).value)
            as_of = parse_date(self.query_one("#checks-as-of", Input).value)
        except ValueError as exc:
            self.notify(f"年度或截至日期有误：{exc}", severity="error")
            return None
        return year, as_of

    def _params(self) -> tuple[list[str], int, date, str | None] | None:
        names = list(self.query_one("#checks-choice", SelectionList).selected)
        dates = self._dates()
        if dates is None:
            return None
        if not names:
            self.notify("请至少勾选一个检查项目", severity="warning")
            return None
        return names, *dates, self.query_one("#checks-county", CountySelect).county

    @on(Input.Submitted)
    def _dates_entered(self) -> None:
        self.action_run()

    def action_run(self) -> None:
        params = self._params()
        if params is not None:
            self.query_one("#checks-findings", DataTable).loading = True
            bar = self.query_one("#checks-progress", ProgressBar)
            bar.update(total=len(params[0]), progress=0)
            bar.display = True
            self._run(*params)

    @work(thread=True, exclusive=True, group="checks")
    def _run(self, names: list[str], year: int, as_of: date, county: str | None) -> None:
        bar = self.query_one("#checks-progress", ProgressBar)

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(bar.update, total=total, progress=done)

        try:
            report = run_checks(self.store, names, year=year, as_of=as_of, county=county, progress=progress)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            self.app.call_from_thread(self.notify, f"检查失败：{exc}", severity="error")
            self.app.call_from_thread(
                setattr, self.query_one("#checks-findings", DataTable), "loading", False
            )
            return
        finally:
            self.app.call_from_thread(setattr, bar, "display", False)
        self.app.call_from_thread(self.show_report, report)

    def show_report(self, report: Report) -> None:
        self.report = report
        self.query_one("#checks-findings", DataTable).loading = False
        lists = self.query_one("#checks-lists", OptionList)
        lists.clear_options()
        lists.add_options(
            Option(f"{result.check.title}  {len(result.findings):,}", id=result.check.name)
            for result in report.results
        )
        lists.highlighted = 0
        self.show_findings(report.results[0].check.name)
        self.refresh_bindings()
        self.notify(f"检查完成：{len(report.results)} 项，共 {report.total:,} 条")

    @on(OptionList.OptionHighlighted, "#checks-lists")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_findings(event.option.id)

    def show_findings(self, name: str) -> None:
        if self.report is None:
            return
        result = self.report.result(name)
        self.shown = name
        check = result.check
        parameters = result.parameters_text
        self.query_one("#checks-basis", Static).update(
            f"{check.title}：{len(result.findings):,} 条{shown_note(len(result.findings))}    依据：{result.basis}"
            + (f"    参数：{parameters}" if parameters else "")
        )
        columns = [(column.key, column.header) for column in self.report.columns(result)]
        fill_table(self.query_one("#checks-findings", DataTable), columns, result.findings[:TABLE_ROWS_MAX])

    # -- the selected finding -----------------------------------------------------------------------
    def _selected_officer(self) -> str | None:
        if self.report is None or self.shown is None:
            return None
        result = self.report.result(self.shown)
        table = self.query_one("#checks-findings", DataTable)
        if result.check.subject != OFFICER or not result.findings:
            self.notify("该清单不是人员清单", severity="warning")
            return None
        return result.findings[min(table.cursor_row, len(result.findings) - 1)].get("id_number")

    def action_open(self) -> None:
        id_number = self._selected_officer()
        officer_id = officer_by_id_number(self.store, id_number) if id_number else None
        if officer_id is not None:
            from .officer_file import OfficerFileScreen

            self.app.push_screen(OfficerFileScreen(officer_id))

    def action_explain(self) -> None:
        id_number = self._selected_officer()
        if id_number and self.report is not None:
            from .explain import ExplainScreen

            self.app.push_screen(ExplainScreen(id_number, self.report.year, self.report.as_of))

    @on(DataTable.RowSelected, "#checks-findings")
    def _row_selected(self) -> None:
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export", "explain", "open"):
            return self.report is not None
        return True

    def action_notices(self) -> None:
        """Each unit's notice (of the county chosen, when one is) for the year and date entered
        (`lawtrain notices`), after a confirmation."""
        dates = self._dates()
        if dates is not None:
            from .notice_round import start_notice_round

            county = self.query_one("#checks-county", CountySelect).county
            start_notice_round(self, *dates, self.query_one("#checks-progress", ProgressBar), county)

    @work(thread=True, exclusive=True, group="checks-export")
    def action_export(self) -> None:
        report = self.report
        if report is None:
            return
        scope = f"_{report.county}" if report.county else ""
        self.export(
            f"合规检查{scope}_{report.year}_{report.as_of.isoformat()}.xlsx",
            lambda path: write_check_report(report, path, self.store.settings),
            f"已导出 {report.total:,} 条到 {{path}}",
        )
