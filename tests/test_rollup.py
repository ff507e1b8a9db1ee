"""Rolling two counties' registers up into a city's: each county built from spreadsheets and imported
into its own register, then added with `lawtrain rollup add` as the city clerk runs it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from lawtrain.checks import run_checks
from lawtrain.importing import import_file
from lawtrain.stats import statistics
from lawtrain.store import Store
from lawtrain.store.undo import undo_batch

from .city_registers import (
    CITY,
    CONFLICT_ID,
    PEOPLE,
    SAMPLE_COUNTY,
    SECOND_COUNTY,
    SECOND_SETTINGS,
    SHARED_UNIT,
    TRAINING_HEADER,
    TRANSFER_ID,
    City,
    fingerprint,
)
from .conftest import COUNTY, SAMPLE_TODAY
from .spreadsheets import xlsx

YEAR = 2025


def _keys(report) -> set[tuple]:
    """Every finding by what identifies it: the list, the county, and the officer, certificate, unit or adviser."""
    return {
        (
            result.check.name,
            f["county"],
            f.get("id_number"),
            f.get("certificate"),
            f.get("unit"),
            f.get("adviser"),
        )
        for result in report.results
        for f in result.findings
    }


def _register(store: Store) -> dict[str, list[tuple]]:
    """Every record of the register (audit and batches aside), as it stands."""
    tables = ("counties", "units", "officers", "certificates", "certificate_events", "training", "exams",
              "appraisals", "reviews", "advisers", "county_claims", "officer_year_hours")  # fmt: skip
    return {table: store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall() for table in tables}  # noqa: S608


def _county_records(store: Store, county: str) -> list[tuple]:
    """The officers of a county with their training, as the register holds them."""
    return store.db.execute(
        "SELECT o.*, t.* FROM officers o JOIN units u ON u.id = o.unit_id JOIN counties k ON k.id = u.county_id "
        "LEFT JOIN training t ON t.officer_id = o.id WHERE k.name = ? ORDER BY o.id, t.id",
        [county],
    ).fetchall()


def test_the_city_lists_and_figures_are_the_counties_own(city: City) -> None:
    first = city.add(city.sample)
    assert (first["county"], first["updated"], first["deleted"], first["unchanged"]) == (
        SAMPLE_COUNTY,
        0,
        0,
        0,
    )
    assert first["tables"]["officers"]["inserted"] == 215 and first["transfers"] == first["conflicts"] == []
    second = city.add(city.second)  # its name: the one its register records for itself
    assert second["county"] == SECOND_COUNTY and second["tables"]["officers"]["inserted"] == len(PEOPLE)
    with (
        city.store() as store,
        Store(city.sample, settings=COUNTY) as a,
        Store(city.second, settings=SECOND_SETTINGS) as b,
    ):
        reports = [run_checks(register, year=YEAR, as_of=SAMPLE_TODAY) for register in (a, b, store)]
        assert _keys(reports[2]) == _keys(reports[0]) | _keys(reports[1])
        assert reports[2].several_counties and not reports[0].several_counties
        for result in reports[2].results:  # county by county, each in the list's own order
            counties = [f["county"] for f in result.findings]
            assert counties == sorted(counties)
        for county, own in ((SAMPLE_COUNTY, a), (SECOND_COUNTY, b)):
            only = run_checks(store, year=YEAR, as_of=SAMPLE_TODAY, county=county)
            assert _keys(only) == _keys(run_checks(own, year=YEAR, as_of=SAMPLE_TODAY))
        by_county = statistics(store, YEAR, SAMPLE_TODAY, by="county")
        rows = {row["county"]: row for row in by_county.rows}
        assert list(rows) == sorted([SAMPLE_COUNTY, SECOND_COUNTY])  # by name; the city itself holds no units
        for county, own in ((SAMPLE_COUNTY, a), (SECOND_COUNTY, b)):
            totals = statistics(own, YEAR, SAMPLE_TODAY).totals
            assert rows[county] == {"county": county, **{k: v for k, v in totals.items() if k != "units"}}
        assert by_county.totals["officers"] == 215 + len(PEOPLE) and by_county.totals["counties"] == 2
        units = statistics(store, YEAR, SAMPLE_TODAY).rows
        assert {r["county"] for r in units if r["unit"] == SHARED_UNIT} == {SAMPLE_COUNTY, SECOND_COUNTY}


def test_the_county_files_are_never_changed(city: City) -> None:
    before = fingerprint(city.sample), fingerprint(city.second)
    city.add(city.sample)
    city.add(city.second)
    city.add(city.second, "--dry-run")
    assert (fingerprint(city.sample), fingerprint(city.second)) == before


def test_adding_again_applies_exactly_the_county_s_changes(city: City) -> None:
    city.add(city.sample)
    city.add(city.second)
    again = city.add(city.second)
    assert (again["inserted"], again["updated"], again["deleted"], again["batch"]) == (0, 0, 0, None)
    assert again["unchanged"] > 0
    # In 绿水县's own register: two more training records and an officer who retired.
    liu, guan = PEOPLE[0][1], PEOPLE[1][1]
    with Store(city.second, settings=SECOND_SETTINGS) as county:
        sheet = xlsx(city.root / "补录.xlsx", [TRAINING_HEADER, ("关羽", guan, "行政复议法", "法律法规", 6, "2025-11-01"),
                                              ("关羽", guan, "行政诉讼法", "法律法规", 6, "2025-11-02")])  # fmt: skip
        training_batch = import_file(county, sheet, today=SAMPLE_TODAY).batch
        change = xlsx(city.root / "状态.xlsx", [("姓名", "身份证号码", "工作单位", "人员状态"),
                                                ("刘备", liu, "绿水县市场监督管理局", "退休")])  # fmt: skip
        import_file(county, change, today=SAMPLE_TODAY)
    with city.store() as store:
        sample_before = _county_records(store, SAMPLE_COUNTY)
    changed = city.add(city.second)
    assert changed["tables"]["training"] == {"inserted": 2, "updated": 0, "deleted": 0, "unchanged": 14}
    assert changed["tables"]["officers"] == {"inserted": 0, "updated": 1, "deleted": 0, "unchanged": 7}
    assert (changed["inserted"], changed["updated"], changed["deleted"]) == (2, 1, 0)
    with city.store() as store:
        status = store.db.execute("SELECT status FROM officers WHERE id_number = ?", [liu]).fetchone()[0]
        assert status == "退休"
        hours = run_checks(store, ["training-hours"], year=YEAR, as_of=SAMPLE_TODAY, county=SECOND_COUNTY)
        assert {f["id_number"]: f["hours"] for f in hours.results[0].findings}[guan] == 32.0  # 20 + 12
        assert _county_records(store, SAMPLE_COUNTY) == sample_before  # the other county untouched
    # The county takes its training back (undo in its own register): the city deletes the two records.
    with Store(city.second, settings=SECOND_SETTINGS) as county:
        undo_batch(county, training_batch)
    removed = city.add(city.second)
    assert removed["tables"]["training"] == {"inserted": 0, "updated": 0, "deleted": 2, "unchanged": 14}
    assert (removed["inserted"], removed["updated"], removed["deleted"]) == (0, 0, 2)


def test_a_transfer_and_a_conflict_between_two_counties(city: City) -> None:
    city.add(city.sample)
    city.share()
    added = city.run("rollup", "add", str(city.second), "--json")
    assert added.exit_code == 1  # done, with findings
    report = json.loads(added.output)
    (transfer,) = report["transfers"]
    assert transfer["id_number"] == TRANSFER_ID and transfer["name"] == "郑博"
    assert transfer["kept"]["county"] == SECOND_COUNTY and transfer["kept"]["status"] == "在岗"
    assert transfer["kept"]["unit"] == SHARED_UNIT
    assert transfer["listed"] == {"county": SAMPLE_COUNTY, "unit": "青山县生态环境分局", "status": "调离"}
    (conflict,) = report["conflicts"]
    assert (conflict["kind"], conflict["id_number"], conflict["name"]) == ("conflict", CONFLICT_ID, "余芳")
    assert conflict["kept"]["county"] == SAMPLE_COUNTY and conflict["kept"]["unit"] == "青山县市场监督管理局"
    assert conflict["listed"] == {"county": SECOND_COUNTY, "unit": "绿水县市场监督管理局", "status": "在岗"}
    with city.store() as store:
        units = "SELECT k.name, u.name, o.status FROM officers o JOIN units u ON u.id = o.unit_id " \
                "JOIN counties k ON k.id = u.county_id WHERE o.id_number = ?"  # fmt: skip
        assert store.db.execute(units, [TRANSFER_ID]).fetchone() == (SECOND_COUNTY, SHARED_UNIT, "在岗")
        assert store.db.execute(units, [CONFLICT_ID]).fetchone() == (
            SAMPLE_COUNTY,
            "青山县市场监督管理局",
            "在岗",
        )
        # The transferred officer's record is 绿水县's: its certificate, not the sample county's.
        numbers = store.db.execute(
            "SELECT c.number FROM certificates c JOIN officers o ON o.id = c.officer_id WHERE o.id_number = ?",
            [TRANSFER_ID],
        ).fetchall()
        assert numbers == [("411521000102",)]
    listed = city.run("rollup", "conflicts")
    assert listed.exit_code == 1
    assert "调动 1 人，冲突 1 项" in listed.output and "郑博" in listed.output and "余芳" in listed.output
    assert "青山县生态环境分局" in listed.output and "调离" in listed.output
    # Adding the sample county again keeps both cases listed: the counties' files still disagree.
    again = city.add(city.sample)
    assert [c["id_number"] for c in again["transfers"]] == [TRANSFER_ID]
    assert [c["id_number"] for c in again["conflicts"]] == [CONFLICT_ID]
    data = json.loads(city.run("rollup", "conflicts", "--json").output)
    assert len(data["transfers"]) == len(data["conflicts"]) == 1
    with city.store() as store:  # the sample county re-added did not take 郑博 back
        assert store.db.execute(units, [TRANSFER_ID]).fetchone() == (SECOND_COUNTY, SHARED_UNIT, "在岗")


def test_undo_of_a_roll_up_restores_the_city_register(city: City) -> None:
    city.add(city.sample)
    city.add(city.second)
    with city.store() as store:
        before = _register(store)
    city.share()
    batch = city.add(city.second)["batch"]
    with city.store() as store:
        assert _register(store) != before
        undo_batch(store, batch)
        assert _register(store) == before
    first = city.run("history", "--limit", "1")
    assert "撤销" in first.output


def test_the_city_s_lists_by_county_on_the_command_line(city: City) -> None:
    city.add(city.sample)
    city.add(city.second)
    data = json.loads(city.run("check", "--as-of", "2025-12-31", "--json", "--county", SECOND_COUNTY).output)
    assert data["county"] == SECOND_COUNTY
    counties = {f["county"] for check in data["checks"] for f in check["findings"]}
    assert counties == {SECOND_COUNTY}
    findings = {c["name"]: c["findings"] for c in data["checks"]}
    assert {f["name"] for f in findings["cert-expired"]} == {"张飞"}
    assert {f["name"] for f in findings["ineligible-staffing"]} == {"赵云"}
    assert {f["name"] for f in findings["left-post"]} == {"马超"}
    assert {f["name"] for f in findings["exam-passed-uncertified"]} == {"黄忠"}
    text = city.run("check", "cert-expired", "--as-of", "2025-12-31", "--out", str(city.root / "清单.xlsx"))
    assert "区县" in text.output and SAMPLE_COUNTY in text.output and SECOND_COUNTY in text.output
    sheet = load_workbook(city.root / "清单.xlsx")["证件已过有效期但仍登记为有效"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "身份证号码")
    assert rows[0][0].startswith(CITY) and rows[header][:4] == ("身份证号码", "姓名", "区县", "工作单位")
    assert {row[2] for row in rows[header + 1 :]} == {SAMPLE_COUNTY, SECOND_COUNTY}
    city.run("stats", "--by", "county", "--as-of", "2025-12-31", "--out", str(city.root / "统计.xlsx"))
    figures = list(load_workbook(city.root / "统计.xlsx")["统计"].iter_rows(values_only=True))
    assert figures[0][0].startswith(f"{CITY}各区县") and figures[2][0] == "区县" and figures[-1][0] == "合计"
    ambiguous = city.run("check", "--unit", SHARED_UNIT)
    assert (
        ambiguous.exit_code == 2
        and f"{SAMPLE_COUNTY}、{SECOND_COUNTY}都有名为“{SHARED_UNIT}”的单位" in ambiguous.output
    )
    one = json.loads(city.run("check", "--as-of", "2025-12-31", "--json", "--unit", SHARED_UNIT, "--county",
                              SECOND_COUNTY).output)  # fmt: skip
    assert {f["unit"] for c in one["checks"] for f in c["findings"]} <= {SHARED_UNIT}
    unknown = city.run("check", "--county", "不存在县")
    assert unknown.exit_code == 2 and "没有名为“不存在县”的区县" in unknown.output
    stats = json.loads(city.run("stats", "--by", "county", "--json", "--as-of", "2025-12-31").output)
    assert [row["county"] for row in stats["counties"]] == sorted([SAMPLE_COUNTY, SECOND_COUNTY])
    assert stats["totals"]["officers"] == 215 + len(PEOPLE)
    table = city.run("stats", "--by", "county", "--as-of", "2025-12-31")
    assert table.output.splitlines()[1].split()[0] == "区县" and "合计" in table.output
    one_county = json.loads(
        city.run("stats", "--county", SECOND_COUNTY, "--json", "--as-of", "2025-12-31").output
    )
    assert {row["county"] for row in one_county["units"]} == {SECOND_COUNTY}
    review = json.loads(city.run("review", "--year", "2025", "--county", SECOND_COUNTY, "--json").output)
    assert {r["county"] for r in review["results"]} == {SECOND_COUNTY}
    assert {r["name"] for r in review["results"] if "appraisal" in r["reasons"]} == {"姜维"}
    refused = city.run("review", "--year", "2025", "--county", SECOND_COUNTY, "--apply")
    assert refused.exit_code == 2 and f"{SECOND_COUNTY}的证件由各区县在自己的登记簿中年审" in refused.output
    assert city.run("review", "--year", "2025", "--apply").exit_code == 2  # every county's
    explained = city.run("explain", PEOPLE[0][1], "--county", SAMPLE_COUNTY, "--as-of", "2025-12-31")
    assert explained.exit_code == 2 and f"登记在{SECOND_COUNTY}，不在{SAMPLE_COUNTY}" in explained.output
    shown = city.run("explain", PEOPLE[0][1], "--as-of", "2025-12-31")
    assert shown.exit_code == 0 and f"{SECOND_COUNTY}  绿水县市场监督管理局" in shown.output.splitlines()[0]
    listed = city.run("rollup", "list")
    lines = listed.output.splitlines()
    assert lines[0].split()[:3] == ["区县", "执法人员", "单位"]
    assert lines[2].startswith(CITY) and "本登记簿直接录入" in lines[2]
    sample = next(line for line in lines if line.startswith(SAMPLE_COUNTY))
    assert sample.split()[:3] == [SAMPLE_COUNTY, "215", "20"] and str(city.sample.resolve()) in sample
    counties = {c["county"]: c for c in json.loads(city.run("rollup", "list", "--json").output)["counties"]}
    assert counties[SECOND_COUNTY]["officers"] == len(PEOPLE) and counties[CITY]["own"] is True


def test_what_is_refused_leaves_the_city_register_as_it_was(city: City, tmp_path: Path) -> None:
    city.add(city.sample)
    with city.store() as store:
        before = _register(store)
    unnamed = tmp_path / "无名" / "register.db"
    unnamed.parent.mkdir()
    with Store(unnamed, operator="某县"):  # no jurisdiction set up, no settings beside it
        pass
    refused = city.run("rollup", "add", str(unnamed))
    assert refused.exit_code == 2 and "请用 --county 指定" in refused.output
    own = city.run("rollup", "add", str(unnamed), "--county", CITY)
    assert own.exit_code == 2 and "本登记簿自己的辖区" in own.output
    sheet = tmp_path / "名册.xlsx"
    shutil.copyfile(Path(__file__).parent / "data" / "青山县行政执法人员花名册.xlsx", sheet)
    not_register = city.run("rollup", "add", str(sheet), "--county", "某县")
    assert (
        not_register.exit_code == 2
        and not_register.output.strip() == "名册.xlsx 不是 lawtrain 登记簿 (数据库文件或其备份)，未做任何改动"
    )
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert city.run("rollup", "add", str(other), "--county", "某县").exit_code == 2
    newer = shutil.copyfile(city.second, tmp_path / "newer.db")
    with sqlite3.connect(newer) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('lawtrain', 'm999_future', '')"
        )
    future = city.run("rollup", "add", str(newer))
    assert future.exit_code == 2 and "更新版本的 lawtrain" in future.output and "m999_future" in future.output
    missing = city.run("rollup", "add", str(tmp_path / "没有.db"), "--county", "某县")
    assert missing.exit_code == 2 and "找不到文件" in missing.output
    with city.store() as store:
        assert _register(store) == before


def test_rolled_up_officers_are_found_by_any_part_of_their_numbers(city: City) -> None:
    from lawtrain.officer_lookup import find_officer

    from .test_number_search import assert_index_right, found

    city.add(city.sample)
    city.add(city.second)
    liu = PEOPLE[0][1]
    with city.store() as store:
        assert_index_right(store)
        officer = find_officer(store, liu[-8:])
        assert officer.id_number == liu and found(store, liu[-8:]) == [officer.id]
        number = store.db.execute(
            "SELECT number FROM certificates c JOIN officers o ON o.id = c.officer_id WHERE o.id_number = ?",
            [liu],
        ).fetchone()
        if number:
            assert officer.id in found(store, number[0][2:-2])


def test_a_rolled_up_county_s_officers_take_records_only_through_its_register(city: City) -> None:
    city.add(city.sample)
    city.add(city.second)
    guan = PEOPLE[1][1]
    sheet = xlsx(
        city.root / "市局补录.xlsx",
        [TRAINING_HEADER, ("关羽", guan, "行政复议法", "法律法规", 6, "2025-11-01")],
    )
    with city.store() as store:
        before = _register(store)
        result = import_file(store, sheet, today=SAMPLE_TODAY)
        assert result.inserted == 0 and len(result.rejected) == 1
        assert f"属于{SECOND_COUNTY}（由该区县的登记簿汇总而来）" in result.rejected[0].message
        assert _register(store) == before


def test_the_city_s_officer_export_names_each_officer_s_county(city: City, tmp_path: Path) -> None:
    city.add(city.sample)
    city.add(city.second)
    out = tmp_path / "名册.xlsx"
    assert city.run("export", "officers", "--out", str(out)).exit_code == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "身份证号码")
    at = header.index("区县")
    assert header[at + 1] == "工作单位"
    counties = [row[at] for row in rows[rows.index(header) + 1 :]]
    assert set(counties) == {SAMPLE_COUNTY, SECOND_COUNTY} and counties == sorted(
        counties, key=counties.index
    )
