"""How fast a county's folder imports in one command: 2,000 officers, a year of training in two files
(45,000 records), a year's appraisals, beside the five blank templates. Three runs each (min / median
/ max), every figure beside its reference in the same run, the two measured in turn:

- the look at the folder (kind and first data row of every file, to order them) against the bare
  calamine read of the same files;
- the whole folder imported (`import_files`, in dependency order) against the same files imported
  one by one in that order (`import_file`, what the clerk did before): the difference is the look;
- the dry run of the whole folder (every file rehearsed in one transaction rolled back) against the
  real import;
- `lawtrain import DIR` as the clerk runs it, against the bare read as a process of its own.

Generated files go to benchmarks/out/county-folder/ (kept between runs).
Usage: python benchmarks/folder_import_speed.py
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from realistic import write_roster, write_training  # noqa: E402

FOLDER = Path(__file__).parent / "out" / "county-folder"
OFFICERS = 2_000
ONLINE, OFFLINE = 30_000, 15_000
RUNS = 3


def write_appraisals(path: Path, numbers: list[str], year: int = 2025) -> None:
    import xlsxwriter

    rng = random.Random(3)
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("考核")
    sheet.write_row(0, 0, ("序号", "姓名", "身份证号码", "考核年度", "考核等次"))
    for i, number in enumerate(numbers, start=1):
        grade = rng.choices(("优秀", "称职", "基本称职", "不称职"), (2, 16, 1, 1))[0]
        sheet.write_row(i, 0, (i, f"测试{i}", number, year, grade))
    book.close()


def county_folder() -> Path:
    """The folder, its files named so that by name the roster comes last."""
    from lawtrain.importing.templates import write_templates

    if FOLDER.exists():
        return FOLDER
    FOLDER.mkdir(parents=True)
    everyone = write_roster(FOLDER / "青山县执法人员花名册.xlsx", OFFICERS)
    write_training(FOLDER / "2025年网络培训学时导出.xlsx", ONLINE, everyone)
    write_training(FOLDER / "2025年线下培训登记.xlsx", OFFLINE, list(reversed(everyone)), seed=3)
    numbers = [person[0] for person in everyone]
    write_appraisals(FOLDER / "2025年度考核结果.xlsx", numbers)
    write_templates(FOLDER)
    return FOLDER


def timed(*runs: Callable[[], object], prepare: Callable[[], object] = lambda: None) -> list[list[float]]:
    """Each of `runs` RUNS times, interleaved (a b c a b c …), so that the load of a shared machine
    falls alike on a figure and its reference."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(RUNS):
        for run, spent in zip(runs, times, strict=True):
            prepare()
            started = time.perf_counter()
            run()
            spent.append(time.perf_counter() - started)
    return times


def shown(times: list[float]) -> str:
    return f"{min(times):5.2f} / {statistics.median(times):5.2f} / {max(times):5.2f} s"


def main() -> None:
    import python_calamine

    from lawtrain.importing import import_file
    from lawtrain.importing.several import import_files, spreadsheets_in, survey
    from lawtrain.settings import Settings
    from lawtrain.store import Store

    folder = county_folder()
    paths = spreadsheets_in(folder)
    settings = Settings()
    work = Path(tempfile.mkdtemp(prefix="lawtrain-folder-"))
    db = work / "register.db"

    def fresh() -> None:
        for stale in work.glob("register.db*"):
            stale.unlink()

    def bare_read() -> None:
        for path in paths:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                sum(1 for _ in book.get_sheet_by_name(name).iter_rows())

    found = survey(paths, settings=settings)
    chosen = [f for f in found if f.importable]
    rows = sum(f.rows for f in chosen)
    print(f"county folder: {len(paths)} files ({len(chosen)} to import, {rows:,} rows; "
          f"{len(paths) - len(chosen)} blank templates)")  # fmt: skip
    print(f"  order: {'、'.join(f.path.name for f in chosen)}")

    read, look = timed(bare_read, lambda: survey(paths, settings=settings))
    print("step (min / median / max of 3)                       time                  reference")
    print(f"  look at the folder (kind, first data row)    {shown(look)}   bare read of every file {shown(read)}"
          f"  ({statistics.median(look) / statistics.median(read):.2f}x)")  # fmt: skip

    def one_by_one() -> None:
        with Store(db, settings=settings, operator="bench") as store:
            for f in chosen:
                import_file(store, f.path)

    def whole_folder(dry_run: bool) -> Callable[[], None]:
        def run() -> None:
            with Store(db, settings=settings, operator="bench") as store:
                files = [f for f in survey(paths, settings=settings) if f.importable]
                outcomes = import_files(store, files, dry_run=dry_run)
                assert all(o.result is not None for o in outcomes)

        return run

    separate, folder_import, rehearsal = timed(
        one_by_one, whole_folder(False), whole_folder(True), prepare=fresh
    )
    print(f"  import the folder (look included)            {shown(folder_import)}   file by file in order   "
          f"{shown(separate)}  (+{statistics.median(folder_import) - statistics.median(separate):.2f} s)")  # fmt: skip
    print(f"  dry run of the folder (nothing kept)         {shown(rehearsal)}   the real import         "
          f"{shown(folder_import)}  ({statistics.median(rehearsal) / statistics.median(folder_import):.2f}x)")  # fmt: skip

    read_code = (
        "import python_calamine as c, sys\n"
        "for p in sys.argv[1:]:\n"
        "    b = c.CalamineWorkbook.from_path(p)\n"
        "    [sum(1 for _ in b.get_sheet_by_name(n).iter_rows()) for n in b.sheet_names]"
    )

    def process(*command: str) -> Callable[[], None]:
        return lambda: subprocess.run(command, capture_output=True, check=False, cwd=ROOT)

    read_p, cli = timed(
        process(sys.executable, "-c", read_code, *map(str, paths)),
        process(sys.executable, "-m", "lawtrain", "--db", str(db), "import", str(folder)),
        prepare=fresh,
    )
    print(f"  `lawtrain import DIR` as a process           {shown(cli)}   the bare read, a process "
          f"{shown(read_p)}  ({statistics.median(cli) / statistics.median(read_p):.1f}x)")  # fmt: skip
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
