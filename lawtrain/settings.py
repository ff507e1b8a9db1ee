"""The rules that vary by province ([P] in the domain notes), read from one TOML file.

Every parameter has the default the national rules suggest; a settings file only needs the keys
a province changes. A wrong key or value stops start-up with a message naming the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from .bases import DEFAULT_BASES

SETTINGS_FILE_NAME = "settings.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Jurisdiction(_Section):
    """Who keeps the register; printed in titles, notices and the app's header. Empty until the
    clerk sets it up (`lawtrain setup`, or the app's first-run form): titles then carry no place name."""

    name: str = ""  # the county, district or city: 石门县
    bureau: str = ""  # the justice bureau keeping the register: 石门县司法局
    authority: str = ""  # the government issuing certificates: 石门县人民政府
    province: str = ""  # 河南省
    contact: str = ""  # printed on notices: 法制股 张三 0371-12345678

    @field_validator("name", "bureau", "authority", "province", "contact")
    @classmethod
    def _one_line(cls, value: str, info: ValidationInfo) -> str:
        value = value.strip()
        if any(ch in value for ch in "\r\n\t"):
            raise PydanticCustomError("lawtrain", "只能写一行")
        longest = 80 if info.field_name == "contact" else 40
        if len(value) > longest:
            raise PydanticCustomError("lawtrain", "太长，最多 {longest} 个字", {"longest": longest})
        return value


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
    # The issuing authority printed on certificates; empty: the jurisdiction's authority.
    authority: str = ""
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


class Basis(_Section):
    """The legal basis a check's list cites: a sentence quoted verbatim and the document holding it."""

    text: str = Field(min_length=1)
    document: str = Field(min_length=1)

    def __str__(self) -> str:
        return f"{self.text}（{self.document}）"


def _default_bases() -> dict[str, Basis]:
    return {name: Basis(text=text, document=document) for name, (text, document) in DEFAULT_BASES.items()}


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
    # check name -> its legal basis; a province replaces any of them, each field on its own.
    bases: dict[str, Basis] = Field(default_factory=_default_bases)
    # Every year's rules (see parse_settings); None: the same rules for every year.
    _timeline: _Timeline | None = PrivateAttr(default=None)

    @field_validator("bases", mode="before")
    @classmethod
    def _over_defaults(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        merged: dict[str, Any] = {name: basis.model_dump() for name, basis in _default_bases().items()}
        for name, table in value.items():
            if name not in merged:
                raise ValueError(f"未知的检查项“{name}”，可用: {'、'.join(DEFAULT_BASES)}")
            if isinstance(table, Basis):
                table = table.model_dump()
            merged[name] = {**merged[name], **table} if isinstance(table, dict) else table
        return merged

    @property
    def issuing_authority(self) -> str:
        """The authority printed on new certificates."""
        return self.certificates.authority or self.jurisdiction.authority

    def for_year(self, year: int) -> Settings:
        """The rules of `year`: the file's sections overlaid by every change that takes effect from a
        year up to `year`, in order. Asked of any year's settings, it gives the same answer."""
        if self._timeline is None:
            return self
        chosen = self
        for first, settings in self._timeline.spans:
            if first > year:
                break
            chosen = settings
        return chosen

    @property
    def change_years(self) -> tuple[int, ...]:
        """The years from which a change takes effect."""
        return tuple(first for first, _ in self._timeline.spans[1:]) if self._timeline else ()

    def excluded_periods(self) -> list[tuple[str, int, int]]:
        """(category, first year, last year) for each span of years in which a category does not count
        toward the training hours: what the register's hours sums are kept by."""
        spans = self._timeline.spans if self._timeline else ((0, self),)
        periods = []
        for index, (first, settings) in enumerate(spans):
            last = spans[index + 1][0] - 1 if index + 1 < len(spans) else LAST_YEAR
            periods.extend((category, first, last) for category in settings.training.excluded_categories)
        return sorted(periods)


class _Timeline:
    """The rules of every year, shared by the settings of each year: ((first year, settings), ...),
    the file's own sections first (from year 0). Compared by identity, so that comparing two settings
    never walks the timeline back into itself."""

    __slots__ = ("spans",)

    def __init__(self, spans: tuple[tuple[int, Settings], ...]):
        self.spans = spans


class SettingsError(Exception):
    """A settings file that cannot be used; the message names the file and the key."""


FIRST_YEAR, LAST_CHANGE_YEAR, LAST_YEAR = 1990, 2100, 9999
_CHANGEABLE = tuple(name for name in Settings.model_fields)


def _merged(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """`base` with `change` laid over it: tables merge key by key, every other value is replaced."""
    merged = dict(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


# pydantic's error types -> the clerk's words ({...} from the error's context).
_MESSAGES = {
    "extra_forbidden": "未知的设置项",
    "missing": "缺少此项",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为带引号的文字",
    "string_too_short": "不能为空",
    "string_too_long": "太长，最多 {max_length} 个字",
    "dict_type": "应写成一个表",
    "tuple_type": '应写成列表，如 ["甲", "乙"]',
    "list_type": '应写成列表，如 ["甲", "乙"]',
}


def _message(err: Any) -> str:
    template = _MESSAGES.get(err["type"])
    if template is None:
        return err["msg"].removeprefix("Value error, ")
    context = {
        key: f"{value:g}" if isinstance(value, float) else value for key, value in err.get("ctx", {}).items()
    }
    return template.format(**context)


def _validated(raw: dict[str, Any], source: str, prefix: str = "") -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = prefix + ".".join(str(part) for part in err["loc"])
            problems.append(f"{key}: {_message(err)} (当前值: {err.get('input')!r})")
        raise SettingsError(f"{source} 有误:\n  " + "\n  ".join(problems)) from exc


def _changes(raw: Any, source: str) -> list[tuple[int, dict[str, Any]]]:
    """The `[changes.YEAR.SECTION]` tables in year order, each checked for its year and sections."""
    if not isinstance(raw, dict):
        raise SettingsError(f"{source} 有误:\n  changes: 应写成 [changes.年份.设置节] 的表")
    problems, years = [], []
    for key, sections in raw.items():
        year = int(key) if str(key).isdigit() else None
        if year is None or not FIRST_YEAR <= year <= LAST_CHANGE_YEAR:
            problems.append(
                f"changes.{key}: 年份无效，应为 {FIRST_YEAR} 至 {LAST_CHANGE_YEAR} 之间的四位数字"
            )
            continue
        if not isinstance(sections, dict):
            problems.append(f"changes.{key}: 应写成 [changes.{key}.设置节] 的表")
            continue
        for section, table in sections.items():
            if section not in _CHANGEABLE:
                problems.append(f"changes.{key}.{section}: 未知的设置项")
            elif not isinstance(table, dict):
                problems.append(f"changes.{key}.{section}: 应写成 [changes.{key}.{section}] 的表")
        years.append((year, sections))
    if problems:
        raise SettingsError(f"{source} 有误:\n  " + "\n  ".join(problems))
    return sorted(years, key=lambda item: item[0])


def parse_settings(raw: dict[str, Any], source: str = "设置") -> Settings:
    """Settings from a parsed TOML document. `[changes.YEAR.SECTION]` tables hold rules that take
    effect from YEAR on (until a later change): for year Y the rules are the document's sections
    overlaid by every change with a year up to Y, in order. Each year's rules are validated like the
    document's own, and a wrong one is named by its full key (changes.2026.training.required_hours)."""
    raw = dict(raw)
    changes = _changes(raw.pop("changes", {}), source)
    settings = _validated(raw, source)
    if not changes:
        return settings
    spans, merged = [(0, settings)], raw
    for year, sections in changes:
        merged = _merged(merged, sections)
        spans.append((year, _validated(merged, source, prefix=f"changes.{year}.")))
    timeline = _Timeline(tuple(spans))
    for _, each in spans:
        each._timeline = timeline
    return settings


def load_settings(path: Path | None) -> Settings:
    """Read a settings file; a missing file means every default."""
    if path is None or not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"设置文件 {path} 无法读取: {exc}") from exc
    return parse_settings(raw, f"设置文件 {path}")


def settings_path_for(db_path: Path) -> Path:
    """The settings file that goes with a database: settings.toml beside it."""
    return db_path.parent / SETTINGS_FILE_NAME
