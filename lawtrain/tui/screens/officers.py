"""人员: the officer list. Every keystroke in the search box runs one indexed SQL query for ids; the
virtual table fetches only the rows it shows."""

from __future__ import annotations

from array import array

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from ... import vocabulary as voc
from ..data.officer_list import CERT_STATES, SEARCH_CAP, SORTS, ListQuery, fetch_rows, officer_ids, units
from ..widgets.county_select import CountySelect
from ..widgets.officer_table import OfficerTable
from .base import RegisterScreen

_SORT_KEYS = tuple(SORTS)


class OfficersScreen(RegisterScreen):
    BINDINGS = [
        Binding("slash", "search", "搜索", id="search"),
        Binding("s", "next_sort", "排序", id="sort"),
        Binding("r", "reverse", "倒序", id="reverse"),
        Binding("escape", "clear", "清除条件", id="clear"),
        Binding("n", "new_officer", "新增人员", id="new-officer"),
        Binding("b", "bulk_training", "批量登记课程", id="list-bulk-training"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_state = ListQuery()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="officer-filters", classes="filters"):
            yield Input(placeholder="搜索：姓名 / 拼音首字母 / 身份证号 / 证件号 ( / )", id="officer-search")
            yield CountySelect(id="filter-county")
            yield Select([], prompt="全部单位", id="filter-unit")
            staffing = self.store.settings.staffing
            yield Select(
                [(s, s) for s in staffing.allowed + staffing.not_allowed],
                prompt="全部人员性质",
                id="filter-staffing",
            )
            yield Select([(s, s) for s in voc.STATUSES], prompt="全部状态", id="filter-status")
            yield Select(
                [(label, key) for key, (label, _) in CERT_STATES.items()],
                prompt="全部证件状态",
                id="filter-cert",
            )
        yield Static(id="officer-summary", classes="summary")
        yield OfficerTable(lambda ids: fetch_rows(self.store, ids, self.today), id="officer-table")
        yield Footer()

    def on_mount(self) -> None:
        self._unit_options: list[tuple[str, int]] = []
        self.refresh_units()
        self.run_query()
        self.query_one(OfficerTable).focus()

    def on_screen_resume(self) -> None:
        # The register may have changed elsewhere (an import, an edit): show it as it is now.
        if self.is_mounted:
            self.refresh_units()
            self.run_query(keep_position=True)

    def refresh_units(self) -> None:
        """The county and unit filters' choices, kept (with the chosen county and unit) when they have
        not changed; the units are the chosen county's."""
        counties = self.query_one("#filter-county", CountySelect)
        if counties.refresh_counties(self.store):
            self.query_state = self.query_state.with_(county=None)
        self.query_one(OfficerTable).show_county(counties.display)
        options = [(name, uid) for uid, name in units(self.store, self.query_state.county)]
        if options == self._unit_options:
            return
        self._unit_options = options
        select = self.query_one("#filter-unit", Select)
        with select.prevent(Select.Changed):
            select.set_options(options)
            if self.query_state.unit_id in {uid for _, uid in options}:
                select.value = self.query_state.unit_id
            else:
                self.query_state = self.query_state.with_(unit_id=None)

    # -- the query ----------------------------------------------------------------------------------
    def run_query(self, keep_position: bool = False) -> None:
        """Ask SQL for the ids in a worker: typing never waits for a broad query to finish."""
        self._query(self.query_state, keep_position)

    @work(thread=True, exclusive=True, group="officer-list")
    def _query(self, query: ListQuery, keep_position: bool) -> None:
        ids = officer_ids(self.store, query, self.today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, ids, keep_position)

    def _show(self, query: ListQuery, ids: array, keep_position: bool) -> None:
        if query != self.query_state:
            return  # a newer query is on its way
        table = self.query_one(OfficerTable)
        if keep_position and len(ids) == table.row_count:
            table.reload()
        else:
            table.set_ids(ids)
        table.sort_column = query.sort
        table.sort_descending = query.descending
        sort_label = SORTS[query.sort][0] + ("，倒序" if query.descending else "")
        if query.text.strip() and len(ids) >= SEARCH_CAP:
            count = f"至少 {len(ids):,} 人（结果较多，请继续输入以缩小范围）"
        else:
            count = f"共 {len(ids):,} 人"
        self.query_one("#officer-summary", Static).update(f"{count} · 排序：{sort_label}")

    def _set(self, **changes) -> None:
        self.query_state = self.query_state.with_(**changes)
        self.run_query()

    @on(Input.Changed, "#officer-search")
    def _search(self, event: Input.Changed) -> None:
        self._set(text=event.value)

    @on(Input.Submitted, "#officer-search")
    def _to_table(self) -> None:
        self.query_one(OfficerTable).focus()

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else event.value
        field = {"filter-county": "county", "filter-unit": "unit_id", "filter-staffing": "staffing",
                 "filter-status": "status", "filter-cert": "cert_state"}.get(event.select.id or "")  # fmt: skip
        if field and getattr(self.query_state, field) != value:
            self.query_state = self.query_state.with_(**{field: value})
            if field == "county":
                self.refresh_units()  # the units of the county chosen
            self.run_query()

    @on(OfficerTable.Opened)
    def _open(self, event: OfficerTable.Opened) -> None:
        from .officer_file import OfficerFileScreen

        self.app.push_screen(OfficerFileScreen(event.officer_id))

    # -- actions ------------------------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#officer-search", Input).focus()

    def action_next_sort(self) -> None:
        position = _SORT_KEYS.index(self.query_state.sort)
        self._set(sort=_SORT_KEYS[(position + 1) % len(_SORT_KEYS)], descending=False)

    def action_reverse(self) -> None:
        self._set(descending=not self.query_state.descending)

    def action_clear(self) -> None:
        search = self.query_one("#officer-search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        for select in self.query(Select):
            with select.prevent(Select.Changed):
                select.clear()
        self.query_state = ListQuery(sort=self.query_state.sort, descending=self.query_state.descending)
        self.refresh_units()  # every county's units again
        self.run_query()
        self.query_one(OfficerTable).focus()

    def action_new_officer(self) -> None:
        from .forms.officer import officer_form
        from .officer_file import OfficerFileScreen

        def saved(officer_id: int | None) -> None:
            if officer_id is not None:
                self.notify("已新增执法人员")
                self.run_query()
                self.app.push_screen(OfficerFileScreen(officer_id))

        self.app.push_screen(officer_form(self.store, None, self.today), saved)

    def action_bulk_training(self) -> None:
        from .forms.bulk_training import BulkTrainingForm

        def saved(count: int | None) -> None:
            if count:
                self.notify(f"已为 {count} 人登记课程")
                self.run_query(keep_position=True)

        self.app.push_screen(BulkTrainingForm(self.store, self.today), saved)
