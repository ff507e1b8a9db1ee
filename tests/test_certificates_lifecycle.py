"""Renew, suspend, reinstate, cancel and revoke: each transition, each refusal, history and undo."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrain.certificates import CertificateError, cancel, history, reinstate, renew, revoke, suspend
from lawtrain.settings import Settings
from lawtrain.store import Store
from lawtrain.store.undo import undo_batch

from .register_builder import Register

ISSUED = date(2023, 6, 1)


@pytest.fixture
def reg(store: Store) -> Register:
    return Register(store)


@pytest.fixture
def number(reg: Register) -> str:
    person = reg.officer("王芳", certificate=ISSUED)
    return reg.store.db.execute(
        "SELECT number FROM certificates c JOIN officers o ON o.id = c.officer_id WHERE o.id_number = ?",
        [person],
    ).fetchone()[0]


def refused(reg: Register, action, *args) -> str:
    before = (reg.batches(), reg.store.count("certificate_events"), reg.store.count("audit"))
    with pytest.raises(CertificateError) as caught:
        action(reg.store, *args)
    assert (reg.batches(), reg.store.count("certificate_events"), reg.store.count("audit")) == before
    return str(caught.value)


def test_suspend_with_end_date_then_reinstate(reg, number):
    cert = suspend(reg.store, number, date(2025, 3, 1), "涉嫌违法执法，立案调查", until=date(2025, 9, 1))
    assert (cert.status, cert.suspended_until) == ("暂扣", date(2025, 9, 1))
    cert = reinstate(reg.store, number, date(2025, 9, 1))
    assert (cert.status, cert.suspended_until) == ("有效", None)
    events = history(reg.store, number)
    assert [(e.date, e.from_status, e.to_status, e.reason) for e in events] == [
        (date(2025, 3, 1), "有效", "暂扣", "涉嫌违法执法，立案调查(暂扣至 2025-09-01)"),
        (date(2025, 9, 1), "暂扣", "有效", "恢复使用"),
    ]
    assert all(e.operator == "测试员" for e in events)


def test_suspension_refusals(reg, number):
    assert "暂扣必须写明原因" in refused(reg, suspend, number, date(2025, 3, 1), "  ")
    assert "应晚于暂扣日期" in refused(reg, suspend, number, date(2025, 3, 1), "调查", date(2025, 3, 1))
    assert "早于证件 410420000001 的发证日期 2023-06-01" in refused(
        reg, suspend, number, date(2023, 5, 1), "调查"
    )
    assert "当前状态为有效，不能恢复" in refused(reg, reinstate, number, date(2025, 3, 1))
    suspend(reg.store, number, date(2025, 3, 1), "调查")
    assert "当前状态为暂扣，不能暂扣" in refused(reg, suspend, number, date(2025, 4, 1), "调查")
    assert "早于证件 410420000001 最近一次变更的日期 2025-03-01" in refused(
        reg, reinstate, number, date(2025, 2, 1)
    )
    assert "没有证件号码为 NO-SUCH 的证件" in refused(reg, suspend, "NO-SUCH", date(2025, 3, 1), "调查")


def test_cancel_from_valid_or_suspended(reg, number):
    suspend(reg.store, number, date(2025, 3, 1), "调查")
    assert "注销必须写明原因" in refused(reg, cancel, number, date(2025, 4, 1), "")
    cert = cancel(reg.store, number, date(2025, 4, 1), "调离执法岗位")
    assert cert.status == "注销"
    assert "当前状态为注销，不能吊销" in refused(reg, revoke, number, date(2025, 5, 1), "违法")
    assert "当前状态为注销，不能恢复" in refused(reg, reinstate, number, date(2025, 5, 1))
    assert "当前状态为注销，不能换证" in refused(reg, renew, number, date(2025, 5, 1))


def test_revoke_needs_a_reason_and_is_final(reg, number):
    assert "吊销必须写明原因" in refused(reg, revoke, number, date(2025, 4, 1), None)
    cert = revoke(reg.store, number, date(2025, 4, 1), "玩忽职守，受到撤职处分")
    assert cert.status == "吊销"
    assert history(reg.store, number)[-1].reason == "玩忽职守，受到撤职处分"
    assert "当前状态为吊销，不能注销" in refused(reg, cancel, number, date(2025, 5, 1), "调离")


def test_renew_keeps_the_number_and_extends_the_expiry(reg, number):
    cert = renew(reg.store, number, date(2028, 3, 1))
    assert (cert.number, cert.issued, cert.expires, cert.status) == (
        number,
        ISSUED,
        date(2033, 2, 28),
        "有效",
    )
    event = history(reg.store, number)[-1]
    assert (event.from_status, event.to_status, event.reason) == (
        "有效",
        "有效",
        "换证，有效期延至 2033-02-28",
    )
    assert reg.store.count("certificates") == 1


def test_renew_with_a_new_number_cancels_the_old_certificate(tmp_path):
    settings = Settings.model_validate({"certificates": {"renew_keeps_number": False}})
    with Store(tmp_path / "r.db", settings=settings, operator="测试员") as store:
        reg = Register(store)
        person = reg.officer("王芳")
        old = reg.certificate(person, ISSUED, number="410423000017")
        new = renew(store, old, date(2028, 3, 1))
        assert (new.number, new.issued, new.expires, new.status) == ("410428000001", date(2028, 3, 1),
                                                                     date(2033, 2, 28), "有效")  # fmt: skip
        assert reg.status_of(old) == "注销"
        assert history(store, old)[-1].reason == "换证，换发新证 410428000001"
        assert history(store, new.number)[0].reason == "换证，原证 410423000017"
        assert len({e.batch_id for e in history(store, old) + history(store, new.number)}) == 1


def test_renew_refusals(reg, number):
    assert "换证不会延长有效期" in refused(reg, renew, number, ISSUED)
    retired = reg.certificate(reg.officer("李四", status="退休"), ISSUED)
    assert "人员状态为退休" in refused(reg, renew, retired, date(2028, 3, 1))
    worker = reg.certificate(reg.officer("赵五", staffing="工勤"), ISSUED)
    assert "人员性质“工勤”不得持有行政执法证件" in refused(reg, renew, worker, date(2028, 3, 1))


def test_every_change_is_one_batch_that_undo_reverts(reg, number):
    cert = suspend(reg.store, number, date(2025, 3, 1), "调查", until=date(2025, 6, 1))
    batch_id = history(reg.store, number)[-1].batch_id
    changes = reg.store.db.execute(
        "SELECT table_name, action FROM audit WHERE batch_id = ? ORDER BY id", [batch_id]
    ).fetchall()
    assert changes == [("certificates", "update"), ("certificate_events", "insert")]
    undo_batch(reg.store, batch_id)
    assert reg.status_of(cert.number) == "有效"
    assert history(reg.store, number) == []
    suspended_until = reg.store.db.execute("SELECT suspended_until FROM certificates").fetchone()[0]
    assert suspended_until is None
