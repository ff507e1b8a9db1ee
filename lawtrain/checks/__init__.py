"""The catalogue of named checks: the lists a clerk sends upward, each with its legal basis.

`run_checks(store, names, year=..., as_of=...)` runs some or all of them and returns a `Report`.
UI-free: the CLI, the TUI and the exports call it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from threading import Lock

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
    finished: Callable[[CheckResult], None] | None = None,
) -> Report:
    """Run the named checks (all when none) on the register as of `as_of`, for training `year`; only
    the findings of `county` (by name) or `unit` when given. `progress(done, total)` is called after
    each check (the UI binds a progress bar to it); `finished(result)` as each check's result is ready,
    in the thread that ran it (the command line encodes its JSON there, beside the other thread's
    query)."""
    run = RunParams(store, year, as_of, within, unit, officer_id, county)
    checks = resolve(names)
    # A city's lists: county by county (own jurisdiction first), each in the check's order.
    counties = CountyNames(county_names(store.db), shows_counties(store.db, county))
    if len(checks) > 1 and unit is None and officer_id is None and _may_read_beside(store):
        results = _two_at_a_time(run, checks, counties, progress, finished)
    else:
        results = []
        for done, check in enumerate(checks, start=1):
            results.append(_result(check, run, counties))
            if finished:
                finished(results[-1])
            if progress:
                progress(done, len(checks))
    return Report(as_of, year, results, unit, county, counties.several)


@dataclass(frozen=True)
class CountyNames:
    names: dict[int, str]  # county id -> name
    several: bool  # the findings are shown and ordered county by county


def _result(check: Check, run: RunParams, counties: CountyNames) -> CheckResult:
    findings = by_county(check.find(run), counties.names, counties.several)
    return CheckResult(check, findings, check.parameters(run), check.basis(run.settings))


# The checks whose lists take longest on a province register (review-missing: 216,000 rows), in order.
_LONGEST_FIRST = {
    name: rank
    for rank, name in enumerate(
        ("review-missing", "uncertified", "training-hours", "exam-passed-uncertified")
    )
}


def _may_read_beside(store: Store) -> bool:
    """A second connection sees what this one sees: a register in a file, no transaction open here.
    (Only lists of the whole register are worth a second connection: one unit's or one officer's are
    small.)"""
    return str(store.path) != ":memory:" and not store.db.conn.in_transaction


def _two_at_a_time(
    run: RunParams,
    checks: list[Check],
    counties: CountyNames,
    progress: Callable[[int, int], None] | None,
    finished: Callable[[CheckResult], None] | None,
) -> list[CheckResult]:
    """The checks run by two threads, each with a connection of its own, taking the next check as they
    finish one. SQLite runs a query without holding the GIL, so one thread's query (the joins and
    sorts of a province's lists) runs while the other turns its rows into findings: `lawtrain check
    --json` on a province register, 3.8 s one check after another, 2.9 s side by side when the second
    core is free (no faster when it is not). Results in catalogue order."""
    other = run.store.another()
    runs = [run, replace(run, store=other)]
    results: list[CheckResult | None] = [None] * len(checks)
    # The longest lists first (at province scale), so that neither thread is left with one at the end.
    order = sorted(enumerate(checks), key=lambda item: _LONGEST_FIRST.get(item[1].name, len(_LONGEST_FIRST)))
    pending = iter(order)
    lock = Lock()
    done = 0

    def work(params: RunParams) -> None:
        nonlocal done
        while True:
            with lock:
                index, check = next(pending, (None, None))
            if check is None:
                return
            result = results[index] = _result(check, params, counties)
            if finished:
                finished(result)
            with lock:
                done += 1
                count = done
            if progress:
                progress(count, len(checks))

    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lawtrain-checks") as pool:
            beside = pool.submit(work, runs[1])
            work(runs[0])
            beside.result()
    finally:
        other.close()
    return [result for result in results if result is not None]


__all__ = [
    "ADVISER", "CATALOGUE", "OFFICER", "UNIT", "Check", "CheckResult", "Report", "RunParams", "UnknownCheck",
    "by_county", "resolve", "run_checks",
]  # fmt: skip
