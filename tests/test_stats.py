"""Per-unit statistics and their totals."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from lawtrain.cli.main import cli
from lawtrain.stats import statistics, unit_stats

from .checks_register import AS_OF, TOWN, UNIT, Register


def build(store):
    reg = Register(store)
    for name, hours in (("甲", (24, 24, 12)), ("乙", (20, 10)), ("丙", ())):
        number = reg.officer(name)
        for i, h in enumerate(hours):
            reg.training(number, h, date(2025, 3 + i, 1))
    reg.officer("丁", issued=None)
    reg.officer("戊", status="退休")
    reg.officer("镇甲", unit=TOWN)
    reg.adviser("王律师", UNIT, date(2025, 1, 1), date(2026, 12, 31))
    reg.adviser("钱律师", "青山县人民政府", date(2025, 1, 1), date(2026, 12, 31))


def test_unit_rows_and_totals(store):
    build(store)
    figures = statistics(store, 2025, AS_OF)
    rows = {row["unit"]: row for row in figures.rows}
    assert list(rows) == sorted(rows)
    assert rows[UNIT] == {
        "unit": UNIT, "county": "青山县", "officers": 5, "in_post": 4, "holders": 3, "holder_rate": 75.0, "subjects": 3,
        "compliant": 1, "compliance_rate": 33.3, "average_hours": 30.0, "advisers": 1,
    }  # fmt: skip
    assert rows[TOWN]["compliance_rate"] == 0.0 and rows[TOWN]["advisers"] == 0
    assert rows["青山县人民政府"]["officers"] == 0 and rows["青山县人民政府"]["holder_rate"] is None
    assert figures.totals["officers"] == 6 and figures.totals["holders"] == 4
    assert figures.totals["compliance_rate"] == 25.0 and figures.totals["average_hours"] == 22.5
    assert figures.totals["units"] == 3
    assert unit_stats(store, 2025, AS_OF) == figures.rows


def test_command_table_and_json(store):
    build(store)
    runner = CliRunner()
    text = runner.invoke(cli, ["--db", str(store.path), "stats", "--as-of", "2025-12-31"])
    assert text.exit_code == 0 and "持证率(%)" in text.output and "合计" in text.output
    data = json.loads(
        runner.invoke(cli, ["--db", str(store.path), "stats", "--year", "2025", "--json"]).output
    )
    assert data["as_of"] == "2025-12-31" and data["totals"]["subjects"] == 4
    assert {u["unit"] for u in data["units"]} == {UNIT, TOWN, "青山县人民政府"}
