"""Metric maths for the evaluation charts: numpy only, exact on the full data.

ROC and precision-recall curves follow scikit-learn's conventions (tied scores form one
threshold; ROC starts at (0, 0) with an infinite threshold; PR ends at recall 0, precision 1),
so AUC and average precision equal scikit-learn's. :func:`binary_counts` gives every distinct
threshold; :func:`corner_counts` gives the same curves and metrics from only the thresholds
where the curves can turn (the charts use it: it sorts one class's scores and ranks the
other's by bucket, so it never sorts all the scores). The curves are then thinned for
display with :func:`thin`, which keeps the end points and the corners, stays within a
stated distance of the exact curve and caps the number of points where that distance
allows.
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
    "corner_counts",
    "pr_curve",
    "roc_curve",
    "row_normalise",
    "thin",
]

# thin(): the grid pre-pass may move the curve by GRID * sqrt(2), the RDP pass by the rest.
DEFAULT_TOLERANCE = 0.005  # the promise: never further than this from the exact curve
DEFAULT_MAX_POINTS = 200  # per curve, unless holding DEFAULT_TOLERANCE needs more
_GRID = 0.0005
# corner_counts(): from this many negatives on, they are ranked by bucket, not by search.
_MIN_BUCKETED = 4096


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


def corner_counts(
    is_pos: np.ndarray,
    scores: np.ndarray,
    *,
    side: str = "positives",
    min_bucketed: int = _MIN_BUCKETED,
) -> ClfCounts:
    """The rows of :func:`binary_counts` where the curves can turn: same curves, far fewer rows.

    A threshold that only negatives hold moves the ROC curve right (true positives stay put)
    and the PR curve straight down (recall stays put), so a run of such thresholds between
    two positive scores is one straight segment, and only its last (lowest) threshold is
    kept. What is left is every distinct positive score, the lowest negative-only threshold
    above each (when there is one), and the lowest score. The polyline through these rows is
    the exact curve (the dropped rows lie on it), and AUC and average precision from them
    are the exact ones: the dropped rows add no area and no recall.

    Only the positives are sorted. Each negative is ranked among the distinct positive scores
    (:func:`_ranks`) and counted per rank; the lowest negative of each rank comes from one
    ``np.minimum.at``. Nothing of length ``n_samples`` is sorted or merged.

    Parameters
    ----------
    is_pos : (n_samples,) bool array
    scores : (n_samples,) float64 array, finite
    side : {"positives", "negatives", "smaller"}, keyword-only
        The class whose scores are sorted. ``"negatives"`` (or ``"smaller"``, which picks the
        class with fewer samples) swaps the roles: the rows are then where the ROC curve can
        turn, which is all ROC needs; the PR curve needs ``"positives"``.
    min_bucketed : int, keyword-only
        From this many negatives on they are ranked by bucket (the result is the same;
        tests lower it).

    Returns
    -------
    ClfCounts
        At most ``2 * n_distinct_sorted_scores + 1`` rows, each a row of
        ``binary_counts(is_pos, scores)`` (same threshold, same counts), in the same order.
    """
    if side == "smaller":
        side = "positives" if 2 * np.count_nonzero(is_pos) <= len(is_pos) else "negatives"
    if side == "negatives":
        c = _corners(~is_pos, scores, min_bucketed)
        return ClfCounts(c.thresholds, c.fps, c.tps, c.n_neg, c.n_pos)
    if side != "positives":
        msg = f"side must be 'positives', 'negatives' or 'smaller', not {side!r}"
        raise ValueError(msg)
    return _corners(is_pos, scores, min_bucketed)


def _corners(is_pos: np.ndarray, scores: np.ndarray, min_bucketed: int) -> ClfCounts:
    pos = scores[is_pos]
    pos.sort()
    neg = scores[~is_pos]
    n_pos, n_neg = len(pos), len(neg)
    # The distinct positive scores, ascending, and how many positives score at or above.
    first = np.empty(n_pos, dtype=bool)
    first[:1] = True
    np.not_equal(pos[1:], pos[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    values = pos[starts]
    k = len(values)
    tps = n_pos - starts
    # Each negative's rank r (how many distinct positive scores lie below it) and whether
    # it ties the one at r. Negatives strictly above values[i] are those ranked above i.
    rank, tie = _ranks(neg, values, min_bucketed=min_bucketed)
    per_rank = np.bincount(rank, minlength=k + 1)
    fps_above = n_neg - np.cumsum(per_rank)[:k]
    fps = fps_above + np.bincount(rank[tie], minlength=k)[:k]
    # The lowest negative of each rank, ties left out (rank k + 1): the lowest threshold
    # strictly between two positive scores, and (rank 0) the lowest score of all.
    lowest = np.full(k + 2, np.inf)
    np.minimum.at(lowest, np.where(tie, k + 1, rank), neg)
    # Two rows per positive score, descending as the curves run: the corner before it (the
    # lowest negative between it and the next higher positive score, kept when there is
    # one) and the score itself. One more row for the tail: the negatives below every
    # positive, at the lowest score (kept when there are any).
    thr = np.empty((k + 1, 2))
    tp = np.empty((k + 1, 2), dtype=np.int64)
    fp = np.empty((k + 1, 2), dtype=np.int64)
    keep = np.empty((k + 1, 2), dtype=bool)
    thr[:k, 0] = lowest[k:0:-1]
    thr[:k, 1] = values[::-1]
    tp[:k, 1] = tps[::-1]
    fp[:k, 1] = fps[::-1]
    tp[0, 0] = fp[0, 0] = 0
    tp[1:k, 0] = tp[: k - 1, 1]  # the same positives as the next higher score ...
    fp[:k, 0] = fps_above[::-1]  # ... and the negatives above this one
    fp[k, 0] = fp[k - 1, 1] if k else 0
    keep[:k, 0] = fp[:k, 0] > np.concatenate([[0], fp[: k - 1, 1]])
    keep[:, 1] = True
    keep[k] = n_neg > fp[k, 0], False
    thr[k, 0], tp[k, 0], fp[k, 0] = lowest[0], n_pos, n_neg
    rows = np.flatnonzero(keep.ravel())
    return ClfCounts(thr.ravel()[rows], tp.ravel()[rows], fp.ravel()[rows], n_pos, n_neg)


def _ranks(
    x: np.ndarray, values: np.ndarray, *, min_bucketed: int
) -> tuple[np.ndarray, np.ndarray]:
    """``searchsorted(values, x)`` and whether each ``x`` equals ``values`` there.

    ``values`` is sorted and distinct. A binary search per element of ``x`` costs about
    as much as sorting ``x``, so for large inputs ``[values[0], values[-1]]`` is cut into
    ``min(8 * len(values), len(x) + len(values))`` equal buckets by ``(v - lo) * scale``,
    which never decreases as ``v`` grows (IEEE arithmetic rounds monotonically). An ``x``
    in a bucket without values is ranked by counting the values in lower buckets (one table
    look-up); one in a bucket with a single value by one comparison; only the rest are
    searched.
    """
    k = len(values)
    n_buckets = min(8 * k, k + len(x))
    with np.errstate(over="ignore", divide="ignore"):
        scale = n_buckets / (values[-1] - values[0]) if k >= 2 else 0.0
    if len(x) < max(min_bucketed, 1) or not (np.isfinite(scale) and scale > 0):
        rank = np.searchsorted(values, x)
        tie = values[np.minimum(rank, k - 1)] == x if k else np.zeros(len(x), dtype=bool)
        return rank, tie

    def bucket_of(v: np.ndarray) -> np.ndarray:  # 0 below values[0], n_buckets + 2 above
        b = np.subtract(v, values[0])
        with np.errstate(over="ignore"):  # far-off scores become +-inf, then clipped
            b *= scale
        b += 1.0
        np.clip(b, 0.0, n_buckets + 2.0, out=b)  # truncation is floor on [0, inf)
        return b.astype(np.intp)

    per_bucket = np.bincount(bucket_of(values), minlength=n_buckets + 3)
    # One look-up per x: the values in lower buckets (its rank, if its bucket has none)
    # times 4, plus how many its own bucket holds (0, 1, or 2 for several).
    small = np.int32 if 4 * k + 3 < 2**31 else np.int64
    table = np.cumsum(per_bucket, dtype=small)
    table -= per_bucket
    table *= 4
    table += np.minimum(per_bucket, 2)
    code = table[bucket_of(x)]
    in_bucket = code & 3
    rank = (code >> 2).astype(np.intp)
    shared = np.flatnonzero(in_bucket)
    sub = x[shared]
    r = rank[shared]
    r += sub > values[r]  # right when the bucket holds one value
    several = np.flatnonzero(in_bucket[shared] > 1)
    r[several] = np.searchsorted(values, sub[several])
    rank[shared] = r
    tie = np.zeros(len(x), dtype=bool)
    tie[shared] = values[np.minimum(r, k - 1)] == sub
    return rank, tie


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


def thin(
    x: np.ndarray,
    y: np.ndarray,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    max_points: int | None = None,
    fine_tolerance: float | None = None,
) -> np.ndarray:
    """Indices of a subset of a polyline that stays within ``tolerance`` of it.

    Every point of the exact polyline is within ``tolerance`` (Euclidean, in the units of
    ``x`` and ``y``, here [0, 1] on both axes) of the thinned one and vice versa. The first
    and last points are kept, and so is every corner sharper than the tolerance.

    With ``fine_tolerance`` (smaller than ``tolerance``) the curve is drawn that close when
    it takes at most ``max_points`` points, and otherwise as close as ``max_points`` points
    allow, but never further than ``tolerance``: the tolerance wins over the cap. So the
    result has at most ``max(max_points, k)`` points, where ``k`` is the number that
    thinning to ``tolerance`` alone keeps (the same Ramer-Douglas-Peucker tree cut coarser);
    ``k`` exceeds ``max_points`` only for curves with that many features taller than the
    tolerance, such as a long sawtooth of precision at low recall.

    Parameters
    ----------
    x, y : (n_points,) float arrays
    tolerance : float, keyword-only
        The promise: the largest distance from the exact curve.
    max_points : int, optional, keyword-only
        The cap on the points kept, when ``tolerance`` allows (at least 2).
    fine_tolerance : float, optional, keyword-only
        The distance to draw within when the cap allows; ``tolerance`` by default.

    Returns
    -------
    (n_kept,) int64 array of increasing indices
    """
    n = len(x)
    if n <= 2:
        return np.arange(n)
    fine = tolerance if fine_tolerance is None else min(fine_tolerance, tolerance)
    # Pass 1, linear time: keep the first and last point of each run of consecutive points
    # inside one grid cell. Between two kept points either the exact curve is one segment,
    # or the whole stretch lies in one cell, so it moves by at most the cell's diagonal.
    grid = min(_GRID, fine / 4)
    cell = np.floor(x / grid).astype(np.int64) * 1_000_003 + np.floor(y / grid).astype(np.int64)
    change = cell[1:] != cell[:-1]
    keep = np.ones(n, dtype=bool)
    keep[1:-1] = change[:-1] | change[1:]
    idx = np.flatnonzero(keep)
    # Pass 2: Ramer-Douglas-Peucker on what is left, with the rest of the tolerance.
    slack = grid * np.sqrt(2)
    splits, levels = _rdp(x[idx], y[idx], fine - slack)
    # RDP to eps keeps exactly the splits whose level (the smallest error on their path
    # from the root) exceeds eps, so one run at the fine tolerance gives every coarser one:
    # take the finest that fits the cap, but no coarser than the tolerance.
    eps = fine - slack
    if max_points is not None and len(splits) + 2 > max_points:
        budget = max(max_points - 2, 0)
        cut = float(np.sort(levels)[::-1][budget]) if budget < len(levels) else eps
        eps = min(max(cut, eps), tolerance - slack)
    chosen = np.sort(splits[levels > eps])
    return idx[np.concatenate([[0], chosen, [len(idx) - 1]])]


def _rdp(x: np.ndarray, y: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """Ramer-Douglas-Peucker to ``eps``: the split points and the level of each.

    A split's level is the smallest of the errors that made it and its ancestors split, so
    RDP to any coarser ``e`` keeps exactly the splits with level above ``e``.
    """
    n = len(x)
    splits: list[int] = []
    levels: list[float] = []
    stack = [(0, n - 1, np.inf)]
    while stack:
        i, j, level = stack.pop()
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
        err = float(np.sqrt(d[k]))
        if err > eps:
            m = i + 1 + k
            level = min(level, err)
            splits.append(m)
            levels.append(level)
            stack.append((i, m, level))
            stack.append((m, j, level))
    return np.array(splits, dtype=np.int64), np.array(levels, dtype=np.float64)


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
