"""One writer at a time. Imports, reviews and the demo write in a worker through their own connection
(`Store.another()`), so the screens keep reading committed records meanwhile; SQLite takes one writer
at a time, so a form saved during such a write would wait on its lock. Workers wait for the guard; the
screen's own saves ask for it and are told at once to wait when it is taken.

Another program (a `lawtrain import` in a terminal) may hold the register's write lock too. A worker
then waits for it in its own thread, up to the settings' storage.busy_wait_seconds, and the clerk is
told once that it waits; the screen never does (the App's own store has no patience), so a save
refused by it, like any storage failure, is shown as its one line (store.failures)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from textual.widget import Widget

from ..store import StorageError, Store

if TYPE_CHECKING:
    from .app import LawtrainApp

WAITING_TIMEOUT = 10  # seconds the "waiting" notification stays
FAILURE_TIMEOUT = 20  # and a storage failure's line, long enough to read what to do


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


@contextmanager
def worker_store(app: LawtrainApp, show: Callable[[str], object] | None = None) -> Iterator[Store]:
    """For a worker thread: the app's guard held and a connection of its own, which tells the clerk
    (a notification, once) when it has to wait for another program writing the register; `show` also
    gets the line (on the UI thread), to keep it on the screen for as long as the wait lasts."""

    def waiting(line: str) -> None:
        app.call_from_thread(app.notify, line, severity="warning", timeout=WAITING_TIMEOUT, markup=False)
        if show is not None:
            app.call_from_thread(show, line)

    with app.write_guard.hold(), app.store.another(waiting=waiting) as store:
        yield store


def notify_failure(node: Widget, failure: StorageError) -> None:
    """Show a storage failure's one line (on the UI thread; workers use call_from_thread)."""
    node.notify(str(failure), severity="error", timeout=FAILURE_TIMEOUT, markup=False)  # a path may hold [ ]
