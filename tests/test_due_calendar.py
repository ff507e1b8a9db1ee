"""The calendar of what falls due, month by month, and `lawtrain calendar` as the clerk runs it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.cli.main import cli
from lawtrain.due import DueError, due_calendar, month_spans

from .checks_register import TOWN, UNIT, Register

AS_OF = date(2025, 10, 15)  # twelve months: October 2025 (from the 15th) to September 2026


@pytest.fixture
def register(store):
    reg = Register(store)
    reg.november = reg.officer("十一月到期", issued=date(2020, 11, 21))  # valid through 2025-11-20
    reg.february = reg.officer("二月到期", issued=date(2021, 2, 11))  # through 2026-02-10
    reg.expired = reg.officer("昨天到期", issued=date(2020, 10, 15))  # through 2025-10-14: already past
    reg.officer("离岗到期", issued=date(2020, 11, 21), status="调离")  # not in post: not a holder to renew
    reg.far = reg.officer("明年十一月到期", issued=date(2021, 11, 2))  # 2026-11-01: after the twelve months
    reg.reviewed = reg.officer("已年审")
    number = reg.store.db.execute(
        "SELECT c.number FROM certificates c JOIN officers o ON o.id = c.officer_id WHERE o.id_number = ?",
        [reg.reviewed],
    ).fetchone()[0]
    reg.review(number, 2025)
    reg.adviser("张律师", UNIT, date(2024, 2, 1), date(2026, 1, 31))
    reg.adviser("李律师", TOWN, date(2024, 1, 1), date(2025, 12, 1))
    reg.adviser("李律师", TOWN, date(2025, 12, 2), date(2027, 12, 1))  # renewed: not ending
    reg.adviser("王律师", UNIT, date(2025, 1, 1), date(2027, 1, 1))  # ends after the twelve months
    reg.lapsing = reg.officer("合格将失效", issued=None, unit=TOWN)
    reg.exam(reg.lapsing, "通用", 80, date(2021, 5, 10))  # counts through 2026-05-09
    reg.exam(reg.lapsing, "专门", 70, date(2021, 6, 1))  # through 2026-05-31
    recent = reg.officer("新近合格", issued=None)
    reg.exam(recent, "通用", 80, date(2024, 5, 10))
    reg.exam(recent, "专门", 80, date(2024, 5, 10))
    return reg


def test_months_start_on_the_as_of_date():
    months = month_spans(date(2025, 11, 30), 3)
    assert [(m.month, m.first, m.last) for m in months] == [
        ("2025-11", date(2025, 11, 30), date(2025, 11, 30)),
        ("2025-12", date(2025, 12, 1), date(2025, 12, 31)),
        ("2026-01", date(2026, 1, 1), date(2026, 1, 31)),
    ]


def test_what_falls_due_each_month(register):
    calendar = due_calendar(register.store, AS_OF)
    months = {month.month: month for month in calendar.months}
    assert list(months) == [f"2025-{m}" for m in ("10", "11", "12")] + [f"2026-{m:02d}" for m in range(1, 10)]

    def ids(kind):
        return {
            m: [row.get("id_number") or row.get("adviser") for row in months[m].items[kind]] for m in months
        }

    expiring = {m: found for m, found in ids("cert_expiring").items() if found}
    assert expiring == {"2025-11": [register.november], "2026-02": [register.february]}
    assert months["2025-11"].items["cert_expiring"][0]["due"] == "2025-11-20"
    # The review of 2025: every certificate valid on 31 December and not yet reviewed, in December.
    review = {m: found for m, found in ids("review_due").items() if found}
    assert set(review) == {"2025-12"}
    assert set(review["2025-12"]) == {register.february, register.far}
    ending = {m: found for m, found in ids("adviser_ending").items() if found}
    assert ending == {"2026-01": ["张律师"]}
    lapsing = {m: found for m, found in ids("exam_pass_lapsing").items() if found}
    assert lapsing == {"2026-05": [register.lapsing]}
    assert months["2026-05"].items["exam_pass_lapsing"][0]["due"] == "2026-05-09"
    assert calendar.total == 6


def test_unit_filter_and_month_count(register):
    calendar = due_calendar(register.store, AS_OF, months=24, unit=TOWN)
    kinds = {kind for month in calendar.months for kind, rows in month.items.items() if rows}
    assert kinds == {"exam_pass_lapsing"}
    assert calendar.months[-1].month == "2027-09"
    # Two Decembers in 24 months: both years' reviews (none in this unit).
    everyone = due_calendar(register.store, AS_OF, months=24)
    decembers = {m.month: len(m.items["review_due"]) for m in everyone.months if m.month.endswith("-12")}
    assert decembers == {"2025-12": 2, "2026-12": 1}  # the certificate expiring 2026-11-01 is not due
    with pytest.raises(DueError):
        due_calendar(register.store, AS_OF, months=0)


def run(store, *args):
    return CliRunner().invoke(cli, ["--db", str(store.path), *args], catch_exceptions=False)


def test_command_json(register):
    result = run(register.store, "calendar", "--as-of", "2025-10-15", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"as_of", "months"} and data["as_of"] == "2025-10-15"
    assert len(data["months"]) == 12
    january = next(month for month in data["months"] if month["month"] == "2026-01")
    assert january == {
        "month": "2026-01", "cert_expiring": [], "review_due": [], "adviser_ending": ["张律师"],
        "exam_pass_lapsing": [],
    }  # fmt: skip


def test_command_text_and_workbook(register, tmp_path):
    out = tmp_path / "月历.xlsx"
    result = run(register.store, "calendar", "--as-of", "2025-10-15", "--months", "6", "--out", str(out))
    assert result.exit_code == 1
    text = result.output
    assert "到期事项月历：2025-10-15 至 2026-03-31" in text
    assert "证件到期" in text and "证件应年审" in text and "顾问聘期届满" in text and "考试合格失效" in text
    assert register.november in text and "张律师" in text
    assert register.lapsing not in text  # May 2026 is after six months
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["月历", "证件到期", "证件应年审", "顾问聘期届满", "考试合格失效"]
    rows = list(workbook["月历"].iter_rows(values_only=True))
    header = rows.index(("月份", "证件到期", "证件应年审", "顾问聘期届满", "考试合格失效"))
    assert rows[header + 3] == ("2025-12", 0, 2, 0, 0)
    assert rows[-1] == ("合计", 2, 2, 1, 0)
    expiring = list(workbook["证件到期"].iter_rows(values_only=True))
    assert expiring[-1][:3] == ("2026-02", "2026-02-10", register.february)
    quiet = run(register.store, "calendar", "--as-of", "2025-10-15", "--months", "1", "--unit", TOWN)
    assert quiet.exit_code == 0
