"""What the number search index (lawtrain/store/number_search.py) costs and what it gives.

- On the province database (300,000 officers): the index's size beside the file's; the search SQL
  for a tail, four digits and a middle run of a certificate number beside a search by name and by
  initials (prefix ranges, the reference); a typed tail resolved by `find_officer`; building the index for an existing register
  (migration m006, timed inside a transaction that is rolled back, so the database is not changed).
- A 100,000-row roster imported into an empty register, and that import undone, with the index and
  without it (its tables and triggers dropped, the set-based fills skipped), alternating, each in its
  own process.
- `generate` (what `lawtrain demo` runs) for 30,000 officers with and without the index.

Three runs of each; min / median / max printed, wall time and CPU time (the machine is shared: CPU
time is the steadier figure).

    .venv/bin/python benchmarks/search_speed.py            # everything
    .venv/bin/python benchmarks/search_speed.py --no-province
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from contextlib import nullcontext
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from import_speed import ROSTER_ROWS  # noqa: E402
from province import OUT, PROVINCE_YEAR, province_db  # noqa: E402
from realistic import write_roster  # noqa: E402

from lawtrain.store import Store, number_search  # noqa: E402

RUNS = 3
DEMO_OFFICERS = 30_000
TODAY = date(PROVINCE_YEAR, 12, 31)


def spread(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    low, mid, high = min(values) * scale, statistics.median(values) * scale, max(values) * scale
    digits = 1 if unit == "ms" else 2
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f} {unit}"


def without_index(store: Store) -> None:
    """The register as it stood before the index: its tables and triggers gone, the fills skipped."""
    from lawtrain.store import undo

    for fts, _ in number_search.INDEXES.values():
        for action in ("insert", "delete", "update"):
            store.db.execute(f"DROP TRIGGER IF EXISTS {fts}_{action}")
        store.db.execute(f"DROP TABLE IF EXISTS {fts}")
    number_search.index_above = lambda *args: None
    undo.reindexing = lambda *args: nullcontext()


# -- steps, each in a process of its own ------------------------------------------------------------
def step_import(db: str, roster: str, mode: str) -> None:
    from lawtrain.importing import import_file
    from lawtrain.settings import Settings

    with Store(Path(db), settings=Settings(), operator="bench") as store:
        if mode == "without":
            without_index(store)
        started, cpu = time.perf_counter(), time.process_time()
        result = import_file(store, Path(roster))
        print(f"{time.perf_counter() - started:.3f} {time.process_time() - cpu:.3f} {result.batch}")


def step_undo(db: str, batch: str, mode: str) -> None:
    from lawtrain.settings import Settings
    from lawtrain.store.undo import undo_batch

    with Store(Path(db), settings=Settings(), operator="bench") as store:
        if mode == "without":
            without_index(store)
        started, cpu = time.perf_counter(), time.process_time()
        undo_batch(store, int(batch))
        print(f"{time.perf_counter() - started:.3f} {time.process_time() - cpu:.3f}")


def step_demo(db: str, mode: str) -> None:
    from lawtrain.demo import generate
    from lawtrain.settings import Settings

    with Store(Path(db), settings=Settings(), operator="bench") as store:
        if mode == "without":
            without_index(store)
        started, cpu = time.perf_counter(), time.process_time()
        generate(store, officers=DEMO_OFFICERS, year=PROVINCE_YEAR, seed=7, today=TODAY)
        print(f"{time.perf_counter() - started:.3f} {time.process_time() - cpu:.3f}")


def run_step(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout.split()


def fresh(path: Path) -> Path:
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    return path


# -- the parts -------------------------------------------------------------------------------------
def province() -> None:
    from lawtrain.officer_lookup import OfficerNotFound, find_officer
    from lawtrain.tui.data.officer_list import ListQuery, officer_ids

    path = province_db()
    store = Store(path, operator="benchmark")
    db = store.db
    size = path.stat().st_size
    index = db.execute(
        "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'id_number_search%' OR name LIKE 'cert_number_search%'"
    ).fetchone()[0]
    officers, certificates = db.execute(
        "SELECT (SELECT COUNT(*) FROM officers), (SELECT COUNT(*) FROM certificates)"
    ).fetchone()
    print(f"province: {officers:,} officers, {certificates:,} certificates, file {size / 2**20:,.0f} MB")
    for fts, _ in number_search.INDEXES.values():
        pages = db.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE ?", [fts + "%"]).fetchone()[0]
        print(f"  {fts}: {pages / 2**20:.1f} MB")
    print(f"  the index: {index / 2**20:.1f} MB, {100 * index / size:.1f}% of the file")

    name, id_number = db.execute(
        "SELECT name, id_number FROM officers WHERE id = ?", [officers // 2]
    ).fetchone()
    number = db.execute("SELECT number FROM certificates ORDER BY id DESC LIMIT 1").fetchone()[0]
    print("\nsearch, the SQL alone (ids of the matching officers), min / median / max of 3:")
    for label, text in (
        ("reference: a name (a prefix range)", name),
        ("reference: initials 'zh' (capped)", "zh"),
        ("the start of an ID, 12 digits", id_number[:12]),
        ("4 digits, '4101' (capped)", "4101"),
        ("last 8 of an ID", id_number[-8:]),
        ("last 4 of an ID", id_number[-4:]),
        ("4 digits found everywhere '1990' (capped)", "1990"),
        ("a whole certificate number", number),
        ("certificate, middle 6", number[3:9]),
    ):
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            ids = officer_ids(store, ListQuery(text=text), TODAY)
            times.append(time.perf_counter() - began)
        print(f"  {label:<42} {text!r:<22} {spread(times, 'ms', 1000)}  ({len(ids):,} officers)")
    shared = db.execute(
        "SELECT COUNT(*), SUM(n) FROM (SELECT COUNT(*) AS n FROM officers GROUP BY substr(id_number, -8) HAVING n > 1)"
    ).fetchone()
    print(
        f"\nthe last 8 characters of {shared[1]:,} officers' ID numbers are shared ({shared[0]:,} tails fit 2 or more)"
    )
    unique = db.execute(
        "SELECT id_number FROM officers WHERE id >= ? AND substr(id_number, -8) NOT IN "
        "(SELECT substr(id_number, -8) FROM officers GROUP BY 1 HAVING COUNT(*) > 1) LIMIT 1",
        [officers // 2],
    ).fetchone()[0]
    for label, tail in (("a tail one officer has", unique[-8:]), ("the tail above", id_number[-8:])):
        times, outcome = [], ""
        for _ in range(RUNS):
            began = time.perf_counter()
            try:
                outcome = find_officer(store, tail).name
            except OfficerNotFound as refused:
                outcome = f"refused, {refused.total} candidates"
            times.append(time.perf_counter() - began)
        print(f"  find_officer, {label} {tail!r}: {spread(times, 'ms', 1000)} -> {outcome}")

    print("\nbuilding the index for an existing register (m006), rolled back afterwards:")
    times = []
    for _ in range(RUNS):
        db.execute("BEGIN")
        began = time.perf_counter()
        for fts, _ in number_search.INDEXES.values():
            db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")  # noqa: S608 (our own names)
        times.append(time.perf_counter() - began)
        db.execute("ROLLBACK")
    print(f"  both tables: {spread(times)}")
    store.close()


def compare(label: str, figures: dict[str, list[tuple[float, float]]]) -> None:
    """With and without the index: wall time and CPU time (both threads), min / median / max."""
    print(f"  {label}")
    for column, name in ((0, "wall"), (1, "cpu ")):
        with_ = [run[column] for run in figures["with"]]
        without = [run[column] for run in figures["without"]]
        extra = statistics.median(with_) - statistics.median(without)
        print(f"    {name} with the index {spread(with_)}   without {spread(without)}   "
              f"median extra {extra:+.2f} s ({100 * extra / statistics.median(without):+.0f}%)")  # fmt: skip


def roster_import() -> None:
    roster = OUT / f"roster-real-{ROSTER_ROWS}.xlsx"  # the realistic roster of import_speed.py
    if not roster.exists():
        write_roster(roster, ROSTER_ROWS)
    imports: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    undos: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    for _ in range(RUNS):
        for mode in ("with", "without"):
            db = fresh(OUT / f"search-roster-{mode}.db")
            wall, cpu, batch = run_step("import", str(db), str(roster), mode)
            imports[mode].append((float(wall), float(cpu)))
            wall, cpu = run_step("undo", str(db), batch, mode)
            undos[mode].append((float(wall), float(cpu)))
    print(
        f"\nroster of {ROSTER_ROWS:,} officers with certificates, into an empty register (import_file), then undone:"
    )
    compare("import", imports)
    compare("undo", undos)


def demo() -> None:
    figures: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    for _ in range(RUNS):
        for mode in ("with", "without"):
            wall, cpu = run_step("demo", str(fresh(OUT / f"search-demo-{mode}.db")), mode)
            figures[mode].append((float(wall), float(cpu)))
    print(f"\ndemo of {DEMO_OFFICERS:,} officers (generate):")
    compare("generate", figures)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    if "--no-province" not in sys.argv:
        province()
    roster_import()
    demo()


if __name__ == "__main__":
    steps = {"import": step_import, "undo": step_undo, "demo": step_demo}
    if len(sys.argv) > 1 and sys.argv[1] in steps:
        steps[sys.argv[1]](*sys.argv[2:])
    else:
        main()
