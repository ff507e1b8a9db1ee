"""Shared fixtures: a register in a temporary folder, the sample files, a fixed "today"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lawtrain.settings import Jurisdiction, Settings
from lawtrain.store import Store

DATA = Path(__file__).parent / "data"
SAMPLE_TODAY = date(2025, 12, 31)
# The sample county's register: the default rules, with its jurisdiction set up.
COUNTY = Settings(jurisdiction=Jurisdiction(name="青山县", bureau="青山县司法局", authority="青山县人民政府"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "register.db", settings=COUNTY, operator="测试员") as opened:
        yield opened


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def data_dir() -> Path:
    return DATA


# The sample files in the order a clerk imports them: the roster first, then what refers to it.
SAMPLE_FILES = (
    "青山县行政执法人员花名册.xlsx",
    "2025年网络培训学时导出.xlsx",
    "线下培训登记表.xlsx",
    "2025年执法资格考试成绩.xls",
    "2025年度考核结果.xlsx",
    "法律顾问名册.csv",
)


@pytest.fixture(scope="session")
def _sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sample file imported once per test session, through the import the user runs."""
    from lawtrain.importing import import_file

    path = tmp_path_factory.mktemp("sample") / "register.db"
    with Store(path, settings=COUNTY, operator="测试员") as built:
        for name in SAMPLE_FILES:
            import_file(built, DATA / name, today=SAMPLE_TODAY)
    return path


@pytest.fixture
def sample_store(_sample_db: Path, tmp_path: Path) -> Store:
    """A fresh copy of the register holding every sample file (roster, both training files, exams,
    appraisals, advisers), for the test to read or change."""
    import shutil

    path = tmp_path / "sample.db"
    shutil.copyfile(_sample_db, path)
    with Store(path, settings=COUNTY, operator="测试员") as opened:
        yield opened


# A city of two counties (tests/city_registers.py) for the roll-up tests.
@pytest.fixture(scope="session")
def second_counties(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """绿水县's register, built from its spreadsheets, without and with the two officers it shares
    with the sample county."""
    from .city_registers import build_second_county

    root = tmp_path_factory.mktemp("second")
    return {shared: build_second_county(root / f"shared-{shared}", shared=shared) for shared in (False, True)}


@pytest.fixture
def city(tmp_path: Path, _sample_db: Path, second_counties: dict[bool, Path]):
    """A city register with nothing added yet, the two counties' registers beside it."""
    from .city_registers import City

    return City(tmp_path, _sample_db, second_counties)
