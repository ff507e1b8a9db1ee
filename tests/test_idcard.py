"""The resident ID number rules of GB 11643-1999, on the edge cases clerks meet."""

from datetime import date

import pytest

from lawtrain import idcard


@pytest.mark.parametrize(
    "raw, number",
    [
        ("410402198010047038", "410402198010047038"),
        (" 410402199804015278 ", "410402199804015278"),  # padded by a careless paste
        ("４１０４２３１９９４０９１８７６１０", "410423199409187610"),  # full-width digits
        ("41042319831127261x", "41042319831127261X"),  # lower-case x
        ("41042319831127261Ｘ", "41042319831127261X"),  # full-width X
        ("4104 0219 8010 0470 38", "410402198010047038"),  # spaces inside
    ],
)
def test_clean_forms_are_accepted(raw, number):
    assert idcard.normalise(raw) == number


def test_fifteen_digit_number_is_upgraded_with_century_and_check_character():
    parsed = idcard.parse("410402790702832")
    assert parsed.number == "410402197907028320"
    assert parsed.was_fifteen
    assert parsed.birth_date == date(1979, 7, 2)


def test_fifteen_digit_number_stored_as_a_number_survives():
    assert idcard.normalise(410402850717359) == "410402198507173590"


def test_sex_and_birth_date_come_from_the_number():
    male = idcard.parse("410402198010047038")  # sequence 703: odd
    female = idcard.parse("41042319770610662X")  # sequence 662: even
    assert (male.sex, male.birth_date) == ("男", date(1980, 10, 4))
    assert (female.sex, female.birth_date) == ("女", date(1977, 6, 10))


def test_check_character_is_computed_with_the_standard_weights():
    assert idcard.check_char("11010519491231002") == "X"
    assert idcard.check_char("41042319831127261") == "X"
    assert idcard.check_char("41040219801004703") == "8"


def test_wrong_check_character_is_refused_with_the_expected_one():
    with pytest.raises(idcard.IdNumberError, match="校验位错误: 末位应为 8"):
        idcard.parse("410402198010047039")


def test_number_stored_by_excel_as_a_number_is_refused_with_advice():
    with pytest.raises(idcard.IdNumberError, match="存成了数字.*文本格式"):
        idcard.parse(4.104221983040454e17)
    with pytest.raises(idcard.IdNumberError, match="科学计数法"):
        idcard.parse("4.10422E+17")


@pytest.mark.parametrize(
    "raw, message",
    [
        ("", "为空"),
        ("41040219801004703", "应为18位"),
        ("4104021980100470388", "应为18位"),
        ("41040219801304703X", "出生日期 19801304 不存在"),
        ("410402198002300473", "出生日期 19800230 不存在"),
        ("41040218001004703X", "不合理"),
        ("ABCDEFGHIJKLMNOPQR", "应为18位"),
    ],
)
def test_bad_numbers_say_what_is_wrong(raw, message):
    with pytest.raises(idcard.IdNumberError, match=message):
        idcard.parse(raw)


def test_leap_day_birth_is_valid():
    body = "11010520000229001"
    assert idcard.parse(body + idcard.check_char(body)).birth_date == date(2000, 2, 29)
