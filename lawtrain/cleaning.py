"""Turning cell values as they arrive into clean Python values, with messages a clerk understands.

Each parser raises ValueError whose text is plain Chinese naming what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from functools import lru_cache

_EXCEL_EPOCH = date(1899, 12, 30)
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", "．": "·", "∙": "·", "ꞏ": "·"})
_DATE_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_MONTH_COMPACT = re.compile(r"(\d{4})(\d{2})")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_HOURS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:学时|小时|课时|h|H|hours?)?")
_YEAR = re.compile(r"(\d{4})\s*(?:年度|年)?")


def text(value: object) -> str:
    """A cell as trimmed text ('' for empty); 12.0 from a number cell becomes '12'."""
    if value.__class__ is str:
        # ASCII is its own NFKC form; other text repeats down a column (units, courses), so it is cached.
        return value.strip() if value.isascii() else _normal_text(value)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


@lru_cache(maxsize=1 << 14)
def _normal_text(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def name(value: object) -> str:
    """A person's name: inner spaces removed (张  三 -> 张三), the middle dot of minority names kept."""
    if value.__class__ is str and value.isalnum() and "ꞏ" not in value:  # no space, no dot to unify
        return unicodedata.normalize("NFC", value)
    cleaned = _SPACES.sub("", str(value or "")).translate(_DOTS)
    return unicodedata.normalize("NFC", cleaned)


def _excel_serial(number: float) -> date:
    if not 1 <= number < 2958466:
        raise ValueError(f"{number:g} 不是有效的 Excel 日期序号")
    return _EXCEL_EPOCH + timedelta(days=int(number))


def parse_date(value: object) -> date:
    """A date from any form clerks use: date cells, Excel serials, 2021-03-15, 2021/3/15, 2021.3.15,
    2021年3月15日, 20210315."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 19000101 <= value <= 29991231 and float(value).is_integer():
            return parse_date(str(int(value)))
        return _excel_serial(float(value))
    raw = text(value)
    if not raw:
        raise ValueError("日期为空")
    try:
        return date.fromisoformat(raw)  # the fast path: 2021-03-15
    except ValueError:
        pass
    candidate = _TIME_SUFFIX.sub("", raw)
    match = _DATE_SEPARATED.fullmatch(candidate) or _DATE_COMPACT.fullmatch(candidate)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"“{raw}”不是存在的日期") from None
    if re.fullmatch(r"\d{5}(\.\d+)?", candidate):
        return _excel_serial(float(candidate))
    raise ValueError(f"“{raw}”不是可识别的日期，请写成 2025-03-15 的形式")


def parse_month(value: object) -> date:
    """A month (birth months: 1985.03, 198503, 1985年3月); the first day of it. Full dates also pass."""
    try:
        return parse_date(value)
    except ValueError:
        pass
    raw = text(value)
    match = _MONTH_SEPARATED.fullmatch(raw) or _MONTH_COMPACT.fullmatch(raw)
    if match:
        year, month = (int(part) for part in match.groups())
        if 1 <= month <= 12:
            return date(year, month, 1)
    raise ValueError(f"“{raw}”不是可识别的年月，请写成 1985-03 的形式")


def parse_hours(value: object, maximum: float = 24) -> float:
    """Training hours: a number or text such as "4", "4.5", "4学时", "４"; 0 < hours <= maximum."""
    if isinstance(value, bool):
        raise ValueError(f"学时应为数字: {value!r}")
    if isinstance(value, int | float):
        hours = float(value)
    else:
        raw = text(value)
        if not raw:
            raise ValueError("学时为空")
        match = _HOURS.fullmatch(raw)
        if not match:
            raise ValueError(f"学时应为数字(如 4 或 4.5)，实际为“{raw}”")
        hours = float(match.group(1))
    if not 0 < hours <= maximum:
        raise ValueError(f"学时应大于0且不超过{maximum:g}，实际为 {hours:g}")
    return round(hours, 2)


def parse_year(value: object) -> int:
    """A year as 2025, "2025", "2025年" or "2025年度"."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1900 <= value <= 2999:
            return int(value)
        raise ValueError(f"年度应为四位年份，实际为 {value!r}")
    raw = text(value)
    match = _YEAR.fullmatch(raw)
    if not match or not 1900 <= int(match.group(1)) <= 2999:
        raise ValueError(f"年度应为四位年份(如 2025 或 2025年度)，实际为“{raw}”")
    return int(match.group(1))


def parse_score(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        score = float(value)
    else:
        raw = text(value).removesuffix("分")
        try:
            score = float(raw)
        except ValueError:
            raise ValueError(f"成绩应为0到100的数字或“缺考”，实际为“{text(value)}”") from None
    if not 0 <= score <= 100:
        raise ValueError(f"成绩应在0到100之间，实际为 {score:g}")
    return score


def add_years(day: date, years: int) -> date:
    """The same calendar day years later (29 February -> 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def default_expiry(issued: date, validity_years: int) -> date:
    """A certificate issued 2023-10-05 for 5 years is valid until 2028-10-04."""
    return add_years(issued, validity_years) - timedelta(days=1)
