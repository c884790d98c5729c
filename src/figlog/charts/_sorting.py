"""Sorting a large array of uint64 keys on two cores: split at a pivot, sort each side."""

from __future__ import annotations

import numpy as np

from ._threads import in_parallel, spare_core

__all__ = ["PARALLEL_FROM", "sort_keys"]

# From this many keys on, and with a core to spare, the keys are sorted in two parts at once.
PARALLEL_FROM = 1 << 17
# The pivot is the median of about this many keys, taken at even steps.
_SAMPLE = 1024


def sort_keys(keys: np.ndarray, *, tie_mask: int = 0) -> tuple[np.ndarray, int]:
    """``keys`` sorted (in place, or into a new array), and where its upper part starts.

    With a spare core (see ``_threads.spare_core``) and at least ``PARALLEL_FROM`` keys, the keys below a pivot (the median
    of a sample) and those at or above it are gathered and sorted by two threads at once,
    each into its own end of one output: the two sorted runs side by side are the sorted
    keys. ``tie_mask`` names low bits that do not tell keys apart for the caller (such as a
    label packed below a score): the pivot has them clear, so keys equal but for them fall
    on the same side, and the returned split never cuts such a tie. Otherwise (small input,
    no spare core) the keys are sorted in place and the split is 0.
    """
    n = len(keys)
    if n < PARALLEL_FROM or not spare_core():
        keys.sort()
        return keys, 0
    sample = np.sort(keys[:: max(n // _SAMPLE, 1)])
    pivot = sample[len(sample) // 2] & ~keys.dtype.type(tie_mask)
    out = np.empty_like(keys)

    def lower() -> int:
        below = np.less(keys, pivot)
        k = int(np.count_nonzero(below))
        part = np.compress(below, keys, out=out[:k])
        part.sort()
        return k

    def upper() -> int:
        above = np.greater_equal(keys, pivot)
        k = int(np.count_nonzero(above))
        part = np.compress(above, keys, out=out[n - k :])
        part.sort()
        return k

    k_low, _ = in_parallel(lower, upper)
    return out, k_low
