"""What the PR and ROC charts share: per-class exact curves, thinned into one table."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from ..tables import Table
from . import _metrics
from ._inputs import Classes
from ._threads import cores, in_parallel, spare_core

__all__ = [
    "DISPLAY_TOLERANCE", "MAX_POINTS", "TOLERANCE", "CurveResult", "class_curves",
    "require_rows",
]

# The drawn curve stays within TOLERANCE of the exact one, always. It is drawn within
# DISPLAY_TOLERANCE (rounder curves) when that takes at most MAX_POINTS points per class,
# else as close as MAX_POINTS points allow. Only a curve that thinning to TOLERANCE itself
# leaves with more than MAX_POINTS (a tall sawtooth of precision at low recall) keeps more:
# the tolerance wins over the cap (see _metrics.thin).
TOLERANCE = _metrics.DEFAULT_TOLERANCE
DISPLAY_TOLERANCE = 0.002
MAX_POINTS = _metrics.DEFAULT_MAX_POINTS
# A class whose sorted side (see _class_counts) holds at least this share of the samples
# sorts all its scores at once instead.
SORT_ALL_FROM = 0.2

class CurveResult:
    """The display table (class, x, y, threshold) and each class's metric and positives."""

    def __init__(self, table: Table, metric: dict[str, float | None], positives: dict[str, int]):
        self.table = table
        self.metric = metric
        self.positives = positives


def class_curves(
    classes: Classes,
    chosen: list[int],
    *,
    x: str,
    y: str,
    side: str = "positives",
) -> CurveResult:
    """Compute each chosen class's exact curve and metric and thin the curve for display.

    The curve comes from every distinct threshold, or from only those where it can turn
    (``_metrics.corner_counts``), which draw the same polyline and give the same metric;
    ``_metrics.display_curve`` then gives the exact metric and the thinned curve without
    building the full one. (Dropping the straight runs from every threshold first, with
    ``_metrics.turning_rows``, costs more than display_curve spends on them.) A binary problem whose two columns are
    complementary (column 0 is exactly ``1 - column 1``) costs one sort for both classes
    (``_metrics.complementary_counts``); otherwise each class costs one sort, either of all
    its scores (``_metrics.sorted_counts``) or, when the sorted side is small, of that side
    only (``_metrics.corner_counts``). ``side`` is the class whose scores the latter sorts:
    ROC passes ``"smaller"`` and gets ROC curves (x: false positive rate, y: true positive
    rate, metric: AUC); PR passes ``"positives"`` and gets PR curves (recall, precision,
    average precision).
    """
    kind = "pr" if side == "positives" else "roc"
    pair = _complementary_pair(classes, chosen)
    columns = _columns(classes.scores, chosen) if pair is None else {}

    def one(j: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, int]:
        if pair is not None:
            counts = pair[j]
        else:
            counts = _class_counts(classes, j, side=side, column=columns.get(j))
        # No curve without positives (or negatives, for ROC): empty, and a NaN metric.
        cx, cy, thr, metric = _metrics.display_curve(
            counts, curve=kind, tolerance=TOLERANCE, fine_tolerance=DISPLAY_TOLERANCE,
            max_points=MAX_POINTS,
        )
        return cx, cy, thr, metric, counts.n_pos

    # numpy releases the GIL while it sorts and counts, so classes run in parallel; a pool
    # hands them out one at a time, so a worker that is not scheduled holds up one class
    # only. A complementary pair, sorted already, has only its two display curves left:
    # split in two only when a core is spare.
    workers = min(len(chosen), cores(), 8)
    if pair is not None and not spare_core():
        workers = 1
    if workers > 1 and len(classes.target) >= 50_000:
        with ThreadPoolExecutor(workers) as pool:
            results = list(pool.map(one, chosen))
    else:
        results = [one(j) for j in chosen]

    names: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    thresholds: list[Any] = []
    metric: dict[str, float | None] = {}
    positives: dict[str, int] = {}
    for j, (cx, cy, thr, m, n_pos) in zip(chosen, results):
        name = classes.names[j]
        metric[name] = m if math.isfinite(m) else None
        positives[name] = n_pos
        names.extend([name] * len(cx))
        xs.extend(cx.tolist())
        ys.extend(cy.tolist())
        thresholds.extend(None if not math.isfinite(t) else t for t in thr.tolist())
    table = Table(columns=[])
    table.add_column("class", names)
    table.add_column(x, xs)
    table.add_column(y, ys)
    table.add_column("threshold", thresholds)
    return CurveResult(table, metric, positives)


def _complementary_pair(
    classes: Classes, chosen: list[int]
) -> dict[int, _metrics.ClfCounts] | None:
    """Both classes' counts from one sort, when both are drawn from complementary columns."""
    scores = classes.scores
    if scores.ndim != 2 or scores.shape[1] != 2 or sorted(chosen) != [0, 1]:
        return None
    if not _metrics.complementary(scores[:, 0], scores[:, 1]):
        return None
    pair = _metrics.complementary_counts(classes.target == 1, scores[:, 1])
    if pair is None:  # negative scores: their bits do not sort as they do
        return None
    return {1: pair[0], 0: pair[1]}


# _columns() transposes this many rows at a time (the block read and written stays in cache).
_TRANSPOSE_ROWS = 1 << 13


def _columns(scores: np.ndarray, chosen: list[int]) -> dict[int, np.ndarray]:
    """The chosen columns of 2-D scores, each contiguous, from one pass over the scores.

    Copying one strided column reads every cache line of the array, so copying ten columns
    one by one reads it ten times; a blocked transpose reads it once (with two cores, each
    thread half of the rows, when a core is spare).
    """
    if scores.ndim != 2 or len(chosen) < 3:
        return {}
    n = len(scores)
    out = np.empty((len(chosen), n), dtype=scores.dtype)
    picked = scores if len(chosen) == scores.shape[1] and chosen == sorted(chosen) else None
    idx = np.asarray(chosen)

    def transpose(start: int, stop: int) -> None:
        for a in range(start, stop, _TRANSPOSE_ROWS):
            b = min(a + _TRANSPOSE_ROWS, stop)
            block = picked[a:b] if picked is not None else scores[a:b, idx]
            out[:, a:b] = block.T

    if n >= 4 * _TRANSPOSE_ROWS and spare_core():
        half = n // 2
        in_parallel(lambda: transpose(0, half), lambda: transpose(half, n))
    else:
        transpose(0, n)
    return {j: out[i] for i, j in enumerate(chosen)}


def _class_counts(
    classes: Classes, j: int, *, side: str, column: np.ndarray | None = None
) -> _metrics.ClfCounts:
    """Class ``j``'s counts from one sort: of all its scores, or of one side only."""
    if classes.scores.ndim == 1:
        scores = classes.scores
    elif column is not None:  # transposed already (_columns)
        scores = column
    else:  # one contiguous column: the positives and negatives are gathered from it
        scores = np.ascontiguousarray(classes.scores[:, j])
    is_pos = classes.target == j
    n = len(is_pos)
    n_pos = int(np.count_nonzero(is_pos))
    sorted_side = n_pos if side == "positives" else min(n_pos, n - n_pos)
    # Sorting one side and ranking the rest by bucket beats one sort of everything only
    # while that side is small: the ranking costs about a sort of a fifth of the samples.
    if SORT_ALL_FROM * n <= sorted_side:
        counts = _metrics.sorted_counts(is_pos, scores)
        if counts is None:  # negative scores
            counts = _metrics.binary_counts(is_pos, scores)
        return counts
    return _metrics.corner_counts(is_pos, scores, side=side)


def require_rows(result: CurveResult, classes: Classes, chosen: list[int], *, needs: str) -> None:
    """Raise when no chosen class has a curve (so there is nothing to draw)."""
    if len(result.table) == 0:
        names = [classes.names[j] for j in chosen]
        msg = (
            f"no curve to draw: none of the classes {names} has at least one {needs} "
            "sample in y_true"
        )
        raise ValueError(msg)
