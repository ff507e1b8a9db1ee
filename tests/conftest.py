"""Shared fixtures: a register in a temporary folder, the sample files, a fixed "today"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lawtrain.settings import Settings
from lawtrain.store import Store

DATA = Path(__file__).parent / "data"
SAMPLE_TODAY = date(2025, 12, 31)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "register.db", settings=Settings(), operator="测试员") as opened:
        yield opened


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def data_dir() -> Path:
    return DATA
