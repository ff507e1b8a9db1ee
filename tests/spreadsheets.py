"""Writing small spreadsheets for the import tests: .xlsx (with merged cells), .xls and .csv."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

# Valid ID numbers (check digits correct) of the sample county, for hand-made sheets.
ID_A = "410402198010047038"  # male, born 1980-10-04
ID_B = "410402199904259747"  # female
ID_C = "41042519720718743X"  # male, ends in X
ID_D = "411081196905032588"  # female


def xlsx(path: Path, rows: Sequence[Sequence[Any]], merges: Sequence[str] = (), sheet: str = "Sheet1",
         extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None, first: Sequence[Sequence[Any]] | None = None) -> Path:  # fmt: skip
    """A workbook whose sheet `sheet` holds `rows` from A1; `first`: a sheet placed before it."""
    wb = Workbook()
    ws = wb.active
    if first is not None:
        ws.title = "说明"
        for row in first:
            ws.append(list(row))
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for cells in merges:
        ws.merge_cells(cells)
    for name, more in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(list(row))
    wb.save(path)
    return path


def xls(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> Path:
    text = "\r\n".join(",".join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


ROSTER_HEADER = (
    "序号",
    "姓名",
    "性别",
    "身份证号码",
    "工作单位",
    "人员性质",
    "人员状态",
    "执法证号",
    "发证日期",
    "有效期至",
)


def ods(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice and WPS save as .ods), text cells only."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join(f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path
