"""Writing officers (with the certificate columns of a roster) and certificates into the register.

Callers validate first (OfficerIn, CertificateIn) and call these inside their own `store.batch(...)`.
`fields` names the model fields the source supplied (a roster's columns); other stored values are
left as they are on update. None means every field (a form). A blank cell is not supplied either
(the row reader leaves it out, so it is missing from the record's `model_fields_set`): a roster with
an empty 人员状态 or 证件状态 cell keeps what the register holds instead of taking the default.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import NamedTuple

from .. import idcard, pinyin
from ..models import CertificateIn, OfficerIn
from ..store import Batch, Store
from ..store.bulk import bulk_inserts
from .write_common import (
    Saved,
    UnitIds,
    fetch_existing,
    iso,
    officer_ids,
    refusal,
    run_staged,
    staged_columns,
)  # fmt: skip

# model field -> officers column
_OFFICER_COLUMNS = {
    "name": "name", "unit": "unit_id", "position": "position", "staffing": "staffing", "status": "status",
    "is_head": "is_head", "head_term_start": "head_term_start", "phone": "phone",
    "legal_qualification": "legal_qualification",
}  # fmt: skip
# certificate field -> certificates column
_CERT_COLUMNS = {
    "kind": "kind",
    "issued": "issued",
    "expires": "expires",
    "authority": "authority",
    "status": "status",
}
_ROSTER_CERT = {"cert_kind": "kind", "cert_issued": "issued", "cert_expires": "expires",
                "cert_authority": "authority", "cert_status": "status"}  # fmt: skip


class _Cert(NamedTuple):
    """A roster's certificate columns, shaped like CertificateIn for _write_certificates."""

    id_number: str
    number: str
    kind: str
    issued: date | None
    expires: date | None
    authority: str | None
    status: str
    given: set[str] | frozenset[str]  # the record's model_fields_set: the fields the row gave a value for


def _supplied(record: OfficerIn | CertificateIn, columns: dict[str, str]) -> frozenset[str]:
    """The columns of `columns` (field -> column) for which the record carried a value."""
    return frozenset(col for field, col in columns.items() if field in record.model_fields_set)


def _officer_values(record: OfficerIn, units: UnitIds) -> dict[str, object]:
    return {
        "name": record.name, "unit_id": units(record.unit), "position": record.position,
        "staffing": record.staffing, "status": record.status, "is_head": int(record.is_head),
        "head_term_start": iso(record.head_term_start), "phone": record.phone,
        "legal_qualification": int(record.legal_qualification),
    }  # fmt: skip


_Row = tuple[object, ...]


def prepare_officer(record: OfficerIn) -> tuple[_Row, _Row | None]:
    """The officer row and the certificate row (None without a number) a new officer is inserted with:
    the import builds them in the validating thread, so that its writer thread mostly runs SQL. The
    unit is given by name, the holder by ID number; SQLite finds their ids."""
    person = idcard.parse(record.id_number)
    officer = (
        record.id_number, person.sex, person.birth_date.isoformat(), pinyin.initials(record.name),
        record.name, record.unit, record.position, record.staffing, record.status, int(record.is_head),
        iso(record.head_term_start), record.phone, int(record.legal_qualification),
    )  # fmt: skip
    if not record.cert_number:
        return officer, None
    cert = (
        record.cert_number, record.id_number, record.cert_kind, iso(record.cert_issued),
        iso(record.cert_expires), record.cert_authority, record.cert_status,
    )  # fmt: skip
    return officer, cert


def save_officers(
    store: Store,
    batch: Batch,
    records: Sequence[OfficerIn],
    *,
    fields: Collection[str] | None = None,
    today: date | None = None,
    prepared: Sequence[tuple[_Row, _Row | None]] | None = None,
    units: dict[str, int] | None = None,
    new_register: set[str] | None = None,
) -> Saved:
    """Insert new officers, update changed ones (by ID number), and create or update the certificate
    of every record that carries a certificate number. Records must have distinct ID numbers.
    `prepared`: prepare_officer of each record, when the caller made them already; `units`: unit ids
    by name, a cache the caller keeps across calls of one batch. `new_register`: given by an import
    into a register that held no officer when it began, the certificate numbers written by its earlier
    calls (kept up to date here): nothing else can be stored, so nothing else is looked up."""
    db = store.db
    given = set(fields) if fields is not None else set(_OFFICER_COLUMNS) | set(_ROSTER_CERT) | {"cert_number"}
    column_fields = {
        col: field for field, col in _OFFICER_COLUMNS.items() if field in given or field == "name"
    }
    columns = list(column_fields)
    saved = Saved()
    unit_of = UnitIds(store, units)
    if prepared is None:
        prepared = [prepare_officer(record) for record in records]
    numbers = [(r.cert_number,) for r in records if r.cert_number]
    cert_columns = ("officer_id", *_CERT_COLUMNS.values())
    if new_register is None:
        stored = fetch_existing(db, "officers", ("id_number",), columns, ((r.id_number,) for r in records))
    else:
        stored = {}  # the records have distinct ID numbers, and none was stored before the import
        numbers_seen = [number for number in numbers if number[0] in new_register]
        new_register.update(number for (number,) in numbers)
        numbers = numbers_seen
    certs = fetch_existing(db, "certificates", ("number",), cert_columns, numbers)
    own = {key[0]: row[0] for key, row in stored.items()}  # ID number -> officer id, stored officers
    own_ids = set(own.values())
    foreign = {row[1] for row in certs.values() if row[1] not in own_ids}
    owners = _owners(store, foreign)
    claimed: dict[str, str] = {}
    for index, record in enumerate(records):
        if not record.cert_number:
            continue
        cert = certs.get((record.cert_number,))
        if cert is not None:
            owner = record.id_number if own.get(record.id_number) == cert[1] else owners.get(cert[1])
        else:
            owner = claimed.get(record.cert_number)
        if owner is not None and owner != record.id_number:
            saved.refuse(
                index, "cert_number", f"证件号码 {record.cert_number} 已登记在身份证号 {owner} 的人员名下"
            )
        else:
            claimed[record.cert_number] = record.id_number
    inserts, updates, touched, kept = [], [], set(), []
    problems = saved.problems
    for index, record in enumerate(records):
        if index in problems:
            continue
        row = stored.get((record.id_number,))
        if row is None:
            unit_of(record.unit)  # created when new, in the order the rows name them
            inserts.append(prepared[index][0])
            continue
        kept.append(index)
        values = _officer_values(record, unit_of)
        supplied = _supplied(record, _OFFICER_COLUMNS) | {"name", "unit_id"}
        wanted = [
            values[c] if c in supplied else current for c, current in zip(columns, row[1:], strict=True)
        ]
        if list(row[1:]) != wanted:
            updates.append((*wanted, pinyin.initials(record.name), batch.id, row[0]))
            touched.add(index)
    officer_cols = ", ".join(_OFFICER_COLUMNS.values())
    staged = [f"c{i}" for i in range(len(_OFFICER_COLUMNS) + 4)]
    staged[5] = "(SELECT id FROM units WHERE county_id = 1 AND name = c5)"  # the own jurisdiction's unit
    with bulk_inserts(db.conn, "officers"):
        run_staged(
            db.conn,
            inserts,
            f"INSERT INTO officers (id_number, sex, birth_date, initials, {officer_cols}, batch_id) "  # noqa: S608
            f"SELECT {', '.join(staged)}, ?1 FROM {{staged}}",
            [batch.id],
        )
    sets = ", ".join(f"{c} = ?" for c in columns)
    db.conn.executemany(f"UPDATE officers SET {sets}, initials = ?, batch_id = ? WHERE id = ?", updates)  # noqa: S608
    cert_fields = {col for field, col in _ROSTER_CERT.items() if field in given}
    certificates, new = [], []
    for index, record in enumerate(records):
        if not record.cert_number or index in problems:
            continue
        if (record.cert_number,) in certs:
            r = record
            cert = _Cert(r.id_number, r.cert_number, r.cert_kind, r.cert_issued, r.cert_expires,
                         r.cert_authority, r.cert_status, r.model_fields_set)  # fmt: skip
            certificates.append((index, cert))
        else:
            new.append((index, prepared[index][1]))
    changed = _write_certificates(store, batch, certificates, new, certs, cert_fields, today or date.today())
    saved.inserted += len(records) - len(problems) - len(kept)
    for index in kept:
        if index in touched or index in changed:
            saved.updated += 1
        else:
            saved.unchanged += 1
    return saved


def _owners(store: Store, officer_ids_: set[int]) -> dict[int, str]:
    found = fetch_existing(store.db, "officers", ("id",), ("id_number",), ((i,) for i in officer_ids_))
    return {key[0]: row[1] for key, row in found.items()}


def _cert_row(cert: CertificateIn | _Cert) -> _Row:
    return (
        cert.number, cert.id_number, cert.kind, iso(cert.issued), iso(cert.expires), cert.authority, cert.status,
    )  # fmt: skip


def _write_certificates(
    store: Store,
    batch: Batch,
    certificates: list[tuple[int, CertificateIn | _Cert]],
    new: list[tuple[int, _Row]],
    stored: dict[tuple, tuple],
    fields: set[str],
    today: date,
) -> set[int]:
    """Insert or update certificates (validated, owners checked); a creation or a status change
    writes a certificate_events row. `new`: certificates known not to be stored, as _cert_row gives
    them. Returns the indexes whose certificate changed."""
    db = store.db
    changed = {index for index, _ in new}
    inserts = [row for _, row in new]
    events = []
    update_columns = [c for c in _CERT_COLUMNS.values() if c in fields]
    updates = []
    for index, cert in certificates:
        row = stored.get((cert.number,))
        if row is None:
            inserts.append(_cert_row(cert))
            changed.add(index)
            continue
        values = {"kind": cert.kind, "issued": iso(cert.issued), "expires": iso(cert.expires),
                  "authority": cert.authority, "status": cert.status}  # fmt: skip
        old = dict(zip(_CERT_COLUMNS.values(), row[2:], strict=True))
        if isinstance(cert, _Cert):
            supplied = {col for field, col in _ROSTER_CERT.items() if field in cert.given}
        else:
            supplied = _supplied(cert, _CERT_COLUMNS)
        new_values = {c: values[c] if c in supplied else old[c] for c in update_columns}
        if any(old[c] != new_values[c] for c in update_columns):
            updates.append((*new_values.values(), batch.id, row[0]))
            changed.add(index)
            if new_values.get("status", old["status"]) != old["status"]:
                events.append(
                    (row[0], today.isoformat(), old["status"], new_values["status"], "导入时证件状态变更")
                )
    cols = ", ".join(_CERT_COLUMNS.values())
    holder = "(SELECT id FROM officers WHERE id_number = c1)"
    with bulk_inserts(db.conn, "certificates") as created:
        run_staged(
            db.conn,
            inserts,
            f"INSERT INTO certificates (number, officer_id, {cols}, batch_id) "  # noqa: S608
            f"SELECT c0, {holder}, c2, c3, c4, c5, c6, ?1 FROM {{staged}}",
            [batch.id],
        )
    if update_columns:
        sets = ", ".join(f"{c} = ?" for c in update_columns)
        db.conn.executemany(f"UPDATE certificates SET {sets}, batch_id = ? WHERE id = ?", updates)  # noqa: S608
    insert_events = (
        "INSERT INTO certificate_events (certificate_id, date, from_status, to_status, reason, batch_id)"
    )
    with bulk_inserts(db.conn, "certificate_events"):
        staged = f"{insert_events} SELECT {staged_columns(5)}, ?1 FROM {{staged}}"  # noqa: S608
        run_staged(db.conn, events, staged, [batch.id])
        if created.count:  # the certificates just created, read by SQLite itself
            new_ones = "SELECT id, issued, NULL, status, '导入建档', batch_id FROM certificates WHERE id > ?"
            db.conn.execute(f"{insert_events} {new_ones}", [created.largest])
    return changed


def save_certificates(
    store: Store,
    batch: Batch,
    records: Sequence[CertificateIn],
    *,
    fields: Collection[str] | None = None,
    today: date | None = None,
) -> Saved:
    """Insert or update certificates by number; the holder must be in the register."""
    db = store.db
    saved = Saved()
    ids = officer_ids(db, (r.id_number for r in records))
    stored = fetch_existing(
        db,
        "certificates",
        ("number",),
        ("officer_id", *_CERT_COLUMNS.values()),
        ((r.number,) for r in records),
    )
    owners = _owners(store, {row[1] for row in stored.values()})
    valid = []
    for index, record in enumerate(records):
        row = stored.get((record.number,))
        if record.id_number not in ids:
            saved.refuse(index, "id_number", refusal(db, record.id_number))
        elif row is not None and owners.get(row[1]) != record.id_number:
            saved.refuse(
                index, "number", f"证件号码 {record.number} 已登记在身份证号 {owners.get(row[1])} 的人员名下"
            )
        else:
            valid.append((index, record))
    given = set(fields) if fields is not None else set(_CERT_COLUMNS)
    changed = _write_certificates(store, batch, valid, [], stored, given, today or date.today())
    for index, record in valid:
        if index not in changed:
            saved.unchanged += 1
        elif (record.number,) in stored:
            saved.updated += 1
        else:
            saved.inserted += 1
    return saved
