"""Finding the officer a clerk means by an ID number they typed: the whole number, or its tail.

Clerks quote a number by its end ("尾号 12093183"). A full number (18 digits, or the legacy 15) is
cleaned and checked as everywhere else (`idcard`); any other length from MIN_TAIL characters up to 17
is taken as the end of a registered number, found through the number search index (`store.number_search`).
A tail that fits one officer is that officer; one that fits several is refused with the candidates
listed (the clerk types more digits), and so is a tail nobody has. Shorter tails are refused: four
digits fit hundreds of officers in a province, and a command must not act on a guess.

One function for every place a number is typed: `lawtrain explain`, the `lawtrain cert` commands,
the app's forms. Imports never use it: a spreadsheet row names its officer by the whole number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import idcard
from .store import Store
from .store.number_search import phrase

MIN_TAIL = 8
SHOWN = 10  # candidates listed for an ambiguous tail
_RUN = re.compile(r"[0-9]+X?")  # the end of an ID number: digits, and X only as the check character


@dataclass(frozen=True)
class Officer:
    """Who a typed number resolved to (or a candidate for it)."""

    id: int
    id_number: str
    name: str
    unit: str


@dataclass
class OfficerNotFound(ValueError):
    """No single officer for what was typed. str() is the clerk's message: one line saying why, then
    one line per candidate when the tail fits several (at most SHOWN, and how many more)."""

    reason: str
    candidates: list[Officer] = field(default_factory=list)
    total: int = 0  # officers the tail fits (len(candidates) may be fewer)

    def __str__(self) -> str:
        if not self.candidates:
            return self.reason
        lines = [f"{self.reason}:"]
        lines += [f"  {c.id_number}  {c.name}  {c.unit}" for c in self.candidates]
        if self.total > len(self.candidates):
            lines.append(f"  …… 另有 {self.total - len(self.candidates)} 人未列出")
        return "\n".join(lines)

    @property
    def brief(self) -> str:
        """One line, for a table cell: the reason, and the candidates' names."""
        if not self.candidates:
            return self.reason
        more = "等" if self.total > len(self.candidates) else ""
        return f"{self.reason} ({'、'.join(c.name for c in self.candidates)}{more})"


_OFFICER = "SELECT o.id, o.id_number, o.name, u.name FROM officers o JOIN units u ON u.id = o.unit_id"
# Officers whose ID number ends with :tail: the index finds the numbers holding it anywhere (:run, the
# tail as a phrase), the comparison keeps those where it stands at the end.
_ENDS_WITH = (
    "o.id IN (SELECT rowid FROM id_number_search WHERE id_number_search MATCH :run) "
    "AND substr(o.id_number, -length(:tail)) = :tail"
)
_BY_TAIL = f"{_OFFICER} WHERE {_ENDS_WITH} ORDER BY o.id_number LIMIT :limit"  # noqa: S608
_COUNT_TAIL = f"SELECT COUNT(*) FROM officers o WHERE {_ENDS_WITH}"  # noqa: S608


def find_officer(store: Store, typed: str) -> Officer:
    """The officer `typed` names: a whole ID number, or the tail of exactly one registered number.
    Raises OfficerNotFound otherwise."""
    text = _cleaned(typed)
    if len(text) in (15, 18):
        try:
            number = idcard.normalise(text)
        except idcard.IdNumberError as exc:
            raise OfficerNotFound(f"身份证号码“{typed.strip()}”无效: {exc}") from None
        row = store.db.execute(f"{_OFFICER} WHERE o.id_number = ?", [number]).fetchone()  # noqa: S608
        if row is None:
            raise OfficerNotFound(f"登记簿中没有身份证号码为 {number} 的人员")
        return Officer(*row)
    if not _RUN.fullmatch(text) or len(text) > 18:
        raise OfficerNotFound(
            f"身份证号码“{typed.strip()}”无效: 应为18位(或旧式15位)数字，最后一位可为X；"
            f"按尾号查找时输入后 {MIN_TAIL} 位以上"
        )
    if len(text) < MIN_TAIL:
        raise OfficerNotFound(
            f"身份证号码“{text}”无效: 只有 {len(text)} 位；请输入完整号码，或按尾号查找时至少输入后 {MIN_TAIL} 位"
        )
    values = {"run": phrase(text), "tail": text, "limit": SHOWN + 1}
    found = [Officer(*row) for row in store.db.execute(_BY_TAIL, values)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise OfficerNotFound(f"登记簿中没有身份证号码以 {text} 结尾的人员")
    total = len(found) if len(found) <= SHOWN else store.db.execute(_COUNT_TAIL, values).fetchone()[0]
    raise OfficerNotFound(
        f"身份证号码以 {text} 结尾的人员有 {total} 名，请输入更多位数或完整号码", found[:SHOWN], total
    )


def _cleaned(typed: str) -> str:
    """As `idcard.clean` leaves a number (full-width digits, lower-case x and spaces settled)."""
    try:
        return idcard.clean(typed)
    except idcard.IdNumberError:
        return typed.strip()
