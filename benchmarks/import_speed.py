"""How fast the files clerks really have import, as the clerk runs it: `lawtrain import FILE` as a
process of its own (interpreter start, imports, the register opened, exit), against the bare
calamine read of the same file as a process of its own, in the same run.

Inputs (benchmarks/realistic.py, generated once into benchmarks/out/): a 100,000-row roster with
every date form, certificate columns, 300 units, phone numbers, padded names and full-width digits
(target: within 5x the bare read), and a training platform export of 1,048,574 rows under a title
row and the header, Excel's 1,048,576 rows (target: within 6x the bare read), imported into the
register the roster made.

Each figure is min/median/max of the runs (3 by default), each beside the bare read of the same run;
peak memory is the process's own max RSS. Usage:
    python benchmarks/import_speed.py [--runs N] [--small] [--code DIR]
`--code DIR` runs `lawtrain` from another checkout (to measure the previous version on the same
files); `--small` uses 10,000 / 100,000 rows.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import realistic  # noqa: E402

OUT = Path(__file__).parent / "out"
ROSTER_ROWS = 100_000
TRAINING_ROWS = 1_048_574  # data rows under a title row and the header: Excel's 1,048,576 rows


def run_process(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MB) and exit status of one process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, child.returncode


def bare_read(path: Path) -> tuple[float, float, int]:
    """The reference: every row of the first sheet as Python values, in a process of its own."""
    code = (
        "import python_calamine as c; "
        f"sum(1 for _ in c.CalamineWorkbook.from_path({str(path)!r}).get_sheet_by_index(0).iter_rows())"
    )
    return run_process([sys.executable, "-c", code], ROOT)


def lawtrain_import(db: Path, path: Path, code: Path) -> tuple[float, float, int]:
    """`lawtrain --db DB import FILE` run from the checkout `code`."""
    env = {**os.environ, "PYTHONPATH": str(code), "LAWTRAIN_OPERATOR": "bench"}
    return run_process([sys.executable, "-m", "lawtrain", "--db", str(db), "import", str(path)], code, env)


def fresh(db: Path) -> None:
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()


def copy_db(source: Path, target: Path) -> None:
    fresh(target)
    shutil.copyfile(source, target)


def spread(values: list[float], unit: str = "s", digits: int = 2) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f} {unit}"


def report(label: str, reads: list[tuple], imports: list[tuple], target: float) -> None:
    ratios = [imp[0] / read[0] for read, imp in zip(reads, imports, strict=True)]
    codes = sorted({imp[2] for imp in imports})
    verdict = "ok" if statistics.median(ratios) <= target else "MISSED"
    print(f"{label}")
    print(f"  bare calamine read (min/median/max): {spread([r[0] for r in reads])}, "
          f"peak {max(r[1] for r in reads):,.0f} MB")  # fmt: skip
    print(f"  lawtrain import    (min/median/max): {spread([i[0] for i in imports])}, "
          f"peak {max(i[1] for i in imports):,.0f} MB, exit {codes}")  # fmt: skip
    print(
        f"  ratio, each run against its own read: {spread(ratios, 'x', 1)}  target <= {target:g}x  {verdict}"
    )
    print(
        "  runs: " + "; ".join(f"{r[0]:.2f} s -> {i[0]:.2f} s" for r, i in zip(reads, imports, strict=True))
    )


def main(runs: int, small: bool, code: Path) -> None:
    OUT.mkdir(exist_ok=True)
    roster_rows = 10_000 if small else ROSTER_ROWS
    training_rows = 100_000 if small else TRAINING_ROWS
    roster = OUT / f"roster-real-{roster_rows}.xlsx"
    training = OUT / f"training-real-{training_rows}.xlsx"
    if not roster.exists() or not training.exists():
        started = time.perf_counter()
        everyone = realistic.write_roster(roster, roster_rows)
        realistic.write_training(training, training_rows, everyone)
        print(f"generated {roster.name} and {training.name} in {time.perf_counter() - started:.0f} s")
    print(f"code: {code}")
    db = OUT / "import-bench.db"
    registered = OUT / "import-bench-roster.db"  # the register after the roster, for the training runs
    reads, imports = [], []
    for _ in range(runs):
        fresh(db)
        reads.append(bare_read(roster))
        imports.append(lawtrain_import(db, roster, code))
    shutil.copyfile(db, registered)
    report(f"roster {roster_rows:,} rows x {len(realistic.ROSTER_HEADER)} columns", reads, imports, 5)
    again = lawtrain_import(db, roster, code)
    print(f"  the same file again (all unchanged): {again[0]:.2f} s, peak {again[1]:,.0f} MB")
    reads, imports = [], []
    for _ in range(runs):
        copy_db(registered, db)
        reads.append(bare_read(training))
        imports.append(lawtrain_import(db, training, code))
    report(f"training {training_rows:,} rows x {len(realistic.TRAINING_HEADER)} columns", reads, imports, 6)
    again = lawtrain_import(db, training, code)
    print(f"  the same file again (all unchanged): {again[0]:.2f} s, peak {again[1]:,.0f} MB")


if __name__ == "__main__":
    args = sys.argv[1:]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
    code = Path(args[args.index("--code") + 1]).resolve() if "--code" in args else ROOT
    main(runs, "--small" in args, code)
