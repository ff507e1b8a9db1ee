"""Speed of rolling counties' registers up into a city's (`lawtrain rollup add`), and of the checks and
statistics on a city of ten such counties.

Each county is the real `lawtrain demo --officers 30000` (about 15 made-up counties' units in one file,
~670,000 training records, ~880,000 records in all), built once into benchmarks/out/rollup/county-N/
with a settings file beside it naming the county (一号县 … 十号县) and giving it a certificate number
format of its own, as each county's numbers would be; different seeds, so the ID numbers differ but for
the chance collisions of made-up numbers (reported as transfers and conflicts).

Every `rollup add` runs as the clerk runs it, a process of its own (interpreter start included), with
its peak memory; its reference, in the same run, is the bare read of the same file: every record of
the county's register fetched by a process of its own.

Targets (issue 13): adding a county of 30,000 officers ≤ 60 s; adding it again unchanged ≤ 30 s;
checks and statistics on a city of ten such counties within the province targets (benchmarks/README.md:
training-hours < 1 s of query and < 2 s as a command, every check together < 6 s).
"""

from __future__ import annotations

import os
import shutil
import statistics as st
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from province import OUT, lawtrain, province_db  # noqa: E402

from lawtrain.checks import run_checks  # noqa: E402
from lawtrain.settings import Jurisdiction, Settings  # noqa: E402
from lawtrain.stats import statistics  # noqa: E402
from lawtrain.store import Store  # noqa: E402

ROOT = OUT / "rollup"
OFFICERS = 30_000
YEAR = 2025
AS_OF = date(YEAR, 12, 31)
NAMES = ("一号县", "二号县", "三号县", "四号县", "五号县", "六号县", "七号县", "八号县", "九号县", "十号县")
CITY = Settings(jurisdiction=Jurisdiction(name="江城市", bureau="江城市司法局", authority="江城市人民政府"))
BARE_READ = """
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
rows = 0
for table in tables:
    if table in ("audit", "batches", "_sqlite_migrations"):
        continue
    for row in conn.execute(f"SELECT * FROM {table}"):
        rows += 1
print(rows)
"""


def county(index: int) -> Path:
    """County N's register, built on first use (about 25 s each)."""
    folder = ROOT / f"county-{index}"
    path = folder / "register.db"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "settings.toml").write_text(
            f'[jurisdiction]\nname = "{NAMES[index - 1]}"\n\n[certificates]\nnumber_format = "41{index:02d}{{yy}}{{seq:06d}}"\n',
            encoding="utf-8",
        )
        print(f"building {NAMES[index - 1]} ({OFFICERS:,} officers) ...", flush=True)
        result = lawtrain(
            "--db",
            str(path),
            "demo",
            "--officers",
            str(OFFICERS),
            "--year",
            str(YEAR),
            "--seed",
            str(100 + index),
        )
        if result.returncode:
            raise SystemExit(result.stderr)
    return path


def process(*argv: str) -> tuple[float, float, str]:
    """Run a process; (seconds, peak MB, stdout)."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, out


def rollup(city: Path, path: Path) -> tuple[float, float, str]:
    return process(sys.executable, "-m", "lawtrain", "--db", str(city), "rollup", "add", str(path), "--json")


def bare_read(path: Path) -> tuple[float, float, str]:
    return process(sys.executable, "-c", BARE_READ, str(path))


def spread(values: list[float], unit: str = "s") -> str:
    return f"{min(values):.2f} / {st.median(values):.2f} / {max(values):.2f} {unit}"


def new_city(name: str) -> Path:
    folder = ROOT / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text('[jurisdiction]\nname = "江城市"\n', encoding="utf-8")
    return folder / "city.db"


def changed_copy(source: Path) -> Path:
    """County 1 a month later: 1% of its training records changed, 1% gone and 1% new (in one batch)."""
    folder = ROOT / "county-1-changed"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copyfile(source.parent / "settings.toml", folder / "settings.toml")
    path = Path(shutil.copyfile(source, folder / "register.db"))
    with (
        Store(path, settings=Settings(jurisdiction=Jurisdiction(name=NAMES[0]))) as store,
        store.batch("edit", "bench"),
    ):
        db = store.db
        db.execute("UPDATE training SET hours = hours + 1 WHERE id % 100 = 1 AND hours < 23")
        db.execute("DELETE FROM training WHERE id % 100 = 2")
        db.execute(
            "INSERT INTO training (officer_id, course, category, hours, date, year, mode, batch_id) "
            "SELECT officer_id, course || '（补）', category, hours, date, year, mode, batch_id FROM training "
            "WHERE id % 100 = 3"
        )
    return path


def main() -> None:
    first = county(1)
    print(f"county: {NAMES[0]}, {OFFICERS:,} officers; {first.stat().st_size / 2**20:.0f} MB")
    runs: dict[str, list[float]] = {}
    memory: dict[str, list[float]] = {}

    def note(label: str, seconds: float, peak: float) -> None:
        runs.setdefault(label, []).append(seconds)
        memory.setdefault(label, []).append(peak)

    changed = changed_copy(first)
    for run in range(3):
        seconds, peak, out = bare_read(first)
        note("bare read of the county's register (every record)", seconds, peak)
        city = new_city("city-one")
        seconds, peak, out = rollup(city, first)
        note("add the county to an empty city", seconds, peak)
        print(f"  run {run + 1}: add {seconds:.2f} s ({out[:120]}…)", flush=True)
        seconds, peak, out = rollup(city, first)
        note("add it again, unchanged", seconds, peak)
        seconds, peak, out = rollup(city, changed)
        note("add it again, 1% of training changed, 1% gone, 1% new", seconds, peak)
    print("\nOne county of 30,000 officers (min / median / max of 3 runs; peak memory of the process)")
    for label, values in runs.items():
        print(f"  {label:<58} {spread(values)}   {max(memory[label]):.0f} MB")
    reference = st.median(runs["bare read of the county's register (every record)"])
    for label in ("add the county to an empty city", "add it again, unchanged"):
        print(f"  {label}: {st.median(runs[label]) / reference:.1f}x the bare read")

    print("\nA city of ten counties (each added as a process into the growing city)")
    city = new_city("city-ten")
    adds, cases = [], 0
    for index in range(1, 11):
        seconds, _, out = rollup(city, county(index))
        adds.append(seconds)
        cases = out.count('"kind"')
        print(
            f"  add {NAMES[index - 1]}: {seconds:.2f} s ({cases} transfers and conflicts in this county)",
            flush=True,
        )
    print(f"  adds into the growing city: {spread(adds)}")
    again = [rollup(city, county(5))[0] for _ in range(3)]
    print(f"  {NAMES[4]} added again, unchanged, into the city of ten: {spread(again)}", flush=True)
    # The reference of the checks' targets: the same on the province register (300,000 officers in one
    # county's register, benchmarks/README.md), measured in the same run, alternating with the city.
    province = province_db()
    with Store(city, settings=CITY) as store, Store(province) as reference:
        officers, training = store.count("officers"), store.count("training")
        print(
            f"  the city: {officers:,} officers, {training:,} training records; "
            f"the province register: {reference.count('officers'):,} officers, {reference.count('training'):,}"
        )

        def timed(action, register) -> list[float]:
            times = []
            for _ in range(3):
                started = time.perf_counter()
                action(register)
                times.append(time.perf_counter() - started)
            return times

        checks = [
            (
                "training-hours query",
                lambda r: run_checks(r, ["training-hours"], year=YEAR, as_of=AS_OF),
                1.0,
            ),
            ("every check together, query", lambda r: run_checks(r, year=YEAR, as_of=AS_OF), 6.0),
            ("statistics per unit, query", lambda r: statistics(r, YEAR, AS_OF), None),
            ("statistics per county, query", lambda r: statistics(r, YEAR, AS_OF, by="county"), None),
        ]
        print(f"  {'':<40} {'city of ten counties':<26} {'province register (reference)':<26}")
        for label, action, target in checks:
            timed(action, store)  # warm both the same way
            times, base = timed(action, store), timed(action, reference)
            verdict = (
                f"  target < {target:g} s {'ok' if st.median(times) < target else 'MISSED'}" if target else ""
            )
            ratio = st.median(times) / st.median(base)
            print(f"  {label:<40} {spread(times):<26} {spread(base):<26} {ratio:.2f}x{verdict}", flush=True)
        times = timed(lambda r: run_checks(r, year=YEAR, as_of=AS_OF, county=NAMES[4]), store)
        print(f"  {'every check of one county, query':<40} {spread(times)}")
    for label, args, target in (
        ("lawtrain check training-hours", ("check", "training-hours", "--as-of", "2025-12-31"), 2.0),
        ("lawtrain check (every check)", ("check", "--as-of", "2025-12-31"), None),
        ("lawtrain stats --by county", ("stats", "--by", "county", "--as-of", "2025-12-31"), None),
    ):
        times, base = [], []
        for _ in range(3):
            times.append(process(sys.executable, "-m", "lawtrain", "--db", str(city), *args)[0])
            base.append(process(sys.executable, "-m", "lawtrain", "--db", str(province), *args)[0])
        verdict = (
            f"  target < {target:g} s {'ok' if st.median(times) < target else 'MISSED'}" if target else ""
        )
        print(
            f"  {label:<40} {spread(times):<26} {spread(base):<26} {st.median(times) / st.median(base):.2f}x{verdict}",
            flush=True,
        )
    times = [
        process(sys.executable, "-m", "lawtrain", "--db", str(city), "rollup", "conflicts")[0]
        for _ in range(3)
    ]
    print(f"  {'lawtrain rollup conflicts':<40} {spread(times)}")


if __name__ == "__main__":
    main()
