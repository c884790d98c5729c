"""Metric maths for the evaluation charts: numpy only, exact on the full data.

ROC and precision-recall curves follow scikit-learn's conventions (tied scores form one
threshold; ROC starts at (0, 0) with an infinite threshold; PR ends at recall 0, precision 1),
so AUC and average precision equal scikit-learn's. :func:`binary_counts` gives every distinct
threshold; :func:`corner_counts` gives the same curves and metrics from only the thresholds
where the curves can turn (it sorts one class's scores and ranks the other's by bucket, so
it never sorts all the scores); :func:`sorted_counts` gives every threshold from one sort of
all the scores with each label packed into its score's lowest bit (cheaper than
:func:`binary_counts`, and than :func:`corner_counts` when the sorted class is a large
part of the samples), and :func:`complementary_counts` gives two classes' counts from that
one sort when one class's scores are ``1 - `` the other's (a binary problem's two columns);
:func:`turning_rows` then drops the rows that lie on straight runs. The curves are thinned for
display with :func:`thin`, which keeps the end points and the corners, stays within a
stated distance of the exact curve and caps the number of points where that distance
allows; :func:`display_curve` (what the charts use) gives the same thinned points and the
exact metric a chunk at a time, without building the full curve.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ._sorting import sort_keys
from ._threads import in_parallel

__all__ = [
    "ClfCounts",
    "PrCurve",
    "RocCurve",
    "binary_counts",
    "complementary",
    "complementary_counts",
    "confusion_counts",
    "corner_counts",
    "display_curve",
    "pr_curve",
    "roc_curve",
    "row_normalise",
    "sorted_counts",
    "thin",
    "turning_rows",
]

# thin(): the grid pre-pass may move the curve by GRID * sqrt(2), the RDP pass by the rest.
DEFAULT_TOLERANCE = 0.005  # the promise: never further than this from the exact curve
DEFAULT_MAX_POINTS = 200  # per curve, unless holding DEFAULT_TOLERANCE needs more
_GRID = 0.0005
# corner_counts(): from this many negatives on, they are ranked by bucket, not by search.
_MIN_BUCKETED = 4096
# _ranker(): buckets per sorted value (more: fewer shared buckets, a larger table).
_BUCKETS_PER_VALUE = 8
# _ascending() and display_curve() work this many rows at a time, so temporaries stay in
# cache and no fresh memory (whose page faults cost as much as the arithmetic) is touched.
_CHUNK = 1 << 15


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
    n_pos = len(pos)
    n_neg = len(scores) - n_pos
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
    # Counted a chunk of samples at a time: the negatives, their ranks and ties stay in
    # cache instead of filling fresh n-length arrays (page faults cost as much as the maths).
    # The lowest negative of each rank, ties left out (rank k + 1): the lowest threshold
    # strictly between two positive scores, and (rank 0) the lowest score of all.
    rank_of = _ranker(values, n_neg, min_bucketed=min_bucketed)
    per_rank = np.zeros(k + 1, dtype=np.int64)
    tied = np.zeros(k, dtype=np.int64)
    lowest = np.full(k + 2, np.inf)
    step = _CHUNK * 2
    for a in range(0, len(scores), step):
        neg = scores[a : a + step][~is_pos[a : a + step]]
        if not len(neg):
            continue
        rank, tie = rank_of(neg)
        per_rank += np.bincount(rank, minlength=k + 1)
        tied += np.bincount(rank[tie], minlength=k)[:k]
        rank[tie] = k + 1
        np.minimum.at(lowest, rank, neg)
    fps_above = n_neg - np.cumsum(per_rank)[:k]
    fps = fps_above + tied
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
    return _ranker(values, len(x), min_bucketed=min_bucketed)(x)


def _ranker(
    values: np.ndarray, n_x: int, *, min_bucketed: int
) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """:func:`_ranks` for ``n_x`` elements in all, as a function applied a chunk at a time.

    The bucket table is built once; the returned function ranks any chunk of ``x``.
    """
    k = len(values)
    n_buckets = min(_BUCKETS_PER_VALUE * k, k + n_x)
    with np.errstate(over="ignore", divide="ignore"):
        scale = n_buckets / (values[-1] - values[0]) if k >= 2 else 0.0
    if n_x < max(min_bucketed, 1) or not (np.isfinite(scale) and scale > 0):

        def searched(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            rank = np.searchsorted(values, x)
            tie = values[np.minimum(rank, k - 1)] == x if k else np.zeros(len(x), dtype=bool)
            return rank, tie

        return searched

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

    def bucketed(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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

    return bucketed


def _ascending(
    is_pos: np.ndarray, scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Each distinct score ascending, with how many samples and positives score at or below.

    One sort of every score: a score >= 0 has a float64 bit pattern below ``2**63`` that
    orders as the score does (``-0.0`` and ``0.0`` both become 0 once shifted), so shifted
    left by one it leaves the lowest bit free for the sample's label, and sorting these
    keys sorts the scores and carries the labels along: no argsort, no merge. ``None``
    when a score is negative (the keys would not order as the scores).
    """
    if len(scores) == 0 or not scores.min() >= 0:
        return None
    keys = np.left_shift(scores.view(np.uint64), np.uint64(1))
    np.bitwise_or(keys, is_pos, out=keys)
    keys, split = sort_keys(keys, tie_mask=1)
    # Read off each sorted part (no tie spans the split) into its own stretch of the
    # outputs, which are sized for every sample to be distinct; then close the gap.
    n = len(keys)
    values = np.empty(n, dtype=np.uint64)
    count_le = np.empty(n, dtype=np.int64)
    pos_le = np.empty(n, dtype=np.int64)
    out = (keys, values, count_le, pos_le)
    if split:
        (m, carry), (m_high, pos_high) = in_parallel(
            lambda: _read_off(*out, 0, split), lambda: _read_off(*out, split, n)
        )
        values[m : m + m_high] = values[split : split + m_high]  # (overlaps: copied safely)
        count_le[m : m + m_high] = count_le[split : split + m_high]
        np.add(pos_le[split : split + m_high], carry, out=pos_le[m : m + m_high])
        m += m_high
    else:
        m, _ = _read_off(*out, 0, n)
    return values[:m].view(np.float64), count_le[:m], pos_le[:m]


def _read_off(
    keys: np.ndarray,
    values: np.ndarray,
    count_le: np.ndarray,
    pos_le: np.ndarray,
    start: int,
    stop: int,
) -> tuple[int, int]:
    """:func:`_ascending`'s rows for the sorted ``keys[start:stop]``, written from ``start``.

    A chunk at a time: temporaries stay in cache, and of the outputs only the rows written
    are ever touched. ``pos_le`` counts the positives from ``start`` on. Returns the
    number of rows written (distinct scores) and of positives.
    """
    n = len(keys)
    m = start
    carry = 0  # positives in the chunks before
    one = np.uint64(1)
    for a in range(start, stop, _CHUNK):
        b = min(a + _CHUNK, stop)
        chunk = np.right_shift(keys[a:b], one)  # the scores' bit patterns, ascending
        cum = np.cumsum(np.bitwise_and(keys[a:b], one)).view(np.int64)
        last = np.empty(b - a, dtype=bool)  # the last (highest) sample of each tie
        np.not_equal(chunk[1:], chunk[:-1], out=last[:-1])
        last[-1] = b == n or (keys[b] >> one) != chunk[-1]
        ends = np.flatnonzero(last)
        k = len(ends)
        values[m : m + k] = chunk[ends]
        np.add(ends, a + 1, out=count_le[m : m + k])
        np.add(cum[ends], carry, out=pos_le[m : m + k])
        carry += int(cum[-1])
        m += k
    return m - start, carry


def _descending(
    values: np.ndarray, count_le: np.ndarray, pos_le: np.ndarray, n_pos: int
) -> ClfCounts:
    """:class:`ClfCounts` (descending) from the ascending counts at or below each score."""
    n = int(count_le[-1])
    # At or above values[j]: everything but what lies at or below values[j - 1]. Built
    # back to front, so the arrays come out descending without a copy.
    tps = np.empty(len(values), dtype=np.int64)
    fps = np.empty(len(values), dtype=np.int64)
    tps[-1], fps[-1] = n_pos, n - n_pos
    np.subtract(n_pos, pos_le[-2::-1], out=tps[:-1])
    np.subtract(n, count_le[-2::-1], out=fps[:-1])
    fps[:-1] -= tps[:-1]
    return ClfCounts(values[::-1], tps, fps, n_pos, n - n_pos)


def sorted_counts(is_pos: np.ndarray, scores: np.ndarray) -> ClfCounts | None:
    """:func:`binary_counts` from one sort of the scores with the labels packed into them.

    Returns ``None`` when a score is negative; use :func:`binary_counts` then.
    """
    asc = _ascending(is_pos, scores)
    if asc is None:
        return None
    return _descending(*asc, n_pos=int(asc[2][-1]))


def complementary(first: np.ndarray, second: np.ndarray) -> bool:
    """Whether ``first == 1 - second`` exactly (float64), element by element.

    Then ``first`` is a non-increasing function of ``second``: sorting ``second`` ascending
    sorts ``first`` descending, and samples tied in ``second`` are tied in ``first`` (ties
    in ``first`` may also join neighbouring values of ``second``, where ``1 - x`` rounds
    them together). The first rows are checked alone, so most inputs that are not
    complementary (softmax outputs, say) are turned away without a full pass.
    """
    if first.shape != second.shape or first.ndim != 1:
        return False
    # Chunks small enough to stay in cache; the first is small, to turn most inputs away.
    n, start, size = len(first), 0, 64
    while start < n:
        stop = min(start + size, n)
        if not np.array_equal(first[start:stop], np.subtract(1.0, second[start:stop])):
            return False
        start, size = stop, 1 << 16
    return True


def complementary_counts(
    is_pos: np.ndarray, scores: np.ndarray
) -> tuple[ClfCounts, ClfCounts] | None:
    """The counts of a class and of its complement from one sort of the class's scores.

    The first is ``sorted_counts(is_pos, scores)``; the second equals
    ``binary_counts(~is_pos, 1.0 - scores)``, the other class of a binary problem scored by
    the other column, valid when that column is exactly ``1 - scores`` (check with
    :func:`complementary`). Its thresholds run the other way: at ``1 - v`` it counts the
    samples scored at or below ``v``, its positives being the first class's negatives.
    ``None`` when a score is negative.
    """
    asc = _ascending(is_pos, scores)
    if asc is None:
        return None
    values, count_le, pos_le = asc
    n_pos = int(pos_le[-1])
    first = _descending(values, count_le, pos_le, n_pos)
    other = np.subtract(1.0, values)  # non-increasing: the other class's thresholds
    n = int(count_le[-1])
    neg_le = np.subtract(count_le, pos_le)
    merged = np.equal(other[:-1], other[1:])  # where 1 - v rounds several v together
    if merged.any():  # keep the last (lowest other-score) row of each
        rows = np.flatnonzero(~np.append(merged, False))
        other, neg_le, pos_le = other[rows], neg_le[rows], pos_le[rows]
    return first, ClfCounts(other, neg_le, pos_le, n - n_pos, n_pos)


def turning_rows(counts: ClfCounts, *, curve: str = "pr") -> ClfCounts:
    """The rows of ``counts`` where the curve can turn: the same polyline, the same metric.

    A row whose threshold holds only negatives, as does the next (lower) row's, lies on a
    straight segment of both curves (ROC moves right, PR straight down), and adds no
    recall, so it is dropped (the lowest row of each such run stays, as in
    :func:`corner_counts`). For ``curve="roc"`` rows holding only positives likewise (ROC
    moves straight up); PR needs them, as precision changes along them. The last row stays.
    When fewer than one row in eight would go, ``counts`` comes back as it is.
    """
    if curve not in ("pr", "roc"):
        msg = f"curve must be 'pr' or 'roc', not {curve!r}"
        raise ValueError(msg)
    m = len(counts.thresholds)
    if m <= 2:
        return counts
    neg_only = np.empty(m, dtype=bool)
    neg_only[0] = counts.tps[0] == 0
    np.equal(counts.tps[1:], counts.tps[:-1], out=neg_only[1:])
    drop = neg_only[:-1] & neg_only[1:]
    if curve == "roc":
        pos_only = np.empty(m, dtype=bool)
        pos_only[0] = counts.fps[0] == 0
        np.equal(counts.fps[1:], counts.fps[:-1], out=pos_only[1:])
        drop |= pos_only[:-1] & pos_only[1:]
    if np.count_nonzero(drop) * 8 < m:  # too few to pay for gathering the rest
        return counts
    rows = np.flatnonzero(~np.append(drop, False))
    return ClfCounts(
        counts.thresholds[rows], counts.tps[rows], counts.fps[rows], counts.n_pos, counts.n_neg
    )


def _with_first(first: float, values: np.ndarray, divisor: float | None = None) -> np.ndarray:
    """``[first, *values]`` (or ``[first, *(values / divisor)]``) in one pass."""
    out = np.empty(len(values) + 1)
    out[0] = first
    if divisor is None:
        out[1:] = values
    else:
        np.divide(values, divisor, out=out[1:])
    return out


def roc_curve(counts: ClfCounts) -> RocCurve:
    """The exact ROC curve and AUC (trapezoidal, as scikit-learn's ``roc_auc_score``)."""
    thresholds = _with_first(np.inf, counts.thresholds)
    if counts.n_pos == 0 or counts.n_neg == 0:
        nan = np.full(len(thresholds), np.nan)
        fpr = _with_first(0.0, counts.fps, counts.n_neg) if counts.n_neg else nan
        tpr = _with_first(0.0, counts.tps, counts.n_pos) if counts.n_pos else nan
        return RocCurve(fpr, tpr, thresholds, float("nan"))
    fpr = _with_first(0.0, counts.fps, counts.n_neg)
    tpr = _with_first(0.0, counts.tps, counts.n_pos)
    return RocCurve(fpr, tpr, thresholds, float(np.trapezoid(tpr, fpr)))


def pr_curve(counts: ClfCounts) -> PrCurve:
    """The exact precision-recall curve and average precision (scikit-learn's definition).

    ``AP = sum_n (R_n - R_{n-1}) P_n`` over the thresholds, without interpolation.
    """
    precision = np.empty(len(counts.tps) + 1)
    precision[0] = 1.0
    np.add(counts.tps, counts.fps, out=precision[1:])  # predicted: >= 1 everywhere
    np.divide(counts.tps, precision[1:], out=precision[1:])
    if counts.n_pos == 0:
        recall = np.ones(len(precision))
        recall[0] = 0.0
        ap = float("nan")
    else:
        recall = _with_first(0.0, counts.tps, counts.n_pos)
        steps = np.diff(recall)  # (np.dot would go through BLAS threads: slower here)
        ap = float(np.sum(np.multiply(steps, precision[1:], out=steps)))
    return PrCurve(recall, precision, _with_first(np.inf, counts.thresholds), ap)


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
    grid, fine = _grid(tolerance, fine_tolerance)
    # Pass 1, linear time: keep the first and last point of each run of consecutive points
    # inside one grid cell. Between two kept points either the exact curve is one segment,
    # or the whole stretch lies in one cell, so it moves by at most the cell's diagonal.
    change = np.empty(n - 1, dtype=bool)
    for v in (x, y):  # a point's cell is (floor(x / grid), floor(y / grid))
        c = np.divide(v, grid)
        np.floor(c, out=c)
        moved = np.not_equal(c[1:], c[:-1], out=change if v is x else None)
        if v is y:
            change |= moved
    keep = np.ones(n, dtype=bool)
    np.logical_or(change[:-1], change[1:], out=keep[1:-1])
    idx = np.flatnonzero(keep)
    return idx[_thin_kept(x[idx], y[idx], tolerance, fine, max_points)]


def _grid(tolerance: float, fine_tolerance: float | None) -> tuple[float, float]:
    fine = tolerance if fine_tolerance is None else min(fine_tolerance, tolerance)
    return min(_GRID, fine / 4), fine


def _thin_kept(
    x: np.ndarray, y: np.ndarray, tolerance: float, fine: float, max_points: int | None
) -> np.ndarray:
    """Pass 2 of :func:`thin`, on the points the grid pass kept: which of them to keep."""
    grid = min(_GRID, fine / 4)
    # Pass 2: Ramer-Douglas-Peucker on what is left, with the rest of the tolerance.
    slack = grid * np.sqrt(2)
    splits, levels = _rdp(x, y, fine - slack)
    # RDP to eps keeps exactly the splits whose level (the smallest error on their path
    # from the root) exceeds eps, so one run at the fine tolerance gives every coarser one:
    # take the finest that fits the cap, but no coarser than the tolerance.
    eps = fine - slack
    if max_points is not None and len(splits) + 2 > max_points:
        budget = max(max_points - 2, 0)
        cut = float(np.sort(levels)[::-1][budget]) if budget < len(levels) else eps
        eps = min(max(cut, eps), tolerance - slack)
    chosen = np.sort(splits[levels > eps])
    return np.concatenate([[0], chosen, [len(x) - 1]])



def display_curve(
    counts: ClfCounts,
    *,
    curve: str,
    tolerance: float = DEFAULT_TOLERANCE,
    fine_tolerance: float | None = None,
    max_points: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The thinned curve and exact metric: ``thin`` applied to ``pr_curve`` or ``roc_curve``.

    Returns ``(x, y, thresholds, metric)``: recall, precision and average precision for
    ``curve="pr"``, false and true positive rate and AUC for ``"roc"``, for the points that
    ``thin(x, y, ...)`` keeps of the full curve (the same points), and the metric of the
    full curve (equal to :func:`pr_curve`'s or :func:`roc_curve`'s to rounding). The
    full curve is never built: it is computed, summed and grid-thinned a chunk at a time.
    Empty arrays and NaN when the metric is undefined (no positives; for ROC, or no
    negatives).
    """
    if curve not in ("pr", "roc"):
        msg = f"curve must be 'pr' or 'roc', not {curve!r}"
        raise ValueError(msg)
    tps, fps = counts.tps, counts.fps
    if counts.n_pos == 0 or (curve == "roc" and counts.n_neg == 0):
        return np.empty(0), np.empty(0), np.empty(0), float("nan")
    grid, fine = _grid(tolerance, fine_tolerance)

    def points(rows: slice | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        tp = tps[rows]
        if curve == "pr":
            y = np.add(tp, fps[rows], dtype=np.float64)
            np.divide(tp, y, out=y)
            return np.divide(tp, counts.n_pos), y
        return np.divide(fps[rows], counts.n_neg), np.divide(tp, counts.n_pos)

    m = len(tps)  # the curve has m + 1 points: the start point, then one per row
    y0 = 1.0 if curve == "pr" else 0.0
    change = np.empty(m, dtype=bool)  # change[i]: point i + 1 in another cell than point i
    total = 0.0
    # Per chunk, each buffer holds the last value of the chunk before, then the chunk's:
    # differences and cell changes are then one operation on two overlapping views, and
    # nothing is allocated in the loop.
    size = min(m, _CHUNK)
    xs, ys, cxs, cys = (np.empty(size + 1) for _ in range(4))
    work = np.empty(size)
    other = np.empty(size, dtype=bool)
    xs[0], ys[0], cxs[0], cys[0] = 0.0, y0, 0.0, np.floor(y0 / grid)
    for a in range(0, m, _CHUNK):
        b = min(a + _CHUNK, m)
        k = b - a
        x, y, cx, cy = xs[1 : k + 1], ys[1 : k + 1], cxs[1 : k + 1], cys[1 : k + 1]
        tp = tps[a:b]
        if curve == "pr":
            np.add(tp, fps[a:b], out=y, dtype=np.float64)
            np.divide(tp, y, out=y)
            np.divide(tp, counts.n_pos, out=x)
        else:
            np.divide(fps[a:b], counts.n_neg, out=x)
            np.divide(tp, counts.n_pos, out=y)
        dx = np.subtract(x, xs[:k], out=work[:k])
        if curve == "pr":  # sum (R_n - R_{n-1}) P_n
            total += float(np.sum(np.multiply(dx, y, out=dx)))
        else:  # trapezoids
            np.multiply(dx, np.add(y, ys[:k], out=cx), out=dx)
            total += float(np.sum(dx)) / 2
        np.floor(np.divide(x, grid, out=cx), out=cx)
        np.floor(np.divide(y, grid, out=cy), out=cy)
        out = change[a:b]
        np.not_equal(cx, cxs[:k], out=out)
        out |= np.not_equal(cy, cys[:k], out=other[:k])
        xs[0], ys[0], cxs[0], cys[0] = xs[k], ys[k], cxs[k], cys[k]
    # Point i is kept when it leaves or enters a cell; the ends always.
    keep = np.ones(m + 1, dtype=bool)
    np.logical_or(change[:-1], change[1:], out=keep[1:-1])
    idx = np.flatnonzero(keep)
    x = np.empty(len(idx))
    y = np.empty(len(idx))
    x[0], y[0] = 0.0, 1.0 if curve == "pr" else 0.0
    x[1:], y[1:] = points(idx[1:] - 1)
    kept = _thin_kept(x, y, tolerance, fine, max_points)
    idx = idx[kept]
    thresholds = np.where(idx > 0, counts.thresholds[np.maximum(idx - 1, 0)], np.inf)
    return x[kept], y[kept], thresholds, total


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
