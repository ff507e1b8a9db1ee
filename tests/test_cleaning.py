"""Cell values as they arrive: names, every date form, hours, years, scores."""

from datetime import date, datetime

import pytest

from lawtrain import cleaning


@pytest.mark.parametrize(
    "raw, name",
    [("张  三", "张三"), ("张\u3000三", "张三"), (" 刘俊 ", "刘俊"), ("阿依古丽·买买提", "阿依古丽·买买提"),
     ("阿依古丽•买买提", "阿依古丽·买买提"), ("阿依古丽・买买提", "阿依古丽·买买提")],
)  # fmt: skip
def test_names_lose_padding_and_keep_the_middle_dot(raw, name):
    assert cleaning.name(raw) == name


@pytest.mark.parametrize(
    "raw",
    [
        date(2021, 3, 15), datetime(2021, 3, 15, 8, 30), 44270, 44270.0, "44270", "2021-03-15", "2021-3-15",
        "2021/03/15", "2021/3/15", "2021.3.15", "2021.03.15", "2021年3月15日", "2021年03月15日", "20210315",
        20210315, "2021-03-15 00:00:00", " 2021-03-15 ",
    ],
)  # fmt: skip
def test_every_date_form_clerks_use(raw):
    assert cleaning.parse_date(raw) == date(2021, 3, 15)


@pytest.mark.parametrize(
    "raw, message", [("2025-13-45", "不是存在的日期"), ("abc", "不是可识别的日期"), ("", "为空")]
)
def test_bad_dates_are_named(raw, message):
    with pytest.raises(ValueError, match=message):
        cleaning.parse_date(raw)


@pytest.mark.parametrize("raw", ["1985.03", "198503", "1985年3月", "1985-3", "1985/03"])
def test_month_only_forms_for_birth_months(raw):
    assert cleaning.parse_month(raw) == date(1985, 3, 1)


@pytest.mark.parametrize(
    "raw, hours", [(4, 4.0), (4.5, 4.5), ("4", 4.0), ("4.5", 4.5), ("4学时", 4.0), ("２", 2.0), ("６.０", 6.0),
                   ("3 小时", 3.0), (24, 24.0)],
)  # fmt: skip
def test_hours_as_numbers_or_text(raw, hours):
    assert cleaning.parse_hours(raw) == hours


@pytest.mark.parametrize(
    "raw, message", [("abc", "应为数字"), (-2, "大于0"), (0, "大于0"), (25, "不超过24"), ("", "为空")]
)
def test_bad_hours_are_refused(raw, message):
    with pytest.raises(ValueError, match=message):
        cleaning.parse_hours(raw)


@pytest.mark.parametrize("raw", [2025, 2025.0, "2025", "2025年", "2025年度", " 2025年度 "])
def test_years_in_their_forms(raw):
    assert cleaning.parse_year(raw) == 2025


def test_scores_and_defaults():
    assert cleaning.parse_score("88分") == 88
    with pytest.raises(ValueError, match="0到100"):
        cleaning.parse_score(101)
    assert cleaning.default_expiry(date(2023, 10, 5), 5) == date(2028, 10, 4)
    assert cleaning.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
