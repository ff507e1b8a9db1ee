"""Opening a spreadsheet file as sheets of rows: .xlsx/.xlsm/.xls/.ods through python-calamine,
.csv in UTF-8 (with or without BOM) or GBK/GB18030.

Row numbers are as Excel shows them (1-based, title rows counted). Anything that cannot be read
raises UnreadableFile with one Chinese line naming the file and why.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import python_calamine as calamine

from .errors import UnreadableFile

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class SheetData:
    """One sheet: its name and its rows (lists of cell values) by Excel row number."""

    name: str
    _source: Any  # a calamine sheet or a list of rows
    height: int

    def rows(self, start: int = 1) -> Iterator[tuple[int, list[Any]]]:
        """(Excel row number, cells: a list of its own for each row) from row `start` on."""
        rows = self._source.iter_rows() if hasattr(self._source, "iter_rows") else iter(self._source)
        return islice(enumerate(rows, start=1), start - 1, None)  # no Python step per row

    def head(self, count: int) -> list[tuple[int, list[Any]]]:
        out = []
        for item in self.rows():
            if item[0] > count:
                break
            out.append(item)
        return out


class Workbook:
    """The sheets of one file, opened lazily."""

    def __init__(self, path: Path, sheet_names: list[str], opener):
        self.path = path
        self.sheet_names = sheet_names
        self._open = opener

    def sheet(self, name: str) -> SheetData:
        return self._open(name)


def _fail(path: Path, why: str) -> UnreadableFile:
    return UnreadableFile(f"无法读取“{path.name}”: {why}")


def open_workbook(path: Path) -> Workbook:
    """Open any supported file; the format is checked against the content, not only the name."""
    path = Path(path)
    if not path.exists():
        raise _fail(path, "文件不存在")
    if path.is_dir():
        raise _fail(path, "这是一个文件夹，不是表格文件")
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        magic = handle.read(8)
    if not magic:
        raise _fail(path, "文件是空的(0 字节)")
    if suffix in CSV_SUFFIXES:
        if magic.startswith((_ZIP, _OLE2)):
            raise _fail(path, "扩展名是 .csv，但内容是 Excel 工作簿；请改回正确的扩展名")
        return _open_csv(path)
    if suffix not in WORKBOOK_SUFFIXES:
        raise _fail(path, f"不支持的文件类型“{path.suffix or '无扩展名'}”，请使用 .xlsx、.xls、.ods 或 .csv")
    if not magic.startswith((_ZIP, _OLE2)):
        if _looks_like_text(path):
            raise _fail(
                path,
                f"扩展名是 {suffix}，但内容是纯文本(可能是改了扩展名的 CSV)；请另存为真正的 Excel 文件或改为 .csv",
            )
        raise _fail(path, f"扩展名是 {suffix}，但内容不是电子表格")
    if magic.startswith(_OLE2) and suffix in (".xlsx", ".xlsm", ".ods"):
        raise _fail(path, "文件已加密(设置了打开密码)；请在 Excel 中取消密码后另存，再导入")
    return _open_calamine(path)


def _looks_like_text(path: Path) -> bool:
    with path.open("rb") as handle:
        sample = handle.read(4096)
    if b"\x00" in sample:
        return False
    return any(_decodes(sample, encoding) for encoding in _CSV_ENCODINGS)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start > len(data) - 4  # a character cut at the end of the sample
    return True


# Workbooks whose first sheet is being loaded ahead (see prefetch), by resolved path.
_AHEAD: dict[Path, Future] = {}


def prefetch(path: Path | str) -> None:
    """Start loading the first sheet of a workbook in a thread of its own. calamine parses without
    holding the GIL, so the command line calls this first and the file is read while the rest of the
    import (its modules, the register) gets ready; the first open_workbook of the file takes it over.
    Anything that goes wrong is left for open_workbook to find and report."""
    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES or not path.is_file():
        return
    future: Future = Future()

    def load() -> None:
        try:
            book = calamine.CalamineWorkbook.from_path(str(path))
            names = list(book.sheet_names)
            future.set_result((book, names, book.get_sheet_by_name(names[0]) if names else None))
        except Exception:  # noqa: BLE001 (open_workbook reads the file again and says what is wrong)
            future.set_result(None)

    _AHEAD[path.resolve()] = future
    threading.Thread(target=load, name="lawtrain-prefetch", daemon=True).start()


def _open_calamine(path: Path) -> Workbook:
    ahead = _AHEAD.pop(path.resolve(), None)
    loaded = ahead.result() if ahead is not None else None
    if loaded is not None:
        book, names, first = loaded
        return Workbook(path, names, _sheets_of(path, book, {names[0]: first} if names else {}))
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except calamine.PasswordError:
        raise _fail(path, "文件已加密(设置了打开密码)；请在 Excel 中取消密码后另存，再导入") from None
    except calamine.ZipError:
        raise _fail(path, "文件不完整或已损坏(可能下载或复制时被截断)；请重新获取原文件") from None
    except (calamine.CalamineError, calamine.XmlError, OSError, ValueError) as exc:
        raise _fail(path, f"文件已损坏或不是有效的电子表格 ({exc})") from None
    return Workbook(path, names, _sheets_of(path, book, {}))


def _sheets_of(path: Path, book: calamine.CalamineWorkbook, loaded: dict[str, object]):
    """Opening a sheet of `book` by name; `loaded`: sheets loaded already, taken once."""

    def sheet(name: str) -> SheetData:
        try:
            data = loaded.pop(name) if name in loaded else book.get_sheet_by_name(name)
        except calamine.PasswordError:
            raise _fail(path, "文件已加密(设置了打开密码)；请在 Excel 中取消密码后另存，再导入") from None
        except (calamine.CalamineError, calamine.XmlError, calamine.ZipError, ValueError) as exc:
            raise _fail(path, f"工作表“{name}”已损坏，无法读取 ({exc})") from None
        height = data.end[0] + 1 if data.end else 0
        return SheetData(name, data, height)

    return sheet


def decode_csv(data: bytes) -> str:
    """UTF-8 (BOM or not) first; otherwise GB18030, the superset of GBK that Chinese Excel writes."""
    for encoding in _CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("gb18030", data, 0, 1, "neither UTF-8 nor GBK")


def _open_csv(path: Path) -> Workbook:
    try:
        content = decode_csv(path.read_bytes())
    except UnicodeDecodeError:
        raise _fail(
            path, "文字编码无法识别(既不是 UTF-8 也不是 GBK)；请在 Excel 中另存为“CSV UTF-8”"
        ) from None
    if "\x00" in content:
        raise _fail(path, "内容不是文本，不是有效的 CSV 文件")
    sample = content[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(content, newline=""), dialect))
    name = path.stem
    return Workbook(path, [name], lambda _name: SheetData(name, rows, len(rows)))
