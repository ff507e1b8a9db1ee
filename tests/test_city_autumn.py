"""The autumn routine in a city's register of two counties: the forecast, the calendar and the notice
rounds for one county are that county's own register's, and for the whole city they name each row's
county; two counties' units of one name get two notices, each compared with its own last one; a unit
the city sent a notice to outlives its county's register dropping it."""

from __future__ import annotations

import json
from datetime import date

from openpyxl import load_workbook

from lawtrain import idcard
from lawtrain.due import due_calendar
from lawtrain.forecast import forecast
from lawtrain.importing import import_file
from lawtrain.notices import issue_round, plan_round
from lawtrain.store import Store
from lawtrain.store.undo import undo_batch

from .city_registers import PEOPLE, SAMPLE_COUNTY, SECOND_COUNTY, SECOND_SETTINGS, SHARED_UNIT, City, roster
from .conftest import COUNTY, SAMPLE_TODAY

YEAR = 2025
AUTUMN = date(2025, 9, 30)
OCTOBER = date(2025, 10, 1)
LATER = date(2025, 10, 20)
NEW_UNIT = "新设局"


def _rolled_up(city: City) -> City:
    city.add(city.sample)
    city.add(city.second)
    return city


def _months(calendar) -> list[dict]:
    """Every month's rows, kind by kind, as the calendar holds them."""
    return [{"month": month.month, **month.items} for month in calendar.months]


def _officers_of(city: City, county: str) -> set[str]:
    """The ID numbers of `county`'s officers in the city's register."""
    with city.store() as store:
        return {
            row[0]
            for row in store.db.execute(
                "SELECT o.id_number FROM officers o JOIN units u ON u.id = o.unit_id "
                "JOIN counties k ON k.id = u.county_id WHERE k.name = ?",
                [county],
            )
        }


def _subtotals_header(text: str) -> list[str]:
    """The header of the command's 各单位小计 table."""
    lines = text.splitlines()
    return lines[lines.index("各单位小计") + 1].split()


def _rows(workbook, sheet: str, first: str) -> list[tuple]:
    """The header (the row starting with `first`) and the rows under it."""
    rows = list(workbook[sheet].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == first)
    return rows[header:]


def test_one_county_s_forecast_and_calendar_are_its_own_register_s(city: City) -> None:
    _rolled_up(city)
    with (
        city.store() as store,
        Store(city.sample, settings=COUNTY) as sample,
        Store(city.second, settings=SECOND_SETTINGS) as second,
    ):
        for county, own in ((SAMPLE_COUNTY, sample), (SECOND_COUNTY, second)):
            mine, theirs = forecast(store, YEAR, AUTUMN, county=county), forecast(own, YEAR, AUTUMN)
            assert mine.officers == theirs.officers and mine.units == theirs.units
            assert mine.county == county and not mine.several_counties
            assert [column.key for column in mine.officer_columns] == [c.key for c in theirs.officer_columns]
            narrowed, whole = due_calendar(store, OCTOBER, county=county), due_calendar(own, OCTOBER)
            assert _months(narrowed) == _months(whole) and narrowed.total > 0
            assert narrowed.to_json() == {**whole.to_json(), "county": county}
        everyone = forecast(store, YEAR, AUTUMN)
        assert everyone.several_counties
        assert "county" in [column.key for column in everyone.officer_columns]
        counties = [row["county"] for row in everyone.officers]
        assert counties == sorted(counties) and set(counties) == {SAMPLE_COUNTY, SECOND_COUNTY}
        shared = [(row["county"], row["subjects"]) for row in everyone.units if row["unit"] == SHARED_UNIT]
        assert len(shared) == 2 and {county for county, _ in shared} == {SAMPLE_COUNTY, SECOND_COUNTY}
        by_county = {c: forecast(store, YEAR, AUTUMN, county=c) for c in (SAMPLE_COUNTY, SECOND_COUNTY)}
        assert sorted(everyone.officers, key=lambda row: row["id_number"]) == sorted(
            (row for part in by_county.values() for row in part.officers), key=lambda row: row["id_number"]
        )
        for county, part in by_county.items():
            assert dict(shared)[county] == next(u["subjects"] for u in part.units if u["unit"] == SHARED_UNIT)
        calendar = due_calendar(store, OCTOBER)
        assert calendar.several_counties and "county" in [c.key for c in calendar.columns("cert_expiring")]
        assert calendar.total == sum(due_calendar(store, OCTOBER, county=c).total for c in by_county)


def test_the_commands_by_county(city: City) -> None:
    _rolled_up(city)
    data = json.loads(city.run("forecast", "--as-of", "2025-09-30", "--json").output)
    assert {row["county"] for row in data["officers"]} == {SAMPLE_COUNTY, SECOND_COUNTY}
    one = city.run("forecast", "--as-of", "2025-09-30", "--json", "--county", SECOND_COUNTY)
    assert one.exit_code == 1
    data = json.loads(one.output)
    assert data["county"] == SECOND_COUNTY and {row["county"] for row in data["officers"]} == {SECOND_COUNTY}
    ids = {row["id_number"] for row in data["officers"]}
    assert ids and ids <= {person[1] for person in PEOPLE}
    text = city.run("forecast", "--as-of", "2025-09-30", "--out", str(city.root / "预测.xlsx")).output
    assert _subtotals_header(text)[:2] == ["区县", "单位"]
    assert f"{SECOND_COUNTY}  {SHARED_UNIT}" in text and f"{SAMPLE_COUNTY}  {SHARED_UNIT}" in text
    workbook = load_workbook(city.root / "预测.xlsx")
    units = _rows(workbook, "各单位小计", "区县")
    assert [row[:2] for row in units[1:] if row[1] == SHARED_UNIT] == [
        (SECOND_COUNTY, SHARED_UNIT),
        (SAMPLE_COUNTY, SHARED_UNIT),
    ]  # county by county, each county's units by name; the same name in two counties: two rows
    assert _rows(workbook, "预测名单", "身份证号码")[0][:4] == ("身份证号码", "姓名", "区县", "工作单位")
    single = city.run("forecast", "--as-of", "2025-09-30", "--county", SECOND_COUNTY).output
    assert (
        single.startswith(f"2025年度学时预测，区县 {SECOND_COUNTY}")
        and _subtotals_header(single)[0] == "单位"
    )

    ambiguous = city.run("forecast", "--unit", SHARED_UNIT)
    assert ambiguous.exit_code == 2 and "请用 --county 指定区县" in ambiguous.output
    for command in (
        ("forecast",),
        ("calendar",),
        ("notices", "--year", "2025", "--out", str(city.root / "x")),
    ):
        unknown = city.run(*command, "--county", "不存在县")
        assert unknown.exit_code == 2 and "没有名为“不存在县”的区县；现有: " in unknown.output
        assert SAMPLE_COUNTY in unknown.output and SECOND_COUNTY in unknown.output
    assert not (city.root / "x").exists()

    calendar = json.loads(
        city.run("calendar", "--as-of", "2025-10-01", "--json", "--county", SECOND_COUNTY).output
    )
    assert set(calendar) == {"as_of", "county", "months"} and calendar["county"] == SECOND_COUNTY
    assert set(calendar["months"][0]) == {"month", "cert_expiring", "review_due", "adviser_ending",
                                          "exam_pass_lapsing"}  # fmt: skip
    december = next(month for month in calendar["months"] if month["month"] == "2025-12")
    assert december["review_due"] and set(december["review_due"]) <= {person[1] for person in PEOPLE}
    city.run("calendar", "--as-of", "2025-10-01", "--out", str(city.root / "月历.xlsx"))
    adviser = _rows(load_workbook(city.root / "月历.xlsx"), "顾问聘期届满", "月份")
    assert adviser[0][:5] == ("月份", "聘期止", "法律顾问", "区县", "服务单位")
    assert (SECOND_COUNTY, SHARED_UNIT) in {row[3:5] for row in adviser[1:]}


def test_notices_to_two_counties_units_of_one_name(city: City) -> None:
    _rolled_up(city)
    out = city.root / "第一轮"
    first = json.loads(city.run("notices", "--year", "2025", "--as-of", "2025-09-30", "--out", str(out),
                                "--json").output)  # fmt: skip
    shared = {unit["county"]: unit for unit in first["units"] if unit["unit"] == SHARED_UNIT}
    assert set(shared) == {SAMPLE_COUNTY, SECOND_COUNTY}
    files = {county: unit["file"] for county, unit in shared.items()}
    assert files == {county: f"{county}{SHARED_UNIT}.xlsx" for county in shared}
    for county, file in files.items():
        letter = [row[0] for row in load_workbook(out / file)["通知"].iter_rows(values_only=True) if row[0]]
        assert letter[1] == f"{county}{SHARED_UNIT}：" and "江城市司法局" in letter[-2]
    # A county unit whose name already holds the county keeps it.
    assert any(unit["file"] == "绿水县市场监督管理局.xlsx" for unit in first["units"])
    summary = _rows(load_workbook(out / "汇总.xlsx"), "汇总", "区县")
    assert summary[0][:3] == ("区县", "单位", "文件")
    assert [row[0] for row in summary[1:-1]] == [unit["county"] for unit in first["units"]]
    assert {row[:2] for row in summary[1:-1] if row[1] == SHARED_UNIT} == {(c, SHARED_UNIT) for c in shared}

    # One county's round is its own register's round, and each unit is compared with its own notice.
    with city.store() as store, Store(city.second, settings=SECOND_SETTINGS) as second:
        mine = plan_round(store, YEAR, LATER, county=SECOND_COUNTY)
        theirs = plan_round(second, YEAR, LATER)
        assert [(n.unit, n.counts, n.findings) for n in mine.units] == [
            (n.unit, n.counts, n.findings) for n in theirs.units
        ]
        green = _officers_of(city, SECOND_COUNTY)
        for notice in mine.units:
            assert notice.county == SECOND_COUNTY and notice.since is not None
            assert notice.since.batch_id == first["batch"]
            listed = {c.id_number for c in notice.since.changes if c.id_number}
            assert listed <= green, notice.unit  # never the other county's unit of the same name
        town = next(notice for notice in mine.units if notice.unit == SHARED_UNIT)
        before = shared[SECOND_COUNTY]["counts"]
        assert town.since.count("resolved") + town.since.count("still_open") == sum(before.values())
        issue_round(store, mine, city.root / "第二轮")
    assert sorted(path.name for path in (city.root / "第二轮").iterdir()) == sorted(
        ["汇总.xlsx", *(notice.file for notice in mine.units)]
    )
    summary = _rows(load_workbook(city.root / "第二轮" / "汇总.xlsx"), "汇总", "区县")
    assert {row[0] for row in summary[1:-1]} == {SECOND_COUNTY}
    second_batch = mine.batch_id
    # The whole city again: each town compared with its own last notice (绿水县's: the second round's).
    third = json.loads(city.run("notices", "--year", "2025", "--as-of", "2025-10-20", "--out",
                                str(city.root / "第三轮"), "--dry-run", "--json").output)  # fmt: skip
    towns = {unit["county"]: unit for unit in third["units"] if unit["unit"] == SHARED_UNIT}
    assert towns[SECOND_COUNTY]["since_last"]["batch"] == second_batch
    assert towns[SAMPLE_COUNTY]["since_last"]["batch"] == first["batch"]
    for county, town in towns.items():
        since = town["since_last"]
        assert since["still_open"] and set(since["still_open"]) | set(since["resolved"]) <= _officers_of(
            city, county
        )


def test_a_unit_its_county_no_longer_lists_keeps_the_city_s_notices(city: City) -> None:
    city.add(city.sample)
    body = "41152119900101003"
    newcomer = ("新人", body + idcard.check_char(body), NEW_UNIT, "行政编制", "在岗", "411521000099", "2025-01-01",
                "2029-12-31")  # fmt: skip
    with Store(city.second, settings=SECOND_SETTINGS) as county:
        batch = import_file(county, roster(city.root / "新设.xlsx", [newcomer]), today=SAMPLE_TODAY).batch
    city.add(city.second)
    sent = json.loads(city.run("notices", "--year", "2025", "--as-of", "2025-12-31", "--out",
                               str(city.root / "第一轮"), "--json").output)  # fmt: skip
    assert f"{SECOND_COUNTY}{NEW_UNIT}.xlsx" in [unit["file"] for unit in sent["units"]]
    with Store(city.second, settings=SECOND_SETTINGS) as county:  # the county takes its import back
        undo_batch(county, batch)
    again = city.run("rollup", "add", str(city.second), "--json")
    assert again.exit_code == 0, again.output
    tables = json.loads(again.output)["tables"]
    assert tables["officers"]["deleted"] == 1 and tables["units"]["deleted"] == 0
    later = json.loads(city.run("notices", "--year", "2025", "--as-of", "2025-12-31", "--out",
                                str(city.root / "第二轮"), "--json", "--dry-run").output)  # fmt: skip
    (notice,) = [unit for unit in later["units"] if unit["unit"] == NEW_UNIT]
    assert notice["since_last"]["resolved"] == [newcomer[1]] and sum(notice["counts"].values()) == 0
