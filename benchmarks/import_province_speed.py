"""Importing a training platform export of 1,048,574 rows into the province register (300,000 officers
and ~6.7 million training records already stored): the import's speed and memory should not depend on
how much the register already holds.

`lawtrain import` as a process, on a copy of the cached province database (province.py), against the
bare read of the same file; the export (benchmarks/realistic.py, generated once) spreads its rows over
the province's officers, dated in the year after the demo's. Usage:
    python benchmarks/import_province_speed.py [--runs N] [--before DIR]
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import realistic  # noqa: E402
from import_speed import TRAINING_ROWS  # noqa: E402
from processes import Run, bare_read, code_option, fresh, lawtrain, load, runs_option, spread  # noqa: E402
from province import OUT, PROVINCE_YEAR, province_db  # noqa: E402


def main(runs: int, codes: list[Path]) -> None:
    source = province_db()
    sheet = OUT / f"training-province-real-{TRAINING_ROWS}.xlsx"
    if not sheet.exists():
        started = time.perf_counter()
        with sqlite3.connect(source) as conn:
            everyone = [
                (number, name, date.fromisoformat(born), unit)
                for number, name, born, unit in conn.execute(
                    "SELECT o.id_number, o.name, o.birth_date, u.name FROM officers o "
                    "JOIN units u ON u.id = o.unit_id ORDER BY o.id"
                )
            ]
        realistic.write_training(sheet, TRAINING_ROWS, everyone, year=PROVINCE_YEAR + 1)
        print(f"generated {sheet.name} in {time.perf_counter() - started:.0f} s")
    db = OUT / "import-province.db"
    with sqlite3.connect(source) as conn:
        officers = conn.execute("SELECT COUNT(*) FROM officers").fetchone()[0]
        stored = conn.execute("SELECT COUNT(*) FROM training").fetchone()[0]
    reads: list[Run] = []
    imports: dict[Path, list[Run]] = {code: [] for code in codes}
    loads = []
    for _ in range(runs):
        loads.append(load())
        reads.append(bare_read(sheet))
        for code in codes:
            fresh(db)
            shutil.copyfile(source, db)
            imports[code].append(lawtrain(code, "--db", str(db), "import", str(sheet)))
    print(f"training {TRAINING_ROWS:,} rows into the province register ({officers:,} officers, "
          f"{stored:,} training records); load average at each run's start: {', '.join(loads)}")  # fmt: skip
    print(
        f"  bare calamine read  {spread([r.seconds for r in reads])}  peak {max(r.peak_mb for r in reads):,.0f} MB"
    )
    for code in codes:
        found = imports[code]
        ratios = [i.seconds / r.seconds for r, i in zip(reads, found, strict=True)]
        print(f"  lawtrain import from {code}: {spread([i.seconds for i in found])}  "
              f"cpu {spread([i.cpu for i in found])}  peak {max(i.peak_mb for i in found):,.0f} MB  "
              f"({spread(ratios, 'x', 1)} the read)  exit {sorted({i.status for i in found})}")  # fmt: skip
    fresh(db)


if __name__ == "__main__":
    args = sys.argv[1:]
    before = [Path(args[args.index("--before") + 1]).resolve()] if "--before" in args else []
    main(runs_option(args, default=1), [*before, code_option(args)])
