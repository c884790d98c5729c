"""Two pieces of numpy work at once: numpy releases the GIL while it sorts, reduces and counts."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["cores", "in_parallel"]

A = TypeVar("A")
B = TypeVar("B")


def cores() -> int:
    """The CPUs this process may run on (at least 1)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_parallel(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """``(first(), second())``, ``first`` in a helper thread while ``second`` runs here.

    Worth it only for calls that spend their time in numpy with the GIL released; an
    exception in either is raised here (``first``'s once ``second`` has finished).
    """
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(first)
        b = second()
        return future.result(), b
