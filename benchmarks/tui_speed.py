"""The terminal application on the province register (300,000 officers): time to the first screen,
the latency of each keystroke in the search box, of a sort and of a filter, and the memory the list
adds. The real App is driven headless by Textual's Pilot, so every figure includes the SQL, the
worker, the message round trip and the repaint.

    .venv/bin/python benchmarks/tui_speed.py            # the cached province database
    .venv/bin/python benchmarks/tui_speed.py --county   # a 2,000-officer county, for comparison
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from province import OUT, PROVINCE_YEAR, build_demo, province_db  # noqa: E402

from lawtrain.settings import Jurisdiction, Settings  # noqa: E402
from lawtrain.store import Store  # noqa: E402
from lawtrain.tui.app import LawtrainApp  # noqa: E402
from lawtrain.tui.data.officer_list import ListQuery, fetch_rows, officer_ids  # noqa: E402
from lawtrain.tui.widgets.officer_table import OfficerTable  # noqa: E402

TODAY = date(PROVINCE_YEAR, 12, 31)
SIZE = (160, 45)
TARGET_FIRST_SCREEN = 3.0
TARGET_KEYSTROKE = 0.100
# A register whose jurisdiction is set up: the app then opens on the officer list, not the set-up form.
SET_UP = Settings(jurisdiction=Jurisdiction(name="演示省", bureau="演示省司法厅", authority="演示省人民政府"))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def samples(store: Store) -> dict[str, str]:
    """What a clerk types: a name, its pinyin initials, ID digits (the start, the last 8 and the last 4:
    "尾号"), a certificate number and a run from its middle."""
    name, id_number, initials = store.db.execute(
        "SELECT name, id_number, initials FROM officers WHERE id = (SELECT MAX(id) / 2 FROM officers)"
    ).fetchone()
    number = store.db.execute("SELECT number FROM certificates ORDER BY id DESC LIMIT 1").fetchone()[0]
    return {
        "姓名": name, "拼音首字母": initials, "身份证号(前12位)": id_number[:12], "身份证号(后8位)": id_number[-8:],
        "身份证号(后4位)": id_number[-4:], "证件号码": number, "证件号码(中间6位)": number[3:9],
    }  # fmt: skip


async def drive(path: Path) -> None:
    rss_before = rss_mb()
    started = time.perf_counter()
    store = Store(path, settings=SET_UP, operator="benchmark")
    app = LawtrainApp(store, today=TODAY, imports_dir=OUT / "imports", exports_dir=OUT / "exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = time.perf_counter() - started
        count = app.screen.query_one(OfficerTable).row_count
        print(f"officers: {count:,}")
        print(
            f"first screen (store opened, app mounted, list drawn): {first:.2f} s  (target < {TARGET_FIRST_SCREEN} s)"
        )
        print(
            f"memory added by the app and its list: {rss_mb() - rss_before:.0f} MB (peak RSS {rss_mb():.0f} MB)"
        )

        # What the test harness itself costs: a key bound to nothing, pressed and settled the same way.
        idle = []
        for _ in range(20):
            began = time.perf_counter()
            await pilot.press("f12")
            await settle(pilot)
            idle.append(time.perf_counter() - began)
        harness = statistics.median(idle)
        print(f"harness overhead (an unbound key, pressed and settled): median {1000 * harness:.0f} ms")

        every: list[float] = []
        print("\nsearch, one keystroke at a time (press -> list redrawn, harness included):")
        for label, text in samples(store).items():
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("slash")
            latencies = []
            for char in text:
                began = time.perf_counter()
                await pilot.press(char)
                await settle(pilot)
                latencies.append(time.perf_counter() - began)
            every += latencies
            found = app.screen.query_one(OfficerTable).row_count
            shown = " ".join(f"{1000 * x:.0f}" for x in latencies)
            print(f"  {label:<16} {text!r:<22} ms per key: {shown}  -> {found:,} rows")
        median = statistics.median(every)
        print(
            f"  all keystrokes: median {1000 * median:.0f} ms, max {1000 * max(every):.0f} ms; "
            f"without the harness: median {1000 * (median - harness):.0f} ms (target ~{1000 * TARGET_KEYSTROKE:.0f} ms)"
        )

        await pilot.press("escape")
        await settle(pilot)
        print("\nsort and filter on the whole register (key -> list redrawn):")
        app.screen.query_one(OfficerTable).focus()
        for _ in range(5):
            began = time.perf_counter()
            await pilot.press("s")
            await settle(pilot)
            sort = app.screen.query_state.sort
            print(f"  sort by {sort:<10} {1000 * (time.perf_counter() - began):7.0f} ms")
        for state in ("expired", "expiring", "none"):
            began = time.perf_counter()
            app.screen.query_one("#filter-cert").value = state
            await settle(pilot)
            found = app.screen.query_one(OfficerTable).row_count
            print(f"  filter {state:<10} {1000 * (time.perf_counter() - began):7.0f} ms -> {found:,} rows")
        began = time.perf_counter()
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause()
        print(f"  20 x PageDown: {1000 * (time.perf_counter() - began) / 20:.1f} ms per page")

    print("\nthe SQL alone (ids for the query + the first 100 rows):")
    typed = samples(store)
    for label, query in (
        ("whole register", ListQuery()),
        ("one-digit prefix '4'", ListQuery(text="4")),
        ("initials 'zh'", ListQuery(text="zh")),
        ("last 8 of an ID", ListQuery(text=typed["身份证号(后8位)"])),
        ("last 4 of an ID", ListQuery(text=typed["身份证号(后4位)"])),
        ("4 digits, broad '1990'", ListQuery(text="1990")),
        ("certificate, middle 6", ListQuery(text=typed["证件号码(中间6位)"])),
        ("sort by hours", ListQuery(sort="hours")),
        ("sort by expiry", ListQuery(sort="expires")),
    ):
        began = time.perf_counter()
        ids = officer_ids(store, query, TODAY)
        middle = time.perf_counter()
        fetch_rows(store, ids[:100], TODAY)
        print(f"  {label:<22} ids {1000 * (middle - began):6.0f} ms  rows {1000 * (time.perf_counter() - middle):5.1f} ms"
              f"  ({len(ids):,} ids)")  # fmt: skip
    store.close()


def main() -> None:
    if "--county" in sys.argv:
        path = OUT / "tui-county-2000.db"
        if not path.exists():
            build_demo(path, 2000)
    else:
        path = province_db()
    print(f"database: {path.name}")
    asyncio.run(drive(path))


if __name__ == "__main__":
    main()
