"""Speed of the compliance checks, statistics and explain at province scale (300,000 officers,
~6.7 million training records), on the cached demo database; county scale for comparison.

Targets (benchmarks/README.md), as processes from start to exit: every check together
(`lawtrain check --json`) <= 3 s, `lawtrain check training-hours` <= 1 s; the command line never
imports the UI. Each command runs 3 times (min / median / max), with its CPU seconds.

    python benchmarks/checks_speed.py [--runs N] [--before DIR] [--commands]

`--before DIR` runs the commands from another checkout too (the previous version), in each run right
after this one, and compares the JSON of every check byte for byte; `--commands` skips the in-process
figures per check.
"""

from __future__ import annotations

import hashlib
import os
import statistics as st
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from processes import Run, code_option, lawtrain, load, runs_option, spread  # noqa: E402
from province import OUT, PROVINCE_YEAR, build_demo, province_db  # noqa: E402

from lawtrain.checks import CATALOGUE, run_checks  # noqa: E402
from lawtrain.checks.training import subjects_sql  # noqa: E402
from lawtrain.explain import explain  # noqa: E402
from lawtrain.stats import statistics  # noqa: E402
from lawtrain.store import Store  # noqa: E402

YEAR = PROVINCE_YEAR
AS_OF = date(YEAR, 12, 31)
COUNTY = OUT / "checks-county-2000.db"


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return st.median(times)


def command_seconds(db: Path, *args: str, runs: int = 3) -> tuple[float, int]:
    """Median wall time of the real command line (interpreter start and imports included)."""
    argv = [sys.executable, "-m", "lawtrain", "--db", str(db), *args]
    codes = []

    def once() -> None:
        codes.append(
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
        )

    return median_seconds(once, runs), codes[-1]


def report(label: str, seconds: float, target: float | None = None) -> None:
    verdict = "" if target is None else f"  target < {target:g} s  {'ok' if seconds < target else 'MISSED'}"
    print(f"  {label:<44} {seconds:7.3f} s{verdict}", flush=True)


def plan(store: Store) -> None:
    from lawtrain.checks import RunParams

    sql, values = subjects_sql(RunParams(store, YEAR, AS_OF), short=True)
    print("  plan of training-hours:")
    for row in store.db.execute("EXPLAIN QUERY PLAN " + sql, values):
        print(f"    {row[3]}")


def province() -> None:
    db = province_db()
    with Store(db) as store:  # applies any pending migration (indexes) before timing
        officers = store.count("officers")
        training = store.db.execute("SELECT COUNT(*) FROM training").fetchone()[0]
        print(f"province: {officers:,} officers, {training:,} training records ({db.name})")
        run_checks(store, ["training-hours"], year=YEAR, as_of=AS_OF)  # warm the page cache
        short = len(run_checks(store, ["training-hours"], year=YEAR, as_of=AS_OF).results[0].findings)
        seconds = median_seconds(lambda: run_checks(store, ["training-hours"], year=YEAR, as_of=AS_OF), 5)
        report(f"training-hours, query ({short:,} findings)", seconds, 1)
        whole = median_seconds(lambda: run_checks(store, year=YEAR, as_of=AS_OF), 3)
        report("every check together, query", whole, 6)
        for name in CATALOGUE:
            started = time.perf_counter()
            found = len(run_checks(store, [name], year=YEAR, as_of=AS_OF).results[0].findings)
            report(f"  {name} ({found:,})", time.perf_counter() - started)
        report("stats, query", median_seconds(lambda: statistics(store, YEAR, AS_OF), 3))
        someone = store.db.execute("SELECT id_number FROM officers WHERE id = 4242").fetchone()[0]
        report("explain one officer", median_seconds(lambda: explain(store, someone, YEAR, AS_OF), 3), 1)
        plan(store)
    out = OUT / "checks-province.xlsx"
    seconds, _ = command_seconds(
        db, "check", "training-hours", "--year", str(YEAR), "--out", str(out), runs=1
    )
    report("command: check training-hours --out .xlsx", seconds)


def county() -> None:
    if not COUNTY.exists():
        build_demo(COUNTY, 2000)
    with Store(COUNTY) as store:
        print(f"county: {store.count('officers'):,} officers")
        report(
            "every check together, query",
            median_seconds(lambda: run_checks(store, year=YEAR, as_of=AS_OF), 5),
        )
    seconds, _ = command_seconds(COUNTY, "check", "--year", str(YEAR))
    report("command: check (every check)", seconds)


def ui_free() -> None:
    code = "import sys, lawtrain.cli.main, lawtrain.checks, lawtrain.stats, lawtrain.explain; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    print(f"  textual imported by the command line: {done.stdout.strip()}")


COMMANDS = (
    ("check --json (every check)", ("check", "--json"), 3),
    ("check training-hours", ("check", "training-hours"), 1),
    ("check training-hours --json", ("check", "training-hours", "--json"), 1),
    ("check (every check, terminal table)", ("check",), None),
)


def commands(runs: int, codes: list[Path]) -> None:
    """Each command as the clerk runs it, a process from start to exit (output discarded), `runs`
    times, each checkout in turn in every run; and the JSON of every check compared byte for byte."""
    db = province_db()
    dates = ("--year", str(YEAR), "--as-of", AS_OF.isoformat())
    outputs = []
    for code in codes:
        env = {**os.environ, "PYTHONPATH": str(code)}
        argv = [sys.executable, "-m", "lawtrain", "--db", str(db), "check", "--json", *dates]
        done = subprocess.run(argv, cwd=code, env=env, capture_output=True, check=False)
        outputs.append(hashlib.sha256(done.stdout).hexdigest())
        print(f"  check --json from {code}: {len(done.stdout):,} bytes, sha256 {outputs[-1][:16]}")
    if len(codes) > 1:
        print(f"  the JSON of every check is {'identical' if len(set(outputs)) == 1 else 'DIFFERENT'}")
    for label, args, target in COMMANDS:
        found: dict[Path, list[Run]] = {code: [] for code in codes}
        loads = []
        for _ in range(runs):
            loads.append(load())
            for code in codes:
                found[code].append(lawtrain(code, "--db", str(db), *args, *dates))
        print(f"  {label} (load average at each run's start: {', '.join(loads)})")
        for code in codes:
            times = [r.seconds for r in found[code]]
            verdict = (
                ""
                if target is None
                else f"  target <= {target} s {'ok' if max(times) <= target else 'MISSED'}"
            )
            print(f"    from {code}: {spread(times)}  cpu {spread([r.cpu for r in found[code]])}  "
                  f"peak {max(r.peak_mb for r in found[code]):,.0f} MB{verdict}")  # fmt: skip


if __name__ == "__main__":
    args = sys.argv[1:]
    before = [Path(args[args.index("--before") + 1]).resolve()] if "--before" in args else []
    if "--commands" not in args:
        county()
        province()
        ui_free()
    print("province, the commands as processes")
    commands(runs_option(args), [*before, code_option(args)])
