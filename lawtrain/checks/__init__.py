"""The catalogue of named checks: the lists a clerk sends upward, each with its legal basis.

`run_checks(store, names, year=..., as_of=...)` runs some or all of them and returns a `Report`.
UI-free: the CLI, the TUI and the exports call it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ..store import Store
from ..store.counties import county_names, shows_counties
from .base import ADVISER, OFFICER, UNIT, Check, CheckResult, Report, RunParams, by_county
from .certificates import CERTIFICATE_CHECKS
from .exams import EXAM_CHECKS
from .training import TRAINING_CHECKS
from .units import ADVISER_CHECKS, UNIT_CHECKS

_BY_NAME = {
    check.name: check
    for check in (*TRAINING_CHECKS, *CERTIFICATE_CHECKS, *EXAM_CHECKS, *UNIT_CHECKS, *ADVISER_CHECKS)
}
_ORDER = (
    "training-hours", "cert-expiring", "cert-expired", "uncertified", "ineligible-staffing", "left-post",
    "unit-min-holders", "exam-passed-uncertified", "review-missing", "head-training", "adviser-coverage",
    "adviser-expiring",
)  # fmt: skip
CATALOGUE: dict[str, Check] = {name: _BY_NAME[name] for name in _ORDER}


class UnknownCheck(ValueError):
    """A name that is not in the catalogue; the message lists the known ones."""


def resolve(names: Iterable[str] | None) -> list[Check]:
    """The checks named (catalogue order when none are named)."""
    if not names:
        return list(CATALOGUE.values())
    unknown = [name for name in names if name not in CATALOGUE]
    if unknown:
        raise UnknownCheck(f"未知的检查项: {'、'.join(unknown)}；可用: {', '.join(CATALOGUE)}")
    return [CATALOGUE[name] for name in dict.fromkeys(names)]


def run_checks(
    store: Store,
    names: Iterable[str] | None = None,
    *,
    year: int,
    as_of: date,
    within: int | None = None,
    unit: str | None = None,
    officer_id: int | None = None,
    county: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Run the named checks (all when none) on the register as of `as_of`, for training `year`; only
    the findings of `county` (by name) or `unit` when given. `progress(done, total)` is called after
    each check (the UI binds a progress bar to it)."""
    run = RunParams(store, year, as_of, within, unit, officer_id, county)
    checks = resolve(names)
    names_of = county_names(store.db)
    several = shows_counties(store.db, county)
    results = []
    for done, check in enumerate(checks, start=1):
        # A city's lists: county by county (own jurisdiction first), each in the check's order.
        findings = by_county(check.find(run), names_of, several)
        results.append(CheckResult(check, findings, check.parameters(run), check.basis(run.settings)))
        if progress:
            progress(done, len(checks))
    return Report(as_of, year, results, unit, county, several)


__all__ = [
    "ADVISER", "CATALOGUE", "OFFICER", "UNIT", "Check", "CheckResult", "Report", "RunParams", "UnknownCheck",
    "by_county", "resolve", "run_checks",
]  # fmt: skip
