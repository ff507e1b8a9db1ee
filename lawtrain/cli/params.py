"""Option types for values in the forms clerks write (2025-03-15, 2025年3月15日, 2025年度 ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from .. import cleaning
from .context import fail


class ClerkValue(click.ParamType):
    """A value read by a cleaning parser; a bad one stops the command with one Chinese line (exit 2)."""

    def __init__(self, name: str, parse: Callable[[Any], Any], label: str):
        self.name, self._parse, self._label = name, parse, label

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            return self._parse(value)
        except ValueError as exc:
            fail(f"{self._label}无效: {exc}")


DATE = ClerkValue("DATE", cleaning.parse_date, "日期")
AS_OF = ClerkValue("DATE", cleaning.parse_date, "截至日期")
YEAR = ClerkValue("YEAR", cleaning.parse_year, "年度")
