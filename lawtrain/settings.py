"""The rules that vary by province ([P] in the domain notes), read from one TOML file.

Every parameter has the default the national rules suggest; a settings file only needs the keys
a province changes. A wrong key or value stops start-up with a message naming the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SETTINGS_FILE_NAME = "settings.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Jurisdiction(_Section):
    name: str = "青山县"
    bureau: str = "青山县司法局"


class Staffing(_Section):
    # May hold an enforcement certificate.
    allowed: tuple[str, ...] = ("行政编制", "参公事业编制", "事业编制")
    # May not ("禁止合同工、临时工和公益性岗位的人员参与执法").
    not_allowed: tuple[str, ...] = ("工勤", "合同工", "临时工", "劳务派遣", "借调", "公益性岗位", "辅助人员")
    # Other spellings met in spreadsheets -> the canonical name above.
    synonyms: dict[str, str] = Field(
        default_factory=lambda: {
            "参照公务员法管理事业编制": "参公事业编制",
            "参照公务员管理事业编制": "参公事业编制",
            "参公编制": "参公事业编制",
            "参公": "参公事业编制",
            "行政": "行政编制",
            "事业": "事业编制",
            "工勤人员": "工勤",
            "工勤编制": "工勤",
            "劳动合同工": "合同工",
            "合同制": "合同工",
            "编外合同工": "合同工",
            "临时聘用": "临时工",
            "临聘人员": "临时工",
            "派遣": "劳务派遣",
            "劳务派遣人员": "劳务派遣",
            "借调人员": "借调",
            "公益性岗位人员": "公益性岗位",
            "协管员": "辅助人员",
            "辅助执法人员": "辅助人员",
            "辅警": "辅助人员",
        }
    )

    @field_validator("synonyms")
    @classmethod
    def _targets_known(cls, value: dict[str, str], info) -> dict[str, str]:
        known = set(info.data.get("allowed", ())) | set(info.data.get("not_allowed", ()))
        for alias, target in value.items():
            if target not in known:
                raise ValueError(f"“{alias}”指向的“{target}”不在 allowed 或 not_allowed 中")
        return value

    def canonical(self, raw: str) -> str | None:
        """The canonical staffing type for a spelling, or None when unknown."""
        if raw in self.allowed or raw in self.not_allowed:
            return raw
        return self.synonyms.get(raw)


class Certificates(_Section):
    validity_years: int = Field(5, ge=1, le=20)
    # Optional regular expression every certificate number must match ("" = no check).
    number_regex: str = ""
    # New numbers: {yy} two-digit year of issue, {yyyy} the year, {seq} a running number.
    number_format: str = "4104{yy}{seq:06d}"
    authority: str = "青山县人民政府"
    renew_keeps_number: bool = True
    revocation_bar_years: int = Field(2, ge=0, le=20)

    @field_validator("number_format")
    @classmethod
    def _format_has_seq(cls, value: str) -> str:
        if "{seq" not in value:
            raise ValueError("必须包含 {seq} (流水号)")
        try:
            value.format(yy="25", yyyy="2025", seq=1)
        except (KeyError, ValueError, IndexError) as exc:
            raise ValueError(f"格式无效: {exc}") from exc
        return value

    @field_validator("number_regex")
    @classmethod
    def _regex_compiles(cls, value: str) -> str:
        import re

        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"正则表达式无效: {exc}") from exc
        return value


class Exam(_Section):
    pass_mark: float = Field(60, gt=0, le=100)
    retakes: int = Field(1, ge=0, le=5)
    pass_valid_years: int = Field(5, ge=1, le=20)
    # Holders of the national legal professional qualification (法律职业资格) skip the general part.
    waive_general_for_legal_qualification: bool = False


class Training(_Section):
    required_hours: float = Field(60, gt=0, le=1000)
    # Categories that do not count toward the requirement (political theory, party education).
    excluded_categories: tuple[str, ...] = ("政治理论", "党性教育")
    max_hours_per_record: float = Field(24, gt=0, le=1000)
    # Hours above the requirement carried into the next year, at most this many (0 = no carry-over).
    carry_over_max_hours: float = Field(0, ge=0)
    # Officers certified during the year owe only the share of the months left (False = full hours).
    prorate_first_year: bool = False


class Review(_Section):
    every_years: int = Field(1, ge=1, le=5)
    failure_status: str = "暂扣"
    left_post_status: str = "注销"
    # A suspension or revocation in force fails the review.
    sanction_fails: bool = True

    @field_validator("failure_status", "left_post_status")
    @classmethod
    def _a_status(cls, value: str) -> str:
        if value not in ("暂扣", "注销", "吊销"):
            raise ValueError("只能是 暂扣、注销 或 吊销")
        return value


class Checks(_Section):
    expiring_within_days: int = Field(90, ge=1, le=3650)
    unit_min_holders: int = Field(2, ge=1, le=100)
    # Heads of unit: one full-time (脱产) rule-of-law training per term of this many years.
    head_term_years: int = Field(5, ge=1, le=10)


class Advisers(_Section):
    expiring_within_days: int = Field(90, ge=1, le=3650)
    term_min_years: int = Field(1, ge=0, le=10)
    term_max_years: int = Field(3, ge=1, le=10)


class Importing(_Section):
    # Extra header names per field, added to the built-in synonyms: {"id_number": ["证件号"]}.
    header_synonyms: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class Storage(_Section):
    # How long a change waits for another program writing the register before giving up (exit 3).
    busy_wait_seconds: float = Field(180, ge=0, le=86400)


class Settings(_Section):
    jurisdiction: Jurisdiction = Jurisdiction()
    staffing: Staffing = Staffing()
    certificates: Certificates = Certificates()
    exam: Exam = Exam()
    training: Training = Training()
    review: Review = Review()
    checks: Checks = Checks()
    advisers: Advisers = Advisers()
    importing: Importing = Importing()
    storage: Storage = Storage()


class SettingsError(Exception):
    """A settings file that cannot be used; the message names the file and the key."""


def load_settings(path: Path | None) -> Settings:
    """Read a settings file; a missing file means every default."""
    if path is None or not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"设置文件 {path} 无法读取: {exc}") from exc
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(part) for part in err["loc"])
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "未知的设置项"
            problems.append(f"{key}: {message} (当前值: {err.get('input')!r})")
        raise SettingsError(f"设置文件 {path} 有误:\n  " + "\n  ".join(problems)) from exc


def settings_path_for(db_path: Path) -> Path:
    """The settings file that goes with a database: settings.toml beside it."""
    return db_path.parent / SETTINGS_FILE_NAME
