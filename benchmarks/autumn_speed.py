"""Speed of the autumn routine at province scale (300,000 officers, ~6.7 million training records):
the forecast, the calendar and a notice round for every unit; and what the index the forecast reads
(training_year_officer_date, m007, in place of training_year_officer) costs a training import.

Every figure is min / median / max of three runs, beside its reference measured in the same run:
- forecast: the training-hours check's query (the same subjects and hours, short ones only);
- forecast as a command: `lawtrain check training-hours --json` as a command;
- notices: planning the round (every list, every unit) against writing and recording it;
- import with m007's index: the same import into the same register as it was before m007;
- a city of ten counties (the province's units dealt out to ten counties: the same officers and
  records): the forecast, the calendar and a round's planning against the same on the province
  register, and one county's forecast against that county's training-hours check.
The demo's training is dated through 31 December, so "as of 30 September" leaves a quarter of the
year's records (1.65 million) to take away: the worst case; as of today, in the autumn, there are none.

Usage: python benchmarks/autumn_speed.py [--no-import] [--city-only]
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics as st
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from province import OUT, PROVINCE_YEAR, province_db  # noqa: E402

from lawtrain.checks import run_checks  # noqa: E402
from lawtrain.due import due_calendar  # noqa: E402
from lawtrain.forecast import forecast  # noqa: E402
from lawtrain.store import Store  # noqa: E402

YEAR = PROVINCE_YEAR
DATES = (date(YEAR, 12, 31), date(YEAR, 12, 1), date(YEAR, 9, 30))
RUNS = 3


def spread(times: list[float]) -> str:
    return f"{min(times):6.2f} / {st.median(times):6.2f} / {max(times):6.2f} s"


def timed(action, runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def command(db: Path, *args: str) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "lawtrain", "--db", str(db), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )  # fmt: skip
    if done.returncode not in (0, 1):
        raise SystemExit(f"lawtrain {' '.join(args)} failed: {done.stderr.strip()}")
    return time.perf_counter() - started, done.returncode


def row(label: str, times: list[float], reference: str, ref_times: list[float], target: str = "") -> None:
    ratio = st.median(times) / st.median(ref_times)
    print(
        f"  {label:<40} {spread(times)}   {reference}: {spread(ref_times)}  ({ratio:.1f}x) {target}",
        flush=True,
    )


def forecast_figures(db: Path) -> None:
    with Store(db) as store:
        for as_of in DATES:
            late = store.db.execute(
                "SELECT COUNT(*) FROM training WHERE year = ? AND date > ?", [YEAR, as_of.isoformat()]
            ).fetchone()[0]
            forecast(store, YEAR, as_of)  # warm the page cache
            subjects = len(forecast(store, YEAR, as_of).officers)
            check, mine = [], []
            for _ in range(RUNS):  # interleaved, so that both see the same load
                check += timed(lambda d=as_of: run_checks(store, ["training-hours"], year=YEAR, as_of=d), 1)
                mine += timed(lambda d=as_of: forecast(store, YEAR, d), 1)
            row(f"forecast as of {as_of} ({subjects:,} officers, {late:,} later records)", mine,
                "training-hours query", check, "target ≤ 2 s")  # fmt: skip
    for as_of in DATES:
        check, mine = [], []
        for _ in range(RUNS):
            check.append(
                command(db, "check", "training-hours", "--year", str(YEAR), "--as-of", str(as_of), "--json")[
                    0
                ]
            )
            mine.append(command(db, "forecast", "--year", str(YEAR), "--as-of", str(as_of), "--json")[0])
        row(f"command: forecast --json, as of {as_of}", mine, "command: check training-hours --json", check,
            "target ≤ 2 s")  # fmt: skip


def calendar_figures(db: Path) -> None:
    """Against the four checks it reads, run with the same dates and windows."""
    with Store(db) as store:
        as_of = date(YEAR, 10, 1)
        calendar = due_calendar(store, as_of)
        end = calendar.months[-1].last

        def checks() -> None:
            run_checks(store, ["cert-expiring", "adviser-expiring", "exam-passed-uncertified"], year=YEAR,
                       as_of=as_of, within=(end - as_of).days)  # fmt: skip
            run_checks(store, ["review-missing"], year=YEAR, as_of=date(YEAR, 12, 31))

        reference, mine = [], []
        for _ in range(RUNS):
            reference += timed(checks, 1)
            mine += timed(lambda: due_calendar(store, as_of), 1)
        row(
            f"calendar, 12 months from {as_of} ({calendar.total:,} items)", mine, "the four checks", reference
        )


def notices_figures(db: Path) -> None:
    """Three rounds in a row on a copy of the register: the first, then two with since-last; each a
    process as the clerk runs it, into a new folder; then the undo of the last."""
    from lawtrain.notices import plan_round

    with Store(db) as store:
        as_of = date(YEAR, 12, 31)
        plans = timed(lambda: plan_round(store, YEAR, as_of), 1)
    rounds = []
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        for number in range(1, RUNS + 1):
            seconds, _ = command(db, "notices", "--year", str(YEAR), "--as-of", "2025-12-31",
                                 "--out", str(Path(folder) / f"round{number}"))  # fmt: skip
            rounds.append(seconds)
            files = len(list((Path(folder) / f"round{number}").glob("*.xlsx")))
            size = sum(p.stat().st_size for p in (Path(folder) / f"round{number}").glob("*.xlsx")) / 1e6
            print(f"    round {number}: {seconds:6.2f} s, {files:,} workbooks, {size:.0f} MB", flush=True)
    row("command: notices, every unit (3 rounds)", rounds, "planning one round in process", plans,
        "target ≤ 60 s")  # fmt: skip
    with Store(db) as store:
        batches = [
            b
            for (b,) in store.db.execute(
                "SELECT id FROM batches WHERE kind = 'notice' AND undone_by IS NULL ORDER BY id DESC"
            )
        ]
        notices = store.count("notices")
    for batch in batches:  # newest first: the copy is left as it was
        seconds, _ = command(db, "undo", str(batch))
        print(f"  undo of round batch {batch} ({notices:,} notices recorded before): {seconds:.2f} s")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


COUNTIES = (
    "一号县",
    "二号县",
    "三号县",
    "四号县",
    "五号县",
    "六号县",
    "七号县",
    "八号县",
    "九号县",
    "十号县",
)


def city_copy(copy: Path) -> Path:
    """The province register as a city of ten counties: its units dealt out to ten rolled-up counties
    in turn (unit names stay unique, so no two units merge); built once."""
    city = OUT / "autumn-city.db"
    if not city.exists():
        with sqlite3.connect(copy) as conn:  # the copy of the file alone must hold every change
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(copy, city)
        conn = sqlite3.connect(city)
        with conn:
            conn.executemany(
                "INSERT INTO counties (id, name) VALUES (?, ?)",
                [(index + 2, name) for index, name in enumerate(COUNTIES)],
            )
            conn.execute("UPDATE units SET county_id = 2 + id % ?", [len(COUNTIES)])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return city


def city_figures(copy: Path) -> None:
    """The autumn routine on a city of ten counties against the same on the province register: what
    naming and grouping each row's county costs; and one county's forecast against its check."""
    from lawtrain.notices import plan_round

    city = city_copy(copy)
    county = COUNTIES[4]
    with Store(city) as town, Store(copy) as province:
        print(f"  the city: {town.count('officers'):,} officers in {len(COUNTIES)} counties", flush=True)
        for label, action in (
            ("forecast as of 30 Sep", lambda r: forecast(r, YEAR, date(YEAR, 9, 30))),
            ("calendar, 12 months from 1 Oct", lambda r: due_calendar(r, date(YEAR, 10, 1))),
            ("notice round planned, 31 Dec", lambda r: plan_round(r, YEAR, date(YEAR, 12, 31))),
        ):
            action(town)  # warm both the same way
            action(province)
            mine, reference = [], []
            for _ in range(RUNS):  # interleaved, so that both see the same load
                mine += timed(lambda a=action: a(town), 1)
                reference += timed(lambda a=action: a(province), 1)
            row(f"city: {label}", mine, "province register", reference)
        check, mine = [], []
        for _ in range(RUNS):
            check += timed(
                lambda: run_checks(
                    town, ["training-hours"], year=YEAR, as_of=date(YEAR, 9, 30), county=county
                ),
                1,
            )
            mine += timed(lambda: forecast(town, YEAR, date(YEAR, 9, 30), county=county), 1)
        subjects = len(forecast(town, YEAR, date(YEAR, 9, 30), county=county).officers)
        row(f"city: forecast of {county} ({subjects:,} officers)", mine, "its training-hours query", check)


def import_figures(copy: Path) -> None:
    """The 1,048,575-row training import into the province register, as the register is now (index
    training_year_officer_date) and as it was before m007 (training_year_officer)."""
    sys.argv = sys.argv[:1]
    from import_province_speed import TRAINING_ROWS, measure, write_training

    sheet = OUT / f"training-province-{TRAINING_ROWS}.xlsx"
    if not sheet.exists():
        with sqlite3.connect(copy) as conn:
            numbers = [number for (number,) in conn.execute("SELECT id_number FROM officers ORDER BY id")]
        write_training(sheet, TRAINING_ROWS, numbers, year=PROVINCE_YEAR + 1)
    target = OUT / "autumn-import.db"
    now, before = [], []
    for _ in range(RUNS):
        for times, previous in ((before, True), (now, False)):
            for stale in OUT.glob(target.name + "*"):
                stale.unlink()
            shutil.copyfile(copy, target)
            if previous:  # the migration stays recorded as applied
                with sqlite3.connect(target) as conn:
                    conn.execute("DROP INDEX training_year_officer_date")
                    conn.execute("CREATE INDEX training_year_officer ON training (year, officer_id)")
            times.append(float(measure("import", str(target), str(sheet))[0]))
    for stale in OUT.glob(target.name + "*"):
        stale.unlink()
    row(f"import {TRAINING_ROWS:,} training rows, m007's index", now, "before m007", before)


def main() -> None:
    source = province_db()
    copy = OUT / "autumn-province.db"
    if not copy.exists():
        with sqlite3.connect(source) as conn:  # a copy of the file alone must hold every change
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(source, copy)
        started = time.perf_counter()
        with Store(copy):
            pass
        print(
            f"migrations on the province copy (index training_year_date): {time.perf_counter() - started:.1f} s"
        )
    with sqlite3.connect(copy) as conn:
        officers = conn.execute("SELECT COUNT(*) FROM officers").fetchone()[0]
        units = conn.execute("SELECT COUNT(*) FROM units").fetchone()[0]
    print(f"province: {officers:,} officers, {units:,} units")
    if "--city-only" in sys.argv:
        city_figures(copy)
        return
    forecast_figures(copy)
    calendar_figures(copy)
    notices_figures(copy)
    city_figures(copy)
    if "--no-import" not in sys.argv:
        import_figures(copy)


if __name__ == "__main__":
    main()
