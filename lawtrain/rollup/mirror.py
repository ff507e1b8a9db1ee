"""Making the city's copy of one county equal to the county's register, table by table, in SQL.

Each table is matched on its natural key (an officer by ID number, a certificate by number, training by
officer, course and date …), with the county's ids translated into the city's through small maps
(`temp.u_map`, `temp.o_map`, `temp.c_map`: county id -> city id). For every table three set-based
statements run: rows of the county that differ are updated, rows the city lacks are inserted (in one
audited bulk insert, store.bulk), and rows of the county the register no longer lists are deleted
(children before parents; the delete triggers log them, and `undo` puts them back). No key is stored
beside the records: re-adding a county finds its records by the same keys an import does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from ..store.bulk import bulk_inserts

# The rows of the county `:county` in the city: the FROM … WHERE that reaches table `t` from its units.
_OFFICERS = "FROM units u JOIN officers o ON o.unit_id = u.id"
_CERTIFICATES = f"{_OFFICERS} JOIN certificates c ON c.officer_id = o.id"


@dataclass(frozen=True)
class Mirror:
    """One table as the county's register gives it: `keys` and `values` map the city's columns to
    expressions over `source` (a FROM … WHERE over the attached `src` and the id maps)."""

    table: str
    keys: dict[str, str]
    values: dict[str, str]
    source: str
    scope: str  # FROM … WHERE reaching the city's rows of the county as `t`
    batched: bool = True  # the table records the batch that last wrote a row (units do not)

    def _written(self) -> dict[str, str]:
        return {**self.values, "batch_id": ":batch"} if self.batched else self.values

    def _match(self, target: str = "t") -> str:
        return " AND ".join(f"{target}.{column} = {expr}" for column, expr in self.keys.items())

    def update(self) -> str:
        """The rows that differ are found from the county's side (its rows, each probing the city's by
        key), so the cost follows the county's size, not the city's; only those rows are then set."""
        joins, where = self.source.split(" WHERE ", 1)
        written = self._written()
        differs = " OR ".join(f"t.{column} IS NOT {expr}" for column, expr in self.values.items())
        return (
            f"UPDATE {self.table} SET ({', '.join(written)}) = "  # noqa: S608 (our own specs)
            f"(SELECT {', '.join(written.values())} {joins} WHERE {where} AND {self._match(self.table)}) "
            f"WHERE id IN (SELECT t.id {joins} CROSS JOIN {self.table} t ON {self._match()} "
            f"WHERE {where} AND ({differs}))"
        )

    def insert(self) -> str:
        columns = {**self.keys, **self._written()}
        return (
            f"INSERT INTO {self.table} ({', '.join(columns)}) "  # noqa: S608 (our own specs)
            f"SELECT {', '.join(columns.values())} {self.source} "
            f"AND NOT EXISTS (SELECT 1 FROM {self.table} t WHERE {self._match()})"
        )

    def delete(self) -> str:
        return (
            f"DELETE FROM {self.table} WHERE id IN (SELECT t.id {self.scope} "  # noqa: S608 (our own specs)
            f"AND NOT EXISTS (SELECT 1 {self.source} AND {self._match()}))"
        )

    def count(self) -> str:
        return f"SELECT COUNT(*) {self.source}"  # noqa: S608 (our own specs)


def _same(*columns: str) -> dict[str, str]:
    return {column: f"x.{column}" for column in columns}


UNITS = Mirror(
    "units",
    {"county_id": ":county", "name": "x.name"},
    {"kind": "x.kind"},
    "FROM src.units x WHERE x.county_id = 1",
    # A unit the city has sent a notice to stays when its county no longer lists it: the notices (the
    # city's own records) keep their unit, which, without officers or advisers, no list shows.
    "FROM units t WHERE t.county_id = :county AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.unit_id = t.id)",
    batched=False,
)
OFFICERS = Mirror(
    "officers",
    {"id_number": "x.id_number"},
    {
        **_same("name", "sex", "birth_date"),
        "unit_id": "um.city",
        **_same(
            "position",
            "staffing",
            "status",
            "is_head",
            "head_term_start",
            "phone",
            "legal_qualification",
            "initials",
        ),
    },  # fmt: skip
    "FROM src.officers x JOIN temp.u_map um ON um.src = x.unit_id "
    "WHERE x.id_number NOT IN (SELECT id_number FROM temp.o_lost)",
    "FROM units u JOIN officers t ON t.unit_id = u.id WHERE u.county_id = :county",
)
CERTIFICATES = Mirror(
    "certificates",
    {"number": "x.number"},
    {"officer_id": "m.city", **_same("kind", "issued", "expires", "authority", "status", "suspended_until")},
    "FROM src.certificates x JOIN temp.o_map m ON m.src = x.officer_id "
    "WHERE x.number NOT IN (SELECT number FROM temp.c_lost)",
    f"{_OFFICERS} JOIN certificates t ON t.officer_id = o.id WHERE u.county_id = :county",
)
# The records of an officer or a certificate: updated and inserted after their owners, deleted before.
RECORDS = (
    Mirror(
        "training",
        {"officer_id": "m.city", **_same("course", "date")},
        _same("category", "hours", "year", "mode"),
        "FROM src.training x JOIN temp.o_map m ON m.src = x.officer_id WHERE 1",
        f"{_OFFICERS} JOIN training t ON t.officer_id = o.id WHERE u.county_id = :county",
    ),
    Mirror(
        "exams",
        {"officer_id": "m.city", **_same("exam_name", "part", "date")},
        _same("score", "absent"),
        "FROM src.exams x JOIN temp.o_map m ON m.src = x.officer_id WHERE 1",
        f"{_OFFICERS} JOIN exams t ON t.officer_id = o.id WHERE u.county_id = :county",
    ),
    Mirror(
        "appraisals",
        {"officer_id": "m.city", "year": "x.year"},
        _same("grade"),
        "FROM src.appraisals x JOIN temp.o_map m ON m.src = x.officer_id WHERE 1",
        f"{_OFFICERS} JOIN appraisals t ON t.officer_id = o.id WHERE u.county_id = :county",
    ),
    Mirror(
        "reviews",
        {"certificate_id": "cm.city", "year": "x.year"},
        _same("result", "reasons", "detail", "date"),
        "FROM src.reviews x JOIN temp.c_map cm ON cm.src = x.certificate_id WHERE 1",
        f"{_CERTIFICATES} JOIN reviews t ON t.certificate_id = c.id WHERE u.county_id = :county",
    ),
    Mirror(
        "advisers",
        {"name": "x.name", "unit_id": "um.city", "term_start": "x.term_start"},
        _same("kind", "licence", "firm", "term_end", "phone", "evaluation"),
        "FROM src.advisers x JOIN temp.u_map um ON um.src = x.unit_id WHERE 1",
        "FROM units u JOIN advisers t ON t.unit_id = u.id WHERE u.county_id = :county",
    ),
)


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged


@dataclass
class Mirroring:
    """The statements of one roll-up on the city's connection, with the counts of every table."""

    conn: sqlite3.Connection
    county: int
    batch: int
    tables: dict[str, Counts] = field(default_factory=dict)

    def _run(self, sql: str) -> int:
        return self.conn.execute(sql, {"county": self.county, "batch": self.batch}).rowcount

    def upsert(self, mirror: Mirror) -> None:
        """Update the rows that differ, then insert the missing ones (a row is inserted once in a
        bulk insert and not changed again, as store.bulk requires)."""
        counts = self.tables.setdefault(mirror.table, Counts())
        counts.updated = self._run(mirror.update())
        with bulk_inserts(self.conn, mirror.table) as inserted:
            self._run(mirror.insert())
        counts.inserted = inserted.count
        listed = self.conn.execute(mirror.count()).fetchone()[0]
        counts.unchanged = listed - counts.inserted - counts.updated

    def delete(self, mirror: Mirror) -> None:
        self.tables.setdefault(mirror.table, Counts()).deleted = self._run(mirror.delete())

    def events(self) -> None:
        """Certificate events have no key of their own: the same (certificate, date, from, to, reason)
        may occur twice. Each is matched with its occurrence number among equals."""
        counts = self.tables.setdefault("certificate_events", Counts())
        occurrence = "ROW_NUMBER() OVER (PARTITION BY {cert}, e.date, e.from_status, e.to_status, e.reason ORDER BY e.id)"
        for statement in (  # one by one: executescript would commit the batch
            "DROP TABLE IF EXISTS temp.e_src",
            "DROP TABLE IF EXISTS temp.e_city",
            "CREATE TEMP TABLE e_src (certificate_id INTEGER, date TEXT, from_status TEXT, to_status TEXT, "
            "reason TEXT, n INTEGER)",
            "CREATE TEMP TABLE e_city (id INTEGER PRIMARY KEY, certificate_id INTEGER, date TEXT, "
            "from_status TEXT, to_status TEXT, reason TEXT, n INTEGER)",
        ):
            self.conn.execute(statement)
        self.conn.execute(
            "INSERT INTO temp.e_src SELECT cm.city, e.date, e.from_status, e.to_status, e.reason, "  # noqa: S608
            f"{occurrence.format(cert='e.certificate_id')} FROM src.certificate_events e "
            "JOIN temp.c_map cm ON cm.src = e.certificate_id"
        )
        self.conn.execute(
            "INSERT INTO temp.e_city SELECT e.id, e.certificate_id, e.date, e.from_status, e.to_status, e.reason, "  # noqa: S608
            f"{occurrence.format(cert='e.certificate_id')} {_CERTIFICATES} "
            "JOIN certificate_events e ON e.certificate_id = c.id WHERE u.county_id = ?",
            [self.county],
        )
        # Each side probes the other by key: without these, the deletion's NOT EXISTS scanned every
        # event of the county's file for each event in the register (20 s at 30,000 officers).
        self.conn.execute("CREATE INDEX temp.e_city_key ON e_city (certificate_id, date, n)")
        self.conn.execute("CREATE INDEX temp.e_src_key ON e_src (certificate_id, date, n)")
        same = (
            "c.certificate_id = s.certificate_id AND c.date = s.date AND c.n = s.n AND c.from_status IS s.from_status "
            "AND c.to_status = s.to_status AND c.reason IS s.reason"
        )
        counts.deleted = self.conn.execute(
            "DELETE FROM certificate_events WHERE id IN (SELECT c.id FROM temp.e_city c "  # noqa: S608
            f"WHERE NOT EXISTS (SELECT 1 FROM temp.e_src s WHERE {same}))"
        ).rowcount
        with bulk_inserts(self.conn, "certificate_events") as inserted:
            self.conn.execute(
                "INSERT INTO certificate_events (certificate_id, date, from_status, to_status, reason, batch_id) "  # noqa: S608
                "SELECT s.certificate_id, s.date, s.from_status, s.to_status, s.reason, ? FROM temp.e_src s "
                f"WHERE NOT EXISTS (SELECT 1 FROM temp.e_city c WHERE {same})",
                [self.batch],
            )
        counts.inserted = inserted.count
        counts.unchanged = self.conn.execute("SELECT COUNT(*) FROM temp.e_src").fetchone()[0] - inserted.count

    def total(self) -> Counts:
        total = Counts()
        for counts in self.tables.values():
            total.add(counts)
        return total
