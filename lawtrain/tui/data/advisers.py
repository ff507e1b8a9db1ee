"""The adviser roster as the screen shows it (no textual here)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ...checks.units import ADVISER_IN_OFFICE
from ...store import Store

_ROSTER = f"""
SELECT a.id, a.name, a.kind, a.licence, a.firm, u.name AS unit, a.term_start, a.term_end, a.phone, a.evaluation,
       CASE WHEN {ADVISER_IN_OFFICE} THEN '在聘' WHEN a.term_end < :as_of THEN '已到期' ELSE '未开始' END AS state,
       k.name AS county, u.county_id <> 1 AS rolled_up
FROM advisers a JOIN units u ON u.id = a.unit_id JOIN counties k ON k.id = u.county_id
ORDER BY k.id <> 1, k.name, u.name, a.term_end DESC, a.name
"""  # noqa: S608


def roster(store: Store, as_of: date) -> list[dict[str, Any]]:
    cursor = store.db.execute(_ROSTER, {"as_of": as_of.isoformat()})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


_COVERAGE = f"""
SELECT u.name AS unit, (SELECT k.name FROM counties k WHERE k.id = u.county_id) AS county,
       COUNT(DISTINCT a.name) AS advisers
FROM units u LEFT JOIN advisers a ON a.unit_id = u.id AND {ADVISER_IN_OFFICE}
WHERE EXISTS (SELECT 1 FROM officers o WHERE o.unit_id = u.id) OR EXISTS (SELECT 1 FROM advisers b WHERE b.unit_id = u.id)
GROUP BY u.id ORDER BY u.county_id <> 1, county, u.name
"""  # noqa: S608


def coverage(store: Store, as_of: date) -> list[dict[str, Any]]:
    """Advisers in office per unit (units with officers or advisers, with their county), as the
    statistics count them."""
    cursor = store.db.execute(_COVERAGE, {"as_of": as_of.isoformat()})
    return [{"unit": unit, "county": county, "advisers": advisers} for unit, county, advisers in cursor]
