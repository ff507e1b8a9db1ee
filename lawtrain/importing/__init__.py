"""Importing spreadsheets into the register: one file, one transaction, one batch; every rejected row
reported by row, column and value; an error workbook to fix and import again."""

from ..reading import UnreadableFile
from .errorbook import default_errors_path
from .preview import preview
from .result import ImportResult, Preview, Rejection
from .run import import_file
from .writers import (
    Saved,
    save_advisers,
    save_appraisals,
    save_certificates,
    save_exams,
    save_officers,
    save_training,
)

__all__ = [
    "ImportResult", "Preview", "Rejection", "Saved", "UnreadableFile", "default_errors_path", "import_file",
    "preview", "save_advisers", "save_appraisals", "save_certificates", "save_exams", "save_officers",
    "save_training",
]  # fmt: skip
