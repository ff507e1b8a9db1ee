"""The officer list as SQL: search, filters and sort give an ordered list of ids; a window of rows is
fetched only for what the screen shows. Nothing here imports textual, so it is tested and measured alone.

Search uses index lookups only (name, pinyin initials and short numbers by prefix; four or more
characters of a number anywhere inside it, through the number search index), so one keystroke costs
milliseconds even on a province-sized register.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ...hours import COUNTABLE_EXPR, HOURS_JOIN, params, required_expr
from ...rules import CERT_EXPIRED_ON_RECORD, CERT_VALID_ON, IN_POST
from ...store import Store
from ...store.number_search import MIN_RUN, phrase

# Matches taken per searched column: a broad prefix (one digit, one letter) must not cost a scan of a
# province. The screen says "at least N" and asks for more characters; measured on 300,000 officers
# a keystroke then costs under 10 ms in SQL (20,000 cost up to 200 ms).
SEARCH_CAP = 2_000
_TOP = "\U0010ffff"  # above every character: name >= 'x' AND name < 'x' || _TOP is a prefix range
_ID_RUN = re.compile(r"[0-9X]*[0-9][0-9X]*")  # a run of an ID number: digits, X (the check character)

# The certificate shown for an officer: a valid-status one expiring last, else the latest issued.
_SHOWN_CERT = (
    "(SELECT {col} FROM certificates c WHERE c.officer_id = o.id "
    "ORDER BY c.status = '有效' DESC, c.expires DESC, c.id DESC LIMIT 1)"
)

# key -> (label, ORDER BY expression)
SORTS: dict[str, tuple[str, str]] = {
    "id": ("登记顺序", "o.id"),
    "name": ("姓名", "o.name"),
    "id_number": ("身份证号码", "o.id_number"),
    "unit": ("单位", "o.unit_id"),
    "expires": ("有效期至", "COALESCE(" + _SHOWN_CERT.format(col="c.expires") + ", '9999')"),
    "hours": ("本年学时", COUNTABLE_EXPR),
}

# key -> (label, condition on officer o; :as_of and :soon are bound). Each is an uncorrelated IN over
# certificates, so SQLite builds the set once from an index instead of probing per officer.
_VALID_HOLDERS = f"SELECT c.officer_id FROM certificates c WHERE {CERT_VALID_ON}"  # noqa: S608
CERT_STATES: dict[str, tuple[str, str]] = {
    "valid": ("持有效证件", f"o.id IN ({_VALID_HOLDERS})"),
    "expiring": ("证件即将到期", f"o.id IN ({_VALID_HOLDERS} AND c.expires <= :soon)"),
    "expired": (
        "已过期仍登记有效",
        f"o.id IN (SELECT c.officer_id FROM certificates c WHERE {CERT_EXPIRED_ON_RECORD})",  # noqa: S608
    ),
    "suspended": ("证件暂扣", "o.id IN (SELECT c.officer_id FROM certificates c WHERE c.status = '暂扣')"),
    "none": ("无有效证件", f"o.id NOT IN ({_VALID_HOLDERS})"),
}


@dataclass(frozen=True)
class ListQuery:
    """What the clerk asked for: search text, filters and the sort."""

    text: str = ""
    county: str | None = None  # a county of a city's register, by name
    unit_id: int | None = None
    staffing: str | None = None
    status: str | None = None
    cert_state: str | None = None
    sort: str = "id"
    descending: bool = False

    def with_(self, **changes: Any) -> ListQuery:
        return replace(self, **changes)


@dataclass(frozen=True)
class OfficerRow:
    id: int
    name: str
    sex: str
    id_number: str
    unit: str
    staffing: str | None
    status: str
    cert_number: str | None
    cert_status: str | None
    cert_expires: str | None
    hours: float
    required: float | None  # hours owed this year; None when the requirement does not apply
    expiring: bool  # valid certificate expiring within the configured days
    expired: bool  # certificate on record as valid but past its expiry
    county: str = ""  # 区县, for the list of a city's register

    @property
    def short(self) -> bool:
        return self.required is not None and self.hours < self.required


def _search_condition(text: str) -> tuple[str, dict[str, Any]]:
    """A UNION of index lookups, only over the columns the text can match: prefix ranges on the name,
    the pinyin initials and (below MIN_RUN characters) the ID number and certificate numbers; from
    MIN_RUN characters on, the number search index finds the text anywhere inside an ID number (digits
    and X only) or a certificate number, the start included."""
    raw = unicodedata.normalize("NFKC", "".join(text.split()))
    values: dict[str, Any] = {"cap": SEARCH_CAP}
    parts = []
    if len(raw) >= MIN_RUN:
        values["q_cert"] = phrase(raw)
        parts.append(
            "SELECT c.officer_id FROM cert_number_search s JOIN certificates c ON c.id = s.rowid "
            "WHERE cert_number_search MATCH :q_cert LIMIT :cap"
        )
    else:
        values.update(q_cert=raw, q_cert_hi=raw + _TOP)
        parts.append(
            "SELECT officer_id FROM certificates WHERE number >= :q_cert AND number < :q_cert_hi LIMIT :cap"
        )
    if raw.isascii() and raw.isalpha():
        values.update(q_ini=raw.lower(), q_ini_hi=raw.lower() + _TOP)
        parts.append("SELECT id FROM officers WHERE initials >= :q_ini AND initials < :q_ini_hi LIMIT :cap")
    upper = raw.upper()
    if len(raw) >= MIN_RUN and _ID_RUN.fullmatch(upper):
        values["q_id"] = phrase(upper)
        parts.append("SELECT rowid FROM id_number_search WHERE id_number_search MATCH :q_id LIMIT :cap")
    elif raw[:-1].isdigit() or raw.isdigit():
        values.update(q_id=upper, q_id_hi=upper + _TOP)
        parts.append("SELECT id FROM officers WHERE id_number >= :q_id AND id_number < :q_id_hi LIMIT :cap")
    if not raw.isascii():
        values.update(q_name=raw, q_name_hi=raw + _TOP)
        parts.append("SELECT id FROM officers WHERE name >= :q_name AND name < :q_name_hi LIMIT :cap")
    arms = " UNION ".join(f"SELECT * FROM ({part})" for part in parts)  # noqa: S608 (our own fragments)
    return f"o.id IN ({arms})", values


def _base_params(store: Store, as_of: date) -> dict[str, Any]:
    soon = as_of + timedelta(days=store.settings.for_year(as_of.year).checks.expiring_within_days)
    return {**params(store.settings, as_of.year), "as_of": as_of.isoformat(), "soon": soon.isoformat()}


def officer_ids(store: Store, query: ListQuery, as_of: date) -> array:
    """Ids of the officers matching `query`, in the asked order (a compact array, not row objects)."""
    where: list[str] = []
    values = _base_params(store, as_of)
    if query.text.strip():
        condition, search = _search_condition(query.text)
        where.append(condition)
        values.update(search)
    if query.county is not None:
        where.append(
            "o.unit_id IN (SELECT u.id FROM units u JOIN counties k ON k.id = u.county_id WHERE k.name = :county)"
        )
        values["county"] = query.county
    if query.unit_id is not None:
        where.append("o.unit_id = :unit_id")
        values["unit_id"] = query.unit_id
    if query.staffing:
        where.append("o.staffing = :staffing")
        values["staffing"] = query.staffing
    if query.status:
        where.append("o.status = :status")
        values["status"] = query.status
    if query.cert_state:
        where.append(CERT_STATES[query.cert_state][1])
    order = SORTS[query.sort][1]
    direction = "DESC" if query.descending else "ASC"
    join = HOURS_JOIN if query.sort == "hours" else ""
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    if query.sort == "unit":
        join += " JOIN units u ON u.id = o.unit_id"
        order = "u.name"
    sql = f"SELECT o.id FROM officers o {join} {clause} ORDER BY {order} {direction}, o.id {direction}"  # noqa: S608
    ids = array("q")
    cursor = store.db.execute(sql, values)
    while chunk := cursor.fetchmany(20000):
        ids.extend(row[0] for row in chunk)
    return ids


_ROWS = f"""
WITH w(id, cid) AS MATERIALIZED (
    SELECT o.id, {_SHOWN_CERT.format(col="c.id")} FROM officers o WHERE o.id IN (SELECT value FROM json_each(:ids))
)
SELECT o.id, o.name, o.sex, o.id_number, u.name, o.staffing, o.status,
       c.number, c.status, c.expires, {COUNTABLE_EXPR} AS hours,
       CASE WHEN {IN_POST} AND EXISTS (SELECT 1 FROM certificates c INDEXED BY certificates_officer
                                        WHERE c.officer_id = o.id AND {CERT_VALID_ON})
            THEN {required_expr("c.issued")} END AS required,
       CASE WHEN {CERT_VALID_ON} AND c.expires <= :soon THEN 1 ELSE 0 END AS expiring,
       CASE WHEN {CERT_EXPIRED_ON_RECORD} THEN 1 ELSE 0 END AS expired,
       (SELECT k.name FROM counties k WHERE k.id = u.county_id) AS county
FROM w
JOIN officers o ON o.id = w.id
JOIN units u ON u.id = o.unit_id
LEFT JOIN certificates c ON c.id = w.cid
{HOURS_JOIN}
"""  # noqa: S608


def fetch_rows(store: Store, ids: Sequence[int], as_of: date) -> list[OfficerRow]:
    """The display rows of `ids`, in the same order."""
    import json

    values = {**_base_params(store, as_of), "ids": json.dumps(list(ids))}
    found = {
        row[0]: OfficerRow(*row[:12], bool(row[12]), bool(row[13]), row[14])
        for row in store.db.execute(_ROWS, values)
    }
    return [found[i] for i in ids if i in found]


def units(store: Store, county: str | None = None) -> list[tuple[int, str]]:
    """Units that have officers (of `county` only, when given), by name, for the filter; named with
    their county when they come from several."""
    rows = store.db.execute(
        "SELECT u.id, u.name, k.name FROM units u JOIN counties k ON k.id = u.county_id "
        "WHERE EXISTS (SELECT 1 FROM officers o WHERE o.unit_id = u.id) AND (:county IS NULL OR k.name = :county) "
        "ORDER BY k.id <> 1, k.name, u.name",
        {"county": county},
    ).fetchall()
    several = len({row[2] for row in rows}) > 1
    return [(row[0], f"{row[1]}（{row[2]}）" if several else row[1]) for row in rows]
