"""法律顾问: the roster, coverage by unit (全覆盖) and engagements ending soon; add and edit.
Coverage and "ending soon" are the catalogue's checks, so this screen agrees with `lawtrain check`."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from ...checks import run_checks
from ...store.counties import county_count
from ..data.advisers import coverage, roster
from .base import RegisterScreen, fill_table

_ROSTER_COLUMNS = (("name", "姓名"), ("kind", "类别"), ("unit", "服务单位"), ("firm", "执业机构"),
                   ("licence", "执业证号"), ("term_start", "聘期起"), ("term_end", "聘期止"), ("state", "状态"),
                   ("phone", "电话"), ("evaluation", "评价"))  # fmt: skip


class AdvisersScreen(RegisterScreen):
    BINDINGS = [
        Binding("n", "add", "新增顾问", id="adviser-add"),
        Binding("e", "edit", "修改", id="adviser-edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.advisers: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="advisers-summary", classes="summary")
        with TabbedContent(id="advisers-tabs"):
            with TabPane("顾问名册", id="tab-roster"):
                yield DataTable(id="advisers-roster", cursor_type="row", zebra_stripes=True)
            with TabPane("各单位覆盖情况", id="tab-coverage"):
                yield DataTable(id="advisers-coverage", cursor_type="row", zebra_stripes=True)
            with TabPane("即将到期", id="tab-expiring"):
                yield DataTable(id="advisers-expiring", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_screen_resume(self) -> None:
        # On first display and on every return (an import may have brought advisers).
        self.reload()

    def reload(self) -> None:
        today = self.today
        self.advisers = roster(self.store, today)
        several = county_count(self.store.db) > 1  # a city's register: which county each unit is in
        columns = _ROSTER_COLUMNS
        if several:
            columns = (*_ROSTER_COLUMNS[:2], ("county", "区县"), *_ROSTER_COLUMNS[2:])
        fill_table(self.query_one("#advisers-roster", DataTable), columns, self.advisers)
        report = run_checks(
            self.store, ["adviser-coverage", "adviser-expiring"], year=today.year, as_of=today
        )
        uncovered = {
            (finding["county"], finding["unit"]) for finding in report.result("adviser-coverage").findings
        }
        units = coverage(self.store, today)
        fill_table(
            self.query_one("#advisers-coverage", DataTable),
            ((("county", "区县"),) if several else ())
            + (("unit", "单位"), ("advisers", "在聘顾问"), ("covered", "覆盖")),
            (
                {**row, "covered": "未覆盖" if (row["county"], row["unit"]) in uncovered else "已覆盖"}
                for row in sorted(
                    units, key=lambda r: ((r["county"], r["unit"]) not in uncovered, r["county"], r["unit"])
                )
            ),
        )
        expiring_result = report.result("adviser-expiring")
        columns = [(column.key, column.header) for column in report.columns(expiring_result)]
        fill_table(self.query_one("#advisers-expiring", DataTable), columns, expiring_result.findings)
        in_office = sum(1 for a in self.advisers if a["state"] == "在聘")
        self.query_one("#advisers-summary", Static).update(
            f"法律顾问 {len(self.advisers):,} 条聘任记录，在聘 {in_office:,}；"
            f"{len(units):,} 个单位中 {len(uncovered):,} 个未覆盖；{len(expiring_result.findings):,} 个聘期即将到期"
            f"（截至 {today.isoformat()}）"
        )

    def _selected(self) -> dict[str, Any] | None:
        if not self.advisers:
            return None
        table = self.query_one("#advisers-roster", DataTable)
        return self.advisers[min(table.cursor_row, len(self.advisers) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            return bool(self.advisers) and self.query_one(TabbedContent).active == "tab-roster"
        return True

    @on(TabbedContent.TabActivated)
    def _tab(self) -> None:
        self.refresh_bindings()

    @work
    async def action_add(self) -> None:
        await self._form(None)

    @on(DataTable.RowSelected, "#advisers-roster")
    @work
    async def action_edit(self) -> None:
        await self._form(self._selected())

    async def _form(self, adviser: dict[str, Any] | None) -> None:
        from .forms.adviser import adviser_form

        if adviser is not None and adviser["rolled_up"]:
            self.notify(
                f"该顾问由{adviser['county']}的登记簿汇总而来：请在该县登记簿中修改，再重新汇总",
                severity="warning",
            )
            return
        message = await self.app.push_screen_wait(adviser_form(self.store, adviser))
        if message:
            self.notify(message)
            self.reload()
