"""Everything the officer file shows, read from the register (no textual here)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ...officer_lookup import OfficerNotFound, find_officer
from ...review import REASON_LABELS
from ...store import Store
from ...store.audit import history

# Chinese labels of the audited tables and actions, for the change history.
TABLE_LABELS = {
    "officers": "人员信息",
    "certificates": "证件",
    "certificate_events": "证件变更",
    "training": "培训记录",
    "exams": "考试",
    "appraisals": "考核",
    "reviews": "年审",
}
FIELD_LABELS = {
    "id_number": "身份证号码", "name": "姓名", "sex": "性别", "birth_date": "出生日期", "unit_id": "单位",
    "position": "职务", "staffing": "人员性质", "status": "状态", "is_head": "单位负责人",
    "head_term_start": "任期起", "phone": "电话", "legal_qualification": "法律职业资格", "number": "证件号码",
    "kind": "种类", "issued": "发证日期", "expires": "有效期至", "authority": "发证机关", "suspended_until": "暂扣至",
    "date": "日期", "from_status": "原状态", "to_status": "新状态", "reason": "原因", "course": "课程",
    "category": "类别", "hours": "学时", "year": "年度", "mode": "方式", "exam_name": "考试", "part": "科目",
    "score": "成绩", "absent": "缺考", "grade": "等次", "result": "结果", "reasons": "原因", "detail": "说明",
}  # fmt: skip
ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除"}


@dataclass(frozen=True)
class Profile:
    id: int
    id_number: str
    name: str
    sex: str
    birth_date: str
    unit_id: int
    unit: str
    county: str  # 区县: the register's own jurisdiction, or a county rolled up from its register
    rolled_up: bool  # the record comes from a county's register and is changed there, then added again
    position: str | None
    staffing: str | None
    status: str
    is_head: bool
    head_term_start: str | None
    phone: str | None
    legal_qualification: bool


def _rows(store: Store, sql: str, values: list[Any] | dict[str, Any]) -> list[dict[str, Any]]:
    cursor = store.db.execute(sql, values)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def profile(store: Store, officer_id: int) -> Profile | None:
    row = store.db.execute(
        "SELECT o.id, o.id_number, o.name, o.sex, o.birth_date, o.unit_id, u.name, k.name, u.county_id <> 1, "
        "o.position, o.staffing, "
        "o.status, o.is_head, o.head_term_start, o.phone, o.legal_qualification "
        "FROM officers o JOIN units u ON u.id = o.unit_id JOIN counties k ON k.id = u.county_id WHERE o.id = ?",
        [officer_id],
    ).fetchone()
    if row is None:
        return None
    values = list(row)
    values[8], values[12], values[15] = bool(values[8]), bool(values[12]), bool(values[15])
    return Profile(*values)


def officer_by_id_number(store: Store, id_number: str) -> int | None:
    """The id of the officer `id_number` names (the whole number or an unambiguous tail, see
    officer_lookup); None when it names no single registered officer."""
    try:
        return find_officer(store, id_number).id
    except OfficerNotFound:
        return None


def certificates(store: Store, officer_id: int) -> list[dict[str, Any]]:
    return _rows(
        store,
        "SELECT id, number, kind, issued, expires, authority, status, suspended_until FROM certificates "
        "WHERE officer_id = ? ORDER BY issued DESC, id DESC",
        [officer_id],
    )


def certificate_events(store: Store, officer_id: int) -> list[dict[str, Any]]:
    return _rows(
        store,
        "SELECT c.number, e.date, e.from_status, e.to_status, e.reason FROM certificate_events e "
        "JOIN certificates c ON c.id = e.certificate_id WHERE c.officer_id = ? ORDER BY e.date DESC, e.id DESC",
        [officer_id],
    )


def training_years(store: Store, officer_id: int) -> list[int]:
    return [r[0] for r in store.db.execute(
        "SELECT DISTINCT year FROM training WHERE officer_id = ? ORDER BY year DESC", [officer_id]
    )]  # fmt: skip


def exams(store: Store, officer_id: int) -> list[dict[str, Any]]:
    return _rows(
        store,
        "SELECT exam_name, part, date, score, absent FROM exams WHERE officer_id = ? ORDER BY date DESC, part",
        [officer_id],
    )


def appraisals(store: Store, officer_id: int) -> list[dict[str, Any]]:
    return _rows(
        store, "SELECT year, grade FROM appraisals WHERE officer_id = ? ORDER BY year DESC", [officer_id]
    )


def reviews(store: Store, officer_id: int) -> list[dict[str, Any]]:
    rows = _rows(
        store,
        "SELECT r.year, c.number, r.result, r.reasons, r.detail, r.date FROM reviews r "
        "JOIN certificates c ON c.id = r.certificate_id WHERE c.officer_id = ? ORDER BY r.year DESC, c.number",
        [officer_id],
    )
    for row in rows:
        codes = json.loads(row["reasons"] or "[]")
        row["reasons"] = "、".join(REASON_LABELS.get(code, code) for code in codes)
        row["result"] = "通过" if row["result"] == "pass" else "不通过"
    return rows


def audit_history(store: Store, officer_id: int, limit: int = 500) -> list[dict[str, Any]]:
    """Changes to the officer and to their records, newest first, with the batch that made them."""
    owned: dict[str, list[int]] = {"officers": [officer_id]}
    for table in ("certificates", "training", "exams", "appraisals"):
        owned[table] = [
            r[0]
            for r in store.db.execute(f"SELECT id FROM {table} WHERE officer_id = ?", [officer_id])  # noqa: S608
        ]
    cert_ids = owned["certificates"]
    owned["certificate_events"] = [
        r[0] for r in store.db.execute(
            "SELECT id FROM certificate_events WHERE certificate_id IN (SELECT value FROM json_each(?))",
            [json.dumps(cert_ids)],
        )
    ]  # fmt: skip
    owned["reviews"] = [
        r[0] for r in store.db.execute(
            "SELECT id FROM reviews WHERE certificate_id IN (SELECT value FROM json_each(?))", [json.dumps(cert_ids)]
        )
    ]  # fmt: skip
    changes = [
        change for table, ids in owned.items() for row_id in ids for change in history(store, table, row_id)
    ]
    changes.sort(key=lambda change: change.id, reverse=True)
    changes = changes[:limit]
    batch_ids = sorted({c.batch_id for c in changes if c.batch_id is not None})
    sources = {
        row[0]: row[1]
        for row in store.db.execute(
            "SELECT id, source FROM batches WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(batch_ids)],
        )
    }
    return [
        {
            "at": change.at,
            "operator": change.operator,
            "what": TABLE_LABELS.get(change.table, change.table),
            "action": ACTION_LABELS.get(change.action, change.action),
            "change": describe_change(change.before, change.after),
            "source": sources.get(change.batch_id, ""),
        }
        for change in changes
    ]


def describe_change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """For an update, each changed field as old → new; for an insert or delete, the record's values."""
    old, new = before or {}, after or {}
    skip = {"id", "batch_id", "initials", "officer_id", "certificate_id"}
    if old and new:
        return "；".join(
            f"{FIELD_LABELS.get(k, k)}: {old.get(k)} → {new.get(k)}"
            for k in new
            if k not in skip and old.get(k) != new.get(k)
        )
    shown = new or old
    return "；".join(
        f"{FIELD_LABELS.get(k, k)}: {v}" for k, v in shown.items() if k not in skip and v not in (None, "")
    )
