"""The writers, one per kind of record: the import and the TUI's forms both call them.

Each takes validated models and writes them inside the caller's `store.batch(...)`, returning a Saved
(inserted / updated / unchanged counts and the records it refused, with the reason).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..models import AdviserIn, AppraisalIn, CertificateIn, ExamIn, OfficerIn, TrainingIn
from .write_common import Saved
from .write_officers import prepare_officer, save_certificates, save_officers
from .write_records import prepare_training, save_advisers, save_appraisals, save_exams, save_training

# kind -> (validation model, writer, the model fields that identify a record within one file)
WRITERS: dict[str, tuple[type, Callable[..., Saved], tuple[str, ...]]] = {
    "officers": (OfficerIn, save_officers, ("id_number",)),
    "certificates": (CertificateIn, save_certificates, ("number",)),
    "training": (TrainingIn, save_training, ("id_number", "course", "date")),
    "exams": (ExamIn, save_exams, ("id_number", "exam_name", "part", "date")),
    "appraisals": (AppraisalIn, save_appraisals, ("id_number", "year")),
    "advisers": (AdviserIn, save_advisers, ("name", "unit", "term_start")),
}

# kind -> what the import builds for each record in its validating thread and hands to the writer as
# `prepared` (one per record), so that the writer thread mostly runs SQL.
PREPARERS: dict[str, Callable[[Any], Any]] = {"officers": prepare_officer, "training": prepare_training}

__all__ = [
    "PREPARERS", "WRITERS", "Saved", "save_advisers", "save_appraisals", "save_certificates", "save_exams", "save_officers",
    "save_training",
]  # fmt: skip
