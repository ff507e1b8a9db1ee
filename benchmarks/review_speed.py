"""How long the annual review takes: evaluate a year, apply it, apply again, undo it; at county and
province scale, on copies of the shared demo databases (targets in README.md, "Annual review")."""

from __future__ import annotations

import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from province import OUT, PROVINCE_YEAR, build_demo, lawtrain, province_db  # noqa: E402

from lawtrain.review import apply, evaluate  # noqa: E402
from lawtrain.settings import Settings  # noqa: E402
from lawtrain.store import Store  # noqa: E402
from lawtrain.store.undo import undo_batch  # noqa: E402

COUNTY_OFFICERS = 2500
TODAY = date(PROVINCE_YEAR + 1, 1, 15)


def timed(action):  # noqa: ANN001, ANN201
    started = time.perf_counter()
    value = action()
    return value, time.perf_counter() - started


def copy_of(source: Path, name: str) -> Path:
    target = OUT / name
    for stale in OUT.glob(name + "*"):
        stale.unlink()
    shutil.copyfile(source, target)
    return target


def measure(label: str, path: Path, workbook: bool) -> None:
    with Store(path, settings=Settings(), operator="benchmark") as store:
        results, seconds = timed(lambda: evaluate(store, PROVINCE_YEAR))
        failing = sum(1 for r in results if r.reasons)
        print(f"{label}: {len(results):,} certificates reviewed, {failing:,} failing")
        print(f"  evaluate           {seconds:7.2f} s")
        _, seconds = timed(lambda: evaluate(store, PROVINCE_YEAR, unit=results[0].unit))
        print(f"  evaluate one unit  {seconds:7.2f} s")
        outcome, seconds = timed(lambda: apply(store, PROVINCE_YEAR, today=TODAY))
        print(
            f"  apply              {seconds:7.2f} s  ({outcome.written:,} reviews, {outcome.status_changes})"
        )
        again, seconds = timed(lambda: apply(store, PROVINCE_YEAR, today=TODAY))
        print(f"  apply again        {seconds:7.2f} s  (nothing to change: {again.nothing_to_change})")
        _, seconds = timed(lambda: undo_batch(store, outcome.batch_id))
        print(f"  undo               {seconds:7.2f} s")
    result, seconds = timed(
        lambda: lawtrain("--db", str(path), "review", "--year", str(PROVINCE_YEAR), "--json")
    )
    print(f"  CLI review --json  {seconds:7.2f} s  ({len(result.stdout) / 2**20:.1f} MB of JSON)")
    if not workbook:
        return
    out = OUT / f"{path.stem}.xlsx"
    _, seconds = timed(
        lambda: lawtrain("--db", str(path), "review", "--year", str(PROVINCE_YEAR), "--out", str(out))
    )
    print(f"  CLI review --out   {seconds:7.2f} s")
    out.unlink(missing_ok=True)


def main() -> None:
    county = OUT / f"review-county-{COUNTY_OFFICERS}.db"
    build_demo(county, COUNTY_OFFICERS)
    measure(f"county ({COUNTY_OFFICERS:,} officers)", county, workbook=True)
    if "--county" in sys.argv:
        return
    province = copy_of(province_db(), "review-province.db")
    try:
        measure(
            "province (300,000 officers)", province, workbook=False
        )  # a 200,000-row workbook is not a list to print
    finally:
        for stale in OUT.glob("review-province.db*"):
            stale.unlink()


if __name__ == "__main__":
    main()
