"""A typed ID number: the whole number, or the tail clerks quote ("尾号 12093183"), resolved to one
officer in the core, in `lawtrain explain` and in `lawtrain cert issue`; an ambiguous tail lists its
candidates, a short one is refused."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from lawtrain import officer_lookup
from lawtrain.cli.main import cli
from lawtrain.officer_lookup import OfficerNotFound, find_officer
from lawtrain.store import Store

from .register_builder import Register
from .twins import OTHER_UNIT, add_officer, sharing_the_tail


def cli_run(store: Store, *args: str):
    result = CliRunner().invoke(cli, ["--db", str(store.path), *args])
    return result.exit_code, result.output


def test_whole_numbers_as_typed_and_unambiguous_tails(sample_store, expected):
    id_number = next(k for k in expected["names"] if k.endswith("X"))
    name = expected["names"][id_number]
    full_width = id_number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    for typed in (
        id_number,
        id_number.lower(),
        f" {id_number} ",
        full_width,
        id_number[-8:],
        id_number[-12:],
    ):
        officer = find_officer(sample_store, typed)
        assert (officer.id_number, officer.name) == (id_number, name), typed
    upgraded = expected["fifteen_digit"][0]
    fifteen = upgraded[:6] + upgraded[8:17]  # the legacy form: two-digit year, no check character
    assert find_officer(sample_store, fifteen).id_number == upgraded


def test_a_tail_two_officers_share_lists_both(sample_store, expected):
    id_number = next(iter(expected["names"]))
    twin = sharing_the_tail(id_number)
    add_officer(sample_store, twin, "孙八")
    with pytest.raises(OfficerNotFound) as refused:
        find_officer(sample_store, id_number[-8:])
    unit = find_officer(sample_store, id_number).unit
    message = str(refused.value).splitlines()
    assert message[0] == f"身份证号码以 {id_number[-8:]} 结尾的人员有 2 名，请输入更多位数或完整号码:"
    assert sorted(message[1:]) == sorted([
        f"  {id_number}  {expected['names'][id_number]}  {unit}",
        f"  {twin}  孙八  {OTHER_UNIT}",
    ])  # fmt: skip
    assert find_officer(sample_store, twin).name == "孙八"  # the whole number is never ambiguous


def test_more_candidates_than_are_shown_are_counted(sample_store, expected, monkeypatch):
    id_number = next(iter(expected["names"]))
    for skip, name in enumerate(("孙八", "周九", "吴十")):
        add_officer(sample_store, sharing_the_tail(id_number, skip=skip), name)
    monkeypatch.setattr(officer_lookup, "SHOWN", 2)
    with pytest.raises(OfficerNotFound) as refused:
        find_officer(sample_store, id_number[-8:])
    assert refused.value.total == 4 and len(refused.value.candidates) == 2
    assert str(refused.value).splitlines()[-1] == "  …… 另有 2 人未列出"
    assert refused.value.brief.endswith("等)")


def test_short_unknown_and_invalid_input_is_refused_with_the_reason(sample_store, expected):
    id_number = next(iter(expected["names"]))
    with pytest.raises(OfficerNotFound, match="只有 7 位；请输入完整号码，或按尾号查找时至少输入后 8 位"):
        find_officer(sample_store, id_number[-7:])
    with pytest.raises(OfficerNotFound, match="没有身份证号码以 99999999 结尾的人员"):
        find_officer(sample_store, "99999999")
    with pytest.raises(OfficerNotFound, match="没有身份证号码为 11010519491231002X 的人员"):
        find_officer(sample_store, "11010519491231002x")
    with pytest.raises(OfficerNotFound, match="校验位错误"):
        find_officer(sample_store, id_number[:17] + ("0" if id_number[17] != "0" else "1"))
    with pytest.raises(OfficerNotFound, match="无效: 应为18位"):
        find_officer(sample_store, "12X45678")


def test_explain_by_an_8_digit_tail(sample_store, expected):
    id_number = next(iter(expected["training-hours"]))
    code, output = cli_run(sample_store, "explain", id_number[-8:], "--as-of", "2025-12-31")
    assert code == 0, output
    assert output.splitlines()[0].startswith(f"{expected['names'][id_number]}  {id_number}")


def test_explain_refuses_an_ambiguous_or_short_tail_with_status_2(sample_store, expected):
    id_number = next(iter(expected["training-hours"]))
    twin = sharing_the_tail(id_number)
    add_officer(sample_store, twin, "孙八")
    code, output = cli_run(sample_store, "explain", id_number[-8:])
    assert code == 2
    assert "结尾的人员有 2 名" in output and id_number in output and f"{twin}  孙八  {OTHER_UNIT}" in output
    code, output = cli_run(sample_store, "explain", id_number[-4:])
    assert code == 2 and "至少输入后 8 位" in output
    code, output = cli_run(sample_store, "explain", "00000000")
    assert code == 2 and "没有身份证号码以 00000000 结尾的人员" in output


def test_cert_issue_by_a_tail(store):
    reg = Register(store)
    person = reg.officer("王芳", unit="青山县交通运输局")
    reg.passed_exam(person, date(2025, 10, 18))
    code, output = cli_run(store, "cert", "issue", person[-8:], "--date", "2025-11-20")
    assert code == 0, output
    assert f"王芳 ({person}, 青山县交通运输局)" in output
    twin = sharing_the_tail(person)
    add_officer(store, twin, "孙八")
    code, output = cli_run(store, "cert", "issue", person[-8:], "--date", "2025-11-21")
    assert code == 2 and f"{twin}  孙八" in output and f"{person}  王芳" in output
