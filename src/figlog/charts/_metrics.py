"""Metric maths for the evaluation charts: numpy only, exact on the full data.

ROC and precision-recall curves come from one sort per class and follow scikit-learn's
conventions (tied scores form one threshold; ROC starts at (0, 0) with an infinite threshold;
PR ends at recall 0, precision 1), so AUC and average precision equal scikit-learn's. The
curves are then thinned for display with :func:`thin`, which keeps the end points and the
corners and stays within a stated distance of the exact curve.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = [
    "ClfCounts",
    "PrCurve",
    "RocCurve",
    "binary_counts",
    "confusion_counts",
    "pr_curve",
    "roc_curve",
    "row_normalise",
    "thin",
]

# thin(): the grid pre-pass may move the curve by GRID * sqrt(2), the RDP pass by the rest.
DEFAULT_TOLERANCE = 0.005  # the promise: never further than this from the exact curve
_GRID = 0.0005


class ClfCounts(NamedTuple):
    """True and false positives at each distinct threshold, thresholds descending."""

    thresholds: np.ndarray  # (m,) float64, strictly decreasing
    tps: np.ndarray  # (m,) int64, positives scored >= threshold
    fps: np.ndarray  # (m,) int64, negatives scored >= threshold
    n_pos: int
    n_neg: int


class RocCurve(NamedTuple):
    """The exact ROC curve, from (0, 0) (threshold inf) to (1, 1), and its area."""

    fpr: np.ndarray
    tpr: np.ndarray
    thresholds: np.ndarray
    auc: float  # nan when the class has no positives or no negatives


class PrCurve(NamedTuple):
    """The exact precision-recall curve by increasing recall, and its average precision.

    The first point is scikit-learn's (recall 0, precision 1) end point, threshold inf.
    """

    recall: np.ndarray
    precision: np.ndarray
    thresholds: np.ndarray
    average_precision: float  # nan when the class has no positives


def binary_counts(is_pos: np.ndarray, scores: np.ndarray) -> ClfCounts:
    """Count positives and negatives at or above each distinct score, from one sort.

    Parameters
    ----------
    is_pos : (n_samples,) bool array
    scores : (n_samples,) float64 array, finite

    Returns
    -------
    ClfCounts
        The same counts as scikit-learn's ``_binary_clf_curve`` (without sample weights).
    """
    # Sorting the positives' and the negatives' scores apart and then merging the two sorted
    # runs (a stable argsort detects the runs and merges them in linear time) is about twice
    # as fast as one argsort of all the scores. Tied scores are grouped below, so the order
    # inside a tie does not matter.
    pos = np.sort(scores[is_pos])
    neg = np.sort(scores[~is_pos])
    merged = np.concatenate([neg, pos])
    order = np.argsort(merged, kind="stable")[::-1]  # descending scores
    values = merged[order]
    labels = order >= len(neg)
    n = len(values)
    if n == 0:
        empty = np.empty(0)
        return ClfCounts(empty, empty.astype(np.int64), empty.astype(np.int64), 0, 0)
    last_of_tie = np.flatnonzero(values[1:] != values[:-1])
    idx = np.append(last_of_tie, n - 1)
    tps = np.cumsum(labels, dtype=np.int64)[idx]
    fps = idx + 1 - tps
    return ClfCounts(values[idx], tps, fps, len(pos), len(neg))


def roc_curve(counts: ClfCounts) -> RocCurve:
    """The exact ROC curve and AUC (trapezoidal, as scikit-learn's ``roc_auc_score``)."""
    thresholds = np.concatenate([[np.inf], counts.thresholds])
    tps = np.concatenate([[0], counts.tps])
    fps = np.concatenate([[0], counts.fps])
    if counts.n_pos == 0 or counts.n_neg == 0:
        nan = np.full(len(tps), np.nan)
        fpr = fps / counts.n_neg if counts.n_neg else nan
        tpr = tps / counts.n_pos if counts.n_pos else nan
        return RocCurve(fpr, tpr, thresholds, float("nan"))
    fpr = fps / counts.n_neg
    tpr = tps / counts.n_pos
    return RocCurve(fpr, tpr, thresholds, float(np.trapezoid(tpr, fpr)))


def pr_curve(counts: ClfCounts) -> PrCurve:
    """The exact precision-recall curve and average precision (scikit-learn's definition).

    ``AP = sum_n (R_n - R_{n-1}) P_n`` over the thresholds, without interpolation.
    """
    predicted = counts.tps + counts.fps
    precision = counts.tps / predicted  # predicted >= 1 at every threshold
    if counts.n_pos == 0:
        recall = np.ones(len(precision))
        ap = float("nan")
    else:
        recall = counts.tps / counts.n_pos
        ap = float(np.sum(np.diff(recall, prepend=0.0) * precision))
    return PrCurve(
        np.concatenate([[0.0], recall]),
        np.concatenate([[1.0], precision]),
        np.concatenate([[np.inf], counts.thresholds]),
        ap,
    )


def thin(x: np.ndarray, y: np.ndarray, *, tolerance: float = DEFAULT_TOLERANCE) -> np.ndarray:
    """Indices of a subset of a polyline that stays within ``tolerance`` of it.

    Every point of the exact polyline is within ``tolerance`` (Euclidean, in the units of
    ``x`` and ``y``, here [0, 1] on both axes) of the thinned one and vice versa. The first
    and last points are kept, and so is every corner sharper than the tolerance.

    Parameters
    ----------
    x, y : (n_points,) float arrays
    tolerance : float, keyword-only

    Returns
    -------
    (n_kept,) int64 array of increasing indices
    """
    n = len(x)
    if n <= 2:
        return np.arange(n)
    # Pass 1, linear time: keep the first and last point of each run of consecutive points
    # inside one grid cell. Between two kept points either the exact curve is one segment,
    # or the whole stretch lies in one cell, so it moves by at most the cell's diagonal.
    grid = min(_GRID, tolerance / 4)
    cell = np.floor(x / grid).astype(np.int64) * 1_000_003 + np.floor(y / grid).astype(np.int64)
    change = cell[1:] != cell[:-1]
    keep = np.ones(n, dtype=bool)
    keep[1:-1] = change[:-1] | change[1:]
    idx = np.flatnonzero(keep)
    # Pass 2: Ramer-Douglas-Peucker on what is left, with the rest of the tolerance.
    sub = _rdp(x[idx], y[idx], tolerance - grid * np.sqrt(2))
    return idx[sub]


def _rdp(x: np.ndarray, y: np.ndarray, eps: float) -> np.ndarray:
    n = len(x)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j - i < 2:
            continue
        px = x[i + 1 : j] - x[i]
        py = y[i + 1 : j] - y[i]
        dx = x[j] - x[i]
        dy = y[j] - y[i]
        length2 = dx * dx + dy * dy
        if length2 > 0:  # distance to the segment, not to the line: curves may turn back
            t = np.clip((px * dx + py * dy) / length2, 0.0, 1.0)
            px = px - t * dx
            py = py - t * dy
        d = px * px + py * py
        k = int(np.argmax(d))
        if d[k] > eps * eps:
            m = i + 1 + k
            keep[m] = True
            stack.append((i, m))
            stack.append((m, j))
    return np.flatnonzero(keep)


def confusion_counts(actual: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """The (n_classes, n_classes) matrix of counts, rows actual, columns predicted.

    Parameters
    ----------
    actual, predicted : (n_samples,) int arrays of class indices in [0, n_classes)
    """
    flat = actual.astype(np.int64) * n_classes + predicted
    return np.bincount(flat, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def row_normalise(counts: np.ndarray) -> np.ndarray:
    """Each row divided by its sum (the recall of each actual class); NaN for empty rows."""
    totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.nan)
