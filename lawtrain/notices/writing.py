"""Writing a round's workbooks: in this process for a county, in a pool of processes for a province.

A workbook takes ~10 ms of Python (xlsxwriter's XML and zip), so the 3,900 of a province take
30-40 s on one core; each is independent, so several processes share them. The pool is started with
"spawn" (a fresh interpreter: safe from the app's threads, and the only way on Windows) and handed the
round's shared context once; each task carries one unit's rows. If the pool breaks, the workbooks are
written in this process: a round never depends on it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from .rounds import SinceLast
from .workbook import RoundContext, write_unit_workbook

# Below this many workbooks, starting the processes (~0.5 s) costs more than it saves.
POOL_FROM = 200
MAX_PROCESSES = 4

Task = tuple[Path, str, dict[str, list[dict[str, Any]]], SinceLast | None]
_context: RoundContext | None = None  # in a pool's process: the round's shared context


def processes_for(workbooks: int) -> int:
    """How many processes write `workbooks` workbooks: one below POOL_FROM, else a core each."""
    if workbooks < POOL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES))


def write_workbooks(
    tasks: list[Task], context: RoundContext, processes: int, progress: Callable[[int, int], None] | None
) -> None:
    """Write every unit's workbook; `progress(done, total)` after each."""
    for done, _ in enumerate(_written(tasks, context, processes), start=1):
        if progress:
            progress(done, len(tasks))


def _written(tasks: list[Task], context: RoundContext, processes: int) -> Iterator[Path]:
    if processes > 1:
        try:
            yield from _in_pool(tasks, context, processes)
            return
        except BrokenProcessPool:
            # A process that could not start (a script that starts the round without the
            # `if __name__ == "__main__"` guard spawn needs): the workbooks are written here instead.
            pass
    for task in tasks:
        yield write_unit_workbook(*task, context)


def _in_pool(tasks: list[Task], context: RoundContext, processes: int) -> Iterator[Path]:
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=spawn, initializer=_receive, initargs=(context,)) as pool:
        yield from pool.map(_write, tasks, chunksize=8)


def _receive(context: RoundContext) -> None:
    global _context
    _context = context


def _write(task: Task) -> Path:
    assert _context is not None
    return write_unit_workbook(*task, _context)
