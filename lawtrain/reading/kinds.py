"""The kinds of sheet the register imports, what each needs, and telling them apart by their headers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .errors import UnreadableFile


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # Chinese, as the clerk reads it
    required: tuple[str, ...]  # header fields that must be present
    renames: tuple[tuple[str, str], ...] = ()  # header field -> model field for this kind
    aliases: tuple[str, ...] = ()  # other names accepted by --kind

    def model_field(self, field: str, present: Iterable[str]) -> str | None:
        """The model field a header field feeds in this kind, or None when the kind does not read it."""
        renamed = dict(self.renames).get(field, field)
        if self.key == "advisers" and field == "unit" and "served_unit" in present:
            return None  # 服务单位 wins over a plain 单位 column
        return renamed if renamed in KIND_FIELDS[self.key] else None


KIND_FIELDS: dict[str, frozenset[str]] = {
    "officers": frozenset({
        "id_number", "name", "unit", "position", "staffing", "status", "is_head", "head_term_start", "phone",
        "legal_qualification", "cert_number", "cert_kind", "cert_issued", "cert_expires", "cert_authority",
        "cert_status",
    }),
    "certificates": frozenset({"id_number", "number", "kind", "issued", "expires", "authority", "status"}),
    "training": frozenset({"id_number", "name", "course", "category", "hours", "date", "mode"}),
    "exams": frozenset({"id_number", "name", "exam_name", "part", "date", "score"}),
    "appraisals": frozenset({"id_number", "name", "year", "grade"}),
    "advisers": frozenset({
        "name", "kind", "licence", "firm", "unit", "term_start", "term_end", "phone", "evaluation",
    }),
}  # fmt: skip

KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("officers", "执法人员花名册", ("id_number", "name", "unit"), aliases=("roster", "花名册", "执法人员")),
        Kind(
            "certificates",
            "执法证件",
            ("id_number", "cert_number", "cert_issued"),
            (
                ("cert_number", "number"), ("cert_kind", "kind"), ("cert_issued", "issued"),
                ("cert_expires", "expires"), ("cert_authority", "authority"), ("cert_status", "status"),
            ),
            aliases=("证件", "执法证"),
        ),
        Kind(
            "training", "培训学时", ("id_number", "course", "hours", "training_date"),
            (("training_date", "date"), ("adviser_kind", "category")), aliases=("培训", "学时"),
        ),
        Kind(
            "exams", "考试成绩", ("id_number", "exam_name", "exam_part", "exam_date", "score"),
            (("exam_part", "part"), ("exam_date", "date")), aliases=("考试", "成绩"),
        ),
        Kind("appraisals", "年度考核", ("id_number", "year", "grade"), aliases=("考核",)),
        Kind(
            "advisers", "法律顾问名册", ("name", "adviser_kind", "term_start", "term_end"),
            (("adviser_kind", "kind"), ("served_unit", "unit")), aliases=("顾问", "法律顾问"),
        ),
    )
}  # fmt: skip

FIELD_LABELS = {
    "id_number": "身份证号码", "name": "姓名", "unit": "工作单位", "course": "课程名称", "hours": "学时",
    "training_date": "培训日期", "exam_name": "考试名称", "exam_part": "考试科目", "exam_date": "考试日期",
    "score": "成绩", "year": "考核年度", "grade": "考核等次", "adviser_kind": "类别", "term_start": "聘期起",
    "term_end": "聘期止", "cert_number": "证件号码", "cert_issued": "发证日期", "served_unit": "服务单位",
}  # fmt: skip


def kind_named(name: str) -> Kind:
    """The kind for a --kind value: its key, its Chinese label or an alias."""
    wanted = name.strip().lower()
    for kind in KINDS.values():
        if wanted in (kind.key, kind.label, *kind.aliases):
            return kind
    names = "、".join(f"{k.key}({k.label})" for k in KINDS.values())
    raise UnreadableFile(f"未知的数据类别“{name}”，可用: {names}")


def detect(fields: set[str]) -> Kind | None:
    """The kind a set of header fields tells: each kind's distinctive columns, most specific first."""
    if fields & {"term_start", "term_end", "served_unit", "licence"}:
        return KINDS["advisers"]
    if "grade" in fields:
        return KINDS["appraisals"]
    if "score" in fields:
        return KINDS["exams"]
    if "hours" in fields:
        return KINDS["training"]
    if {"id_number", "name", "unit"} <= fields:
        return KINDS["officers"]
    if {"id_number", "cert_number"} <= fields:
        return KINDS["certificates"]
    if {"id_number", "name"} <= fields:
        return KINDS["officers"]
    return None


def missing(kind: Kind, fields: set[str]) -> list[str]:
    """Required columns of `kind` that the header lacks, as the clerk would name them."""
    absent = [f for f in kind.required if f not in fields]
    if kind.key == "advisers" and not fields & {"unit", "served_unit"}:
        absent.append("served_unit")
    return [FIELD_LABELS.get(f, f) for f in absent]
