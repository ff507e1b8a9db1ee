"""Measuring commands as the clerk runs them: each one a process of its own, timed from start to exit,
with the CPU seconds and peak memory of that process alone; figures as min / median / max of runs.

`--code DIR` in the scripts runs `lawtrain` from another checkout (the previous version), against the
same files and in the same run, so that "before" and "now" meet the same load on the shared machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock, start to exit
    cpu: float  # user + system seconds of the process
    peak_mb: float  # its maximum resident memory
    status: int


def run_process(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    """One process, output discarded."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode)


def lawtrain(code: Path, *args: str) -> Run:
    """`lawtrain ARGS` as a process, from the checkout `code` (this one unless measuring another)."""
    env = {**os.environ, "PYTHONPATH": str(code), "LAWTRAIN_OPERATOR": "bench"}
    return run_process([sys.executable, "-m", "lawtrain", *args], code, env)


def bare_read(path: Path) -> Run:
    """The reference for an import: every row of the first sheet as Python values, in a process."""
    code = (
        "import python_calamine as c; "
        f"sum(1 for _ in c.CalamineWorkbook.from_path({str(path)!r}).get_sheet_by_index(0).iter_rows())"
    )
    return run_process([sys.executable, "-c", code])


def spread(values: list[float], unit: str = " s", digits: int = 2) -> str:
    """min / median / max."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f}{unit}"


def load() -> str:
    """The machine's load average over the last minute (2 cores: above 2, runs wait for a core)."""
    return f"{os.getloadavg()[0]:.1f}"


def fresh(db: Path) -> None:
    """No database (nor its -wal and -shm) at `db`."""
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()


def code_option(args: list[str]) -> Path:
    return Path(args[args.index("--code") + 1]).resolve() if "--code" in args else ROOT


def runs_option(args: list[str], default: int = 3) -> int:
    return int(args[args.index("--runs") + 1]) if "--runs" in args else default
