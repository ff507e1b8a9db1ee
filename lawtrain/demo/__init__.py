"""`lawtrain demo`: fill an empty register with a realistic made-up jurisdiction, deterministic by seed.

One county per ~2,000 officers (departments and townships), officers with the real mix of staffing
types and statuses, certificates of every age and state with their history, a year of training with
realistic gaps, exam results, appraisals, last year's reviews and an adviser roster with gaps.
Everything is written in one batch (so `lawtrain undo` can take it back), a chunk of officers at a time,
each table's rows as one bulk insert (audited by one statement, not a trigger per row).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from ..importing.write_common import run_staged, staged_columns
from ..pinyin import initials
from ..store import Store
from ..store.bulk import bulk_inserts
from . import vocabulary as v
from .people import Unit, Weighted, birth_date, id_number, make_units, person_name, phone, random_day
from .records import Officer, RecordMaker

CHUNK = 5000  # officers per write
_TABLE = {"events": "certificate_events"}  # the rows' key in _SQL -> their table, where they differ

_SQL = {
    "officers": "INSERT INTO officers (id, id_number, name, sex, birth_date, unit_id, position, staffing, status, "
    "is_head, head_term_start, phone, legal_qualification, initials, batch_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "certificates": "INSERT INTO certificates (id, number, officer_id, kind, issued, expires, authority, status, "
    "suspended_until, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO certificate_events (certificate_id, date, from_status, to_status, reason, batch_id) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "exams": "INSERT INTO exams (officer_id, exam_name, part, date, score, absent, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "appraisals": "INSERT INTO appraisals (officer_id, year, grade, batch_id) VALUES (?, ?, ?, ?)",
    "training": "INSERT INTO training (officer_id, course, category, hours, date, year, mode, batch_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "reviews": "INSERT INTO reviews (certificate_id, year, result, reasons, detail, date, batch_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
}


# The same inserts with the rows bound as a VALUES list, many rows a statement (write_common.run_staged).
_STAGED = {
    table: sql.partition(" VALUES ")[0] + f" SELECT {staged_columns(sql.count('?'))} FROM {{staged}}"  # noqa: S608
    for table, sql in _SQL.items()
}


class DemoError(Exception):
    """The demo cannot be loaded here; the message says why."""


def generate(
    store: Store,
    officers: int = 2000,
    year: int = 2025,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Fill an empty register; returns the counts per kind of record (Chinese labels)."""
    if store.count("officers") or store.count("units"):
        raise DemoError(f"数据库 {store.path} 不是空的；演示数据只能写入新的数据库 (用 --db 指定一个新文件)")
    rng = random.Random(seed)
    last_day = min(date(year, 12, 31), today) if today else date(year, 12, 31)
    with store.batch("demo", f"演示数据 {officers} 人 种子 {seed}") as batch:
        units = make_units(rng, officers, store.settings.jurisdiction.name)
        store.db.conn.executemany(
            "INSERT INTO units (id, name, kind) VALUES (?, ?, ?)", [(u.id, u.name, u.kind) for u in units]
        )
        maker = RecordMaker(rng, store.settings, year, last_day, batch.id)
        counts = dict.fromkeys(_SQL, 0)
        staffing, status = Weighted(v.STAFFING_MIX), Weighted(v.STATUS_MIX)
        taken: set[str] = set()
        heads: set[int] = set()
        placement = unit_of_each_officer(units, officers)
        officer_rows: list[tuple] = []
        for officer_id in range(1, officers + 1):
            unit = placement[officer_id - 1]
            is_head = unit.id not in heads
            heads.add(unit.id)
            row, officer = _officer(rng, officer_id, unit, is_head, staffing, status, year, taken, batch.id)
            officer_rows.append(row)
            maker.officer(officer)
            if len(officer_rows) >= CHUNK or officer_id == officers:
                _flush(store, officer_rows, maker, counts)
                if progress:
                    progress(officer_id, officers)
        counts["advisers"] = _advisers(store, rng, units, last_day, batch.id)
        counts["units"] = len(units)
        summary = {
            "单位": counts["units"], "执法人员": counts["officers"], "证件": counts["certificates"],
            "培训记录": counts["training"], "考试成绩": counts["exams"], "年度考核": counts["appraisals"],
            "年审记录": counts["reviews"], "法律顾问": counts["advisers"],
        }  # fmt: skip
        batch.counts.update(summary)
    return summary


def unit_of_each_officer(units: list[Unit], officers: int) -> list[Unit]:
    """Officers spread evenly, in unit order, except that the last township of each county has a
    single officer: a unit that cannot enforce alone (行政处罚法 Art. 42)."""
    last_township: dict[str, Unit] = {}
    for unit in units:
        if unit.kind == "乡镇":
            last_township[unit.area] = unit
    small = {unit.id for unit in last_township.values()} if officers >= 4 * len(units) else set()
    others = len(units) - len(small)
    spread = officers - len(small)
    placement: list[Unit] = []
    index = 0
    for unit in units:
        if unit.id in small:
            placement.append(unit)
            continue
        placement.extend([unit] * ((index + 1) * spread // others - index * spread // others))
        index += 1
    return placement


def _officer(rng: random.Random, officer_id: int, unit: Unit, is_head: bool, staffing: Weighted, status: Weighted,
             year: int, taken: set[str], batch_id: int) -> tuple[tuple, Officer]:  # fmt: skip
    born = birth_date(rng, year)
    male = rng.random() < 0.62
    number = id_number(rng, unit.area, born, male, taken)
    name = person_name(rng)
    if is_head:
        kind, state, position = "行政编制", "在岗", v.HEAD_POSITION[unit.kind]
        term_start = random_day(rng, date(year - 4, 1, 1), date(year, 6, 30))
    else:
        kind, state, position, term_start = (
            staffing.pick(rng),
            status.pick(rng),
            rng.choice(v.POSITIONS),
            None,
        )
    row = (
        officer_id, number, name, "男" if male else "女", born.isoformat(), unit.id, position, kind, state,
        int(is_head), term_start.isoformat() if term_start else None, phone(rng), int(rng.random() < 0.03),
        initials(name), batch_id,
    )  # fmt: skip
    return row, Officer(officer_id, kind, state, is_head, term_start)


def _flush(store: Store, officer_rows: list[tuple], maker: RecordMaker, counts: dict[str, int]) -> None:
    """Write one chunk's rows. Each table's rows go in as a bulk insert: its insert triggers held back,
    every row audited (and the training hours added per officer and year) by one statement each, as an
    import does (store.bulk): the triggers cost a province's 8 million rows a minute."""
    conn = store.db.conn
    tables = {"officers": officer_rows, **vars(maker.rows)}
    for table, rows in tables.items():
        if rows:
            with bulk_inserts(conn, _TABLE.get(table, table)):
                run_staged(conn, rows, _STAGED[table])
            counts[table] += len(rows)
    officer_rows.clear()
    maker.rows.clear()


def _advisers(store: Store, rng: random.Random, units: list[Unit], last_day: date, batch_id: int) -> int:
    kinds = Weighted(v.ADVISER_KINDS)
    evaluations = Weighted(v.EVALUATIONS)
    rows = []
    for unit in units:
        roll = rng.random()
        if roll < 0.08:
            continue  # no adviser ever: a coverage gap
        engagements = 2 if roll > 0.9 else 1
        for _ in range(engagements):
            kind = kinds.pick(rng)
            years = rng.choice((1, 2, 2, 3))
            if rng.random() < 0.1:  # an engagement that has already ended
                start = last_day - timedelta(days=365 * years + rng.randrange(30, 300))
            elif rng.random() < 0.1:  # one that ends soon
                start = last_day - timedelta(days=365 * years - rng.randrange(1, 80))
            else:
                start = last_day - timedelta(days=rng.randrange(0, 365 * years - 90))
            end = start + timedelta(days=365 * years - 1)
            category = "6" if kind == "公职律师" else "1"
            licence = f"1{unit.area[:4]}{rng.randrange(2005, 2024)}{category}{rng.randrange(10**7):07d}"
            firm = rng.choice(v.LAW_FIRMS) if kind == "外聘律师" else None
            rows.append((
                person_name(rng), kind, licence if kind in ("外聘律师", "公职律师") else None, firm, unit.id,
                start.isoformat(), end.isoformat(), phone(rng), evaluations.pick(rng), batch_id,
            ))  # fmt: skip
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO advisers (name, kind, licence, firm, unit_id, term_start, term_end, phone, evaluation, "
        "batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)
