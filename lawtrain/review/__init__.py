"""The annual review (年审): evaluate a year, record it, and the workbook of its results."""

from .evaluation import REASON_LABELS, REASONS, ReviewError, ReviewResult, evaluate
from .recording import ApplyResult, apply

__all__ = ["REASONS", "REASON_LABELS", "ApplyResult", "ReviewError", "ReviewResult", "apply", "evaluate"]
