"""The catalogue on small registers: each check's definition and its boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrain.checks import CATALOGUE, UnknownCheck, run_checks
from lawtrain.settings import Settings
from lawtrain.store import Store

from .checks_register import AS_OF, TOWN, UNIT, Register


def findings(store, name, as_of=AS_OF, year=2025, **options):
    return run_checks(store, [name], year=year, as_of=as_of, **options).results[0].findings


def ids(store, name, **options):
    return {finding["id_number"] for finding in findings(store, name, **options)}


def test_catalogue_names_titles_and_basis():
    assert list(CATALOGUE) == [
        "training-hours", "cert-expiring", "cert-expired", "uncertified", "ineligible-staffing", "left-post",
        "unit-min-holders", "exam-passed-uncertified", "review-missing", "head-training", "adviser-coverage",
        "adviser-expiring",
    ]  # fmt: skip
    for check in CATALOGUE.values():
        basis = check.basis(Settings())
        assert check.title and basis.text and basis.document.startswith("《")


def test_bases_are_the_documents_that_hold_them():
    bases = Settings().bases
    assert set(bases) == set(CATALOGUE)
    assert "《法治政府建设实施纲要（2021—2025年）》" in bases["training-hours"].document
    assert "不少于60学时" in bases["training-hours"].text
    assert "国务院办公厅关于全面推行行政执法公示制度" not in "".join(str(basis) for basis in bases.values())
    assert "第四十二条" in bases["unit-min-holders"].document


def test_training_hours_boundary_and_what_counts(store):
    reg = Register(store)
    exact = reg.officer("达标")
    reg.training(exact, 12, date(2025, 3, 1))
    reg.training(exact, 24, date(2025, 4, 1), category="业务知识")
    reg.training(exact, "24学时", date(2025, 6, 1), category=None)  # no category: counts
    short = reg.officer("差半")
    for day, hours in ((date(2025, 2, 1), 20), (date(2025, 4, 1), 20), (date(2025, 5, 1), "１９.５")):
        reg.training(short, hours, day)
    reg.training(short, 10, date(2025, 7, 1), category="政治理论")
    reg.training(short, 10, date(2024, 12, 30))  # another year
    nothing = reg.officer("无记录")
    gone = reg.officer("已调离", status="调离")
    reg.officer("无证", issued=None)

    found = {f["id_number"]: f for f in findings(store, "training-hours")}

    assert set(found) == {short, nothing}
    assert found[short]["hours"] == pytest.approx(59.5)
    assert found[short]["shortfall"] == pytest.approx(0.5)
    assert found[short]["required"] == 60
    assert found[nothing]["hours"] == 0.0 and found[nothing]["shortfall"] == 60
    assert gone not in found


def test_training_hours_required_comes_from_settings(tmp_path):
    settings = Settings.model_validate({"training": {"required_hours": 40}})
    with Store(tmp_path / "r.db", settings=settings, operator="测试员") as store:
        reg = Register(store)
        forty = reg.officer("四十")
        reg.training(forty, 20, date(2025, 3, 1))
        reg.training(forty, 20, date(2025, 4, 1))
        low = reg.officer("三十九")
        reg.training(low, 20, date(2025, 3, 1))
        reg.training(low, 19, date(2025, 4, 1))
        assert [(f["id_number"], f["required"]) for f in findings(store, "training-hours")] == [(low, 40)]


def test_proration_and_carry_over_follow_the_settings(tmp_path):
    settings = Settings.model_validate(
        {"training": {"prorate_first_year": True, "carry_over_max_hours": 10, "max_hours_per_record": 100}}
    )
    with Store(tmp_path / "r.db", settings=settings, operator="测试员") as store:
        reg = Register(store)
        july = reg.officer("七月发证", issued=date(2025, 7, 1))  # owes 60 * 6 / 12 = 30
        reg.training(july, 29, date(2025, 9, 1))
        enough = reg.officer("七月发证够了", issued=date(2025, 7, 1))
        reg.training(enough, 30, date(2025, 9, 1))
        carried = reg.officer("结转", issued=date(2022, 1, 1))
        reg.training(carried, 75, date(2024, 5, 1))  # 15 above 60: 10 carried into 2025
        reg.training(carried, 50, date(2025, 5, 1))
        found = {f["id_number"]: f for f in findings(store, "training-hours")}
        assert set(found) == {july}
        assert found[july]["required"] == 30 and found[july]["shortfall"] == 1


def test_running_year_is_judged_on_the_as_of_date(store):
    reg = Register(store)
    # Valid until 2025-06-30: a holder on 30 June, no longer one at year end.
    holder = reg.officer("年中到期", issued=date(2020, 7, 1))
    assert ids(store, "training-hours", as_of=date(2025, 6, 30)) == {holder}
    assert ids(store, "training-hours", as_of=date(2025, 12, 31)) == set()
    # A past year is judged on its last day even when the as-of date is later.
    assert ids(store, "training-hours", year=2024, as_of=date(2025, 3, 1)) == {holder}


def test_certificate_expiring_on_the_as_of_date_is_valid_and_expiring(store):
    reg = Register(store)
    today = reg.officer("今天到期", issued=date(2021, 1, 1), expires=AS_OF)
    window = reg.officer("第90天", issued=date(2021, 1, 1), expires=date(2026, 3, 31))
    reg.officer("第91天", issued=date(2021, 1, 1), expires=date(2026, 4, 1))
    yesterday = reg.officer("昨天到期", issued=date(2020, 12, 31), expires=date(2025, 12, 30))
    reg.officer("离岗即将到期", status="退休", issued=date(2021, 1, 1), expires=date(2026, 1, 10))

    expiring = {f["id_number"]: f for f in findings(store, "cert-expiring")}
    assert set(expiring) == {today, window}
    assert expiring[today]["days_left"] == 0 and expiring[today]["expires"] == "2025-12-31"
    assert expiring[window]["days_left"] == 90
    assert today in ids(store, "training-hours")  # still valid: owes the hours
    assert ids(store, "cert-expired") == {yesterday}
    assert ids(store, "cert-expiring", within=10) == {today}


def test_uncertified_ineligible_and_left_post(store):
    reg = Register(store)
    missing = reg.officer("缺证", issued=None)
    reg.officer("合同工无证", staffing="合同工", issued=None)
    suspended = reg.officer("暂扣", cert_status="暂扣")
    contract = reg.officer("合同工持证", staffing="劳动合同工")
    retired = reg.officer("退休持证", status="退休")
    reg.officer("退休无证", status="退休", issued=None)

    assert ids(store, "uncertified") == {missing, suspended}
    assert ids(store, "ineligible-staffing") == {contract}
    left = findings(store, "left-post")
    assert [(f["id_number"], f["status"]) for f in left] == [(retired, "退休")]


def test_unit_min_holders_counts_in_post_valid_holders(store):
    reg = Register(store)
    reg.officer("甲")
    reg.officer("乙")
    reg.officer("镇甲", unit=TOWN)
    reg.officer("镇乙", unit=TOWN, status="调离")
    reg.officer("镇丙", unit=TOWN, cert_status="注销")

    found = findings(store, "unit-min-holders")
    assert [(f["unit"], f["holders"], f["in_post"], f["officers"]) for f in found] == [(TOWN, 1, 2, 3)]
    assert [f["unit"] for f in findings(store, "unit-min-holders", unit=TOWN)] == [TOWN]
    assert findings(store, "unit-min-holders", unit=UNIT) == []
    minimum_one = Settings.model_validate({"checks": {"unit_min_holders": 1}})
    store.settings = minimum_one
    assert findings(store, "unit-min-holders") == []


def test_exam_passed_uncertified(store):
    reg = Register(store)
    ready = reg.officer("待发证", issued=None)
    reg.exam(ready, "通用法律知识", 60, date(2025, 10, 18))
    reg.exam(ready, "专门法律知识", 75, date(2025, 10, 18))
    absent = reg.officer("缺考", issued=None)
    reg.exam(absent, "通用", 90, date(2025, 10, 18))
    reg.exam(absent, "专门", "缺考", date(2025, 10, 18))
    old = reg.officer("过期合格", issued=None)
    reg.exam(old, "通用", 90, date(2020, 12, 31))
    reg.exam(old, "专门", 90, date(2020, 12, 31))
    retook = reg.officer("补考合格", issued=None)
    reg.exam(retook, "通用", 80, date(2024, 10, 1))
    reg.exam(retook, "专门", 59.5, date(2024, 10, 1))
    reg.exam(retook, "专门", 61, date(2025, 4, 1))
    holder = reg.officer("已持证")
    reg.exam(holder, "通用", 80, date(2025, 10, 18))
    reg.exam(holder, "专门", 80, date(2025, 10, 18))

    found = {f["id_number"]: f for f in findings(store, "exam-passed-uncertified")}
    assert set(found) == {ready, retook}
    assert found[retook]["special"] == 61 and found[retook]["special_on"] == "2025-04-01"
    # A pass on 2021-01-01 still counts on 2025-12-31 (five years), one on 2020-12-31 no longer does.
    assert old in ids(store, "exam-passed-uncertified", as_of=date(2025, 12, 30))


def test_review_missing_for_the_last_finished_year(store):
    reg = Register(store)
    reviewed = reg.officer("已年审")
    number = store.db.execute("SELECT number FROM certificates").fetchone()[0]
    reg.review(number, 2025)
    pending = reg.officer("未年审")
    reg.officer("年内到期", issued=date(2020, 6, 1))

    assert ids(store, "review-missing") == {pending}
    result = run_checks(store, ["review-missing"], year=2026, as_of=date(2026, 5, 1)).results[0]
    assert result.parameters["review_year"] == 2025
    assert {f["id_number"] for f in result.findings} == {pending}
    assert reviewed not in ids(store, "review-missing", year=2025, as_of=date(2026, 1, 5))


def test_head_training_in_the_current_term(store):
    reg = Register(store)
    trained = reg.officer("已培训", head_since=date(2022, 3, 1))
    reg.training(trained, 16, date(2024, 5, 10), course="依法行政专题培训班", mode="脱产")
    online = reg.officer("只有网课", head_since=date(2022, 3, 1))
    reg.training(online, 16, date(2024, 5, 10), course="依法行政专题培训班", mode="线上")
    before = reg.officer("上一任期培训", head_since=date(2015, 3, 1))  # terms: 2015, 2020, 2025-03-01
    reg.training(before, 16, date(2024, 5, 10), course="行政处罚法专题", mode="脱产")
    reg.officer("普通人员")

    found = {f["id_number"]: f for f in findings(store, "head-training")}
    assert set(found) == {online, before}
    assert found[before]["term_start"] == "2025-03-01" and found[before]["last_course"] == "2024-05-10"


def test_adviser_coverage_and_expiring(store):
    reg = Register(store)
    reg.officer("甲")
    reg.officer("镇甲", unit=TOWN)
    reg.adviser("张律师", UNIT, date(2025, 1, 1), AS_OF)  # ends on the as-of date: in office, expiring
    reg.adviser("李律师", TOWN, date(2023, 1, 1), date(2025, 12, 30))
    reg.adviser("王专家", "青山县人民政府", date(2024, 1, 1), date(2026, 3, 31), kind="法学专家")
    reg.adviser("赵律师", "青山县林业局", date(2026, 1, 1), date(2027, 12, 31))
    reg.adviser("钱律师", UNIT, date(2024, 1, 1), date(2026, 2, 1))
    reg.adviser("钱律师", UNIT, date(2026, 2, 2), date(2028, 2, 1))  # renewed

    coverage = {f["unit"]: f for f in findings(store, "adviser-coverage")}
    assert set(coverage) == {TOWN, "青山县林业局"}
    assert coverage[TOWN]["last_ended"] == "2025-12-30"
    assert coverage["青山县林业局"]["next_starts"] == "2026-01-01"
    assert [f["adviser"] for f in findings(store, "adviser-expiring", within=0)] == ["张律师"]
    expiring = findings(store, "adviser-expiring")
    assert [(f["adviser"], f["unit"], f["ends"]) for f in expiring] == [
        ("张律师", UNIT, "2025-12-31"),
        ("王专家", "青山县人民政府", "2026-03-31"),
    ]


def test_unit_filter_and_unknown_names(store):
    reg = Register(store)
    here = reg.officer("本单位", issued=None)
    reg.officer("他单位", unit=TOWN, issued=None)
    assert ids(store, "uncertified", unit=UNIT) == {here}
    with pytest.raises(UnknownCheck, match="未知的检查项"):
        run_checks(store, ["no-such-check"], year=2025, as_of=AS_OF)


def test_report_json_shape(store):
    reg = Register(store)
    reg.officer("无记录")
    data = run_checks(store, year=2025, as_of=AS_OF).to_json()
    assert data["as_of"] == "2025-12-31" and data["year"] == 2025
    assert [c["name"] for c in data["checks"]] == list(CATALOGUE)
    hours = data["checks"][0]
    assert set(hours) >= {"name", "title", "basis", "findings"}
    assert set(hours["findings"][0]) >= {"id_number", "name", "unit", "hours", "required", "shortfall"}
