"""New certificate numbers from settings.certificates.number_format, unique in the register.

The format may use {yy} and {yyyy} (the year of issue) and must use {seq} (a running number, with
an optional format such as {seq:06d}). The next number is one more than the highest sequence among
existing numbers that match the format for that year: "4104{yy}{seq:06d}" in 2025 follows
410425000123 with 410425000124; numbers of other years or other shapes are not counted.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from ..store import Store
from .errors import CertificateError

_GLOB_SPECIAL = re.compile(r"[*?\[\]]")


@dataclass(frozen=True)
class NumberPattern:
    fmt: str
    year: int
    prefix: str  # the fixed text before {seq}
    regex: re.Pattern[str]  # the whole number, {seq} captured

    def render(self, seq: int) -> str:
        return self.fmt.format(yy=f"{self.year % 100:02d}", yyyy=f"{self.year:04d}", seq=seq)


def number_pattern(fmt: str, year: int) -> NumberPattern:
    values = {"yy": f"{year % 100:02d}", "yyyy": f"{year:04d}"}
    parts: list[str] = []
    prefix: list[str] = []
    seen_seq = False
    for literal, field, spec, _conversion in string.Formatter().parse(fmt):
        parts.append(re.escape(literal))
        if not seen_seq:
            prefix.append(literal)
        if field is None:
            continue
        if field == "seq":
            parts.append(r"(\d+)")
            seen_seq = True
            continue
        fixed = format(values[field], spec or "")
        parts.append(re.escape(fixed))
        if not seen_seq:
            prefix.append(fixed)
    return NumberPattern(fmt, year, "".join(prefix), re.compile("".join(parts)))


def highest_sequence(store: Store, pattern: NumberPattern) -> int:
    """The highest {seq} among existing numbers matching the pattern (0 when none)."""
    if _GLOB_SPECIAL.search(pattern.prefix):
        rows = store.db.execute("SELECT number FROM certificates")
    else:
        rows = store.db.execute("SELECT number FROM certificates WHERE number GLOB ?", [pattern.prefix + "*"])
    highest = 0
    for (number,) in rows:
        match = pattern.regex.fullmatch(number)
        # Round trip: 41042500000123 is not "4104{yy}{seq:06d}" with seq 123.
        if match and pattern.render(int(match.group(1))) == number:
            highest = max(highest, int(match.group(1)))
    return highest


def number_taken(store: Store, number: str) -> bool:
    return store.db.execute("SELECT 1 FROM certificates WHERE number = ?", [number]).fetchone() is not None


def check_number(store: Store, number: str) -> None:
    """A number given by hand: the province's format, and not already used."""
    regex = store.settings.certificates.number_regex
    if regex and not re.fullmatch(regex, number):
        raise CertificateError(f"证件号码“{number}”不符合本省格式 ({regex})")
    if number_taken(store, number):
        raise CertificateError(f"证件号码“{number}”已被使用")


def next_number(store: Store, year: int) -> str:
    """The next free number of the settings' format for a certificate issued in `year`."""
    pattern = number_pattern(store.settings.for_year(year).certificates.number_format, year)
    seq = highest_sequence(store, pattern) + 1
    number = pattern.render(seq)
    while number_taken(store, number):  # a hand-made number of another width may sit there
        seq += 1
        number = pattern.render(seq)
    check_number(store, number)
    return number
