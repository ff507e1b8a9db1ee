"""What a person reads never shows a settings key, True/False/None or a Python list or dict: every
command's text output, every workbook and CSV it writes on the sample register, and every screen the
snapshot tests draw. `--json` keeps its machine keys (tested where each command is)."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from lawtrain.cli.main import cli
from lawtrain.labels import PARAMETERS
from lawtrain.settings import Settings

SNAPSHOTS = Path(__file__).parent / "__snapshots__"

# Every settings key (section.key and key), every parameter key, and what Python prints for its values.
_KEYS = {key for key in PARAMETERS if "_" in key}
for section in Settings.model_fields.values():
    annotation = section.annotation
    for key in getattr(annotation, "model_fields", {}):
        if "_" in key:
            _KEYS.add(key)
FORBIDDEN = re.compile(
    r"\b(True|False|None)\b|\[\]|\{\}|\['|\{'|': |(?<![\w/.-])(" + "|".join(sorted(_KEYS)) + r")(?![\w])"
)


def offences(text: str) -> list[str]:
    return [line for line in text.splitlines() if FORBIDDEN.search(line)]


def lawtrain(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def workbook_text(path: Path) -> str:
    book = load_workbook(path)
    return "\n".join(
        str(cell)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


def csv_text(path: Path) -> str:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return "\n".join(",".join(row) for row in csv.reader(handle))


@pytest.fixture
def register(sample_store) -> Path:
    path = sample_store.path
    sample_store.close()
    return path


def test_command_line_text_and_exports(register, tmp_path, expected):
    someone = next(iter(expected["training-hours"]))
    texts = {
        "check": lawtrain(register, "check", "--year", "2025", "--as-of", "2025-12-31", "--all"),
        "check --list": lawtrain(register, "check", "--list"),
        "stats": lawtrain(register, "stats", "--year", "2025", "--as-of", "2025-12-31"),
        "review": lawtrain(register, "review", "--year", "2025"),
        "explain": lawtrain(register, "explain", someone, "--year", "2025", "--as-of", "2025-12-31"),
        "history": lawtrain(register, "history"),
        "setup": lawtrain(register, "setup"),
    }
    exports = {
        "check.xlsx": ("check", "--year", "2025", "--as-of", "2025-12-31"),
        "check.csv": ("check", "--year", "2025", "--as-of", "2025-12-31"),
        "one-check.csv": ("check", "training-hours", "--year", "2025", "--as-of", "2025-12-31"),
        "stats.xlsx": ("stats", "--year", "2025", "--as-of", "2025-12-31"),
        "stats.csv": ("stats", "--year", "2025", "--as-of", "2025-12-31"),
        "review.xlsx": ("review", "--year", "2025"),
        "officers.xlsx": ("export", "officers"),
        "officers.csv": ("export", "officers"),
    }
    for name, args in exports.items():
        out = tmp_path / name
        lawtrain(register, *args, "--out", str(out))
        texts[name] = workbook_text(out) if out.suffix == ".xlsx" else csv_text(out)
    for name, text in texts.items():
        text = text.replace(str(tmp_path), "").replace(str(register.parent), "")
        assert text.strip(), name
        assert offences(text) == [], name


def test_the_screens(register):
    pictures = sorted(SNAPSHOTS.rglob("*.svg"))
    assert pictures
    for picture in pictures:
        assert offences(screen_text(picture)) == [], picture.name


def screen_text(picture: Path) -> str:
    """The characters a snapshot shows, line by line (its <text> runs grouped by their row)."""
    rows: dict[str, list[str]] = {}
    for y, run in re.findall(
        r'<text[^>]* y="([\d.]+)"[^>]*>(.*?)</text>', picture.read_text(encoding="utf-8")
    ):
        rows.setdefault(y, []).append(html.unescape(re.sub(r"<[^>]+>", "", run)))
    return "\n".join("".join(runs) for runs in rows.values())


def test_the_pattern_catches_what_it_should():
    assert offences("参数: required_hours=60；excluded_categories=['政治理论', '党性教育']")
    assert offences("按发证月份折算 False") and offences("上一聘期止 None") and offences("reasons []")
    assert not offences(
        "应修学时 60；不计入的类别 政治理论、党性教育；结转上限 0 学时；按发证月份折算 否；判定日 2025-12-31"
    )
