"""Storage of the register in SQLite: schema, audit, batches and undo."""

from .database import DEFAULT_DB, Batch, Store, default_operator

__all__ = ["DEFAULT_DB", "Batch", "Store", "default_operator"]
