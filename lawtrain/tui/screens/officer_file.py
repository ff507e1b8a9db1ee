"""人员档案: one officer's profile, certificates and their history, training transcript per year,
exams, appraisals, reviews and every change made to them."""

from __future__ import annotations

from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from ...hours import required_hours, transcript
from ...store.counties import county_count
from ..data import officer_file as data
from .base import RegisterScreen, fill_table
from .forms.certificate import ACTIONS, action_form, issue_form

_fill = partial(fill_table, empty="（无记录）")
_CERT_KEYS = {"z": "suspend", "h": "reinstate", "x": "cancel", "v": "revoke", "w": "renew"}
_CHANGES = {"edit", "add_training", "bulk_training", "issue", "cert"}  # actions that change the record


class OfficerFileScreen(RegisterScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "返回", id="back"),
        Binding("e", "edit", "修改信息", id="edit-officer"),
        Binding("t", "add_training", "补录学时", id="add-training"),
        Binding("b", "bulk_training", "批量登记课程", id="bulk-training"),
        Binding("i", "explain", "解释各清单", id="explain-officer"),
        Binding("left_square_bracket", "year(-1)", "上一年度", id="year-prev"),
        Binding("right_square_bracket", "year(1)", "下一年度", id="year-next"),
        Binding("f", "issue", "发证", id="cert-issue"),
        *(
            Binding(key, f"cert('{action}')", ACTIONS[action].label, id=f"cert-{action}")
            for key, action in _CERT_KEYS.items()
        ),
    ]

    def __init__(self, officer_id: int) -> None:
        super().__init__()
        self.officer_id = officer_id
        self.year = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="file-title", classes="summary")
        with TabbedContent(id="file-tabs"):
            with TabPane("基本信息", id="tab-profile"):
                yield DataTable(id="profile", cursor_type="row", show_header=False)
            with TabPane("证件", id="tab-certs"):
                yield DataTable(id="certs", cursor_type="row")
                yield Static("证件变更历史", classes="section")
                yield DataTable(id="cert-events", cursor_type="row")
            with TabPane("学时", id="tab-hours"):
                yield Static(id="hours-summary", classes="summary")
                yield DataTable(id="transcript", cursor_type="row")
            with TabPane("考试", id="tab-exams"):
                yield DataTable(id="exams", cursor_type="row")
            with TabPane("考核", id="tab-appraisals"):
                yield DataTable(id="appraisals", cursor_type="row")
            with TabPane("年审", id="tab-reviews"):
                yield DataTable(id="reviews", cursor_type="row")
            with TabPane("变更记录", id="tab-audit"):
                yield DataTable(id="audit", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.year = self.today.year
        self.refresh_all()
        self.refresh_bindings()  # a rolled-up record offers no changes

    def refresh_all(self) -> None:
        officer = data.profile(self.store, self.officer_id)
        if officer is None:
            self.notify("该人员已不在登记簿中", severity="error")
            self.app.pop_screen()
            return
        self.officer = officer
        county = f"{officer.county}  " if county_count(self.store.db) > 1 else ""
        origin = (
            f"    （由{officer.county}的登记簿汇总而来：请在该县登记簿中修改，再重新汇总）"
            if officer.rolled_up
            else ""
        )
        self.query_one("#file-title", Static).update(
            f"{officer.name}  {officer.id_number}  {county}{officer.unit}  {officer.staffing or '人员性质未填'}  "
            f"{officer.status}{origin}"
        )
        profile = [
            ("姓名", officer.name), ("身份证号码", officer.id_number), ("性别", officer.sex),
            ("出生日期", officer.birth_date), ("区县", officer.county), ("工作单位", officer.unit),
            ("职务", officer.position),
            ("人员性质", officer.staffing), ("人员状态", officer.status),
            ("单位负责人", "是" if officer.is_head else "否"), ("任期起", officer.head_term_start),
            ("联系电话", officer.phone), ("法律职业资格", "有" if officer.legal_qualification else "无"),
        ]  # fmt: skip
        _fill(self.query_one("#profile", DataTable), [("k", "项目"), ("v", "内容")],
              [{"k": k, "v": v} for k, v in profile])  # fmt: skip
        self.certificates = data.certificates(self.store, self.officer_id)
        _fill(self.query_one("#certs", DataTable),
              [("number", "证件号码"), ("kind", "种类"), ("issued", "发证日期"), ("expires", "有效期至"),
               ("status", "状态"), ("suspended_until", "暂扣至"), ("authority", "发证机关")], self.certificates)  # fmt: skip
        _fill(self.query_one("#cert-events", DataTable),
              [("number", "证件号码"), ("date", "日期"), ("from_status", "原状态"), ("to_status", "新状态"),
               ("reason", "原因")], data.certificate_events(self.store, self.officer_id))  # fmt: skip
        self.show_transcript()
        exams = data.exams(self.store, self.officer_id)
        for row in exams:
            row["score"] = "缺考" if row["absent"] else row["score"]
        _fill(self.query_one("#exams", DataTable),
              [("exam_name", "考试"), ("part", "科目"), ("date", "日期"), ("score", "成绩")], exams)  # fmt: skip
        _fill(self.query_one("#appraisals", DataTable), [("year", "年度"), ("grade", "考核等次")],
              data.appraisals(self.store, self.officer_id))  # fmt: skip
        _fill(self.query_one("#reviews", DataTable),
              [("year", "年度"), ("number", "证件号码"), ("result", "结果"), ("reasons", "原因"),
               ("detail", "说明"), ("date", "日期")], data.reviews(self.store, self.officer_id))  # fmt: skip
        _fill(self.query_one("#audit", DataTable),
              [("at", "时间"), ("operator", "操作人"), ("what", "对象"), ("action", "操作"), ("change", "内容"),
               ("source", "来源")], data.audit_history(self.store, self.officer_id))  # fmt: skip

    def show_transcript(self) -> None:
        result = transcript(self.store, self.officer_id, self.year)
        rows = []
        for record in result.records:
            if record.year not in (self.year, self.year - 1):
                continue
            rows.append({
                "date": record.date, "course": record.course, "category": record.category or "（未分类）",
                "hours": f"{record.hours:g}", "mode": record.mode, "counted": "计入" if record.counted else "不计入",
                "reason": record.reason,
            })  # fmt: skip
        _fill(self.query_one("#transcript", DataTable),
              [("date", "日期"), ("course", "课程"), ("category", "类别"), ("hours", "学时"), ("mode", "方式"),
               ("counted", "是否计入"), ("reason", "原因")], rows, empty=f"{self.year}年度无培训记录")  # fmt: skip
        required = required_hours(self.store.settings, self.year)
        short = max(required - result.countable, 0)
        text = (f"{self.year}年度  计入学时 {result.countable:g} / 要求 {required:g}"
                f"  不计入 {result.excluded:g}")  # fmt: skip
        if result.carried:
            text += f"  (含上年结转 {result.carried:g})"
        text += f"  差 {short:g} 学时" if short else "  已达标"
        text += "    [ ] 切换年度"
        self.query_one("#hours-summary", Static).update(text)

    # -- actions ------------------------------------------------------------------------------------
    def action_year(self, delta: int) -> None:
        self.year += delta
        self.show_transcript()
        self.query_one(TabbedContent).active = "tab-hours"

    def _selected_certificate(self) -> dict | None:
        table = self.query_one("#certs", DataTable)
        if not self.certificates:
            return None
        return self.certificates[min(table.cursor_row, len(self.certificates) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Certificate actions show in the Footer on the certificates tab, the year keys on the hours tab.
        # A record rolled up from a county's register is changed in that register, not here.
        tab = self.query_one(TabbedContent).active if self.is_mounted else ""
        officer = getattr(self, "officer", None)
        if action in _CHANGES and officer is not None and officer.rolled_up:
            return False
        if action == "cert":
            return tab == "tab-certs" and bool(getattr(self, "certificates", None))
        if action == "issue":
            return tab == "tab-certs"
        if action == "year":
            return tab == "tab-hours"
        return True

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def action_explain(self) -> None:
        from .explain import ExplainScreen

        self.app.push_screen(ExplainScreen(self.officer.id_number, self.year, self.today))

    @work
    async def action_cert(self, key: str) -> None:
        cert = self._selected_certificate()
        if cert is None:
            return
        action = ACTIONS[key]
        result = await self.app.push_screen_wait(action_form(self.store, action, cert["number"], self.today))
        if result is not None:
            self.notify(f"证件 {result.number} 已{action.label}，现状态：{result.status}")
            self.refresh_all()

    @work
    async def action_issue(self) -> None:
        officer = self.officer
        result = await self.app.push_screen_wait(
            issue_form(self.store, officer.id_number, officer.name, self.today)
        )
        if result is not None:
            self.notify(f"已发证 {result.number}，有效期至 {result.expires}")
            self.refresh_all()

    @work
    async def action_edit(self) -> None:
        from .forms.officer import officer_form

        if await self.app.push_screen_wait(officer_form(self.store, self.officer, self.today)) is not None:
            self.notify("人员信息已保存")
            self.refresh_all()

    @work
    async def action_add_training(self) -> None:
        from .forms.training import training_form

        saved = await self.app.push_screen_wait(training_form(self.store, self.officer.id_number, self.today))
        if saved:
            self.notify("培训记录已保存")
            self.refresh_all()
            self.query_one(TabbedContent).active = "tab-hours"

    @work
    async def action_bulk_training(self) -> None:
        from .forms.bulk_training import BulkTrainingForm

        saved = await self.app.push_screen_wait(
            BulkTrainingForm(self.store, self.today, [self.officer.id_number])
        )
        if saved:
            self.notify(f"已为 {saved} 人登记课程")
            self.refresh_all()
