"""Validation models for every record that enters the register: import, forms and CLI share them.

Validate with `Model.model_validate(data, context={"settings": settings})`; without a context the
default settings apply. Each error's message is plain Chinese for the clerk; `loc` names the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from . import cleaning, idcard
from . import vocabulary as voc
from .settings import Settings

_DEFAULT_SETTINGS = Settings()


def settings_of(info: ValidationInfo) -> Settings:
    context = info.context or {}
    return context.get("settings") or _DEFAULT_SETTINGS


def _friendly(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Wrap a parser so its ValueError reaches the clerk as is (no "Value error," prefix)."""

    def run(value: Any) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            raise PydanticCustomError("lawtrain", str(exc)) from None

    return run


def _blank_to_none(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _optional(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    friendly = _friendly(parse)

    def run(value: Any) -> Any:
        value = _blank_to_none(value)
        return None if value is None else friendly(value)

    return run


def _cached(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Remember what `parse` gave for a cell value: units, courses, categories, statuses and dates
    repeat down a column. A value that fails is not remembered (its error is raised again)."""
    remembered: dict[Any, Any] = {}

    def run(value: Any) -> Any:
        key = (value.__class__, value)
        try:
            return remembered[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value
            return parse(value)
        result = parse(value)
        if len(remembered) < 1 << 17:  # a roster's dates in all their forms: ~50,000 values
            remembered[key] = result
        return result

    return run


def _required_text(value: Any) -> str:
    cleaned = cleaning.text(value)
    if not cleaned:
        raise PydanticCustomError("lawtrain", "不能为空")
    return cleaned


def _choice(choices: tuple[str, ...], synonyms: dict[str, str], what: str) -> Callable[[Any], str]:
    def run(value: Any) -> str:
        raw = cleaning.text(value).replace(" ", "")
        found = voc.canonical(raw, choices, synonyms)
        if found is None:
            raise PydanticCustomError("lawtrain", f"{what}“{raw}”无法识别，应为: {'、'.join(choices)}")
        return found

    return _cached(run)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = cleaning.text(value).upper()
    if raw in voc.TRUE_WORDS:
        return True
    if raw in voc.FALSE_WORDS:
        return False
    raise PydanticCustomError("lawtrain", f"应填“是”或“否”，实际为“{raw}”")


def _id_number(value: Any) -> str:
    try:
        return idcard.parse(value).number
    except ValueError as exc:  # IdNumberError, as _friendly gives it
        raise PydanticCustomError("lawtrain", str(exc)) from None


IdNumber = Annotated[str, BeforeValidator(_id_number)]
Text = Annotated[str, BeforeValidator(_required_text)]
OptText = Annotated[str | None, BeforeValidator(lambda v: cleaning.text(v) or None)]
Day = Annotated[date, BeforeValidator(_cached(_friendly(cleaning.parse_date)))]
OptDay = Annotated[date | None, BeforeValidator(_cached(_optional(cleaning.parse_date)))]
Year = Annotated[int, BeforeValidator(_friendly(cleaning.parse_year))]
Flag = Annotated[bool, BeforeValidator(_flag)]
Status = Annotated[str, BeforeValidator(_choice(voc.STATUSES, voc.STATUS_SYNONYMS, "人员状态"))]
CertKind = Annotated[str, BeforeValidator(_choice(voc.CERT_KINDS, voc.CERT_KIND_SYNONYMS, "证件种类"))]
CertStatus = Annotated[str, BeforeValidator(_choice(voc.CERT_STATUSES, voc.CERT_STATUS_SYNONYMS, "证件状态"))]
Grade = Annotated[str, BeforeValidator(_choice(voc.GRADES, voc.GRADE_SYNONYMS, "考核等次"))]
ExamPart = Annotated[str, BeforeValidator(_choice(voc.EXAM_PARTS, voc.EXAM_PART_SYNONYMS, "考试科目"))]
AdviserKind = Annotated[
    str, BeforeValidator(_choice(voc.ADVISER_KINDS, voc.ADVISER_KIND_SYNONYMS, "顾问类别"))
]


def _required_name(value: Any) -> str:
    cleaned = cleaning.name(value)
    if not cleaned:
        raise PydanticCustomError("lawtrain", "姓名不能为空")
    if len(cleaned) > 30:
        raise PydanticCustomError("lawtrain", f"姓名过长: {cleaned}")
    return cleaned


Name = Annotated[str, BeforeValidator(_required_name)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class OfficerIn(_Record):
    """An officer as a roster row or a form gives it; certificate columns are optional."""

    id_number: IdNumber
    name: Name
    unit: Text
    position: OptText = None
    staffing: str | None = None
    status: Status = voc.IN_POST
    is_head: Flag = False
    head_term_start: OptDay = None
    phone: OptText = None
    legal_qualification: Flag = False
    # Certificate columns of a roster (all optional; a number makes a certificate).
    cert_number: OptText = None
    cert_kind: CertKind = "执法证"
    cert_issued: OptDay = None
    cert_expires: OptDay = None
    cert_authority: OptText = None
    cert_status: CertStatus = voc.CERT_VALID
    # Set from the raw input: the row carried the legacy 15-digit number.
    id_was_fifteen: bool = False

    @model_validator(mode="before")
    @classmethod
    def _note_fifteen(cls, data: Any) -> Any:
        if isinstance(data, dict) and "id_number" in data:
            try:
                # parse() is cached: the id_number field's own check then costs a look-up.
                fifteen = idcard.parse(data["id_number"]).was_fifteen
                if fifteen or "id_was_fifteen" in data:  # the default (False) needs no copy of the row
                    data = {**data, "id_was_fifteen": fifteen}
            except idcard.IdNumberError:
                data = _fifteen_of_invalid(data)
            except TypeError:  # an unhashable value: the field reports it
                pass
        return data

    @field_validator("staffing", mode="before")
    @classmethod
    def _staffing(cls, value: Any, info: ValidationInfo) -> str | None:
        raw = cleaning.text(value).replace(" ", "")
        if not raw:
            return None
        staffing = settings_of(info).staffing
        found = staffing.canonical(raw)
        if found is None:
            known = "、".join(staffing.allowed + staffing.not_allowed)
            raise PydanticCustomError("lawtrain", f"人员性质“{raw}”无法识别，应为: {known}")
        return found

    @model_validator(mode="after")
    def _certificate(self, info: ValidationInfo) -> OfficerIn:
        if self.cert_number is None:
            if self.cert_issued or self.cert_expires:
                raise PydanticCustomError("lawtrain", "填写了发证日期或有效期，但缺少执法证号")
            return self
        _check_certificate(self.cert_number, self.cert_issued, self.cert_expires, settings_of(info))
        if self.cert_expires is None and self.cert_issued is not None:
            years = settings_of(info).for_year(self.cert_issued.year).certificates.validity_years
            self.cert_expires = _default_expiry(self.cert_issued, years)
        return self

    @property
    def sex(self) -> str:
        return idcard.parse(self.id_number).sex

    @property
    def birth_date(self) -> date:
        return idcard.parse(self.id_number).birth_date


def _fifteen_of_invalid(data: dict[str, Any]) -> dict[str, Any]:
    try:
        return {**data, "id_was_fifteen": len(idcard.clean(data["id_number"])) == 15}
    except idcard.IdNumberError:
        return data


def _check_certificate(number: str, issued: date | None, expires: date | None, settings: Settings) -> None:
    pattern = settings.certificates.number_regex
    if pattern and not _compiled(pattern).fullmatch(number):
        raise PydanticCustomError("lawtrain", f"证件号码“{number}”不符合本省格式")
    if issued is None:
        raise PydanticCustomError("lawtrain", "有证件号码但缺少发证日期")
    if expires is not None and expires < issued:
        raise PydanticCustomError("lawtrain", f"有效期至 {expires} 早于发证日期 {issued}")


_compiled = lru_cache(maxsize=16)(re.compile)
_default_expiry = lru_cache(maxsize=1 << 14)(cleaning.default_expiry)


class CertificateIn(_Record):
    id_number: IdNumber
    number: Text
    kind: CertKind = "执法证"
    issued: Day
    expires: OptDay = None
    authority: OptText = None
    status: CertStatus = voc.CERT_VALID

    @model_validator(mode="after")
    def _dates(self, info: ValidationInfo) -> CertificateIn:
        settings = settings_of(info)
        _check_certificate(self.number, self.issued, self.expires, settings)
        if self.expires is None:
            self.expires = _default_expiry(
                self.issued, settings.for_year(self.issued.year).certificates.validity_years
            )
        return self


@lru_cache(maxsize=1 << 12)
def _parse_hours(_kind: type, value: Any, maximum: float) -> float:
    """Hours per cell value (4, "4学时" …) and maximum; the class keeps 1 and True apart. Errors are not
    cached."""
    return cleaning.parse_hours(value, maximum)


_optional_name = _cached(lambda value: cleaning.name(value) or None)


class TrainingIn(_Record):
    id_number: IdNumber
    name: str | None = None
    course: Text
    category: OptText = None
    hours: float
    date: Day
    mode: str | None = None

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: Any, info: ValidationInfo) -> float:
        maximum = settings_of(info).training.max_hours_per_record
        try:
            try:
                return _parse_hours(value.__class__, value, maximum)
            except TypeError:  # an unhashable value
                return cleaning.parse_hours(value, maximum)
        except ValueError as exc:
            raise PydanticCustomError("lawtrain", str(exc)) from None

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str | None:
        return _optional_name(value)

    @field_validator("mode", mode="before")
    @classmethod
    def _mode(cls, value: Any) -> str | None:
        raw = cleaning.text(value)
        return _choice(voc.TRAINING_MODES, voc.TRAINING_MODE_SYNONYMS, "培训方式")(raw) if raw else None


class ExamIn(_Record):
    id_number: IdNumber
    name: str | None = None
    exam_name: Text
    part: ExamPart
    date: Day
    score: float | None = None
    absent: bool = False

    @model_validator(mode="before")
    @classmethod
    def _score(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        raw = data.get("score")
        if cleaning.text(raw) in voc.ABSENT_WORDS:
            return {**data, "score": None, "absent": True}
        if _blank_to_none(raw) is None:
            raise PydanticCustomError("lawtrain", "成绩为空；缺考请填“缺考”")
        return {**data, "score": _friendly(cleaning.parse_score)(raw)}


class AppraisalIn(_Record):
    id_number: IdNumber
    name: str | None = None
    year: Year
    grade: Grade


class AdviserIn(_Record):
    name: Name
    kind: AdviserKind
    licence: OptText = None
    firm: OptText = None
    unit: Text
    term_start: Day
    term_end: Day
    phone: OptText = None
    evaluation: str | None = None

    @field_validator("evaluation", mode="before")
    @classmethod
    def _evaluation(cls, value: Any) -> str | None:
        raw = cleaning.text(value)
        return _choice(voc.EVALUATIONS, {}, "年度评价")(raw) if raw else None

    @model_validator(mode="after")
    def _term(self) -> AdviserIn:
        if self.term_end < self.term_start:
            raise PydanticCustomError("lawtrain", f"聘期止 {self.term_end} 早于聘期起 {self.term_start}")
        return self

    def licence_warning(self) -> str | None:
        """Soft check: 17 digits, the 10th the category (6 = 公职, 1 = 专职)."""
        if not self.licence:
            return None
        if len(self.licence) != 17 or not self.licence.isdigit():
            return f"执业证号“{self.licence}”不是17位数字"
        if self.kind == "公职律师" and self.licence[9] != "6":
            return f"公职律师的执业证号第10位通常为6，实际为{self.licence[9]}"
        return None
