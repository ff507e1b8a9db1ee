"""Why an officer is, or is not, on each list: the training records counted and not counted with
their reasons, and each check's verdict with the numbers behind it.

The verdicts come from running the catalogue's own queries narrowed to the officer (and to the
officer's unit for the unit checks), so an explanation can never disagree with the lists.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from . import hours
from .checks import CATALOGUE, OFFICER, RunParams, run_checks
from .checks.exams import PASSES, exam_parameters
from .checks.training import subjects_sql
from .officer_lookup import OfficerNotFound, find_officer
from .rules import CERT_VALID_ON, IN_POST, staffing_allowed_sql
from .store import Store
from .store.counties import county_count

DUPLICATE_NOTE = (
    "同一人员、同一课程、同一日期的记录只保存一条：重复导出或两份表格中重复的记录在导入时已合并，不重复计算。"
)
_SKIP_KEYS = {"id_number", "name", "unit"}
_VALID_CERTIFICATES = (
    f"SELECT c.number, c.expires FROM certificates c WHERE c.officer_id = :officer AND {CERT_VALID_ON}"  # noqa: S608
)


class ExplainError(ValueError):
    """An ID number that is not valid, not in the register, or the tail of several registered numbers
    (the message then lists them); the message is for the clerk."""


@dataclass
class Verdict:
    name: str
    title: str
    listed: bool
    detail: str
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Explanation:
    as_of: date
    year: int
    judged_on: date
    officer: dict[str, Any]
    certificates: list[dict[str, Any]]
    transcript: hours.Transcript
    subject: dict[str, Any] | None  # hours and requirement when the officer owes the year's hours
    exams: list[dict[str, Any]]
    appraisal: str | None
    verdicts: list[Verdict]
    several_counties: bool = False  # the register holds several counties: the text names the officer's

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "year": self.year,
            "judged_on": self.judged_on.isoformat(),
            "officer": self.officer,
            "certificates": self.certificates,
            "training": {
                "countable": self.transcript.countable,
                "carried": self.transcript.carried,
                "excluded": self.transcript.excluded,
                "required": self.subject["required"] if self.subject else None,
                "records": [asdict(record) for record in self.transcript.records],
                "note": DUPLICATE_NOTE,
            },
            "exams": self.exams,
            "appraisal": self.appraisal,
            "verdicts": [asdict(verdict) for verdict in self.verdicts],
        }


def _rows(store: Store, sql: str, values: Any) -> list[dict[str, Any]]:
    cursor = store.db.execute(sql, values)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _officer(store: Store, typed: str, county: str | None = None) -> dict[str, Any]:
    try:
        found = find_officer(store, typed)
    except OfficerNotFound as exc:
        raise ExplainError(str(exc)) from None
    rows = _rows(
        store,
        "SELECT o.id, o.id_number, o.name, o.sex, o.birth_date, u.name AS unit, "
        "(SELECT k.name FROM counties k WHERE k.id = u.county_id) AS county, o.unit_id, o.position, o.staffing, "
        "o.status, o.is_head, o.head_term_start, o.legal_qualification "
        "FROM officers o JOIN units u ON u.id = o.unit_id WHERE o.id = ?",
        [found.id],
    )
    if county is not None and rows[0]["county"] != county:
        raise ExplainError(f"身份证号码为 {found.id_number} 的人员登记在{rows[0]['county']}，不在{county}")
    return rows[0]


def _finding_text(columns, finding: dict[str, Any]) -> str:
    parts = [
        f"{c.header} {finding[c.key]}"
        for c in columns
        if c.key not in _SKIP_KEYS and finding.get(c.key) is not None
    ]
    return "，".join(parts)


class _Facts:
    """What the not-listed sentences are made of."""

    def __init__(self, store: Store, officer: dict[str, Any], run: RunParams, subject: dict[str, Any] | None):
        self.store, self.officer, self.run, self.subject = store, officer, run, subject
        on = {"as_of": run.as_of.isoformat(), "officer": officer["id"]}
        self.valid = _rows(store, _VALID_CERTIFICATES, on)
        allowed, staff = staffing_allowed_sql(run.settings)
        staffing_sql = f"SELECT {allowed} FROM officers o WHERE o.id = :officer"  # noqa: S608
        self.staffing_ok = bool(store.db.execute(staffing_sql, {**staff, **on}).fetchone()[0])
        self.in_post = officer["status"] == "在岗"
        unit = {"as_of": run.as_of.isoformat(), "unit": officer["unit_id"]}
        self.unit_holders = store.db.execute(
            "SELECT COUNT(DISTINCT o.id) FROM officers o JOIN certificates c ON c.officer_id = o.id "  # noqa: S608
            f"WHERE o.unit_id = :unit AND {IN_POST} AND {CERT_VALID_ON}",
            unit,
        ).fetchone()[0]
        self.unit_advisers = store.db.execute(
            "SELECT COUNT(*) FROM advisers a WHERE a.unit_id = :unit AND a.term_start <= :as_of AND a.term_end >= :as_of",
            unit,
        ).fetchone()[0]

    def valid_text(self) -> str:
        if not self.valid:
            return f"{self.run.as_of.isoformat()} 无有效证件"
        return "、".join(f"有效证件 {c['number']} (有效期至 {c['expires']})" for c in self.valid)

    def clear(self, name: str, parameters: dict[str, Any]) -> str:
        officer, unit = self.officer, self.officer["unit"]
        status = f"人员状态为{officer['status']}"
        if name == "training-hours":
            if self.subject:
                return f"可计学时 {self.subject['hours']:g}，应修 {self.subject['required']:g}，已达标"
            if not self.in_post:
                return f"{status}，不在学时考核范围"
            return f"{self.run.on.isoformat()} 无有效证件，不在学时考核范围"
        if name in ("cert-expiring", "left-post", "ineligible-staffing", "review-missing", "cert-expired"):
            extra = {
                "cert-expiring": f"，均不在 {parameters.get('within_days')} 天内到期",
                "left-post": f"，{status}",
                "ineligible-staffing": f"，人员性质“{officer['staffing'] or '未填'}”"
                + ("可以持证" if self.staffing_ok else "不得持证"),
                "review-missing": "，已审验或无需审验",
                "cert-expired": "，没有已过期仍登记为有效的证件",
            }[name]
            return self.valid_text() + extra
        if name == "uncertified":
            if not self.in_post:
                return status
            if self.valid:
                return self.valid_text()
            return f"人员性质“{officer['staffing']}”不得持证，不要求持证"
        if name == "unit-min-holders":
            return f"{unit} 在岗持证 {self.unit_holders} 人，不少于 {parameters.get('minimum')} 人"
        if name == "exam-passed-uncertified":
            return "已有证件" if self._has_certificate() else "考试未合格或合格已超过有效期"
        if name == "head-training":
            return "不是单位负责人" if not officer["is_head"] else "本任期内已参加脱产法治培训"
        if name == "adviser-coverage":
            return f"{unit} 有在聘法律顾问 {self.unit_advisers} 名"
        return f"{unit} 没有在 {parameters.get('within_days')} 天内届满的法律顾问聘期"

    def _has_certificate(self) -> bool:
        sql = "SELECT 1 FROM certificates WHERE officer_id = ? LIMIT 1"
        return self.store.db.execute(sql, [self.officer["id"]]).fetchone() is not None


def explain(store: Store, id_number: str, year: int, as_of: date, county: str | None = None) -> Explanation:
    """Everything that decides the officer's place on each list of the catalogue. `id_number`: the
    whole number or an unambiguous tail (officer_lookup.find_officer); with `county`, the officer must
    be registered in that county."""
    officer = _officer(store, id_number, county)
    run = RunParams(store, year, as_of, officer_id=officer["id"])
    sql, values = subjects_sql(run)
    found = _rows(store, sql, values)
    subject = {"hours": round(found[0]["hours"], 2), "required": found[0]["required"]} if found else None
    officer_checks = [name for name, check in CATALOGUE.items() if check.subject == OFFICER]
    unit_checks = [name for name, check in CATALOGUE.items() if check.subject != OFFICER]
    results = {
        r.check.name: r
        for report in (
            run_checks(store, officer_checks, year=year, as_of=as_of, officer_id=officer["id"]),
            run_checks(
                store, unit_checks, year=year, as_of=as_of, unit=officer["unit"], county=officer["county"]
            ),
        )
        for r in report.results
    }
    facts = _Facts(store, officer, run, subject)
    verdicts = []
    for name, check in CATALOGUE.items():
        result = results[name]
        if result.findings:
            detail = "；".join(_finding_text(check.columns, f) for f in result.findings)
        else:
            detail = facts.clear(name, result.parameters)
        verdicts.append(Verdict(name, check.title, bool(result.findings), detail, result.findings))
    certificates = _rows(
        store,
        f"SELECT c.number, c.kind, c.issued, c.expires, c.status, {CERT_VALID_ON} AS valid "  # noqa: S608
        "FROM certificates c WHERE c.officer_id = :officer ORDER BY c.issued",
        {"as_of": as_of.isoformat(), "officer": officer["id"]},
    )
    for cert in certificates:
        cert["valid"] = bool(cert["valid"])
    exams = _exams(store, run, officer["id"])
    grade = store.db.execute(
        "SELECT grade FROM appraisals WHERE officer_id = ? AND year = ?", [officer["id"], year]
    ).fetchone()
    public = {k: v for k, v in officer.items() if k not in ("id", "unit_id")}
    public["is_head"] = bool(public["is_head"])
    public["legal_qualification"] = bool(public["legal_qualification"])
    return Explanation(
        as_of, year, run.on, public, certificates, hours.transcript(store, officer["id"], year), subject, exams,
        grade[0] if grade else None, verdicts, county_count(store.db) > 1,
    )  # fmt: skip


def _exams(store: Store, run: RunParams, officer_id: int) -> list[dict[str, Any]]:
    """Every attempt, each marked whether it is a pass that still counts on the as-of date."""
    values = {**exam_parameters(run), "as_of": run.as_of.isoformat(), "officer": officer_id}
    rows = _rows(
        store,
        f"WITH best AS ({PASSES.format(scope=':officer')}) SELECT e.exam_name, e.part, e.date, e.score, e.absent, "  # noqa: S608
        "EXISTS (SELECT 1 FROM best b WHERE b.officer_id = e.officer_id AND b.part = e.part "
        "AND b.passed_on = e.date) AS counts FROM exams e WHERE e.officer_id = :officer ORDER BY e.date, e.part",
        values,
    )
    for row in rows:
        row["absent"], row["counts"] = bool(row["absent"]), bool(row["counts"])
    return rows


def render_text(explanation: Explanation) -> str:
    """The explanation as the terminal shows it."""
    e, o = explanation, explanation.officer
    t = e.transcript
    lines = [
        f"{o['name']}  {o['id_number']}  {o['county'] + '  ' if e.several_counties else ''}{o['unit']}  "
        f"{o['position'] or ''}",
        f"人员性质: {o['staffing'] or '未填'}　人员状态: {o['status']}　单位负责人: {'是' if o['is_head'] else '否'}",
        f"截至 {e.as_of.isoformat()}，学时年度 {e.year} (学时判定日 {e.judged_on.isoformat()})",
        "",
        "证件:",
    ]
    for c in e.certificates or [{"number": "无"}]:
        if c["number"] == "无":
            lines.append("  无")
            continue
        state = "有效" if c["valid"] else "无效"
        lines.append(
            f"  {c['number']} {c['kind']} {c['issued']} 至 {c['expires']} 登记状态 {c['status']} ({state})"
        )
    lines += ["", f"{e.year} 年度培训记录:"]
    counted = [r for r in t.records if r.counted]
    other = [r for r in t.records if not r.counted]
    for label, records in (("计入", counted), ("不计入", other)):
        lines.append(f"  {label} {len(records)} 条:")
        for r in records:
            reason = f"  ← {r.reason}" if r.reason else ""
            lines.append(f"    {r.date}  {r.hours:g} 学时  {r.course}  [{r.category or '未分类'}]{reason}")
    required = e.subject["required"] if e.subject else None
    summary = f"  可计学时 {t.countable:g}" + (f" (含结转 {t.carried:g})" if t.carried else "")
    summary += f"，不计入的本年度学时 {t.excluded:g}"
    summary += f"，应修 {required:g}" if required is not None else "，不在学时考核范围"
    lines += [summary, f"  {DUPLICATE_NOTE}", "", "考试:"]
    for x in e.exams or []:
        score = "缺考" if x["absent"] else f"{x['score']:g}"
        lines.append(
            f"  {x['date']} {x['exam_name']} {x['part']} {score}" + (" (合格，有效)" if x["counts"] else "")
        )
    if not e.exams:
        lines.append("  无")
    lines += ["", f"{e.year} 年度考核: {e.appraisal or '无记录'}", "", "各项检查:"]
    for v in e.verdicts:
        mark = "✗ 列入" if v.listed else "✓ 未列入"
        lines.append(f"  {mark}  {v.title} ({v.name}): {v.detail}")
    return "\n".join(lines)
