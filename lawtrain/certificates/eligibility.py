"""Who may be issued a certificate: the exam, the post, the staffing type, a revocation bar, and no
second valid certificate of the same kind. Each check returns the missing conditions in Chinese.

What a retake means: an exam (one 考试名称) may be sat once per part plus settings.exam.retakes
resits (补考) of that part. Sittings of the same exam and part are taken in date order and only the
first 1 + retakes count; an absence (缺考) uses a sitting. A later exam (another 考试名称) starts
afresh. A part is passed by a counted sitting scoring at least settings.exam.pass_mark, dated within
settings.exam.pass_valid_years before the issue date (and not after it). The 通用 part is waived for
officers with the 法律职业资格 when settings.exam.waive_general_for_legal_qualification is set.
"""

from __future__ import annotations

from datetime import date

from ..cleaning import add_years
from ..rules import CERT_VALID_ON, IN_POST, staffing_allowed_sql
from ..store import Store
from ..vocabulary import EXAM_PARTS
from .records import Officer

PART_NAMES = {"通用": "通用法律知识", "专门": "专门法律知识"}


def passed_parts(store: Store, officer_id: int, on: date) -> set[str]:
    """The exam parts the officer holds a pass in that counts on `on`."""
    exam = store.settings.for_year(on.year).exam
    window_start = add_years(on, -exam.pass_valid_years)
    rows = store.db.execute(
        "SELECT exam_name, part, date, score, absent FROM exams WHERE officer_id = ? AND date <= ? "
        "ORDER BY exam_name, part, date, id",
        [officer_id, on.isoformat()],
    ).fetchall()
    sittings: dict[tuple[str, str], int] = {}
    passed: set[str] = set()
    for exam_name, part, day, score, absent in rows:
        count = sittings[(exam_name, part)] = sittings.get((exam_name, part), 0) + 1
        if count > 1 + exam.retakes:
            continue
        if not absent and score is not None and score >= exam.pass_mark and day >= window_start.isoformat():
            passed.add(part)
    return passed


def exam_missing(store: Store, officer: Officer, on: date) -> list[str]:
    exam = store.settings.for_year(on.year).exam
    required = list(EXAM_PARTS)
    if exam.waive_general_for_legal_qualification and officer.legal_qualification:
        required.remove("通用")
    passed = passed_parts(store, officer.id, on)
    window_start = add_years(on, -exam.pass_valid_years)
    return [
        f"没有 {window_start} 至 {on} 期间{PART_NAMES[part]}考试的合格成绩"
        f"(合格分 {exam.pass_mark:g}，同一考试每科最多计 {1 + exam.retakes} 次)"
        for part in required
        if part not in passed
    ]


def person_refusals(store: Store, officer: Officer) -> list[str]:
    """In post and of a staffing type that may hold a certificate (the shared rules' definitions)."""
    staffing_sql, staffing_params = staffing_allowed_sql(store.settings)
    in_post, staffing_ok = store.db.execute(
        f"SELECT {IN_POST}, {staffing_sql} FROM officers o WHERE o.id = :officer",  # noqa: S608 (our fragments)
        {"officer": officer.id, **staffing_params},
    ).fetchone()
    refusals = []
    if not in_post:
        refusals.append(f"{officer.name}的人员状态为{officer.status}，只有在岗人员可以持证")
    if not staffing_ok:
        refusals.append(f"人员性质“{officer.staffing}”不得持有行政执法证件")
    return refusals


def revocation_bar_end(store: Store, officer_id: int) -> date | None:
    """The first day the officer may apply again after the latest revocation (吊销), if any."""
    row = store.db.execute(
        "SELECT MAX(e.date) FROM certificate_events e JOIN certificates c ON c.id = e.certificate_id "
        "WHERE c.officer_id = ? AND e.to_status = '吊销'",
        [officer_id],
    ).fetchone()
    if row[0] is None:
        return None
    return add_years(date.fromisoformat(row[0]), store.settings.certificates.revocation_bar_years)


def held_same_kind(store: Store, officer_id: int, kind: str, on: date) -> list[str]:
    """Numbers of certificates of `kind` the officer holds on `on`: valid, or suspended but unexpired."""
    rows = store.db.execute(
        f"SELECT c.number, c.status FROM certificates c WHERE c.officer_id = :officer AND c.kind = :kind "  # noqa: S608
        f"AND ({CERT_VALID_ON} OR (c.status = '暂扣' AND c.expires >= :as_of)) ORDER BY c.number",
        {"officer": officer_id, "kind": kind, "as_of": on.isoformat()},
    ).fetchall()
    return [f"{number}({status})" for number, status in rows]


def issue_refusals(store: Store, officer: Officer, kind: str, on: date) -> list[str]:
    """Everything that stops issuing a certificate of `kind` to `officer` on `on` (empty: may issue)."""
    refusals = person_refusals(store, officer)
    bar_end = revocation_bar_end(store, officer.id)
    if bar_end is not None and on < bar_end:
        years = store.settings.certificates.revocation_bar_years
        refusals.append(f"证件被吊销未满 {years} 年，{bar_end} 起方可重新申领")
    held = held_same_kind(store, officer.id, kind, on)
    if held:
        refusals.append(f"已持有{kind} {'、'.join(held)}")
    refusals.extend(exam_missing(store, officer, on))
    return refusals
