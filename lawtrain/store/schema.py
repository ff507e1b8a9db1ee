"""The register's tables, versioned with sqlite-utils' Migrations.

Audit: triggers on every register table write each insert, update and delete into `audit`, with the
batch and operator taken from the one-row `audit_context` that `Store.batch()` fills for the length
of a transaction. Nothing can change a record without leaving its before and after. (A bulk insert
logs its rows in one statement instead of one trigger each: `store.bulk`.) An insert's
`after` is not copied (a 6-million-record import would double the file): the record as inserted is
the `before` of its first later change, or the record itself; `store.audit.history()` fills it in.

Hours: triggers keep `officer_year_hours` (hours per officer and year, total and countable) in the
same transaction as every change to `training`, so the 60-hour question is a lookup at any scale.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .number_search import create_indexes
from .script import run_script

migrations = Migrations("lawtrain")

# table -> columns recorded in the audit log (all but the primary key `id`), as m001 created them.
_AUDITED_M001: dict[str, tuple[str, ...]] = {
    "units": ("name", "kind"),
    "officers": (
        "id_number", "name", "sex", "birth_date", "unit_id", "position", "staffing", "status",
        "is_head", "head_term_start", "phone", "legal_qualification", "initials", "batch_id",
    ),
    "certificates": (
        "number", "officer_id", "kind", "issued", "expires", "authority", "status", "suspended_until", "batch_id",
    ),
    "certificate_events": ("certificate_id", "date", "from_status", "to_status", "reason", "batch_id"),
    "training": ("officer_id", "course", "category", "hours", "date", "year", "mode", "batch_id"),
    "exams": ("officer_id", "exam_name", "part", "date", "score", "absent", "batch_id"),
    "appraisals": ("officer_id", "year", "grade", "batch_id"),
    "advisers": (
        "name", "kind", "licence", "firm", "unit_id", "term_start", "term_end", "phone", "evaluation", "batch_id",
    ),
    "reviews": ("certificate_id", "year", "result", "reasons", "detail", "date", "batch_id"),
}  # fmt: skip
# Added by m008: a unit's county, the counties a city register holds, the listings a county lost.
_COUNTY_AUDITED: dict[str, tuple[str, ...]] = {
    "units": ("name", "kind", "county_id"),
    "counties": ("name", "source", "batch_id"),
    "county_claims": ("county_id", "kind", "id_number", "name", "unit", "status", "number", "batch_id"),
}
# Added by m010: the notice rounds sent to units.
_NOTICES_AUDITED: dict[str, tuple[str, ...]] = {
    "notices": (
        "year",
        "as_of",
        "deadline",
        "unit_id",
        "file",
        "counts",
        "findings",
        "since_last",
        "batch_id",
    ),
}
# table -> columns recorded in the audit log now.
AUDITED: dict[str, tuple[str, ...]] = {**_AUDITED_M001, **_COUNTY_AUDITED, **_NOTICES_AUDITED}

_TABLES = """
CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,              -- import, demo, edit, cert, review, undo ...
    source TEXT,                     -- file name or command
    operator TEXT NOT NULL,
    started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    summary TEXT,                    -- JSON counts
    undone_by INTEGER REFERENCES batches(id),
    undoes INTEGER REFERENCES batches(id)
);
CREATE TABLE audit_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    batch_id INTEGER,
    operator TEXT
);
INSERT INTO audit_context (id) VALUES (1);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER,
    operator TEXT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before TEXT,
    after TEXT
);
CREATE INDEX audit_batch ON audit (batch_id);
CREATE INDEX audit_row ON audit (table_name, row_id);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT                         -- 部门 / 乡镇
);
CREATE TABLE officers (
    id INTEGER PRIMARY KEY,
    id_number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    position TEXT,
    staffing TEXT,
    status TEXT NOT NULL DEFAULT '在岗',
    is_head INTEGER NOT NULL DEFAULT 0,
    head_term_start TEXT,
    phone TEXT,
    legal_qualification INTEGER NOT NULL DEFAULT 0,
    initials TEXT NOT NULL DEFAULT '',  -- pinyin initials of the name, for search
    batch_id INTEGER REFERENCES batches(id)
);
CREATE INDEX officers_unit ON officers (unit_id, status);
CREATE INDEX officers_name ON officers (name);
CREATE INDEX officers_initials ON officers (initials);
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    officer_id INTEGER NOT NULL REFERENCES officers(id),
    kind TEXT NOT NULL DEFAULT '执法证' CHECK (kind IN ('执法证', '监督证')),
    issued TEXT NOT NULL,
    expires TEXT NOT NULL,
    authority TEXT,
    status TEXT NOT NULL DEFAULT '有效' CHECK (status IN ('有效', '暂扣', '注销', '吊销')),
    suspended_until TEXT,
    batch_id INTEGER REFERENCES batches(id)
);
CREATE INDEX certificates_officer ON certificates (officer_id, status);
CREATE INDEX certificates_expires ON certificates (status, expires);
CREATE TABLE certificate_events (
    id INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificates(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT,
    batch_id INTEGER REFERENCES batches(id)
);
CREATE INDEX certificate_events_cert ON certificate_events (certificate_id, date);
CREATE TABLE training (
    id INTEGER PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES officers(id),
    course TEXT NOT NULL,
    category TEXT,
    hours REAL NOT NULL CHECK (hours > 0),
    date TEXT NOT NULL,
    year INTEGER NOT NULL,
    mode TEXT,                        -- 线上 / 线下 / 脱产
    batch_id INTEGER REFERENCES batches(id),
    UNIQUE (officer_id, course, date)
);
CREATE INDEX training_year_officer ON training (year, officer_id);
CREATE TABLE excluded_categories (category TEXT PRIMARY KEY);  -- mirrors settings, see store
CREATE TABLE officer_year_hours (
    officer_id INTEGER NOT NULL,
    year INTEGER NOT NULL,
    total REAL NOT NULL DEFAULT 0,
    countable REAL NOT NULL DEFAULT 0,
    records INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (officer_id, year)
) WITHOUT ROWID;
CREATE INDEX officer_year_hours_year ON officer_year_hours (year, countable);
CREATE TABLE exams (
    id INTEGER PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES officers(id),
    exam_name TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('通用', '专门')),
    date TEXT NOT NULL,
    score REAL,
    absent INTEGER NOT NULL DEFAULT 0,
    batch_id INTEGER REFERENCES batches(id),
    UNIQUE (officer_id, exam_name, part, date)
);
CREATE TABLE appraisals (
    id INTEGER PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES officers(id),
    year INTEGER NOT NULL,
    grade TEXT NOT NULL CHECK (grade IN ('优秀', '称职', '基本称职', '不称职')),
    batch_id INTEGER REFERENCES batches(id),
    UNIQUE (officer_id, year)
);
CREATE TABLE advisers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    licence TEXT,
    firm TEXT,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    term_start TEXT NOT NULL,
    term_end TEXT NOT NULL,
    phone TEXT,
    evaluation TEXT,
    batch_id INTEGER REFERENCES batches(id),
    UNIQUE (name, unit_id, term_start)
);
CREATE INDEX advisers_unit ON advisers (unit_id, term_end);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificates(id),
    year INTEGER NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
    reasons TEXT NOT NULL DEFAULT '[]',   -- JSON list of reason codes
    detail TEXT,
    date TEXT NOT NULL,
    batch_id INTEGER REFERENCES batches(id),
    UNIQUE (certificate_id, year)
);
"""

# The hours of NEW added to, and of OLD taken from, its officer's sums for its year.
_ADD_NEW = """
    INSERT INTO officer_year_hours (officer_id, year, total, countable, records)
    VALUES (NEW.officer_id, NEW.year, NEW.hours,
            CASE WHEN NEW.category IN (SELECT category FROM excluded_categories) THEN 0 ELSE NEW.hours END, 1)
    ON CONFLICT (officer_id, year) DO UPDATE SET
        total = total + excluded.total, countable = countable + excluded.countable, records = records + 1;
"""
_TAKE_OLD = """
    UPDATE officer_year_hours SET
        total = total - OLD.hours,
        countable = countable
            - CASE WHEN OLD.category IN (SELECT category FROM excluded_categories) THEN 0 ELSE OLD.hours END,
        records = records - 1
    WHERE officer_id = OLD.officer_id AND year = OLD.year;
    DELETE FROM officer_year_hours WHERE officer_id = OLD.officer_id AND year = OLD.year AND records <= 0;
"""
_HOURS_TRIGGERS = f"""
CREATE TRIGGER training_hours_insert AFTER INSERT ON training BEGIN{_ADD_NEW}END;
CREATE TRIGGER training_hours_delete AFTER DELETE ON training BEGIN{_TAKE_OLD}END;
CREATE TRIGGER training_hours_update AFTER UPDATE OF officer_id, year, hours, category ON training
BEGIN{_TAKE_OLD}{_ADD_NEW}END;
"""


def _json_object(prefix: str, columns: tuple[str, ...]) -> str:
    pairs = ", ".join(f"'{column}', {prefix}.{column}" for column in ("id", *columns))
    return f"json_object({pairs})"


_CONTEXT = (
    "(SELECT batch_id FROM audit_context WHERE id = 1), (SELECT operator FROM audit_context WHERE id = 1)"
)
_LOG = "INSERT INTO audit (batch_id, operator, table_name, row_id, action, before, after)"


def audit_triggers(table: str, columns: tuple[str, ...]) -> str:
    """Triggers that log every insert, update and delete of `table` with batch and operator."""
    context, insert = _CONTEXT, _LOG
    new, old = _json_object("NEW", columns), _json_object("OLD", columns)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    # DDL built from our own table and column names (AUDITED), never from input.
    return f"""
CREATE TRIGGER audit_{table}_insert AFTER INSERT ON {table} BEGIN
    {insert} VALUES ({context}, '{table}', NEW.id, 'insert', NULL, NULL);
END;
CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table} WHEN {changed} BEGIN
    {insert} VALUES ({context}, '{table}', NEW.id, 'update', {old}, {new});
END;
CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {table} BEGIN
    {insert} VALUES ({context}, '{table}', OLD.id, 'delete', {old}, NULL);
END;
"""  # noqa: S608


@migrations()
def m001_register(db: Database) -> None:
    run_script(db, _TABLES)
    run_script(db, _HOURS_TRIGGERS)
    for table, columns in _AUDITED_M001.items():
        run_script(db, audit_triggers(table, columns))


@migrations()
def m002_check_indexes(db: Database) -> None:
    # Covers "certificate valid on a date" (status, issue and expiry) with its officer, so the checks
    # and statistics read the valid certificates from the index alone.
    db.execute(
        "CREATE INDEX IF NOT EXISTS certificates_valid ON certificates (status, expires, issued, officer_id)"
    )


@migrations()
def m003_hours_triggers_exists(db: Database) -> None:
    # `category IN (SELECT category FROM excluded_categories)` ran the subquery for every training row
    # the triggers saw; EXISTS probes the table's key instead (~1.5 µs a row, 1.5 s of a 1M-row
    # import). The same answer, NULL categories included (counted).
    for action in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER IF EXISTS training_hours_{action}")
    run_script(db, _probing(_probing(_HOURS_TRIGGERS, "NEW"), "OLD"))


def _probing(sql: str, row: str) -> str:
    """`sql` with the category test of `row` (NEW or OLD) as a probe of the excluded categories' key."""
    return sql.replace(
        f"{row}.category IN (SELECT category FROM excluded_categories)",  # noqa: S608
        f"EXISTS (SELECT 1 FROM excluded_categories WHERE category = {row}.category)",  # noqa: S608
    )


def _audit_insert_trigger(table: str) -> str:
    """The insert trigger of `table`, held back while `audit_context.bulk` names the table: a
    set-based insert then logs its rows itself, in one statement (see store.bulk)."""
    return f"""
CREATE TRIGGER audit_{table}_insert AFTER INSERT ON {table}
WHEN (SELECT bulk FROM audit_context WHERE id = 1) IS NOT '{table}' BEGIN
    {_LOG} VALUES ({_CONTEXT}, '{table}', NEW.id, 'insert', NULL, NULL);
END;
"""  # noqa: S608 (our own table names)


def audit_triggers_held_back(table: str, columns: tuple[str, ...], keep: str = "") -> str:
    """The audit triggers as they stand since m004 (the insert held back during bulk inserts, see
    store.bulk), for a table created later; `keep`: a condition on the row (as {row}.column) that the
    logged rows meet."""
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    new, old = _json_object("NEW", columns), _json_object("OLD", columns)
    on_new, on_old = (
        (f" AND {keep.format(row='NEW')}", f" WHEN {keep.format(row='OLD')}") if keep else ("", "")
    )
    insert = _audit_insert_trigger(table).replace(
        f"IS NOT '{table}' BEGIN", f"IS NOT '{table}'{on_new} BEGIN"
    )
    # DDL built from our own table and column names, never from input.
    return f"""{insert}
CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table} WHEN ({changed}){on_new} BEGIN
    {_LOG} VALUES ({_CONTEXT}, '{table}', NEW.id, 'update', {old}, {new});
END;
CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {table}{on_old} BEGIN
    {_LOG} VALUES ({_CONTEXT}, '{table}', OLD.id, 'delete', {old}, NULL);
END;
"""  # noqa: S608


@migrations()
def m004_bulk_insert_audit(db: Database) -> None:
    # A row trigger costs ~4 µs a row however little it does; one INSERT … SELECT over the rows a bulk
    # statement inserted costs ~1.5 µs. The triggers still log every other insert.
    db.execute("ALTER TABLE audit_context ADD COLUMN bulk TEXT")
    for table in _AUDITED_M001:
        db.execute(f"DROP TRIGGER IF EXISTS audit_{table}_insert")
        run_script(db, _audit_insert_trigger(table))


@migrations()
def m005_bulk_insert_hours(db: Database) -> None:
    # The hours trigger costs ~2 µs a row on insert (2.3 s of a 1M-row import); a bulk insert holds it
    # back like the audit trigger and adds the sums of its rows per officer and year (ADD_HOURS_ABOVE).
    db.execute("DROP TRIGGER IF EXISTS training_hours_insert")
    held_back = "WHEN (SELECT bulk FROM audit_context WHERE id = 1) IS NOT 'training'"
    add_new = _probing(_ADD_NEW, "NEW")
    run_script(
        db, f"CREATE TRIGGER training_hours_insert AFTER INSERT ON training {held_back} BEGIN{add_new}END;"
    )


@migrations()
def m006_number_search(db: Database) -> None:
    # Any run of 4 or more characters inside an ID number or a certificate number (a clerk's "尾号
    # 3183"): FTS5 trigram tables kept by triggers, filled here for an existing register.
    create_indexes(db)


def migration_names() -> list[str]:
    """Every migration this version knows, in order (what a register it writes has applied)."""
    return [migration.name for migration in migrations.pending(Database(memory=True))]


# A training row `{row}` (NEW or OLD) is in a category that does not count in its own year: settings may
# change the excluded categories from a year on, and each year keeps the categories of its own rules.
def _excluded(row: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM excluded_categories e WHERE e.category = {row}.category "  # noqa: S608
        f"AND {row}.year BETWEEN e.first_year AND e.last_year)"
    )


_BULK_HELD_BACK = "WHEN (SELECT bulk FROM audit_context WHERE id = 1) IS NOT 'training'"
_ADD_NEW_BY_YEAR = f"""
    INSERT INTO officer_year_hours (officer_id, year, total, countable, records)
    VALUES (NEW.officer_id, NEW.year, NEW.hours, CASE WHEN {_excluded("NEW")} THEN 0 ELSE NEW.hours END, 1)
    ON CONFLICT (officer_id, year) DO UPDATE SET
        total = total + excluded.total, countable = countable + excluded.countable, records = records + 1;
"""  # noqa: S608 (our own fragments)
_TAKE_OLD_BY_YEAR = f"""
    UPDATE officer_year_hours SET
        total = total - OLD.hours,
        countable = countable - CASE WHEN {_excluded("OLD")} THEN 0 ELSE OLD.hours END,
        records = records - 1
    WHERE officer_id = OLD.officer_id AND year = OLD.year;
    DELETE FROM officer_year_hours WHERE officer_id = OLD.officer_id AND year = OLD.year AND records <= 0;
"""  # noqa: S608 (our own fragments)
_HOURS_TRIGGERS_BY_YEAR = f"""
CREATE TRIGGER training_hours_insert AFTER INSERT ON training {_BULK_HELD_BACK} BEGIN{_ADD_NEW_BY_YEAR}END;
CREATE TRIGGER training_hours_delete AFTER DELETE ON training BEGIN{_TAKE_OLD_BY_YEAR}END;
CREATE TRIGGER training_hours_update AFTER UPDATE OF officer_id, year, hours, category ON training
BEGIN{_TAKE_OLD_BY_YEAR}{_ADD_NEW_BY_YEAR}END;
"""
ADD_HOURS_ABOVE = f"""
INSERT INTO officer_year_hours (officer_id, year, total, countable, records)
SELECT officer_id, year, SUM(hours), SUM(CASE WHEN {_excluded("t")} THEN 0 ELSE hours END), COUNT(*)
FROM training t NOT INDEXED WHERE t.id > ?1 GROUP BY officer_id, year
ON CONFLICT (officer_id, year) DO UPDATE SET
    total = total + excluded.total, countable = countable + excluded.countable, records = records + excluded.records
"""  # noqa: S608 (our own fragments)
REBUILD_HOURS = f"""
DELETE FROM officer_year_hours;
INSERT INTO officer_year_hours (officer_id, year, total, countable, records)
SELECT officer_id, year, SUM(hours), SUM(CASE WHEN {_excluded("t")} THEN 0 ELSE hours END), COUNT(*)
FROM training t GROUP BY officer_id, year;
"""  # noqa: S608 (our own fragments)


@migrations()
def m007_excluded_categories_by_year(db: Database) -> None:
    # Settings may change the categories that do not count from a year on ([changes.YEAR.training]);
    # each span of years is a row, and the hours triggers probe the span of the record's own year.
    for action in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER IF EXISTS training_hours_{action}")
    run_script(
        db,
        """
        CREATE TABLE excluded_categories_by_year (
            category TEXT NOT NULL,
            first_year INTEGER NOT NULL,
            last_year INTEGER NOT NULL,
            PRIMARY KEY (category, first_year)
        );
        INSERT INTO excluded_categories_by_year SELECT category, 0, 9999 FROM excluded_categories;
        DROP TABLE excluded_categories;
        ALTER TABLE excluded_categories_by_year RENAME TO excluded_categories;
    """,
    )
    run_script(db, _HOURS_TRIGGERS_BY_YEAR)


@migrations(transactional=False)
def m008_counties(db: Database) -> None:
    # Counties in the register and units unique per (county, name): see store/county_schema.py.
    from .county_schema import add_counties

    add_counties(db, _COUNTY_AUDITED)


def excluded_in_year_sql(category: str, year: str) -> str:
    """The test that `category` (a column) does not count in the year `year` (a parameter): the
    excluded categories the hours sums are kept by, as one set for the year (cheaper than a probe per
    row), for queries that sum the records of one year themselves."""
    return (
        f"{category} IN (SELECT e.category FROM excluded_categories e "  # noqa: S608
        f"WHERE {year} BETWEEN e.first_year AND e.last_year)"
    )


@migrations()
def m009_training_year_officer_date(db: Database) -> None:
    # The countable hours as of a date inside the year (the forecast, the notices) are the year's sums
    # less the officer's records dated after it (lawtrain.hours.countable_as_of): this index reads
    # them with one probe per officer, without touching the table. It extends (year, officer_id),
    # which no query needs on its own since the sums are kept in officer_year_hours, so it replaces it:
    # one index to keep up on import, not two.
    db.execute(
        "CREATE INDEX IF NOT EXISTS training_year_officer_date "
        "ON training (year, officer_id, date, hours, category)"
    )
    db.execute("DROP INDEX IF EXISTS training_year_officer")


@migrations()
def m010_notices(db: Database) -> None:
    # One row per unit and notice round (`lawtrain notices`): what its notice listed, per list, so that
    # the next round says what was resolved since. A round is one batch; undo takes it back.
    run_script(
        db,
        """
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            year INTEGER NOT NULL,            -- the training year the round is about
            as_of TEXT NOT NULL,              -- the date the findings were judged on, printed on the notice
            deadline TEXT NOT NULL,
            unit_id INTEGER NOT NULL REFERENCES units(id),
            file TEXT NOT NULL,               -- the unit's workbook, as named in the round's folder
            counts TEXT NOT NULL,             -- JSON: list name -> findings
            findings TEXT NOT NULL,           -- JSON: list name -> [what identifies each finding]
            since_last TEXT,                  -- JSON: what the notice said changed since the unit's last one
            batch_id INTEGER REFERENCES batches(id)
        );
        CREATE INDEX notices_unit ON notices (unit_id, year);
        """,
    )
    run_script(db, audit_triggers_held_back("notices", AUDITED["notices"]))


@migrations()
def m011_drop_unused_index(db: Database) -> None:
    # certificates_valid (status, expires, issued, officer_id) begins with (status, expires): it serves
    # every query the shorter index did, which cost each certificate written an entry of its own.
    db.execute("DROP INDEX IF EXISTS certificates_expires")


def migrate(db: Database) -> None:
    """Apply every pending migration (each in its own transaction, see Store._bring_up_to_date)."""
    migrations.apply(db)
