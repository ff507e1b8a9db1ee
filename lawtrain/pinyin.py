"""Pinyin initials of Chinese names for search: 张三 -> zs."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, pinyin


@lru_cache(maxsize=20000)
def _initial(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    found = pinyin(char, style=Style.FIRST_LETTER, heteronym=False, errors="ignore")
    return found[0][0].lower() if found and found[0] else ""


def initials(name: str) -> str:
    """The first letters of the pinyin of each character; the middle dot and spaces dropped."""
    return "".join(map(_initial, name))
