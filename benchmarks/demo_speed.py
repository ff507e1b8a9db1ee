"""How long `lawtrain demo` takes at county and province scale (target: 300,000 officers within 240 s),
as a process, min / median / max of the runs (3 by default), with its CPU seconds and peak memory.

    python benchmarks/demo_speed.py [--runs N] [--before DIR]

`--before DIR` also runs the demo from another checkout (the previous version) in each run, right
after this one, so both meet the same load. The last province database built by this checkout is
left as the cached one that the other benchmarks use (province.py).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from processes import ROOT, Run, code_option, fresh, lawtrain, load, runs_option, spread  # noqa: E402
from province import OUT, PROVINCE_DB, PROVINCE_OFFICERS, PROVINCE_YEAR  # noqa: E402


def demo(code: Path, db: Path, officers: int) -> Run:
    fresh(db)
    return lawtrain(code, "--db", str(db), "demo", "--officers", str(officers), "--year", str(PROVINCE_YEAR),
                    "--seed", "7")  # fmt: skip


def main(runs: int, codes: list[Path]) -> None:
    OUT.mkdir(exist_ok=True)
    for officers, target in ((2000, None), (PROVINCE_OFFICERS, 240)):
        results: dict[Path, list[Run]] = {code: [] for code in codes}
        loads = []
        for _ in range(runs):
            loads.append(load())
            for code in codes:
                db = (
                    PROVINCE_DB
                    if code == ROOT and officers == PROVINCE_OFFICERS
                    else OUT / f"demo-{code.name}.db"
                )
                results[code].append(demo(code, db, officers))
        print(f"demo, {officers:,} officers (load average at each run's start: {', '.join(loads)})")
        for code in codes:
            found = results[code]
            verdict = ""
            if target is not None:
                verdict = (
                    f"  target <= {target} s {'ok' if max(r.seconds for r in found) <= target else 'MISSED'}"
                )
            print(f"  from {code}: {spread([r.seconds for r in found])}  cpu {spread([r.cpu for r in found])}  "
                  f"peak {max(r.peak_mb for r in found):,.0f} MB{verdict}")  # fmt: skip
    with sqlite3.connect(PROVINCE_DB) as conn:
        training = conn.execute("SELECT COUNT(*) FROM training").fetchone()[0]
    print(f"  province: {training:,} training records, {PROVINCE_DB.stat().st_size / 2**20:,.0f} MB")
    for code in codes:
        fresh(OUT / f"demo-{code.name}.db")


if __name__ == "__main__":
    args = sys.argv[1:]
    before = [Path(args[args.index("--before") + 1]).resolve()] if "--before" in args else []
    main(runs_option(args), [*before, code_option(args)])
