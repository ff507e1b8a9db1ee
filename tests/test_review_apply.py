"""Recording a year's review: one batch, statuses changed by reason, idempotent, undone exactly."""

from __future__ import annotations

import json
from datetime import date

import pytest

from lawtrain.certificates import history
from lawtrain.review import apply, evaluate
from lawtrain.settings import Settings
from lawtrain.store import Store
from lawtrain.store.undo import undo_batch

from .register_builder import Register
from .test_review_evaluate import build

TODAY = date(2026, 1, 15)


@pytest.fixture
def people(store: Store) -> dict[str, str]:
    return build(Register(store))


def certificates(store: Store) -> dict[str, tuple[str, str | None]]:
    rows = store.db.execute(
        "SELECT o.name, c.status, c.suspended_until FROM certificates c JOIN officers o ON o.id = c.officer_id"
    )
    return {name: (status, until) for name, status, until in rows}


def reviews(store: Store) -> dict[str, tuple]:
    rows = store.db.execute(
        "SELECT o.name, r.year, r.result, r.reasons, r.date, b.operator FROM reviews r "
        "JOIN certificates c ON c.id = r.certificate_id JOIN officers o ON o.id = c.officer_id "
        "JOIN batches b ON b.id = r.batch_id"
    )
    return {
        name: (year, result, json.loads(reasons), day, operator)
        for name, year, result, reasons, day, operator in rows
    }


def test_apply_records_every_review_and_changes_failing_certificates(store, people):
    before = certificates(store)
    outcome = apply(store, 2025, today=TODAY)
    assert (outcome.passed, outcome.failed, outcome.written) == (2, 7, 9)
    assert outcome.status_changes == {"暂扣": 5, "注销": 2}
    recorded = reviews(store)
    assert recorded["合格"] == (2025, "pass", [], "2026-01-15", "测试员")
    assert recorded["调离"] == (2025, "fail", ["not-in-post", "training-hours"], "2026-01-15", "测试员")
    after = certificates(store)
    assert {name for name in after if after[name] != before[name]} == {
        "差半", "政治", "去年", "不称职", "调离", "合同工", "全都"
    }  # fmt: skip
    assert after["调离"][0] == "注销" and after["全都"][0] == "注销"
    assert after["差半"][0] == "暂扣" and after["合同工"][0] == "暂扣"
    number = next(r.number for r in outcome.results if r.name == "差半")
    event = history(store, number)[-1]
    assert (event.date, event.from_status, event.to_status, event.batch_id) == (
        TODAY,
        "有效",
        "暂扣",
        outcome.batch_id,
    )
    assert event.reason == "2025年度年审不合格: 学时不足 (2025年度可计学时 59.5，应修 60，差 0.5)"
    kind, summary = store.db.execute(
        "SELECT kind, summary FROM batches WHERE id = ?", [outcome.batch_id]
    ).fetchone()
    assert kind == "review" and json.loads(summary) == {"reviews": 9, "暂扣": 5, "注销": 2}


def test_applying_twice_changes_nothing(store, people):
    first = apply(store, 2025, today=TODAY)
    snapshot = (store.count("batches"), store.count("audit"), certificates(store), reviews(store))
    second = apply(store, 2025, today=date(2026, 2, 1))
    assert second.nothing_to_change and second.batch_id is None and second.status_changes == {}
    assert (store.count("batches"), store.count("audit"), certificates(store), reviews(store)) == snapshot
    assert first.batch_id is not None


def test_undo_of_an_applied_review_restores_everything(store, people):
    before = (certificates(store), store.count("certificate_events"))
    outcome = apply(store, 2025, today=TODAY)
    undo_batch(store, outcome.batch_id)
    assert (certificates(store), store.count("certificate_events")) == before
    assert store.count("reviews") == 0
    again = apply(store, 2025, today=TODAY)
    assert again.status_changes == outcome.status_changes


def test_settings_decide_the_statuses(tmp_path):
    settings = Settings.model_validate({"review": {"failure_status": "注销", "left_post_status": "吊销"}})
    with Store(tmp_path / "r.db", settings=settings, operator="测试员") as store:
        build(Register(store))
        assert apply(store, 2025, today=TODAY).status_changes == {"注销": 5, "吊销": 2}


def test_unit_scope_then_whole_year_then_a_changed_result_is_rewritten(store, people):
    reg = Register(store)
    outcome = apply(store, 2025, today=TODAY, unit="白庙乡人民政府")
    assert outcome.written == 1 and list(reviews(store)) == ["调离"]
    left_post = reviews(store)["调离"]
    assert apply(store, 2025, today=TODAY).written == 8  # the others; 调离's certificate is no longer valid
    reg.appraisal(people["合格"], 2025, "称职")
    later = date(2026, 1, 20)
    outcome = apply(store, 2025, today=later)
    assert (outcome.written, outcome.status_changes) == (1, {})
    detail, day = store.db.execute(
        "SELECT r.detail, r.date FROM reviews r JOIN certificates c ON c.id = r.certificate_id "
        "JOIN officers o ON o.id = c.officer_id WHERE o.name = '合格'"
    ).fetchone()
    assert (detail, day) == ("2025年度可计学时 60，应修 60；2025年度考核称职；年审合格", "2026-01-20")
    assert reviews(store)["调离"] == left_post


def test_a_suspension_by_the_review_is_not_a_sanction_next_year(store):
    reg = Register(store)
    person = reg.officer("王芳", certificate=date(2023, 6, 1))
    reg.certificate(person, date(2026, 1, 10), kind="监督证")
    assert apply(store, 2025, today=TODAY).status_changes == {"暂扣": 1}
    next_year = evaluate(store, 2026)
    assert [(r.kind, r.reasons) for r in next_year] == [("监督证", ("training-hours",))]
