"""Storage of the register in SQLite: schema, audit, batches and undo."""

from .database import DEFAULT_DB, Batch, Store, default_operator
from .failures import StorageError

__all__ = ["DEFAULT_DB", "Batch", "Store", "StorageError", "default_operator"]
