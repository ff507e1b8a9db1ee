"""SQL fragments for the register's shared definitions, so that checks, review and UI agree.

Each fragment uses named parameters (:as_of as 'YYYY-MM-DD') and the aliases noted.
"""

from __future__ import annotations

from .settings import Settings

# Certificate `c` is valid on :as_of: status 有效 and :as_of between issue and expiry (inclusive).
CERT_VALID_ON = "(c.status = '有效' AND c.issued <= :as_of AND c.expires >= :as_of)"

# Certificate `c` is past its expiry on :as_of but still on record as valid (to be corrected).
CERT_EXPIRED_ON_RECORD = "(c.status = '有效' AND c.expires < :as_of)"

# Certificate `c` is due for its review in :review_year: reviews come every :review_every years
# (settings.review.every_years) counted from the year of issue; yearly reviews make every year due.
REVIEW_DUE = "((:review_year - CAST(substr(c.issued, 1, 4) AS INTEGER)) % :review_every = 0)"

# The unit `u` of a finding and its county (区县), as every list shows them: the county's id, which
# the catalogue turns into its name (a dictionary look-up per finding costs less than a subquery).
UNIT_AND_COUNTY = "u.name AS unit, u.county_id AS county"

# Officer `o` is in post (只有在岗人员执法).
IN_POST = "(o.status = '在岗')"


def staffing_allowed_sql(settings: Settings, column: str = "o.staffing") -> tuple[str, dict[str, str]]:
    """`column` holds a staffing type that may hold a certificate; an empty type is not judged.
    Returns the SQL and its parameters (named :staff0, :staff1 ...)."""
    names = {f"staff{i}": name for i, name in enumerate(settings.staffing.allowed)}
    marks = ", ".join(f":{key}" for key in names) or "NULL"
    return f"({column} IS NULL OR {column} IN ({marks}))", names
