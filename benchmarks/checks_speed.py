"""Speed of the compliance checks, statistics and explain at province scale (300,000 officers,
~6.7 million training records), on the cached demo database; county scale for comparison.

Targets (benchmarks/README.md): `check training-hours` < 1 s of query and < 2 s as a whole command;
every check together < 6 s; the command line never imports the UI.
"""

from __future__ import annotations

import statistics as st
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

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
    seconds, code = command_seconds(db, "check", "training-hours", "--year", str(YEAR))
    report(f"command: check training-hours (exit {code})", seconds, 2)
    seconds, _ = command_seconds(db, "check", "training-hours", "--year", str(YEAR), "--json")
    report("command: check training-hours --json", seconds, 2)
    seconds, _ = command_seconds(db, "check", "--year", str(YEAR), runs=1)
    report("command: check (every check)", seconds)
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


if __name__ == "__main__":
    county()
    province()
    ui_free()
