"""One officer, one county: an ID number (and a certificate number) listed by two counties' registers.

The city register keeps one record per ID number. When the county being added lists an officer the
register already holds for another county: if exactly one of the two has the officer 在岗, that
county's record is kept and the case is a transfer (调动); if both have the officer 在岗, the record
already in the register is kept and the case is a conflict. (When neither has them 在岗, the record in
the register is kept and the case is a transfer: the officer has left one county for the other.) A
certificate number the county lists for its officer while the register holds it for an officer of
another county is kept where it is, a conflict of kind `certificate`.

Each case is a claim of the county whose listing was not kept, in `county_claims`: it stays listed
until that county is added again and its register no longer disagrees.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from ..vocabulary import IN_POST

TRANSFER, CONFLICT, CERTIFICATE = "transfer", "conflict", "certificate"
KIND_LABELS = {TRANSFER: "调动", CONFLICT: "冲突", CERTIFICATE: "证件号码重复"}


@dataclass(frozen=True)
class Claim:
    """A listing of county `county_id` that the register does not keep."""

    county_id: int
    kind: str
    id_number: str
    name: str
    unit: str
    status: str
    number: str | None = None


_LISTED_ELSEWHERE = """
SELECT x.id_number, x.name, xu.name, x.status, t.name, tu.name, t.status, tu.county_id
FROM src.officers x JOIN temp.u_map um ON um.src = x.unit_id JOIN src.units xu ON xu.id = x.unit_id
JOIN officers t ON t.id_number = x.id_number JOIN units tu ON tu.id = t.unit_id
WHERE tu.county_id <> :county
"""


def settle_officers(conn: sqlite3.Connection, county: int) -> list[Claim]:
    """Decide, for every officer the county lists and the register holds for another county, whose
    record is kept. The officers the county loses go into `temp.o_lost`; returns the claims."""
    claims, lost = [], []
    for id_number, name, unit, status, held_name, held_unit, held_status, held_county in conn.execute(
        _LISTED_ELSEWHERE, {"county": county}
    ):
        listed_in_post, held_in_post = status == IN_POST, held_status == IN_POST
        if listed_in_post and not held_in_post:  # the county takes the officer over
            claims.append(Claim(held_county, TRANSFER, id_number, held_name, held_unit, held_status))
        else:
            lost.append((id_number,))
            kind = CONFLICT if listed_in_post and held_in_post else TRANSFER
            claims.append(Claim(county, kind, id_number, name, unit, status))
    conn.executemany("INSERT INTO temp.o_lost (id_number) VALUES (?)", lost)
    return claims


_NUMBER_ELSEWHERE = """
SELECT x.number, xo.id_number, xo.name, xu.name, xo.status
FROM src.certificates x JOIN temp.o_map m ON m.src = x.officer_id
JOIN src.officers xo ON xo.id = x.officer_id JOIN src.units xu ON xu.id = xo.unit_id
JOIN certificates t ON t.number = x.number JOIN officers o ON o.id = t.officer_id JOIN units u ON u.id = o.unit_id
WHERE u.county_id <> :county
"""


def settle_certificates(conn: sqlite3.Connection, county: int) -> list[Claim]:
    """Certificate numbers the county lists that the register holds for an officer of another
    county: kept where they are, into `temp.c_lost`; returns the claims."""
    claims = [
        Claim(county, CERTIFICATE, id_number, name, unit, status, number)
        for number, id_number, name, unit, status in conn.execute(_NUMBER_ELSEWHERE, {"county": county})
    ]
    conn.executemany("INSERT INTO temp.c_lost (number) VALUES (?)", [(c.number,) for c in claims])
    return claims


_STORED = "SELECT id, county_id, kind, id_number, name, unit, status, number FROM county_claims"


def record_claims(conn: sqlite3.Connection, county: int, found: list[Claim], batch: int) -> int:
    """The county's claims replace those of its previous roll-up, and the claims it makes on other
    counties (the officers it took over) replace theirs about those officers; claims that stay the
    same are left as they are. Returns how many claims were written or removed."""
    taken = {(c.county_id, c.id_number) for c in found if c.county_id != county}
    stored = {
        Claim(*row[1:]): row[0]
        for row in conn.execute(_STORED)  # noqa: S608 (a constant)
        if row[1] == county or (row[1], row[3]) in taken
    }
    wanted = set(found)
    gone = [(claim_id,) for claim, claim_id in stored.items() if claim not in wanted]
    new = [c for c in found if c not in stored]
    conn.executemany("DELETE FROM county_claims WHERE id = ?", gone)
    conn.executemany(
        "INSERT INTO county_claims (county_id, kind, id_number, name, unit, status, number, batch_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(c.county_id, c.kind, c.id_number, c.name, c.unit, c.status, c.number, batch) for c in new],
    )
    return len(gone) + len(new)


# Every claim with the record the register keeps: the officer by ID number, or the certificate's holder.
_CLAIMS = """
SELECT cl.id, cl.kind, cl.id_number, cl.name, lk.name, cl.unit, cl.status, cl.number,
       o.name, ok.name, ou.name, o.status, o.id_number
FROM county_claims cl JOIN counties lk ON lk.id = cl.county_id
LEFT JOIN certificates c ON cl.kind = 'certificate' AND c.number = cl.number
LEFT JOIN officers o ON o.id = CASE WHEN cl.kind = 'certificate' THEN c.officer_id
                                    ELSE (SELECT id FROM officers WHERE id_number = cl.id_number) END
LEFT JOIN units ou ON ou.id = o.unit_id LEFT JOIN counties ok ON ok.id = ou.county_id
{where}
ORDER BY cl.kind, cl.id_number, lk.name
"""


def claims(conn: sqlite3.Connection, county: int | None = None) -> list[dict[str, Any]]:
    """The claims standing (those that involve `county` when given: its own, and those on the
    officers its record is kept for): kind, ID number, name, and for each county its unit and status:
    `kept` (the register's record; None when it no longer holds one) and `listed` (the county whose
    listing was not kept), with a `note` when adding the listing county again would change the case."""
    where, values = "", []
    if county is not None:
        where = "WHERE cl.county_id = ? OR ou.county_id = ?"
        values = [county, county]
    rows = []
    for row in conn.execute(_CLAIMS.format(where=where), values):
        (
            _,
            kind,
            id_number,
            name,
            county,
            unit,
            status,
            number,
            held_name,
            held_county,
            held_unit,
            held_status,
            holder,
        ) = row
        item: dict[str, Any] = {
            "kind": kind,
            "id_number": id_number,
            "name": name,
            "kept": None
            if held_name is None
            else {"county": held_county, "unit": held_unit, "status": held_status, "name": held_name,
                  "id_number": holder},
            "listed": {"county": county, "unit": unit, "status": status},
        }  # fmt: skip
        if number is not None:
            item["number"] = number
        item["note"] = _note(item)
        rows.append(item)
    return rows


def _note(item: dict[str, Any]) -> str:
    """What adding the listing county's register again would do, when the register has moved on."""
    county = item["listed"]["county"]
    if item["kept"] is None:
        return f"登记簿中已无此记录：重新汇总{county}即可载入"
    if (
        item["kind"] != CERTIFICATE
        and item["listed"]["status"] == IN_POST
        and item["kept"]["status"] != IN_POST
    ):
        return f"重新汇总{county}后将保留{county}的记录"
    return ""
