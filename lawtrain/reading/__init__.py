"""Reading spreadsheets as clerks receive them: files, header rows, the synonym table, sheet kinds."""

from .errors import UnreadableFile
from .files import decode_csv, open_workbook
from .headers import HEADER_SYNONYMS, find_header, synonym_index
from .kinds import KINDS, Kind, detect, kind_named
from .table import Table, open_table

__all__ = [
    "HEADER_SYNONYMS", "KINDS", "Kind", "Table", "UnreadableFile", "decode_csv", "detect", "find_header",
    "kind_named", "open_table", "open_workbook", "synonym_index",
]  # fmt: skip
