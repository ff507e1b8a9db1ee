"""Importing a 1,048,575-row training sheet into the province register (300,000 officers and ~6.7
million training records already stored): the import's speed and memory should not depend on how
much the register already holds.

Uses the cached province database (province.py) on a copy; the sheet (generated once) spreads its rows
over the province's officers, dated in the year after the demo's. Usage:
python benchmarks/import_province_speed.py
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from import_speed import TRAINING_ROWS, measure, write_training  # noqa: E402
from province import OUT, PROVINCE_YEAR, province_db  # noqa: E402


def main() -> None:
    source = province_db()
    sheet = OUT / f"training-province-{TRAINING_ROWS}.xlsx"
    if not sheet.exists():
        started = time.perf_counter()
        with sqlite3.connect(source) as conn:
            numbers = [number for (number,) in conn.execute("SELECT id_number FROM officers ORDER BY id")]
        write_training(sheet, TRAINING_ROWS, numbers, year=PROVINCE_YEAR + 1)
        print(f"generated {sheet.name} in {time.perf_counter() - started:.0f} s")
    db = OUT / "import-province.db"
    for stale in OUT.glob(db.name + "*"):
        stale.unlink()
    shutil.copyfile(source, db)
    with sqlite3.connect(db) as conn:
        officers = conn.execute("SELECT COUNT(*) FROM officers").fetchone()[0]
        stored = conn.execute("SELECT COUNT(*) FROM training").fetchone()[0]
    read_s, read_mb, _, _ = measure("read", str(sheet))
    imp = measure("import", str(db), str(sheet))
    print(
        f"training {TRAINING_ROWS:,} rows into the province register ({officers:,} officers, {stored:,} training records)"
    )
    print(f"  bare calamine read:  {float(read_s):6.2f} s  {read_mb:>5} MB peak")
    print(f"  import:              {float(imp[0]):6.2f} s  {imp[1]:>5} MB peak  (target < 30 s)  "
          f"inserted {int(imp[2]):,}  rejected {int(imp[4]):,}  (cpu {imp[5]} s)")  # fmt: skip
    for stale in OUT.glob(db.name + "*"):
        stale.unlink()


if __name__ == "__main__":
    main()
