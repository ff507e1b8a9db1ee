"""How fast the files clerks really have import, as the clerk runs it: `lawtrain import FILE` as a
process of its own (interpreter start, imports, the register opened, exit), against the bare calamine
read of the same file as a process of its own, measured just before it in the same run.

Inputs (benchmarks/realistic.py, generated once into benchmarks/out/): a 100,000-row roster with
every date form, certificate columns, 300 units, phone numbers, padded names and full-width digits
(target: within 5x the bare read), imported into an empty register; and a training platform export
of 1,048,574 rows under a title row and the header, Excel's 1,048,576 rows (target: within 6x the
bare read), imported into the register the roster made.

Each figure is min / median / max of the runs (3 by default); the ratio is each run's import against
its own read. CPU seconds (user + system) are given too: on a shared machine they move less than the
clock. Usage:
    python benchmarks/import_speed.py [--runs N] [--small] [--before DIR] [--only roster|training]
`--before DIR` also imports with `lawtrain` from another checkout (the previous version), in each run
right after this one's read, so both meet the same load; `--code DIR` measures another checkout
alone; `--small` uses 10,000 / 100,000 rows.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import realistic  # noqa: E402
from processes import Run, bare_read, code_option, fresh, lawtrain, load, runs_option, spread  # noqa: E402

OUT = Path(__file__).parent / "out"
ROSTER_ROWS = 100_000
TRAINING_ROWS = 1_048_574  # data rows under a title row and the header: Excel's 1,048,576 rows


def report(label: str, reads: list[Run], imports: list[Run], loads: list[str], target: float) -> None:
    ratios = [imp.seconds / read.seconds for read, imp in zip(reads, imports, strict=True)]
    print(f"  {label}")
    print(f"    lawtrain import {spread([i.seconds for i in imports])}  cpu {spread([i.cpu for i in imports])}  "
          f"peak {max(i.peak_mb for i in imports):,.0f} MB  exit {sorted({i.status for i in imports})}")  # fmt: skip
    verdict = "ok" if max(ratios) <= target else "MISSED in a run"
    print(
        f"    ratio (each run against its own read) {spread(ratios, 'x', 1)}  target <= {target:g}x  {verdict}"
    )
    print("    runs (read -> import, load average): " + "; ".join(
        f"{r.seconds:.2f} -> {i.seconds:.2f} s ({load})"
        for r, i, load in zip(reads, imports, loads, strict=True)))  # fmt: skip


def measure(label: str, source: Path, codes: list[Path], runs: int, target: float, start) -> None:
    """`runs` rounds of: the bare read, then `lawtrain import` from each checkout into the register
    `start(code)` prepares."""
    reads: list[Run] = []
    imports: dict[Path, list[Run]] = {code: [] for code in codes}
    loads: list[str] = []
    for _ in range(runs):
        loads.append(load())
        reads.append(bare_read(source))
        for code in codes:
            db = start(code)
            imports[code].append(lawtrain(code, "--db", str(db), "import", str(source)))
    print(label)
    print(f"  bare calamine read  {spread([r.seconds for r in reads])}  cpu {spread([r.cpu for r in reads])}  "
          f"peak {max(r.peak_mb for r in reads):,.0f} MB")  # fmt: skip
    for code in codes:
        report(f"from {code}", reads, imports[code], loads, target)
        again = lawtrain(code, "--db", str(start(code, keep=True)), "import", str(source))
        print(f"    the same file again (all unchanged): {again.seconds:.2f} s, cpu {again.cpu:.2f} s")


def main(runs: int, small: bool, codes: list[Path], only: str | None) -> None:
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
    print(f"load average {load()} at the start")

    def db_of(code: Path) -> Path:
        return OUT / f"import-bench-{code.name}.db"

    def registered(code: Path) -> Path:
        """The register the roster made, for the training runs."""
        return OUT / f"import-bench-{code.name}-roster.db"

    def empty(code: Path, keep: bool = False) -> Path:
        if not keep:
            fresh(db_of(code))
        return db_of(code)

    def with_roster(code: Path, keep: bool = False) -> Path:
        if not keep:
            fresh(db_of(code))
            shutil.copyfile(registered(code), db_of(code))
        return db_of(code)

    for code in codes:  # the register of the roster, made by each version itself
        fresh(db_of(code))
        lawtrain(code, "--db", str(db_of(code)), "import", str(roster))
        fresh(registered(code))
        shutil.copyfile(db_of(code), registered(code))
    if only in (None, "roster"):
        title = (
            f"roster, {roster_rows:,} rows x {len(realistic.ROSTER_HEADER)} columns, into an empty register"
        )
        measure(title, roster, codes, runs, 5, empty)
    if only in (None, "training"):
        title = (f"training, {training_rows:,} rows x {len(realistic.TRAINING_HEADER)} columns, "
                 f"into the register of {roster_rows:,} officers")  # fmt: skip
        measure(title, training, codes, runs, 6, with_roster)
    print(f"load average {load()} at the end")


if __name__ == "__main__":
    args = sys.argv[1:]
    only = args[args.index("--only") + 1] if "--only" in args else None
    before = [Path(args[args.index("--before") + 1]).resolve()] if "--before" in args else []
    main(runs_option(args), "--small" in args, [*before, code_option(args)], only)
