"""Issuing a certificate: the exam, the retake limit, the waiver, the person, the bar, the numbering."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrain.certificates import CertificateError, history, issue, next_number, revoke
from lawtrain.settings import Settings
from lawtrain.store import Store

from .register_builder import Register

DAY = date(2025, 11, 20)


@pytest.fixture
def reg(store: Store) -> Register:
    return Register(store)


def make_store(tmp_path, **sections) -> Store:
    return Store(tmp_path / "custom.db", settings=Settings.model_validate(sections), operator="测试员")


def refusal(reg: Register, id_number: str, on: date = DAY, **kwargs) -> str:
    before = (reg.batches(), reg.store.count("certificates"), reg.store.count("certificate_events"))
    with pytest.raises(CertificateError) as caught:
        issue(reg.store, id_number, on, **kwargs)
    after = (reg.batches(), reg.store.count("certificates"), reg.store.count("certificate_events"))
    assert after == before  # nothing written
    return str(caught.value)


def test_issue_after_passing_both_parts_numbers_records_and_audits(reg):
    person = reg.officer("王芳")
    reg.passed_exam(person, date(2025, 10, 18))
    cert = issue(reg.store, person, DAY)
    assert cert.number == "410425000001"
    assert (cert.kind, cert.status, cert.issued, cert.expires) == ("执法证", "有效", DAY, date(2030, 11, 19))
    assert cert.authority == "青山县人民政府"
    assert cert.officer.name == "王芳"
    events = history(reg.store, cert.number)
    assert [(e.date, e.from_status, e.to_status, e.operator) for e in events] == [
        (DAY, None, "有效", "测试员")
    ]
    audited = reg.store.db.execute(
        "SELECT table_name, action FROM audit WHERE batch_id = ? ORDER BY id", [events[0].batch_id]
    ).fetchall()
    assert audited == [("certificates", "insert"), ("certificate_events", "insert")]
    kind = reg.store.db.execute("SELECT kind FROM batches WHERE id = ?", [events[0].batch_id]).fetchone()[0]
    assert kind == "cert"


def test_numbers_follow_the_highest_of_the_same_pattern_and_year(reg):
    holder = reg.officer("甲")
    reg.certificate(holder, date(2025, 1, 5), number="410425000007")
    reg.certificate(holder, date(2024, 1, 5), kind="监督证", number="410424000099")
    other = reg.officer("乙")
    reg.certificate(other, date(2025, 2, 1), number="41042500000123")  # another width: not the pattern
    assert next_number(reg.store, 2025) == "410425000008"
    assert next_number(reg.store, 2024) == "410424000100"
    assert next_number(reg.store, 2026) == "410426000001"
    first, second = reg.officer("丙"), reg.officer("丁")
    for person in (first, second):
        reg.passed_exam(person, date(2025, 10, 18))
    assert issue(reg.store, first, DAY).number == "410425000008"
    assert issue(reg.store, second, DAY).number == "410425000009"


def test_number_format_comes_from_settings(tmp_path):
    with make_store(tmp_path, certificates={"number_format": "QS{yyyy}-{seq:04d}"}) as store:
        reg = Register(store)
        person = reg.officer("王芳")
        reg.passed_exam(person, date(2025, 10, 18))
        reg.certificate(reg.officer("李四"), date(2025, 3, 1), number="QS2025-0041")
        assert issue(store, person, DAY).number == "QS2025-0042"


def test_a_number_given_by_hand_must_be_free_and_match_the_province_regex(tmp_path):
    with make_store(tmp_path, certificates={"number_regex": r"\d{12}"}) as store:
        reg = Register(store)
        person = reg.officer("王芳")
        reg.passed_exam(person, date(2025, 10, 18))
        taken = reg.certificate(reg.officer("李四"), date(2025, 3, 1), number="410425000005")
        assert "已被使用" in refusal(reg, person, number=taken)
        assert "不符合本省格式" in refusal(reg, person, number="QS-1")
        assert issue(store, person, DAY, number="410425123456").number == "410425123456"


def test_refused_without_a_pass_in_each_part(reg):
    person = reg.officer("王芳")
    reg.exam(person, "通用法律知识", 55, date(2025, 10, 18))
    reg.exam(person, "专门法律知识", "缺考", date(2025, 10, 18))
    message = refusal(reg, person)
    assert message.startswith("不能为王芳")
    assert "通用法律知识考试的合格成绩" in message
    assert "专门法律知识考试的合格成绩" in message


def test_a_pass_counts_for_pass_valid_years_only(reg):
    person = reg.officer("王芳")
    reg.passed_exam(person, date(2020, 11, 19))
    message = refusal(reg, person)
    assert "2020-11-20 至 2025-11-20" in message
    reg.passed_exam(person, date(2020, 11, 20))
    assert issue(reg.store, person, DAY).status == "有效"


def test_a_pass_after_the_issue_date_does_not_count(reg):
    person = reg.officer("王芳")
    reg.passed_exam(person, date(2025, 12, 1))
    assert "合格成绩" in refusal(reg, person)


def test_retakes_limit_the_sittings_of_one_exam(reg, tmp_path):
    person = reg.officer("王芳")
    reg.exam(person, "专门", 80, date(2025, 10, 18))
    exam = "2025年度行政执法资格考试"
    reg.exam(person, "通用", 40, date(2025, 10, 18), exam)
    reg.exam(person, "通用", "缺考", date(2025, 11, 1), exam)  # the one retake, used by an absence
    reg.exam(person, "通用", 75, date(2025, 11, 15), exam)  # a third sitting of the same exam
    assert "同一考试每科最多计 2 次" in refusal(reg, person)
    reg.exam(person, "通用", 75, date(2025, 11, 16), "2025年度第二次行政执法资格考试")  # another exam
    assert issue(reg.store, person, DAY).status == "有效"


def test_more_retakes_in_settings_count_the_third_sitting(tmp_path):
    with make_store(tmp_path, exam={"retakes": 2}) as store:
        reg = Register(store)
        person = reg.officer("王芳")
        reg.exam(person, "专门", 80, date(2025, 10, 18))
        for score, day in ((40, date(2025, 10, 18)), (50, date(2025, 11, 1)), (75, date(2025, 11, 15))):
            reg.exam(person, "通用", score, day, "2025年度行政执法资格考试")
        assert issue(store, person, DAY).status == "有效"


def test_pass_mark_comes_from_settings(tmp_path):
    with make_store(tmp_path, exam={"pass_mark": 80}) as store:
        reg = Register(store)
        person = reg.officer("王芳")
        reg.passed_exam(person, date(2025, 10, 18))  # 80 and 70
        message = refusal(reg, person)
        assert "专门法律知识" in message and "通用法律知识" not in message


def test_general_part_waived_for_legal_qualification_only_when_settings_say_so(reg, tmp_path):
    person = reg.officer("王芳", legal_qualification=True)
    reg.exam(person, "专门", 70, date(2025, 10, 18))
    assert "通用法律知识" in refusal(reg, person)
    with make_store(tmp_path, exam={"waive_general_for_legal_qualification": True}) as store:
        waived = Register(store)
        qualified = waived.officer("王芳", legal_qualification=True)
        plain = waived.officer("李四")
        for person in (qualified, plain):
            waived.exam(person, "专门", 70, date(2025, 10, 18))
        assert issue(store, qualified, DAY).status == "有效"
        assert "通用法律知识" in refusal(waived, plain)


@pytest.mark.parametrize(
    "staffing, status, expected",
    [
        ("合同工", "在岗", "人员性质“合同工”不得持有行政执法证件"),
        ("劳务派遣人员", "在岗", "人员性质“劳务派遣”不得持有行政执法证件"),
        ("行政编制", "调离", "人员状态为调离，只有在岗人员可以持证"),
        ("事业编制", "退休", "人员状态为退休"),
    ],
)
def test_refused_for_the_person(reg, staffing, status, expected):
    person = reg.officer("王芳", staffing=staffing, status=status)
    reg.passed_exam(person, date(2025, 10, 18))
    assert expected in refusal(reg, person)


def test_every_missing_condition_is_named_at_once(reg):
    person = reg.officer("王芳", staffing="临时工", status="辞职")
    with pytest.raises(CertificateError) as caught:
        issue(reg.store, person, DAY)
    reasons = caught.value.reasons
    assert len(reasons) == 5  # heading, status, staffing, two exam parts
    assert any("临时工" in r for r in reasons) and any("辞职" in r for r in reasons)


def test_revocation_bar_runs_from_the_revocation(reg):
    person = reg.officer("王芳")
    old = reg.certificate(person, date(2021, 5, 1))
    revoke(reg.store, old, date(2024, 3, 1), "违法执法")
    reg.passed_exam(person, date(2025, 10, 18))
    assert "证件被吊销未满 2 年，2026-03-01 起方可重新申领" in refusal(reg, person, on=date(2026, 2, 28))
    assert issue(reg.store, person, date(2026, 3, 1)).issued == date(2026, 3, 1)


def test_revocation_bar_length_comes_from_settings(tmp_path):
    with make_store(tmp_path, certificates={"revocation_bar_years": 0}) as store:
        reg = Register(store)
        person = reg.officer("王芳")
        revoke(store, reg.certificate(person, date(2021, 5, 1)), date(2025, 11, 1), "违法执法")
        reg.passed_exam(person, date(2025, 10, 18))
        assert issue(store, person, DAY).status == "有效"


def test_refused_while_holding_a_certificate_of_the_same_kind(reg):
    person = reg.officer("王芳", certificate=date(2023, 6, 1))
    reg.passed_exam(person, date(2025, 10, 18))
    message = refusal(reg, person)
    assert "已持有执法证 410420000001(有效)" in message
    assert issue(reg.store, person, DAY, kind="监督证").kind == "监督证"


def test_an_expired_certificate_does_not_stop_a_new_one(reg):
    person = reg.officer("王芳", certificate=date(2019, 6, 1))  # expired 2024-05-31
    reg.passed_exam(person, date(2025, 10, 18))
    assert issue(reg.store, person, DAY).status == "有效"


def test_unknown_or_invalid_id_number_is_refused(reg):
    assert "没有身份证号码为 410402199001011230 的人员" in refusal(reg, "410402199001011230")
    assert "校验位错误" in refusal(reg, "410402199001011237")


def test_a_format_that_contradicts_the_province_regex_is_refused_before_writing(tmp_path):
    settings = {"certificates": {"number_format": "QS{seq:04d}", "number_regex": r"\d{12}"}}
    with make_store(tmp_path, **settings) as store:
        reg = Register(store)
        person = reg.officer("王芳")
        reg.passed_exam(person, date(2025, 10, 18))
        assert "证件号码“QS0001”不符合本省格式" in refusal(reg, person)
