"""The tables that let one register hold several counties (区县), created by migration m008.

A city justice bureau's register holds its own jurisdiction (county 1, named after the settings) and
the counties rolled up from their own registers (`lawtrain rollup add`). Every unit belongs to one
county, and unit names are unique within a county: two counties may each have a 城关镇人民政府.
Units created without a county (imports, forms, the demo) belong to county 1 by the column default.
"""

from __future__ import annotations

from sqlite_utils import Database

from .schema import audit_triggers_held_back

OWN_COUNTY = 1  # the id of the register's own jurisdiction in `counties`
# The own jurisdiction's name until the clerk sets it up (`lawtrain setup --name`).
UNNAMED_OWN_COUNTY = "本辖区"

COUNTY_TABLES = f"""
CREATE TABLE IF NOT EXISTS counties (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    source TEXT,                      -- the county register last rolled up; NULL for the own jurisdiction
    batch_id INTEGER REFERENCES batches(id)  -- the roll-up that last added it (its time: the batch's)
);
INSERT OR IGNORE INTO counties (id, name) VALUES ({OWN_COUNTY}, '{UNNAMED_OWN_COUNTY}');
CREATE TABLE IF NOT EXISTS county_claims (
    id INTEGER PRIMARY KEY,
    county_id INTEGER NOT NULL REFERENCES counties(id),  -- the county whose register lists it
    kind TEXT NOT NULL CHECK (kind IN ('transfer', 'conflict', 'certificate')),
    id_number TEXT NOT NULL,          -- the officer as that county's register lists them
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    status TEXT NOT NULL,
    number TEXT,                      -- kind certificate: the number another holder has in the register
    batch_id INTEGER REFERENCES batches(id)
);
CREATE INDEX IF NOT EXISTS county_claims_county ON county_claims (county_id);
"""  # noqa: S608 (our own constants)

# Units unique per (county, name), ids kept; run with foreign keys off (the officers, advisers and
# their indexes point at `units` by name and find the new table under it).
UNITS_BY_COUNTY = f"""
CREATE TABLE units_by_county (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,                        -- 部门 / 乡镇
    county_id INTEGER NOT NULL DEFAULT {OWN_COUNTY} REFERENCES counties(id),
    UNIQUE (county_id, name)
);
INSERT INTO units_by_county (id, name, kind) SELECT id, name, kind FROM units;
DROP TABLE units;
ALTER TABLE units_by_county RENAME TO units;
CREATE INDEX units_name ON units (name);
"""  # noqa: S608 (our own constants)


def add_counties(db: Database, audited: dict[str, tuple[str, ...]]) -> None:
    """Migration m008. The units rebuild is allowed by SQLite with foreign keys off only (dropping the
    old table would otherwise check every officer against it), so it runs in a transaction of its
    own; a repeat after a crash finds the work done and skips it. `audited`: the tables (and their
    columns) whose audit triggers it creates. County 1, the own jurisdiction, mirrors the settings
    (named each time the register opens, like excluded_categories): its row is not a record, not logged."""
    conn = db.conn
    conn.commit()
    keys_on = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        done = any(row[1] == "county_id" for row in conn.execute("PRAGMA table_info(units)"))
        script = [COUNTY_TABLES, "" if done else UNITS_BY_COUNTY]
        for table, columns in audited.items():
            script.extend(
                f"DROP TRIGGER IF EXISTS audit_{table}_{a};" for a in ("insert", "update", "delete")
            )
            keep = f"{{row}}.id <> {OWN_COUNTY}" if table == "counties" else ""
            script.append(audit_triggers_held_back(table, columns, keep))
        conn.executescript("BEGIN;" + "\n".join(script) + "\nCOMMIT;")
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"m008: foreign keys broken after the units rebuild: {problems[:5]}")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {'ON' if keys_on else 'OFF'}")
