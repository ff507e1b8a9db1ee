"""Per-unit notices: each unit's list of what to act on, sent as a print-ready workbook, recorded so
that the next round says what was resolved since.

`plan_round` gathers a round, `issue_round` writes its workbooks and records it (one batch);
`notice_rounds` reads the rounds back for the app.
"""

from .history import notice_rounds, round_units
from .issue import NoticeError, NoticeRound, UnitNotice, default_deadline, issue_round, plan_round
from .lists import NOTICE_LISTS

__all__ = [
    "NOTICE_LISTS", "NoticeError", "NoticeRound", "UnitNotice", "default_deadline", "issue_round",
    "notice_rounds", "plan_round", "round_units",
]  # fmt: skip
