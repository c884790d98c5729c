"""What the PR and ROC charts share: per-class exact curves, thinned into one table."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from ..tables import Table
from . import _metrics
from ._inputs import Classes

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

# (x, y, thresholds, metric) of one class's exact curve, from its counts.
CurveFn = Callable[[_metrics.ClfCounts], tuple[np.ndarray, np.ndarray, np.ndarray, float]]


class CurveResult:
    """The display table (class, x, y, threshold) and each class's metric and positives."""

    def __init__(self, table: Table, metric: dict[str, float | None], positives: dict[str, int]):
        self.table = table
        self.metric = metric
        self.positives = positives


def class_curves(
    classes: Classes,
    chosen: list[int],
    curve: CurveFn,
    *,
    x: str,
    y: str,
    side: str = "positives",
) -> CurveResult:
    """Compute each chosen class's exact curve and metric and thin the curve for display.

    The curve comes from the thresholds where it can turn (``_metrics.corner_counts``: a
    sort of the class's positives and one of its negatives), which draw the same polyline
    and give the same metric as every threshold would. ``side`` is the class whose scores
    are sorted (see ``corner_counts``): ROC may pass ``"smaller"``, PR needs ``"positives"``.
    """

    def one(j: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, int]:
        if classes.scores.ndim == 1:
            scores = classes.scores
        else:  # one contiguous column: the positives and negatives are gathered from it
            scores = np.ascontiguousarray(classes.scores[:, j])
        is_pos = classes.target == j
        if side == "positives" and 2 * np.count_nonzero(is_pos) > len(is_pos):
            # Mostly positives: sorting them costs as much as sorting everything, and the
            # corners are most of the rows, so all the thresholds come as cheaply.
            counts = _metrics.binary_counts(is_pos, scores)
        else:
            counts = _metrics.corner_counts(is_pos, scores, side=side)
        cx, cy, thr, metric = curve(counts)
        if not math.isfinite(metric):  # no curve without positives (or negatives, for ROC)
            return np.empty(0), np.empty(0), np.empty(0), metric, counts.n_pos
        keep = _metrics.thin(
            cx, cy, tolerance=TOLERANCE, fine_tolerance=DISPLAY_TOLERANCE, max_points=MAX_POINTS
        )
        return cx[keep], cy[keep], thr[keep], metric, counts.n_pos

    # numpy releases the GIL while sorting, so classes sort in parallel.
    workers = min(len(chosen), os.cpu_count() or 1, 8)
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


def require_rows(result: CurveResult, classes: Classes, chosen: list[int], *, needs: str) -> None:
    """Raise when no chosen class has a curve (so there is nothing to draw)."""
    if len(result.table) == 0:
        names = [classes.names[j] for j in chosen]
        msg = (
            f"no curve to draw: none of the classes {names} has at least one {needs} "
            "sample in y_true"
        )
        raise ValueError(msg)
