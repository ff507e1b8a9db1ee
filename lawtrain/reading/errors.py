"""The one error a file can give before any row is read."""

from __future__ import annotations


class UnreadableFile(Exception):
    """A file that cannot be read or recognised; str() is one Chinese line naming the file and why."""
