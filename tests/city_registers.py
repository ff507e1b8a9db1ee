"""A city of two counties for the roll-up tests: the sample county (青山县, every sample spreadsheet) and
绿水县, a second county whose spreadsheets are written here, each imported into its own register."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from lawtrain import idcard
from lawtrain.cli.main import cli
from lawtrain.importing import import_file
from lawtrain.settings import Jurisdiction, Settings
from lawtrain.settings_file import set_jurisdiction
from lawtrain.store import Store

from .conftest import SAMPLE_TODAY
from .spreadsheets import ROSTER_HEADER, csv_file, xls, xlsx

SAMPLE_COUNTY = "青山县"
SECOND_COUNTY = "绿水县"
CITY = "江城市"
CITY_SETTINGS = Settings(
    jurisdiction=Jurisdiction(name=CITY, bureau="江城市司法局", authority="江城市人民政府")
)
SECOND_SETTINGS = Settings(
    jurisdiction=Jurisdiction(name=SECOND_COUNTY, bureau="绿水县司法局", authority="绿水县人民政府")
)
SHARED_UNIT = "城关镇人民政府"  # both counties have one
# Officers of the sample county that 绿水县's register lists too, once they are added to its roster:
CONFLICT_ID = "410402198010047038"  # 余芳: 在岗 in both counties
TRANSFER_ID = "410422199105013471"  # 郑博: 调离 from the sample county, 在岗 in 绿水县


def _id(day: date, sequence: int) -> str:
    body = f"411521{day:%Y%m%d}{sequence:03d}"
    return body + idcard.check_char(body)


# 绿水县's officers: name, ID number, unit, staffing, status, certificate number, issued, expires.
PEOPLE = [
    ("刘备", _id(date(1975, 3, 1), 11), "绿水县市场监督管理局", "行政编制", "在岗", "411521000001", "2022-03-01", "2027-02-28"),
    ("关羽", _id(date(1978, 6, 2), 13), "绿水县市场监督管理局", "行政编制", "在岗", "411521000002", "2021-01-05", "2026-01-04"),
    ("张飞", _id(date(1980, 9, 3), 15), "绿水县市场监督管理局", "参公事业编制", "在岗", "411521000003", "2019-05-01", "2024-04-30"),
    ("赵云", _id(date(1985, 2, 4), 17), "绿水县自然资源局", "合同工", "在岗", "411521000004", "2023-06-01", "2028-05-31"),
    ("马超", _id(date(1969, 7, 5), 19), "绿水县自然资源局", "行政编制", "退休", "411521000005", "2022-08-01", "2027-07-31"),
    ("黄忠", _id(date(1990, 11, 6), 21), "绿水县自然资源局", "事业编制", "在岗", None, None, None),
    ("魏延", _id(date(1988, 4, 7), 23), SHARED_UNIT, "行政编制", "在岗", "411521000007", "2024-02-01", "2029-01-31"),
    ("姜维", _id(date(1992, 8, 8), 25), "河口乡人民政府", "行政编制", "在岗", "411521000008", "2023-03-01", "2028-02-28"),
]  # fmt: skip
SHARED_PEOPLE = [
    ("余芳", CONFLICT_ID, "绿水县市场监督管理局", "行政编制", "在岗", "411521000101", "2024-05-01", "2029-04-30"),
    ("郑博", TRANSFER_ID, SHARED_UNIT, "行政编制", "在岗", "411521000102", "2025-03-01", "2030-02-28"),
]  # fmt: skip
TRAINING_HEADER = ("姓名", "身份证号码", "课程名称", "课程类别", "学时", "完成时间")


def roster(path: Path, people: list[tuple]) -> Path:
    rows = [ROSTER_HEADER]
    for index, (name, number, unit, staffing, status, cert, issued, expires) in enumerate(people, start=1):
        rows.append((index, name, None, number, unit, staffing, status, cert, issued, expires))
    return xlsx(path, [("绿水县行政执法人员信息登记表",), *rows], merges=["A1:J1"])


def training(path: Path) -> Path:
    """2025's training of 绿水县: 刘备 complete, 关羽 short, 魏延 with political theory that does not count."""
    liu, guan, wei = PEOPLE[0][1], PEOPLE[1][1], PEOPLE[6][1]
    rows = [TRAINING_HEADER]
    rows += [("刘备", liu, f"行政执法实务{i}", "业务知识", "6学时", f"2025-{i:02d}-10") for i in range(1, 11)]
    rows += [
        ("关羽", guan, "行政处罚法", "法律法规", 12, "2025-04-01"),
        ("关羽", guan, "民法典", "法律法规", 8, "2025-05-01"),
    ]
    rows += [
        ("魏延", wei, "党史学习", "政治理论", 20, "2025-06-01"),
        ("魏延", wei, "执法技能", "执法技能", 22, "2025-07-01"),
    ]
    return xlsx(path, rows)


def build_second_county(folder: Path, *, shared: bool = False) -> Path:
    """绿水县's register in `folder`, from its spreadsheets (with the two officers it shares with the
    sample county when `shared`); its settings are not beside it: the register records its name."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "register.db"
    people = PEOPLE + (SHARED_PEOPLE if shared else [])
    jiang = PEOPLE[7][1]
    with Store(path, settings=SECOND_SETTINGS, operator="绿水县") as county:
        for sheet in (
            roster(folder / "花名册.xlsx", people),
            training(folder / "学时.xlsx"),
            xls(
                folder / "成绩.xls",
                [
                    ("姓名", "身份证号", "考试名称", "考试科目", "考试日期", "成绩"),
                    ("黄忠", PEOPLE[5][1], "2025年度行政执法资格考试", "通用法律知识", "2025-10-18", 81),
                    ("黄忠", PEOPLE[5][1], "2025年度行政执法资格考试", "专门法律知识", "2025-10-18", 75),
                ],
            ),  # fmt: skip
            xlsx(
                folder / "考核.xlsx",
                [("姓名", "身份证号码", "考核年度", "考核等次"), ("姜维", jiang, 2025, "不称职")],
            ),
            csv_file(
                folder / "顾问.csv",
                [
                    ("姓名", "类别", "执业机构", "服务单位", "聘期起", "聘期止"),
                    (
                        "诸葛亮",
                        "外聘律师",
                        "绿水律师事务所",
                        "绿水县市场监督管理局",
                        "2025-01-01",
                        "2027-12-31",
                    ),
                    ("庞统", "法学专家", "绿水学院", SHARED_UNIT, "2024-01-01", "2026-01-31"),
                ],
                "gbk",
            ),  # fmt: skip
        ):
            import_file(county, sheet, today=SAMPLE_TODAY)
    return path


def copy_sample_county(sample_db: Path, folder: Path) -> Path:
    """The sample county's register in `folder`, with its settings beside it (as `lawtrain setup` writes)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = shutil.copyfile(sample_db, folder / "register.db")
    set_jurisdiction(
        folder / "settings.toml",
        {"name": SAMPLE_COUNTY, "bureau": "青山县司法局", "authority": "青山县人民政府"},
    )
    return path


def city_folder(folder: Path) -> Path:
    """An empty city register's path, its jurisdiction set up."""
    folder.mkdir(parents=True, exist_ok=True)
    set_jurisdiction(
        folder / "settings.toml", {"name": CITY, "bureau": "江城市司法局", "authority": "江城市人民政府"}
    )
    return folder / "city.db"


def fingerprint(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), hashlib.sha256(data).hexdigest()


class City:
    """The city's folder: its register, and a copy of each county's register in a folder of its own."""

    def __init__(self, root: Path, sample_db: Path, second: dict[bool, Path]):
        self.root = root
        self.db = city_folder(root / "city")
        self.sample = copy_sample_county(sample_db, root / SAMPLE_COUNTY)
        self.second = self.copy_second(second[False])
        self._second = second

    def copy_second(self, built: Path) -> Path:
        folder = self.root / SECOND_COUNTY
        folder.mkdir(exist_ok=True)
        return Path(shutil.copyfile(built, folder / "register.db"))

    def share(self) -> None:
        """绿水县's register now lists the two officers of the sample county."""
        self.copy_second(self._second[True])

    def run(self, *args: str):
        return CliRunner().invoke(cli, ["--db", str(self.db), *args], catch_exceptions=False)

    def add(self, path: Path, *args: str) -> dict:
        result = self.run("rollup", "add", str(path), "--json", *args)
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.output)

    def store(self) -> Store:
        return Store(self.db, settings=CITY_SETTINGS, operator="市局")
