"""The sample county: the 2025 review gives exactly the expected answers; applying it, twice, and
undoing it; issuing certificates to those who passed the 2025 exam."""

from __future__ import annotations

from collections import Counter

import pytest

from lawtrain.certificates import CertificateError, issue
from lawtrain.review import apply, evaluate
from lawtrain.store.undo import undo_batch

from .conftest import SAMPLE_TODAY


def test_review_of_2025_gives_the_expected_reasons(sample_store, expected):
    results = evaluate(sample_store, expected["year"])
    assert {r.id_number: list(r.reasons) for r in results} == expected["review"]
    assert all(r.result == ("fail" if r.reasons else "pass") for r in results)


def test_applying_the_sample_review_twice_and_undoing_it(sample_store, expected):
    statuses = dict(sample_store.db.execute("SELECT number, status FROM certificates").fetchall())
    outcome = apply(sample_store, expected["year"], today=SAMPLE_TODAY)
    failing = [codes for codes in expected["review"].values() if codes]
    left_post = sum(1 for codes in failing if "not-in-post" in codes)
    assert outcome.written == len(expected["review"])
    assert outcome.status_changes == {"暂扣": len(failing) - left_post, "注销": left_post}
    recorded = Counter(row[0] for row in sample_store.db.execute("SELECT result FROM reviews"))
    assert recorded == {"pass": len(expected["review"]) - len(failing), "fail": len(failing)}
    assert apply(sample_store, expected["year"], today=SAMPLE_TODAY).nothing_to_change
    undo_batch(sample_store, outcome.batch_id)
    assert dict(sample_store.db.execute("SELECT number, status FROM certificates").fetchall()) == statuses
    assert sample_store.count("reviews") == 0


def test_certificates_for_those_who_passed_the_2025_exam_and_refusals_for_the_others(sample_store, expected):
    passed = expected["exam-passed-uncertified"]
    numbers = [issue(sample_store, id_number, SAMPLE_TODAY).number for id_number in passed]
    assert numbers == [f"410425{seq:06d}" for seq in range(1, len(passed) + 1)]
    with pytest.raises(CertificateError) as caught:
        issue(sample_store, "410423199604239957", SAMPLE_TODAY)  # 通用 72, 专门 48
    assert [reason for reason in caught.value.reasons if "考试" in reason] == [
        "没有 2020-12-31 至 2025-12-31 期间专门法律知识考试的合格成绩(合格分 60，同一考试每科最多计 2 次)"
    ]
