"""How fast spreadsheets import: a 100,000-row roster (target ~5 s, within 5x of the bare calamine
read) and a 1,048,575-row training sheet, Excel's maximum (target < 30 s, memory bounded by the read).

Generated files go to benchmarks/out/ (kept between runs). Each measurement runs in its own process so
that its peak memory (max RSS) is its own. Usage: python benchmarks/import_speed.py [--small]
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = Path(__file__).parent / "out"
ROSTER_ROWS = 100_000
TRAINING_ROWS = 1_048_575  # data rows under one header row: Excel's 1,048,576 rows
AREAS = ("410402", "410422", "410423", "410425", "411081")
UNITS = [f"青山县第{i}执法局" for i in range(1, 31)] + [f"第{i}镇人民政府" for i in range(1, 11)]
COURSES = (
    "行政处罚法解读",
    "行政许可法实务",
    "行政强制法专题",
    "证据收集与固定",
    "执法文书制作",
    "民法典与行政执法",
)
CATEGORIES = ("法律法规", "业务知识", "通用法律知识", "专门法律知识", "政治理论", "党性教育")


def id_numbers(count: int, seed: int = 7) -> list[str]:
    from lawtrain.idcard import check_char

    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 14000))
        body = f"{rng.choice(AREAS)}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
        seen.add(body + check_char(body))
    return sorted(seen)


def write_roster(path: Path, rows: int) -> None:
    import xlsxwriter

    rng = random.Random(1)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("执法人员")
    header = ("序号", "姓名", "性别", "身份证号码", "工作单位", "职务", "人员性质", "人员状态", "执法证号", "发证日期",
              "有效期至", "发证机关", "证件状态", "联系电话", "备注")  # fmt: skip
    sheet.write_row(0, 0, header)
    for i, number in enumerate(id_numbers(rows), start=1):
        issued = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1500))
        sheet.write_row(i, 0, (
            i, f"测试{i}", "男", number, rng.choice(UNITS), "科员", "行政编制", "在岗", f"4104{i:08d}",
            issued.isoformat(), "", "青山县人民政府", "有效", f"139{i:08d}", "",
        ))  # fmt: skip
    book.close()


def write_training(path: Path, rows: int, numbers: list[str], year: int = 2025) -> None:
    """`rows` training records cycling through the officers' ID `numbers`, dated in `year`."""
    import xlsxwriter

    rng = random.Random(2)
    officers = len(numbers)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("学时明细")
    sheet.write_row(0, 0, ("姓名", "身份证号", "课程名称", "课程类别", "学时", "完成时间"))
    start = date(year, 1, 1)
    for i in range(1, rows + 1):
        number = numbers[i % officers]
        course = f"{COURSES[i % len(COURSES)]}({i // officers + 1})"
        day = start + timedelta(days=rng.randrange(0, 365))
        sheet.write_row(
            i,
            0,
            ("学员", number, course, rng.choice(CATEGORIES), rng.choice((2, 3, 4, "4学时")), day.isoformat()),
        )
    book.close()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_read(path: str) -> None:
    """The bare calamine read: every row as Python values."""
    import python_calamine

    started, cpu = time.perf_counter(), time.process_time()
    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows = sum(1 for _ in sheet.iter_rows())
    print(f"{time.perf_counter() - started:.2f} {_peak_mb():.0f} {rows} {time.process_time() - cpu:.2f}")


def _skip_bulk_audit() -> None:
    """Bulk inserts hold the triggers back, add the hours and index the numbers, but write no audit
    rows (for the "without audit" figure)."""
    from contextlib import contextmanager

    from lawtrain.importing import write_officers, write_records
    from lawtrain.store import number_search
    from lawtrain.store.bulk import Inserted
    from lawtrain.store.schema import ADD_HOURS_ABOVE

    @contextmanager
    def unlogged(conn, table):
        largest = conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]  # noqa: S608 (our table names)
        inserted = Inserted(largest)
        conn.execute("UPDATE audit_context SET bulk = ? WHERE id = 1", [table])
        yield inserted
        conn.execute("UPDATE audit_context SET bulk = NULL WHERE id = 1")
        inserted.count = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE id > ?", [largest]).fetchone()[0]  # noqa: S608
        if table == "training":
            conn.execute(ADD_HOURS_ABOVE, [largest])
        if table in number_search.INDEXES:
            number_search.index_above(conn, table, largest)

    write_officers.bulk_inserts = write_records.bulk_inserts = unlogged


def step_import(db: str, path: str, no_audit: str = "") -> None:
    from lawtrain.importing import import_file
    from lawtrain.settings import Settings
    from lawtrain.store import Store

    with Store(Path(db), settings=Settings(), operator="bench") as store:
        if no_audit:
            for (name,) in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'"
            ).fetchall():
                store.db.execute(f"DROP TRIGGER {name}")
            _skip_bulk_audit()
        started, cpu = time.perf_counter(), time.process_time()
        result = import_file(store, Path(path))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{elapsed:.2f} {_peak_mb():.0f} {result.inserted} {result.unchanged} {len(result.rejected)} {cpu:.2f}"
    )


def measure(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout.split()


def process_seconds(*command: str) -> float:
    """Wall time of a whole process: interpreter start, imports, the work, exit."""
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
    return time.perf_counter() - started


def end_to_end(path: Path, db: Path) -> tuple[float, float]:
    """The bare read as a process of its own, and `lawtrain import` as the clerk runs it."""
    read = f"import python_calamine as c; sum(1 for _ in c.CalamineWorkbook.from_path({str(path)!r}).get_sheet_by_index(0).iter_rows())"
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    read_s = process_seconds(sys.executable, "-c", read)
    return read_s, process_seconds(sys.executable, "-m", "lawtrain", "--db", str(db), "import", str(path))


def main(small: bool) -> None:
    OUT.mkdir(exist_ok=True)
    roster_rows = 10_000 if small else ROSTER_ROWS
    training_rows = 100_000 if small else TRAINING_ROWS
    roster = OUT / f"roster-{roster_rows}.xlsx"
    training = OUT / f"training-{training_rows}.xlsx"
    for path, make in ((roster, lambda p: write_roster(p, roster_rows)),
                       (training, lambda p: write_training(p, training_rows, id_numbers(roster_rows)))):  # fmt: skip
        if not path.exists():
            started = time.perf_counter()
            make(path)
            print(f"generated {path.name} in {time.perf_counter() - started:.0f} s")
    db = OUT / "import-bench.db"
    plain = OUT / "import-bench-noaudit.db"
    for path in (db, plain):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    read_s, read_mb, _, read_cpu = measure("read", str(roster))
    imp = measure("import", str(db), str(roster))
    again = measure("import", str(db), str(roster))
    bare = measure("import", str(plain), str(roster), "no-audit")
    ratio = float(imp[0]) / float(read_s)
    print(f"roster {roster_rows:,} rows x 15 columns")
    print(
        f"  bare calamine read:            {float(read_s):6.2f} s  {read_mb:>5} MB peak  (cpu {read_cpu} s)"
    )
    print(f"  import into an empty register: {float(imp[0]):6.2f} s  {imp[1]:>5} MB peak  ({ratio:.1f}x the read; "
          f"target ~5 s and <= 5x)  inserted {int(imp[2]):,}  (cpu {imp[5]} s)")  # fmt: skip
    print(
        f"  the same again (all unchanged):{float(again[0]):6.2f} s  {again[1]:>5} MB peak  unchanged {int(again[3]):,}"
    )
    print(
        f"  import without audit:          {float(bare[0]):6.2f} s  (audit costs {float(imp[0]) - float(bare[0]):.2f} s)"
    )
    read_p, cli_p = end_to_end(roster, OUT / "import-cli.db")
    print(f"  as processes: the read {read_p:.2f} s, `lawtrain import` {cli_p:.2f} s ({cli_p / read_p:.1f}x)")

    t_read, t_read_mb, _, t_read_cpu = measure("read", str(training))
    t_imp = measure("import", str(db), str(training))
    t_bare = measure("import", str(plain), str(training), "no-audit")
    t_again = measure("import", str(db), str(training))
    print(f"training {training_rows:,} rows x 6 columns (register of {roster_rows:,} officers)")
    print(
        f"  bare calamine read:            {float(t_read):6.2f} s  {t_read_mb:>5} MB peak  (cpu {t_read_cpu} s)"
    )
    print(f"  import:                        {float(t_imp[0]):6.2f} s  {t_imp[1]:>5} MB peak  (target < 30 s)  "
          f"inserted {int(t_imp[2]):,}  (cpu {t_imp[5]} s)")  # fmt: skip
    print(
        f"  import without audit:          {float(t_bare[0]):6.2f} s  (audit costs {float(t_imp[0]) - float(t_bare[0]):.2f} s)"
    )
    print(
        f"  the same again (all unchanged):{float(t_again[0]):6.2f} s  {t_again[1]:>5} MB peak  unchanged {int(t_again[3]):,}"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "read":
        step_read(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "import":
        step_import(*sys.argv[2:])
    else:
        main(small="--small" in sys.argv)
