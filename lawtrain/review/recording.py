"""Recording a year's review: every result in `reviews`, and the failing certificates changed
(not-in-post -> settings.review.left_post_status, any other reason -> settings.review.failure_status),
all in one batch that undo reverts. A result already recorded unchanged is not written again, and a
failed certificate is no longer valid, so applying a second time finds nothing to change."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from ..certificates.lifecycle import record_event
from ..store import Store
from ..store.counties import own_county_name
from ..vocabulary import CERT_VALID
from .evaluation import ReviewError, ReviewResult, evaluate


@dataclass
class ApplyResult:
    year: int
    results: list[ReviewResult]
    batch_id: int | None = None  # None: nothing was written
    written: int = 0  # review rows inserted or updated
    status_changes: dict[str, int] = field(default_factory=dict)  # new status -> certificates

    @property
    def nothing_to_change(self) -> bool:
        return self.batch_id is None

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.result == "pass")

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed


def _recorded(store: Store, year: int) -> dict[int, tuple[str, str, str | None]]:
    rows = store.db.execute(
        "SELECT certificate_id, result, reasons, detail FROM reviews WHERE year = ?", [year]
    )
    return {cid: (result, reasons, detail) for cid, result, reasons, detail in rows}


def new_status(store: Store, result: ReviewResult, year: int) -> str:
    review = store.settings.for_year(year).review
    return review.left_post_status if "not-in-post" in result.reasons else review.failure_status


def apply(
    store: Store,
    year: int,
    as_of: date | None = None,
    unit: str | None = None,
    *,
    today: date,
    county: str | None = None,
) -> ApplyResult:
    """Evaluate and record the review of `year`; `today` is the date written on reviews and changes.
    Only the register's own certificates: a county rolled up into a city's register records its
    review in its own register (a change made here would be undone by the next roll-up)."""
    results = evaluate(store, year, as_of=as_of, unit=unit, county=county)
    own = own_county_name(store.settings)
    others = sorted({r.county for r in results if r.county != own})
    if others:
        raise ReviewError(
            f"{'、'.join(others)}的证件由各区县在自己的登记簿中年审，这里不能记录；"
            f"只记录本辖区的年审请加 --county {own}"
        )
    recorded = _recorded(store, year)
    rows = []
    for r in results:
        reasons = json.dumps(list(r.reasons))
        if recorded.get(r.certificate_id) != (r.result, reasons, r.detail):
            rows.append((r, reasons))
    failing = [r for r in results if r.reasons]
    outcome = ApplyResult(year, results)
    if not rows and not failing:
        return outcome
    scope = "".join(f" {part}" for part in (county, unit) if part)
    with store.batch("review", f"{year}年度年审{scope}") as batch:
        for r, reasons in rows:
            store.db.execute(
                "INSERT INTO reviews (certificate_id, year, result, reasons, detail, date, batch_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (certificate_id, year) DO UPDATE SET "
                "result = excluded.result, reasons = excluded.reasons, detail = excluded.detail, "
                "date = excluded.date, batch_id = excluded.batch_id",
                [r.certificate_id, year, r.result, reasons, r.detail, today.isoformat(), batch.id],
            )
        for r in failing:
            status = new_status(store, r, year)
            store.db.execute(
                "UPDATE certificates SET status = ?, suspended_until = NULL WHERE id = ?",
                [status, r.certificate_id],
            )
            reason = f"{year}年度年审不合格: {'、'.join(r.reason_labels)} ({r.detail})"
            record_event(store, r.certificate_id, today, CERT_VALID, status, reason, batch.id)
            outcome.status_changes[status] = outcome.status_changes.get(status, 0) + 1
        outcome.batch_id = batch.id
        outcome.written = len(rows)
        batch.counts.update(reviews=len(rows), **outcome.status_changes)
    return outcome
