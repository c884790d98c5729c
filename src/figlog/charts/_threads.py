"""Two pieces of numpy work at once: numpy releases the GIL while it sorts, reduces and counts."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["cores", "in_parallel", "spare_core"]

A = TypeVar("A")
B = TypeVar("B")


def cores() -> int:
    """The CPUs this process may run on (at least 1)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def spare_core() -> bool:
    """Whether a second thread would likely run at once: two CPUs and a load below both.

    The one-minute load average counts this process's own running thread too; at 1.5 or
    more on two CPUs the other one is mostly taken, and splitting work in two halves then
    waits on whichever half is not scheduled (binary PR measured at load 6 on two CPUs:
    1.5x slower than one thread, where with a free CPU it is faster).
    """
    n = cores()
    if n < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not available: assume the CPUs are ours
        return True
    return load < n - 0.5


def in_parallel(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """``(first(), second())``, ``first`` in a helper thread while ``second`` runs here.

    Worth it only for calls that spend their time in numpy with the GIL released; an
    exception in either is raised here (``first``'s once ``second`` has finished).
    """
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(first)
        b = second()
        return future.result(), b
