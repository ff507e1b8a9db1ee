"""Reading the officers and certificates the lifecycle functions work on, and a certificate's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..officer_lookup import OfficerNotFound, find_officer
from ..store import Store
from .errors import CertificateError


@dataclass(frozen=True)
class Officer:
    id: int
    id_number: str
    name: str
    unit: str
    staffing: str | None
    status: str
    legal_qualification: bool


@dataclass(frozen=True)
class Certificate:
    id: int
    number: str
    kind: str
    issued: date
    expires: date
    authority: str | None
    status: str
    suspended_until: date | None
    officer: Officer


@dataclass(frozen=True)
class Event:
    date: date
    from_status: str | None
    to_status: str
    reason: str | None
    batch_id: int | None
    operator: str | None


_OFFICER = """
SELECT o.id, o.id_number, o.name, u.name, o.staffing, o.status, o.legal_qualification
FROM officers o JOIN units u ON u.id = o.unit_id
"""
_CERTIFICATE = """
SELECT c.id, c.number, c.kind, c.issued, c.expires, c.authority, c.status, c.suspended_until, c.officer_id
FROM certificates c
"""


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def officer_by_id_number(store: Store, typed: str) -> Officer:
    """The officer a typed ID number names: the whole number or an unambiguous tail
    (officer_lookup.find_officer); refused with the candidates when the tail fits several."""
    try:
        found = find_officer(store, typed)
    except OfficerNotFound as exc:
        raise CertificateError(str(exc)) from None
    return officer_by_id(store, found.id)


def officer_by_id(store: Store, officer_id: int) -> Officer:
    return _officer(store.db.execute(_OFFICER + " WHERE o.id = ?", [officer_id]).fetchone())


def _officer(row: tuple) -> Officer:
    return Officer(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]))


def certificate(store: Store, number: str) -> Certificate:
    """The certificate with this number (surrounding spaces ignored)."""
    row = store.db.execute(_CERTIFICATE + " WHERE c.number = ?", [number.strip()]).fetchone()
    if row is None:
        raise CertificateError(f"没有证件号码为 {number.strip()} 的证件")
    return _certificate(store, row)


def certificate_by_id(store: Store, certificate_id: int) -> Certificate:
    return _certificate(
        store, store.db.execute(_CERTIFICATE + " WHERE c.id = ?", [certificate_id]).fetchone()
    )


def _certificate(store: Store, row: tuple) -> Certificate:
    cid, number, kind, issued, expires, authority, status, until, officer_id = row
    return Certificate(
        cid,
        number,
        kind,
        _day(issued),
        _day(expires),
        authority,
        status,
        _day(until),
        officer_by_id(store, officer_id),
    )


def history(store: Store, number: str) -> list[Event]:
    """Every status change of a certificate, oldest first, with who recorded it."""
    cert = certificate(store, number)
    rows = store.db.execute(
        """
        SELECT e.date, e.from_status, e.to_status, e.reason, e.batch_id, b.operator
        FROM certificate_events e LEFT JOIN batches b ON b.id = e.batch_id
        WHERE e.certificate_id = ? ORDER BY e.date, e.id
        """,
        [cert.id],
    ).fetchall()
    return [Event(_day(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


def last_event_date(store: Store, certificate_id: int) -> date | None:
    row = store.db.execute(
        "SELECT MAX(date) FROM certificate_events WHERE certificate_id = ?", [certificate_id]
    )
    return _day(row.fetchone()[0])
