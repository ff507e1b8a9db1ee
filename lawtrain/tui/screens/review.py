"""年审: evaluate the review of a year (nothing written), filter pass/fail, apply after a confirmation,
export the workbook. The rules are `lawtrain.review`'s; this screen only shows and asks."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from ...review import ReviewResult, apply, evaluate
from ...review.workbook import write_review_workbook
from ...store import StorageError
from ..writing import notify_failure, worker_store
from .base import TABLE_ROWS_MAX, RegisterScreen, fill_table, shown_note
from .forms.confirm import ConfirmScreen

_FILTERS = [("不通过", "fail"), ("通过", "pass")]
_COLUMNS = (("id_number", "身份证号码"), ("name", "姓名"), ("unit", "单位"), ("number", "证件号码"), ("result", "结果"),
            ("reasons", "原因"), ("detail", "说明"))  # fmt: skip


class ReviewScreen(RegisterScreen):
    BINDINGS = [
        Binding("g", "evaluate", "试算", id="review-evaluate"),
        Binding("a", "apply", "确认执行", id="review-apply"),
        Binding("o", "export", "导出Excel", id="review-export"),
        Binding("enter", "open", "打开档案", id="review-open", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.results: list[ReviewResult] | None = None
        self.shown: list[ReviewResult] = []
        self.year = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="filters"):
            yield Label("年审年度", classes="form-label")
            yield Input(str(self.today.year), id="review-year", restrict=r"\d{0,4}")
            yield Select(_FILTERS, prompt="全部结果", id="review-filter")
        yield Static("按 G 试算（只计算，不写入）", id="review-summary", classes="summary")
        yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-table", DataTable).focus()

    @on(Input.Submitted, "#review-year")
    def _year_entered(self) -> None:
        self.query_one("#review-table", DataTable).focus()
        self.action_evaluate()

    def _year(self) -> int | None:
        try:
            return int(self.query_one("#review-year", Input).value)
        except ValueError:
            self.notify("请填写年审年度", severity="error")
            return None

    def _as_of(self, year: int):
        return min(self.today, self.today.replace(year=year, month=12, day=31))

    def action_evaluate(self) -> None:
        year = self._year()
        if year is not None:
            self.query_one("#review-table", DataTable).loading = True  # an indicator while the worker runs
            self._evaluate(year)

    @work(thread=True, exclusive=True, group="review")
    def _evaluate(self, year: int) -> None:
        try:
            results = evaluate(self.store, year, as_of=self._as_of(year))
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            self.app.call_from_thread(self.notify, f"年审试算失败：{exc}", severity="error")
            self.app.call_from_thread(setattr, self.query_one("#review-table", DataTable), "loading", False)
            return
        self.app.call_from_thread(self.show_results, year, results)

    def show_results(self, year: int, results: list[ReviewResult], applied: bool = False) -> None:
        self.year, self.results = year, results
        self.query_one("#review-table", DataTable).loading = False
        failed = sum(1 for r in results if r.reasons)
        state = "（已执行）" if applied else "（试算，未写入）    按 A 确认执行"
        self.query_one("#review-summary", Static).update(
            f"{year}年度年审：应审 {len(results):,} 本，通过 {len(results) - failed:,}，不通过 {failed:,}{state}"
            + shown_note(len(results))
        )
        self.show_filtered()
        self.refresh_bindings()

    @on(Select.Changed, "#review-filter")
    def show_filtered(self) -> None:
        if self.results is None:
            return
        wanted = self.query_one("#review-filter", Select).value
        self.shown = [r for r in self.results if wanted is Select.NULL or r.result == wanted]
        rows = [
            {"id_number": r.id_number, "name": r.name, "unit": r.unit, "number": r.number,
             "result": "不通过" if r.reasons else "通过", "reasons": "、".join(r.reason_labels), "detail": r.detail}
            for r in self.shown[:TABLE_ROWS_MAX]
        ]  # fmt: skip
        fill_table(self.query_one("#review-table", DataTable), _COLUMNS, rows)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("apply", "export", "open"):
            return self.results is not None
        return True

    @work
    async def action_apply(self) -> None:
        if self.results is None:
            return
        year = self.year
        failed = sum(1 for r in self.results if r.reasons)
        settings = self.store.settings.for_year(year).review
        question = f"确认执行 {year} 年度年审？"
        detail = (f"将记录 {len(self.results):,} 本证件的年审结果；不通过的 {failed:,} 本将被{settings.failure_status}"
                  f"（不在岗的{settings.left_post_status}）。此操作可在导入画面的批次历史中撤销。")  # fmt: skip
        if await self.app.push_screen_wait(ConfirmScreen(question, detail, yes="执行")):
            self.query_one("#review-table", DataTable).loading = True
            self._apply(year)

    @work(thread=True, exclusive=True, group="review")
    def _apply(self, year: int) -> None:
        try:
            with worker_store(self.register_app) as store:
                outcome = apply(store, year, as_of=self._as_of(year), today=self.today)
        except Exception as exc:  # noqa: BLE001 (shown to the clerk, never a traceback)
            if isinstance(exc, StorageError):
                self.app.call_from_thread(notify_failure, self, exc)
            else:
                self.app.call_from_thread(self.notify, f"年审执行失败：{exc}", severity="error")
            self.app.call_from_thread(setattr, self.query_one("#review-table", DataTable), "loading", False)
            return
        if outcome.nothing_to_change:
            message = f"{year}年度年审已是最新，没有需要写入的变化"
        else:
            changes = "，".join(f"{status} {count}" for status, count in outcome.status_changes.items())
            message = (f"{year}年度年审已执行（批次 {outcome.batch_id}）：通过 {outcome.passed:,}，"
                       f"不通过 {outcome.failed:,}" + (f"；证件状态变更：{changes}" if changes else ""))  # fmt: skip
        self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.show_results, year, outcome.results, True)

    @work(thread=True, exclusive=True, group="review-export")
    def action_export(self) -> None:
        if self.results is None:
            return
        year, results = self.year, self.results
        as_of = self._as_of(year)
        self.export(
            f"年审_{year}.xlsx",
            lambda path: write_review_workbook(path, results, self.store.settings, year, as_of),
        )

    @on(DataTable.RowSelected, "#review-table")
    def action_open(self) -> None:
        table = self.query_one("#review-table", DataTable)
        if self.shown:
            from .officer_file import OfficerFileScreen

            self.app.push_screen(
                OfficerFileScreen(self.shown[min(table.cursor_row, len(self.shown) - 1)].officer_id)
            )
