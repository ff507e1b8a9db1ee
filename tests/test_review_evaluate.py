"""Evaluating a year's review on a small register: each reason, their order, scope and dates."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrain.certificates import revoke, suspend
from lawtrain.review import ReviewError, evaluate
from lawtrain.settings import Settings
from lawtrain.store import Store

from .register_builder import Register

ISSUED = date(2023, 6, 1)


def build(reg: Register) -> dict[str, str]:
    """One officer per case; returns name -> ID number."""
    people = {}

    def person(name: str, hours: list[tuple[float, str]], **kwargs) -> str:
        id_number = reg.officer(name, certificate=kwargs.pop("certificate", ISSUED), **kwargs)
        for i, (amount, category) in enumerate(hours):
            reg.training(id_number, amount, date(2025, 3, 1 + i), category, course=f"课程{i}")
        people[name] = id_number
        return id_number

    person("合格", [(24, "法律法规"), (24, "业务知识"), (12, "")])  # exactly 60, uncategorised counts
    person("差半", [(24, "法律法规"), (24, "业务知识"), (11.5, "执法技能")])
    person("政治", [(24, "法律法规"), (24, "政治理论"), (24, "党性教育")])
    person("去年", [(24, "法律法规")])
    reg.training(people["去年"], 24, date(2024, 12, 20), course="去年课程")  # counts in 2024
    reg.training(people["去年"], 24, date(2024, 12, 21), course="去年课程二")
    person("不称职", [(24, "法律法规"), (24, "业务知识"), (12, "执法技能")])
    reg.appraisal(people["不称职"], 2025, "不称职")
    reg.appraisal(people["不称职"], 2024, "称职")
    person("基本称职", [(24, "法律法规"), (24, "业务知识"), (12, "执法技能")])
    reg.appraisal(people["基本称职"], 2025, "基本称职")
    person("调离", [], status="调离", unit="白庙乡人民政府")
    person("合同工", [(24, "法律法规"), (24, "业务知识"), (12, "执法技能")], staffing="合同工")
    person("全都", [(2, "法律法规")], status="退休", staffing="临时工")
    reg.appraisal(people["全都"], 2025, "不称职")
    person("过期", [], certificate=date(2020, 12, 1))  # expired 2025-11-30: not reviewed
    person("新证", [], certificate=date(2026, 1, 2))  # not yet valid on 2025-12-31
    return people


@pytest.fixture
def people(store: Store) -> dict[str, str]:
    return build(Register(store))


def reasons_by_name(results) -> dict[str, list[str]]:
    return {r.name: list(r.reasons) for r in results}


def test_each_reason_in_its_order(store, people):
    results = evaluate(store, 2025)
    assert reasons_by_name(results) == {
        "合格": [],
        "差半": ["training-hours"],
        "政治": ["training-hours"],
        "去年": ["training-hours"],
        "不称职": ["appraisal"],
        "基本称职": [],
        "调离": ["not-in-post", "training-hours"],
        "合同工": ["staffing"],
        "全都": ["not-in-post", "staffing", "training-hours", "appraisal"],
    }
    by_name = {r.name: r for r in results}
    assert by_name["合格"].result == "pass" and by_name["差半"].result == "fail"
    assert (by_name["差半"].hours, by_name["差半"].required) == (59.5, 60)
    assert by_name["政治"].hours == 24
    assert by_name["差半"].detail == "2025年度可计学时 59.5，应修 60，差 0.5"
    assert by_name["合格"].detail == "2025年度可计学时 60，应修 60；2025年度考核未录入；年审合格"
    assert by_name["全都"].detail == (
        "人员状态为退休，不在岗；人员性质“临时工”不得持有行政执法证件；"
        "2025年度可计学时 2，应修 60，差 58；2025年度考核不称职"
    )
    assert by_name["调离"].as_json() == {
        "id_number": people["调离"],
        "name": "调离",
        "unit": "白庙乡人民政府",
        "county": "青山县",
        "certificate": by_name["调离"].number,
        "result": "fail",
        "reasons": ["not-in-post", "training-hours"],
        "detail": "人员状态为调离，不在岗；2025年度可计学时 0，应修 60，差 60",
    }


def test_required_hours_come_from_settings(tmp_path):
    settings = Settings.model_validate({"training": {"required_hours": 50}})
    with Store(tmp_path / "r.db", settings=settings, operator="测试员") as store:
        build(Register(store))
        reasons = reasons_by_name(evaluate(store, 2025))
        assert reasons["差半"] == [] and reasons["政治"] == ["training-hours"]


def test_as_of_date_and_unit_narrow_the_review(store, people):
    mid_year = reasons_by_name(evaluate(store, 2025, as_of=date(2025, 6, 30)))
    assert "过期" in mid_year and "新证" not in mid_year
    next_year = reasons_by_name(evaluate(store, 2026))
    assert "新证" in next_year and "过期" not in next_year
    assert reasons_by_name(evaluate(store, 2025, unit="白庙乡人民政府")) == {
        "调离": ["not-in-post", "training-hours"]
    }
    with pytest.raises(ReviewError, match="没有名为“不存在乡”的单位"):
        evaluate(store, 2025, unit="不存在乡")


def test_a_suspension_or_revocation_in_force_is_a_sanction(store):
    reg = Register(store)
    hours = [(24, "法律法规"), (24, "业务知识"), (12, "执法技能")]
    names = {}
    for name in ("暂扣中", "暂扣期满", "吊销", "吊销已久"):
        names[name] = reg.officer(name, certificate=ISSUED, kind="监督证")
        for i, (amount, category) in enumerate(hours):
            reg.training(names[name], amount, date(2025, 3, 1 + i), category, course=f"课程{i}")
    enforcement = {name: reg.certificate(id_number, ISSUED) for name, id_number in names.items()}
    suspend(store, enforcement["暂扣中"], date(2025, 10, 1), "立案调查")
    suspend(store, enforcement["暂扣期满"], date(2025, 6, 1), "立案调查", until=date(2025, 9, 1))
    revoke(store, enforcement["吊销"], date(2024, 3, 1), "违法执法")
    revoke(store, enforcement["吊销已久"], date(2023, 12, 30), "违法执法")
    results = {r.name: r for r in evaluate(store, 2025)}
    assert {name: list(r.reasons) for name, r in results.items()} == {
        "暂扣中": ["sanction"],
        "暂扣期满": [],
        "吊销": ["sanction"],
        "吊销已久": [],
    }
    assert results["暂扣中"].detail == f"另一证件 {enforcement['暂扣中']} 被暂扣，处罚尚未期满"
    lenient = Settings.model_validate({"review": {"sanction_fails": False}})
    with Store(store.path, settings=lenient, operator="测试员") as same_register:
        assert all(not r.reasons for r in evaluate(same_register, 2025))


def test_reviews_every_two_years_count_from_the_year_of_issue(tmp_path):
    settings = Settings.model_validate({"review": {"every_years": 2}})
    with Store(tmp_path / "r.db", settings=settings) as store:
        reg = Register(store)
        due = reg.officer("单年", certificate=date(2023, 6, 1))  # 2025 - 2023 = 2: due
        reg.officer("双年", certificate=date(2024, 6, 1))  # 2025 - 2024 = 1: not due
        assert [r.id_number for r in evaluate(store, 2025)] == [due]
        assert [r.name for r in evaluate(store, 2026)] == ["双年"]
