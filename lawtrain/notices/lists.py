"""What a unit's notice lists: each list's check, its sheet, its columns and what the unit must do.

The findings come from the catalogue's checks and, for training hours, from the forecast (the same
population and requirement as the training-hours check, hours countable as of the notice's date), run
once for the whole jurisdiction and split by unit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..checks import CATALOGUE, OFFICER, UNIT, RunParams, run_checks
from ..exporting.tables import Column
from ..forecast import STATUS_LABELS, forecast
from ..labels import describe
from ..settings import Settings
from ..store import Store


@dataclass(frozen=True)
class NoticeList:
    name: str  # the check's name: the machine key in counts and --json
    sheet: str  # the tab of the unit's workbook
    subject: str  # OFFICER or UNIT
    heading: str  # the notice's item: {n} the count, {minimum} the unit minimum of holders
    todo: Callable[[Settings, int, bool], str]  # what the unit must do (settings, year, year running)

    @property
    def title(self) -> str:
        return CATALOGUE[self.name].title

    def columns(self, running: bool) -> tuple[Column, ...]:
        """As printed in a unit's workbook: the check's columns without the unit (the whole sheet is
        one unit's); training hours with the forecast while the year is running."""
        if self.name == "training-hours":
            return TRAINING_COLUMNS if running else TRAINING_COLUMNS[:5]
        return tuple(column for column in CATALOGUE[self.name].columns if column.key != "unit")

    def key(self, row: dict[str, Any]) -> str:
        """What identifies a finding from one round to the next: the officer (and the certificate,
        for lists of certificates), or the unit itself."""
        if self.subject == UNIT:
            return self.name
        return f"{row['id_number']}/{row['certificate']}" if "certificate" in row else row["id_number"]


TRAINING_COLUMNS = (
    Column("id_number", "身份证号码"),
    Column("name", "姓名"),
    Column("countable", "可计学时"),
    Column("required", "应修学时"),
    Column("needed", "尚需学时"),
    Column("projected", "按当前进度预计全年学时"),
    Column("forecast", "预测"),
)


def _training_todo(settings: Settings, year: int, running: bool) -> str:
    excluded = "、".join(settings.for_year(year).training.excluded_categories)
    not_counted = f"（{excluded}学时不计入）" if excluded else ""
    if running:
        return (
            f"请督促名单中的人员在{year}年12月31日前参加业务知识和法律法规培训，补足所差学时{not_counted}，"
            "并及时报送培训记录；预测为“有风险”“无学时记录”的人员请优先安排。"
        )
    return f"名单中的人员{year}年度培训学时未达到要求{not_counted}，请说明原因并组织补训。"


def _fixed(text: str) -> Callable[[Settings, int, bool], str]:
    return lambda settings, year, running: text


NOTICE_LISTS: tuple[NoticeList, ...] = (
    NoticeList("training-hours", "学时不足", OFFICER, "培训学时不足的人员{n}名", _training_todo),
    NoticeList(
        "cert-expiring",
        "证件即将到期",
        OFFICER,
        "即将到期的执法证件{n}本",
        _fixed("请在证件有效期届满前为持证人申请换发新证。"),
    ),
    NoticeList(
        "cert-expired",
        "证件已过期",
        OFFICER,
        "已过有效期但仍登记为有效的执法证件{n}本",
        _fixed("持证人应立即停止从事行政执法工作；请申请换证，或申请注销。"),
    ),
    NoticeList(
        "ineligible-staffing",
        "人员性质不得持证",
        OFFICER,
        "人员性质不得持证的人员持有的有效证件{n}本",
        _fixed("请停止其执法工作，收回证件并申请注销。"),
    ),
    NoticeList(
        "left-post",
        "离岗未注销",
        OFFICER,
        "已不在岗的人员仍持有的有效证件{n}本",
        _fixed("请收回证件并申请注销。"),
    ),
    NoticeList(
        "exam-passed-uncertified",
        "考试合格未发证",
        OFFICER,
        "执法资格考试合格尚未发证的人员{n}名",
        _fixed("请在合格成绩有效期内为其申请领取执法证件。"),
    ),
    NoticeList(
        "unit-min-holders",
        "持证人数不足",
        UNIT,
        "在岗持有效执法证件的人员不足{minimum}人",
        lambda settings, year, running: (
            "请安排符合条件的人员参加行政执法资格考试并申领证件，"
            f"使在岗持证人员不少于{settings.checks.unit_min_holders}人。"
        ),
    ),
    NoticeList(
        "adviser-coverage",
        "无法律顾问",
        UNIT,
        "没有在聘的法律顾问或公职律师",
        _fixed("请尽快聘请，并报送聘用情况。"),
    ),
)
BY_NAME = {notice_list.name: notice_list for notice_list in NOTICE_LISTS}


@dataclass
class Findings:
    """One round's findings, split by unit: unit id -> list name -> rows (each list in its check's
    order; by id, as two counties may each have a unit of one name); and every training subject's
    countable hours now (id_number -> hours), for the hours gained since the last notice."""

    by_unit: dict[int, dict[str, list[dict[str, Any]]]]
    hours_now: dict[str, float]
    bases: dict[str, str]  # list name -> the legal basis as printed
    parameters: dict[str, str]  # list name -> its parameters as a person reads them


def gather(
    store: Store, year: int, as_of: date, unit: str | None = None, county: str | None = None
) -> Findings:
    """Every list of the notices on `as_of`, for `year`'s training hours (one unit, one county (by
    name), or every unit)."""
    predicted = forecast(store, year, as_of, unit, county)
    unit_ids = {
        (county_name, name): unit_id
        for unit_id, name, county_name in store.db.execute(
            "SELECT u.id, u.name, k.name FROM units u JOIN counties k ON k.id = u.county_id"
        )
    }
    by_unit: dict[int, dict[str, list[dict[str, Any]]]] = {}

    def add(name: str, row: dict[str, Any]) -> None:
        unit_id = unit_ids[row["county"], row["unit"]]
        by_unit.setdefault(unit_id, {}).setdefault(name, []).append(row)

    hours_now = {}
    for row in predicted.officers:
        hours_now[row["id_number"]] = row["countable"]
        if row["status"] != "met":
            add("training-hours", {**row, "forecast": STATUS_LABELS[row["status"]]})
    others = [notice_list.name for notice_list in NOTICE_LISTS[1:]]
    report = run_checks(store, others, year=year, as_of=as_of, unit=unit, county=county)
    for result in report.results:
        for row in result.findings:
            add(result.check.name, row)
    run = RunParams(store, year, as_of)
    bases = {name: str(CATALOGUE[name].basis(run.settings)) for name in BY_NAME}
    parameters = {result.check.name: result.parameters_text for result in report.results}
    parameters["training-hours"] = describe(CATALOGUE["training-hours"].parameters(run))
    return Findings(by_unit, hours_now, bases, parameters)
