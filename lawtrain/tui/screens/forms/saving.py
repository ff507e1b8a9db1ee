"""Saving one form's records through the importer's writers, in one batch: a refused record rolls the
whole batch back and its reason reaches the form."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from ....importing.writers import Saved
from ....store import Store


class Refused(ValueError):
    """The writer refused a record; the message is its reason, in Chinese."""


def save_with(
    store: Store,
    writer: Callable[..., Saved],
    records: Sequence[Any],
    source: str,
    fields: Collection[str] | None = None,
    **options: Any,
) -> Saved:
    with store.batch("edit", source) as batch:
        saved = writer(store, batch, records, fields=fields, **options)
        if saved.problems:
            reasons = [message for problems in saved.problems.values() for _, message in problems]
            raise Refused("；".join(reasons))
        batch.counts.update(inserted=saved.inserted, updated=saved.updated)
    return saved
