"""Run a function over many inputs on both cores, in processes forked from this one.

Forked workers start with everything this process holds (the model, compiled templates), so
nothing large is sent to them; only each call's input and result are pickled. Results come
back in input order, so the output stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable[[object], object] | None = None


def _call(item: object) -> object:
    assert _TASK is not None
    return _TASK(item)


def exit_with_parent() -> None:
    """In a worker process: exit as soon as the process that started it ends, even when that was
    killed (`kill -9`), rather than wait for work that will never come (orphaned workers used to
    hang for ever after a killed build)."""
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        threading.Thread(target=_exit_when_ready, args=(parent.sentinel,), daemon=True).start()


def _exit_when_ready(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def can_fork() -> bool:
    """Whether this platform can fork (Linux and other Unixes; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def map_forked(task: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """`[task(item) for item in items]`, computed by `workers` forked processes."""
    global _TASK
    _TASK = task  # type: ignore[assignment]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=exit_with_parent) as pool:
            return list(pool.map(_call, items))  # type: ignore[arg-type]
    finally:
        _TASK = None
