"""One writer at a time. Imports, reviews and the demo write in a worker through their own connection
(`Store.another()`), so the screens keep reading committed records meanwhile; SQLite takes one writer
at a time, so a form saved during such a write would wait on its lock. Workers wait for the guard; the
screen's own saves ask for it and are told at once to wait when it is taken."""

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
