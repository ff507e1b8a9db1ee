"""File names for a round's workbooks: the unit's full name, safe on every file system, unique in the
folder (compared as Windows and macOS do: without regard to case)."""

from __future__ import annotations

import re
import unicodedata

SUMMARY_NAME = "汇总"
# Characters no file system takes (Windows is the strictest), control characters included.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# Names Windows keeps for devices, whatever the extension.
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_LONGEST = 100  # characters before the extension: room for a folder path within Windows' 260


def safe_stem(name: str) -> str:
    """`name` as a file name without extension: unsafe characters replaced by _, no leading or
    trailing dots and spaces, not a device name, not empty, at most _LONGEST characters."""
    stem = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    if not stem or stem.upper() in _RESERVED:
        stem = f"_{stem}"
    return stem[:_LONGEST].rstrip(" .") or "_"


class FileNames:
    """Unique names in one folder: the second unit whose name gives the same file gets (2), and so on.
    The summary's name is taken from the start."""

    def __init__(self) -> None:
        self._taken = {SUMMARY_NAME.lower()}

    def take(self, name: str, suffix: str = ".xlsx") -> str:
        stem = safe_stem(name)
        candidate, n = stem, 2
        while candidate.lower() in self._taken:
            candidate, n = f"{stem}({n})", n + 1
        self._taken.add(candidate.lower())
        return candidate + suffix
