"""One writer at a time. The store has one SQLite connection: a form saved while an import runs in
its worker would join the import's transaction (and a dry run rolls its transaction back). Workers
wait for the guard; the screen's own saves ask for it and are told to wait when it is taken."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Busy(Exception):
    """Another change is being written; the message says so in Chinese."""


class WriteGuard:
    def __init__(self) -> None:
        self._lock = threading.Lock()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """For workers: wait until no other change is being written."""
        with self._lock:
            yield

    @contextmanager
    def try_hold(self) -> Iterator[None]:
        """For saves made on the screen: refuse at once when a worker is writing."""
        if not self._lock.acquire(blocking=False):
            raise Busy("正在导入或执行年审，请等它完成后再保存")
        try:
            yield
        finally:
            self._lock.release()
