"""How long `lawtrain demo` takes at county and province scale (target: 300,000 officers < 4 min)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from province import OUT, PROVINCE_DB, PROVINCE_OFFICERS, build_demo  # noqa: E402


def main() -> None:
    county = OUT / "county-2000.db"
    seconds = build_demo(county, 2000)
    print(f"demo, county (2,000 officers):     {seconds:6.1f} s")
    seconds = build_demo(PROVINCE_DB, PROVINCE_OFFICERS)
    with sqlite3.connect(PROVINCE_DB) as conn:
        training = conn.execute("SELECT COUNT(*) FROM training").fetchone()[0]
    size = PROVINCE_DB.stat().st_size / 2**20
    print(f"demo, province (300,000 officers): {seconds:6.1f} s  target < 240 s")
    print(f"  training records: {training:,}  database: {size:,.0f} MB")


if __name__ == "__main__":
    main()
