"""The resident ID number (居民身份证号码, GB 11643-1999): clean-up, checksum, 15->18 upgrade."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from operator import mul
from typing import NamedTuple

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_ZERO_WEIGHT = ord("0") * sum(WEIGHTS)
_SPACES = re.compile(r"\s+")
_EIGHTEEN = re.compile(r"\d{17}[\dX]")
_FIFTEEN = re.compile(r"\d{15}")
_SCIENTIFIC = re.compile(r"\d(\.\d+)?E\+\d+")


class IdNumberError(ValueError):
    """An ID number that cannot be accepted; str() is a message for the clerk."""


class IdNumber(NamedTuple):  # a tuple: built ~4x faster than a frozen dataclass, for every new number
    number: str  # always 18 characters
    sex: str  # 男 / 女
    birth_date: date
    was_fifteen: bool  # the input was the legacy 15-digit form


def check_char(first17: str) -> str:
    if len(first17) != len(WEIGHTS):
        raise ValueError(f"expected 17 digits, got {len(first17)}")
    if first17.isascii() and first17.isdigit():  # the usual case: the bytes are the digits + 48
        return CHECK_CHARS[(sum(map(mul, first17.encode(), WEIGHTS)) - _ZERO_WEIGHT) % 11]
    return CHECK_CHARS[sum(map(mul, map(int, first17), WEIGHTS)) % 11]


def clean(raw: object) -> str:
    """NFKC (full-width digits and Ｘ), upper-case x, no spaces. Numbers are refused."""
    if isinstance(raw, bool):
        raise IdNumberError(f"不是身份证号: {raw!r}")
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not raw.is_integer():
            raise IdNumberError("身份证号被存成了数字，已失真；请把该列设为文本格式后重新填写")
        digits = str(int(raw))
        if len(digits) == 15:  # a 15-digit number survives being stored as a number
            return digits
        raise IdNumberError("身份证号被存成了数字，末几位已丢失；请把该列设为文本格式后重新填写")
    text = str(raw)
    if text.isascii() and text.isalnum():  # the usual case: nothing to normalise or remove
        text = text.upper()
    else:
        text = _SPACES.sub("", unicodedata.normalize("NFKC", text)).upper()
    if "E" in text and _SCIENTIFIC.fullmatch(text):
        raise IdNumberError("身份证号被存成了数字(科学计数法)，末几位已丢失；请把该列设为文本格式后重新填写")
    return text


def _birth(yyyymmdd: str) -> date:
    try:
        born = date.fromisoformat(yyyymmdd)  # eight digits (checked by the caller): YYYYMMDD
    except ValueError as exc:
        raise IdNumberError(f"身份证号中的出生日期 {yyyymmdd} 不存在") from exc
    if born.year < 1900:
        raise IdNumberError(f"身份证号中的出生日期 {yyyymmdd} 不合理")
    return born


@lru_cache(maxsize=1 << 19)
def parse(raw: object) -> IdNumber:
    """Validate an ID number as it arrives; upgrade the 15-digit form to 18 digits. Cached: a training
    export repeats each officer's number on every course row (errors are not cached). The cache holds
    a province's officers with room to spare (~230 bytes a number, 120 MB when full): a sheet cycling
    through more officers than it holds misses on every row (300,000 against 262,144: +1.8 s a
    million rows)."""
    text = clean(raw)
    if not text:
        raise IdNumberError("身份证号为空")
    if len(text) == 15 and _FIFTEEN.fullmatch(text):
        body = text[:6] + "19" + text[6:]
        number = body + check_char(body)
        born = _birth(number[6:14])
        return IdNumber(number, _sex(number), born, True)
    if not _EIGHTEEN.fullmatch(text):
        raise IdNumberError(f"身份证号应为18位(或旧式15位)数字，最后一位可为X；实际为{len(text)}位: {text}")
    born = _birth(text[6:14])
    expected = check_char(text[:17])
    if text[17] != expected:
        raise IdNumberError(f"身份证号校验位错误: 末位应为 {expected}，实际为 {text[17]}，请核对号码")
    return IdNumber(text, _sex(text), born, False)


def _sex(number18: str) -> str:
    return "男" if int(number18[16]) % 2 else "女"


def normalise(raw: object) -> str:
    """The 18-digit number for a valid input (raises IdNumberError otherwise)."""
    return parse(raw).number
