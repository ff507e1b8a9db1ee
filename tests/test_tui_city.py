"""The app on a city's register of two counties: the county filters, the statistics per county and
then its units, and an officer file that names its county and leaves the record to its county."""

from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import DataTable, Select, Static, TabbedContent

from lawtrain.due import due_calendar
from lawtrain.forecast import forecast
from lawtrain.settings import Settings
from lawtrain.store import Store
from lawtrain.tui.screens.forms.confirm import ConfirmScreen
from lawtrain.tui.screens.officer_file import OfficerFileScreen
from lawtrain.tui.widgets.county_select import CountySelect
from lawtrain.tui.widgets.due_view import DueView
from lawtrain.tui.widgets.forecast_view import ForecastView

from .city_registers import PEOPLE, SAMPLE_COUNTY, SECOND_COUNTY, SHARED_UNIT
from .conftest import SAMPLE_TODAY
from .tui_support import SIZE, make_app, settle, visible_rows


def _summary(app, widget: str) -> str:
    return str(app.screen.query_one(widget, Static).render())


async def test_the_officer_list_by_county(city, tmp_path):
    city.add(city.sample)
    city.add(city.second)
    with city.store() as store:
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            counties = app.screen.query_one("#filter-county", CountySelect)
            assert counties.display and counties.names == sorted([SAMPLE_COUNTY, SECOND_COUNTY])
            assert f"共 {215 + len(PEOPLE)} 人" in _summary(app, "#officer-summary")
            header = visible_rows(app)[0]
            assert header.index("区县") < header.index("单位")
            units = app.screen.query_one("#filter-unit", Select)
            labels = [str(option[0]) for option in units._options]
            assert (
                f"{SHARED_UNIT}（{SAMPLE_COUNTY}）" in labels
                and f"{SHARED_UNIT}（{SECOND_COUNTY}）" in labels
            )
            counties.value = SECOND_COUNTY
            await settle(pilot)
            assert f"共 {len(PEOPLE)} 人" in _summary(app, "#officer-summary")
            labels = [str(option[0]) for option in units._options]
            assert SHARED_UNIT in labels and not any(SAMPLE_COUNTY in label for label in labels)
            await pilot.press("escape")
            await settle(pilot)
            assert f"共 {215 + len(PEOPLE)} 人" in _summary(app, "#officer-summary")


async def test_statistics_per_county_then_its_units(city, tmp_path):
    city.add(city.sample)
    city.add(city.second)
    with city.store() as store:
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f7")
            await settle(pilot)
            table = app.screen.query_one("#stats-table", DataTable)
            header = [str(column.label) for column in table.columns.values()]
            assert header[0] == "区县"
            rows = [table.get_row_at(i) for i in range(table.row_count)]
            assert [str(row[0]) for row in rows] == [*sorted([SAMPLE_COUNTY, SECOND_COUNTY]), "合计"]
            assert str(rows[-1][1]) == str(215 + len(PEOPLE))
            assert "各区县学时达标率" in app.screen.query_one("#stats-chart-training").text.plain
            second = [str(row[0]) for row in rows].index(SECOND_COUNTY)
            table.focus()
            table.move_cursor(row=second)
            await pilot.press("enter")
            await settle(pilot)
            header = [str(column.label) for column in table.columns.values()]
            assert header[0] == "单位"
            units = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            assert SHARED_UNIT in units and "绿水县市场监督管理局" in units and units[-1] == "合计"
            assert str(table.get_row_at(table.row_count - 1)[1]) == str(len(PEOPLE))
            assert f"{SECOND_COUNTY} " in _summary(app, "#stats-summary")
            await pilot.press("escape")
            await settle(pilot)
            assert [str(column.label) for column in table.columns.values()][0] == "区县"


async def test_checks_of_one_county_and_a_rolled_up_officer_file(city, tmp_path):
    city.add(city.sample)
    city.add(city.second)
    with city.store() as store:
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            assert app.screen.report.several_counties
            app.screen.query_one("#checks-county", CountySelect).value = SECOND_COUNTY
            await settle(pilot)
            report = app.screen.report
            assert report.county == SECOND_COUNTY
            assert {f["county"] for result in report.results for f in result.findings} == {SECOND_COUNTY}
            officer = store.db.execute(
                "SELECT id FROM officers WHERE id_number = ?", [PEOPLE[0][1]]
            ).fetchone()[0]
            app.push_screen(OfficerFileScreen(officer))
            await settle(pilot)
            title = _summary(app, "#file-title")
            assert (
                f"{SECOND_COUNTY}  绿水县市场监督管理局" in title
                and f"由{SECOND_COUNTY}的登记簿汇总而来" in title
            )
            keys = {active.binding.action for active in app.screen.active_bindings.values() if active.enabled}
            assert "edit" not in keys and "add_training" not in keys and "explain" in keys


def _table(app, widget: str) -> tuple[list[str], list[list[str]]]:
    """A table's header and rows as the clerk reads them."""
    table = app.screen.query_one(widget, DataTable)
    header = [str(column.label) for column in table.columns.values()]
    return header, [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_autumn_place_by_county_and_one_county_s_notice_round(city, tmp_path):
    city.add(city.sample)
    city.add(city.second)
    with city.store() as store:
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f8")
            await settle(pilot)
            counties = app.screen.query_one("#autumn-county", CountySelect)
            assert counties.display and counties.names == sorted([SAMPLE_COUNTY, SECOND_COUNTY])
            header, rows = _table(app, "#forecast-units")
            assert header[:2] == ["区县", "单位"]
            assert [row[0] for row in rows if row[1] == SHARED_UNIT] == sorted([SAMPLE_COUNTY, SECOND_COUNTY])
            assert _table(app, "#forecast-officers")[0][2:4] == ["区县", "工作单位"]

            counties.value = SECOND_COUNTY
            await settle(pilot)
            expected = forecast(store, 2025, SAMPLE_TODAY, county=SECOND_COUNTY)
            assert app.screen.query_one(ForecastView).forecast.county == SECOND_COUNTY
            header, rows = _table(app, "#forecast-units")
            assert header[0] == "单位" and [row[0] for row in rows] == [
                *(unit["unit"] for unit in expected.units),
                "合计",
            ]
            assert f"区县 {SECOND_COUNTY}" in _summary(app, "#forecast-summary")
            calendar = app.screen.query_one(DueView).calendar
            assert calendar.county == SECOND_COUNTY
            assert calendar.total == due_calendar(store, SAMPLE_TODAY, county=SECOND_COUNTY).total > 0

            # 合规检查 with 绿水县 chosen: N sends the round to 绿水县's units only.
            await pilot.press("f4")
            await settle(pilot)
            app.screen.query_one("#checks-county", CountySelect).value = SECOND_COUNTY
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
            folder = tmp_path / "exports" / f"整改通知_{SECOND_COUNTY}_2025_2025-12-31"
            files = sorted(path.name for path in folder.iterdir())
            assert (
                f"{SECOND_COUNTY}{SHARED_UNIT}.xlsx" in files
                and f"{SAMPLE_COUNTY}{SHARED_UNIT}.xlsx" not in files
            )
            notified = store.db.execute(
                "SELECT DISTINCT k.name FROM notices n JOIN units u ON u.id = n.unit_id "
                "JOIN counties k ON k.id = u.county_id"
            ).fetchall()
            assert notified == [(SECOND_COUNTY,)] and len(files) == store.count("notices") + 1

            await pilot.press("f8")
            await settle(pilot)
            app.screen.query_one(TabbedContent).active = "tab-rounds"
            await pilot.pause()
            assert len(_table(app, "#rounds-table")[1]) == 1
            header, rows = _table(app, "#rounds-units")
            assert header[0] == "单位" and SHARED_UNIT in [row[0] for row in rows]
            counties.value = SAMPLE_COUNTY  # no round has gone to 青山县's units yet
            await settle(pilot)
            assert _table(app, "#rounds-table")[1][0][0] == "没有"


async def test_advisers_by_county_and_left_to_their_county(city, tmp_path):
    city.add(city.sample)
    city.add(city.second)
    with city.store() as store:
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("f6")
            await settle(pilot)
            covered = app.screen.query_one("#advisers-coverage", DataTable)
            assert [str(column.label) for column in covered.columns.values()][:2] == ["区县", "单位"]
            rows = {
                (str(r[0]), str(r[1])): str(r[3]) for r in map(covered.get_row_at, range(covered.row_count))
            }
            assert rows[(SAMPLE_COUNTY, SHARED_UNIT)] == rows[(SECOND_COUNTY, SHARED_UNIT)] == "已覆盖"
            assert rows[(SECOND_COUNTY, "河口乡人民政府")] == "未覆盖"
            assert rows[(SAMPLE_COUNTY, "白庙乡人民政府")] == "未覆盖"
            await pilot.press("e")  # the first adviser in the roster: a county's, rolled up
            await settle(pilot)
            assert not isinstance(app.screen, ModalScreen)
            assert any("请在该县登记簿中修改" in str(n.message) for n in app._notifications)


async def test_setting_up_the_jurisdiction_names_the_register_s_own_county(tmp_path):
    with Store(tmp_path / "register.db", settings=Settings(), operator="测试员") as store:
        app = make_app(store, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert store.db.execute("SELECT name FROM counties WHERE id = 1").fetchone() == ("本辖区",)
            form = app.screen  # the first-run form, over the welcome screen
            for key, value in (
                ("name", "石门县"),
                ("bureau", "石门县司法局"),
                ("authority", "石门县人民政府"),
            ):
                form.query_one(f"#field-{key}").value = value
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert store.db.execute("SELECT name FROM counties WHERE id = 1").fetchone() == ("石门县",)
