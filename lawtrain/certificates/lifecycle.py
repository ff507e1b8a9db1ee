"""Issue, renew, suspend (暂扣), reinstate, cancel (注销) and revoke (吊销) a certificate.

Each function is one batch (one transaction): the certificate row, a `certificate_events` row with the
date and reason of the change, and through the store's triggers the audit log, which `undo` reverts.
Dates are passed in; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date

from ..cleaning import default_expiry
from ..store import Store
from ..vocabulary import CERT_KINDS, CERT_VALID
from . import eligibility, numbering
from .errors import CertificateError
from .records import Certificate, certificate, certificate_by_id, last_event_date, officer_by_id_number

SUSPENDED, CANCELLED, REVOKED = "暂扣", "注销", "吊销"


def record_event(
    store: Store,
    certificate_id: int,
    on: date,
    from_status: str | None,
    to_status: str,
    reason: str,
    batch_id: int,
) -> None:
    store.db.execute(
        "INSERT INTO certificate_events (certificate_id, date, from_status, to_status, reason, batch_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [certificate_id, on.isoformat(), from_status, to_status, reason, batch_id],
    )


def _insert_certificate(
    store: Store, officer_id: int, number: str, kind: str, issued: date, authority: str, batch_id: int
) -> int:
    expires = default_expiry(issued, store.settings.for_year(issued.year).certificates.validity_years)
    return store.db.execute(
        "INSERT INTO certificates (number, officer_id, kind, issued, expires, authority, status, batch_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [number, officer_id, kind, issued.isoformat(), expires.isoformat(), authority, CERT_VALID, batch_id],
    ).lastrowid


def issue(
    store: Store,
    id_number: str,
    issued: date,
    kind: str = "执法证",
    number: str | None = None,
    authority: str | None = None,
) -> Certificate:
    """Issue a certificate to an officer who qualifies on `issued`; refuse naming every missing condition.
    The number is the next of the settings' format unless one is given."""
    if kind not in CERT_KINDS:
        raise CertificateError(f"证件种类“{kind}”无效，应为: {'、'.join(CERT_KINDS)}")
    officer = officer_by_id_number(store, id_number)
    refusals = eligibility.issue_refusals(store, officer, kind, issued)
    if refusals:
        raise CertificateError([f"不能为{officer.name}({officer.id_number})发证", *refusals])
    if number is not None:
        number = number.strip()
        numbering.check_number(store, number)
    else:
        number = numbering.next_number(store, issued.year)
    authority = authority or store.settings.for_year(issued.year).issuing_authority
    with store.batch("cert", f"发证 {number} {officer.name}") as batch:
        cid = _insert_certificate(store, officer.id, number, kind, issued, authority, batch.id)
        record_event(store, cid, issued, None, CERT_VALID, "资格考试合格，发证", batch.id)
        batch.counts.update(certificates=1, events=1)
    return certificate_by_id(store, cid)


def _check_date(store: Store, cert: Certificate, on: date) -> None:
    if on < cert.issued:
        raise CertificateError(f"日期 {on} 早于证件 {cert.number} 的发证日期 {cert.issued}")
    last = last_event_date(store, cert.id)
    if last is not None and on < last:
        raise CertificateError(f"日期 {on} 早于证件 {cert.number} 最近一次变更的日期 {last}")


def _require_status(cert: Certificate, allowed: tuple[str, ...], action: str) -> None:
    if cert.status not in allowed:
        raise CertificateError(f"证件 {cert.number} 当前状态为{cert.status}，不能{action}")


def _require_reason(reason: str | None, action: str) -> str:
    cleaned = (reason or "").strip()
    if not cleaned:
        raise CertificateError(f"{action}必须写明原因")
    return cleaned


def renew(store: Store, number: str, on: date) -> Certificate:
    """Renew (换证) a valid certificate from `on` for settings.certificates.validity_years.
    With renew_keeps_number the same certificate gets the new expiry; otherwise the old one is
    cancelled and a new number issued. Returns the certificate now held."""
    cert = certificate(store, number)
    _require_status(cert, (CERT_VALID,), "换证")
    _check_date(store, cert, on)
    refusals = eligibility.person_refusals(store, cert.officer)
    if refusals:
        raise CertificateError([f"不能为{cert.officer.name}换证", *refusals])
    rules = store.settings.for_year(on.year)
    expires = default_expiry(on, rules.certificates.validity_years)
    if expires <= cert.expires:
        raise CertificateError(f"证件 {cert.number} 有效期至 {cert.expires}，{on} 换证不会延长有效期")
    if rules.certificates.renew_keeps_number:
        with store.batch("cert", f"换证 {cert.number} {cert.officer.name}") as batch:
            store.db.execute(
                "UPDATE certificates SET expires = ? WHERE id = ?", [expires.isoformat(), cert.id]
            )
            record_event(store, cert.id, on, CERT_VALID, CERT_VALID, f"换证，有效期延至 {expires}", batch.id)
            batch.counts.update(certificates=1, events=1)
        return certificate_by_id(store, cert.id)
    new_number = numbering.next_number(store, on.year)
    with store.batch("cert", f"换证 {cert.number} -> {new_number} {cert.officer.name}") as batch:
        store.db.execute("UPDATE certificates SET status = ? WHERE id = ?", [CANCELLED, cert.id])
        record_event(store, cert.id, on, CERT_VALID, CANCELLED, f"换证，换发新证 {new_number}", batch.id)
        authority = cert.authority or rules.issuing_authority
        cid = _insert_certificate(store, cert.officer.id, new_number, cert.kind, on, authority, batch.id)
        record_event(store, cid, on, None, CERT_VALID, f"换证，原证 {cert.number}", batch.id)
        batch.counts.update(certificates=2, events=2)
    return certificate_by_id(store, cid)


def _change_status(
    store: Store, cert: Certificate, to_status: str, on: date, reason: str, until: date | None = None
) -> Certificate:
    _check_date(store, cert, on)
    with store.batch("cert", f"{to_status} {cert.number} {cert.officer.name}") as batch:
        store.db.execute(
            "UPDATE certificates SET status = ?, suspended_until = ? WHERE id = ?",
            [to_status, until.isoformat() if until else None, cert.id],
        )
        record_event(store, cert.id, on, cert.status, to_status, reason, batch.id)
        batch.counts.update(certificates=1, events=1)
    return certificate_by_id(store, cert.id)


def suspend(store: Store, number: str, on: date, reason: str, until: date | None = None) -> Certificate:
    """Suspend (暂扣) a valid certificate, with a reason and an optional end date."""
    cert = certificate(store, number)
    _require_status(cert, (CERT_VALID,), "暂扣")
    reason = _require_reason(reason, "暂扣")
    if until is not None and until <= on:
        raise CertificateError(f"暂扣截止日期 {until} 应晚于暂扣日期 {on}")
    text = f"{reason}(暂扣至 {until})" if until else reason
    return _change_status(store, cert, SUSPENDED, on, text, until)


def reinstate(store: Store, number: str, on: date, reason: str | None = None) -> Certificate:
    """Give a suspended certificate back (恢复): status 有效 again."""
    cert = certificate(store, number)
    _require_status(cert, (SUSPENDED,), "恢复")
    return _change_status(store, cert, CERT_VALID, on, (reason or "").strip() or "恢复使用")


def cancel(store: Store, number: str, on: date, reason: str) -> Certificate:
    """Cancel (注销) a certificate without fault: left the post, retired, lost."""
    cert = certificate(store, number)
    _require_status(cert, (CERT_VALID, SUSPENDED), "注销")
    return _change_status(store, cert, CANCELLED, on, _require_reason(reason, "注销"))


def revoke(store: Store, number: str, on: date, reason: str) -> Certificate:
    """Revoke (吊销) a certificate as a sanction; no new certificate for revocation_bar_years."""
    cert = certificate(store, number)
    _require_status(cert, (CERT_VALID, SUSPENDED), "吊销")
    return _change_status(store, cert, REVOKED, on, _require_reason(reason, "吊销"))
