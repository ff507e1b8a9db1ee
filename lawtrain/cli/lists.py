"""What the commands that print lists share: the --year and --as-of options and the dates they resolve
to, the --county and --unit filters, JSON on stdout, and how many rows the terminal shows."""

from __future__ import annotations

from datetime import date

import click

from .context import fail
from .params import AS_OF, YEAR

TERMINAL_ROWS = 100  # rows of each list shown in the terminal unless --all


def resolve_dates(year: int | None, as_of: date | None, today: date) -> tuple[int, date]:
    """--as-of defaults to today and --year to the as-of year; a past --year alone means its 31 December."""
    if as_of is None:
        as_of = date(year, 12, 31) if year is not None and year < today.year else today
    return (year if year is not None else as_of.year), as_of


def year_and_as_of(function):
    """The --year and --as-of options of a command."""
    function = click.option(
        "--as-of", "as_of", type=AS_OF, default=None, help="截至日期，如 2025-12-31 (默认今天)"
    )(function)
    return click.option("--year", type=YEAR, default=None, help="学时年度 (默认截至日期所在年度)")(function)


def judged_dates(year: int | None, as_of: date | None) -> tuple[int, date]:
    """The training year and the as-of date a command judges on (resolve_dates with today)."""
    return resolve_dates(year, as_of, date.today())


def echo_json(data) -> None:
    """`data` as one line of JSON on stdout."""
    echo_json_bytes(json_bytes(data))


def echo_json_bytes(encoded: bytes) -> None:
    # Bytes go to the binary stream as they are: nothing to strip or re-encode (click would otherwise
    # scan the whole text for terminal colour codes: 0.15 s on a province's lists).
    click.echo(encoded, color=True)


def json_bytes(data) -> bytes:
    """`data` as compact UTF-8 JSON (Chinese as it is, not escaped), by orjson: a province's every-check
    report is 77 MB, which the json module takes 0.6 s of CPU to write and orjson 0.06 s."""
    import orjson

    from ..exporting.tables import json_default

    return orjson.dumps(data, default=json_default)


def check_filters(store, county: str | None, unit: str | None) -> None:
    """--county names a county of the register, --unit one unit (in that county, or in one county only)."""
    from ..store.counties import CountyError, check_unit, county_id

    try:
        if unit is not None:
            check_unit(store.db, unit, county)
        elif county is not None:
            county_id(store.db, county)
    except CountyError as exc:
        fail(str(exc))
