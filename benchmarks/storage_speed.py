"""What taking care of storage failures costs: opening the register (the check that it is lawtrain's,
the pending-migration look-up), a one-record change through `Store.batch` (the write lock taken with
BEGIN IMMEDIATE), and how soon a change that waits for another writer starts once the writer is done.
Each figure beside its reference, the bare sqlite3 work on the same file, in the same run: min /
median / max of 3 runs (targets in README.md, "Storage")."""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from province import OUT, build_demo  # noqa: E402

from lawtrain.settings import Settings  # noqa: E402
from lawtrain.store import Store  # noqa: E402

COUNTY_OFFICERS = 2500
RUNS = 3
REPEATS = 200  # opens and changes per run, so a figure is well above the clock's grain


def spread(samples: list[float]) -> str:
    return f"{min(samples):7.2f} / {statistics.median(samples):7.2f} / {max(samples):7.2f}"


def per_call_ms(action, *args, repeats: int = REPEATS) -> float:  # noqa: ANN001
    started = time.perf_counter()
    for _ in range(repeats):
        action(*args)
    return (time.perf_counter() - started) / repeats * 1000


def open_store(path: Path) -> None:
    Store(path, settings=Settings(), operator="benchmark").close()


def open_bare(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def change_through_batch(store: Store) -> None:
    with store.batch("edit", "benchmark"):
        store.db.execute(
            "UPDATE officers SET phone = ? WHERE id = 1", [f"139{time.perf_counter_ns() % 10**8:08d}"]
        )


def change_bare(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN")
    conn.execute("UPDATE officers SET phone = ? WHERE id = 1", [f"139{time.perf_counter_ns() % 10**8:08d}"])
    conn.execute("COMMIT")


def handover_ms(path: Path, store: Store) -> float:
    """Another connection holds the write lock for 1.5 s; how long after it lets go the waiting batch
    is inside its transaction."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released: list[float] = []

    def let_go() -> None:
        time.sleep(1.5)
        released.append(time.perf_counter())
        holder.execute("ROLLBACK")

    thread = threading.Thread(target=let_go)
    thread.start()
    with store.batch("edit", "benchmark"):
        entered = time.perf_counter()
    thread.join()
    holder.close()
    return (entered - released[0]) * 1000


def main() -> None:
    OUT.mkdir(exist_ok=True)
    source = OUT / f"county-{COUNTY_OFFICERS}.db"
    if not source.exists():
        build_demo(source, COUNTY_OFFICERS)
    path = OUT / "storage-bench.db"
    for stale in OUT.glob("storage-bench.db*"):
        stale.unlink()
    shutil.copyfile(source, path)
    opened, opened_bare, changed, changed_bare, handed = [], [], [], [], []
    for _ in range(RUNS):
        opened.append(per_call_ms(open_store, path))
        opened_bare.append(per_call_ms(open_bare, path))
        with Store(path, settings=Settings(), operator="benchmark") as store:
            changed.append(per_call_ms(change_through_batch, store))
            handed.append(handover_ms(path, store))
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA synchronous = NORMAL")  # as the Store sets it
        changed_bare.append(per_call_ms(change_bare, conn))
        conn.close()
    print(f"county register, {COUNTY_OFFICERS:,} officers; min / median / max of {RUNS} runs, ms")
    print(f"  open the register (Store)                 {spread(opened)}")
    print(f"    reference: bare sqlite3 open + read     {spread(opened_bare)}")
    print(f"  one-record change in a batch (audited)    {spread(changed)}")
    print(f"    reference: bare BEGIN / UPDATE / COMMIT {spread(changed_bare)}")
    print(f"  waiting change starts after release       {spread(handed)}")


if __name__ == "__main__":
    main()
