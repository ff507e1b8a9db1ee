"""The province-scale demo database the benchmarks share: 300,000 officers, built once and cached."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"
PROVINCE_OFFICERS = 300_000
PROVINCE_YEAR = 2025
PROVINCE_DB = OUT / f"province-{PROVINCE_OFFICERS}.db"


def lawtrain(*args: str) -> subprocess.CompletedProcess:
    """Run the real command line, as a clerk would."""
    return subprocess.run(
        [sys.executable, "-m", "lawtrain", *args], capture_output=True, text=True, check=False
    )


def build_demo(path: Path, officers: int, year: int = PROVINCE_YEAR, seed: int = 7) -> float:
    """Create a demo database at `path` (replacing one); returns the seconds the command took."""
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result = lawtrain(
        "--db", str(path), "demo", "--officers", str(officers), "--year", str(year), "--seed", str(seed)
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"demo failed: {result.stderr.strip()}")
    return elapsed


def province_db() -> Path:
    """The cached province database, built on first use (about 3 minutes)."""
    if not PROVINCE_DB.exists():
        print(f"building {PROVINCE_DB.name} ...", flush=True)
        build_demo(PROVINCE_DB, PROVINCE_OFFICERS)
    return PROVINCE_DB
