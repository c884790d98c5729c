"""The metric maths against scikit-learn, with hypothesis generating the data."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn import metrics as skm

from figlog.charts import _metrics as m


@st.composite
def binary_data(draw: st.DrawFn, min_size: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Labels with both classes present, and scores with many ties (few distinct values)."""
    n = draw(st.integers(min_size, 300))
    y = draw(hnp.arrays(bool, n))
    if y.all() or not y.any():
        y[0] = not y[0]
    decimals = draw(st.integers(0, 6))
    scores = draw(hnp.arrays(np.float64, n, elements=st.floats(-1e3, 1e3, allow_nan=False)))
    return y, np.round(scores / 1e3, decimals)


def _distance_to_polyline(px: np.ndarray, py: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Each point's distance to the polyline through (x, y)."""
    ax, ay, bx, by = x[:-1], y[:-1], x[1:], y[1:]
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    qx = px[:, None] - ax
    qy = py[:, None] - ay
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length2 > 0, (qx * dx + qy * dy) / np.where(length2 > 0, length2, 1), 0)
    t = np.clip(t, 0, 1)
    d = np.hypot(qx - t * dx, qy - t * dy)
    if len(x) == 1:
        return np.hypot(px - x[0], py - y[0])
    return d.min(axis=1)


@settings(max_examples=200, deadline=None)
@given(binary_data())
def test_auc_and_ap_equal_sklearn(data: tuple[np.ndarray, np.ndarray]) -> None:
    y, s = data
    counts = m.binary_counts(y, s)
    assert m.roc_curve(counts).auc == pytest.approx(skm.roc_auc_score(y, s), abs=1e-9)
    ap = m.pr_curve(counts).average_precision
    assert ap == pytest.approx(skm.average_precision_score(y, s), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(binary_data())
def test_exact_curves_are_sklearns(data: tuple[np.ndarray, np.ndarray]) -> None:
    y, s = data
    counts = m.binary_counts(y, s)
    roc = m.roc_curve(counts)
    fpr, tpr, thr = skm.roc_curve(y, s, drop_intermediate=False)
    np.testing.assert_allclose(roc.fpr, fpr, atol=1e-12)
    np.testing.assert_allclose(roc.tpr, tpr, atol=1e-12)
    np.testing.assert_array_equal(roc.thresholds, thr)
    pr = m.pr_curve(counts)
    precision, recall, thr = skm.precision_recall_curve(y, s)
    np.testing.assert_allclose(pr.precision, precision[::-1], atol=1e-12)
    np.testing.assert_allclose(pr.recall, recall[::-1], atol=1e-12)
    np.testing.assert_array_equal(pr.thresholds[1:], thr[::-1])


@settings(max_examples=100, deadline=None)
@given(binary_data())
def test_roc_runs_from_origin_to_one_one_and_auc_in_unit_interval(data) -> None:
    y, s = data
    roc = m.roc_curve(m.binary_counts(y, s))
    assert (roc.fpr[0], roc.tpr[0]) == (0.0, 0.0)
    assert (roc.fpr[-1], roc.tpr[-1]) == (1.0, 1.0)
    assert np.all(np.diff(roc.fpr) >= 0) and np.all(np.diff(roc.tpr) >= 0)
    assert 0.0 <= roc.auc <= 1.0
    kept = m.thin(roc.fpr, roc.tpr)
    assert kept[0] == 0 and kept[-1] == len(roc.fpr) - 1


@settings(max_examples=100, deadline=None)
@given(binary_data(), st.sampled_from([0.005, 0.002, 0.02]))
def test_thinned_curve_stays_within_tolerance(data, tolerance: float) -> None:
    y, s = data
    counts = m.binary_counts(y, s)
    for curve in (m.roc_curve(counts)[:2], m.pr_curve(counts)[:2]):
        x, yv = curve
        kept = m.thin(x, yv, tolerance=tolerance)
        assert kept[0] == 0 and kept[-1] == len(x) - 1
        assert np.all(np.diff(kept) > 0)
        # every exact point is near the thinned curve (and the thinned points are exact
        # points, so the reverse holds too; see thin()'s docstring)
        dist = _distance_to_polyline(x, yv, x[kept], yv[kept])
        assert dist.max() <= tolerance + 1e-12


def test_thinning_a_large_curve_keeps_few_points_within_tolerance() -> None:
    rng = np.random.default_rng(0)
    n = 200_000
    y = rng.random(n) < 0.3
    s = rng.normal(y * 0.8, 1.0)
    counts = m.binary_counts(y, s)
    for x, yv in (m.roc_curve(counts)[:2], m.pr_curve(counts)[:2]):
        kept = m.thin(x, yv)
        assert len(kept) < 200
        sample = rng.choice(len(x), 5000, replace=False)
        assert _distance_to_polyline(x[sample], yv[sample], x[kept], yv[kept]).max() <= 0.005


def test_thinning_keeps_the_corner_of_a_perfect_classifier() -> None:
    y = np.array([0] * 500 + [1] * 500, dtype=bool)
    s = np.linspace(0, 1, 1000)
    roc = m.roc_curve(m.binary_counts(y, s))
    kept = m.thin(roc.fpr, roc.tpr)
    points = set(zip(roc.fpr[kept].tolist(), roc.tpr[kept].tolist()))
    assert points == {(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)}


def test_undefined_metrics_are_nan() -> None:
    s = np.array([0.1, 0.5, 0.9])
    no_pos = m.binary_counts(np.zeros(3, bool), s)
    assert np.isnan(m.roc_curve(no_pos).auc)
    assert np.isnan(m.pr_curve(no_pos).average_precision)
    no_neg = m.binary_counts(np.ones(3, bool), s)
    assert np.isnan(m.roc_curve(no_neg).auc)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert m.pr_curve(no_neg).average_precision == skm.average_precision_score(
            np.ones(3), s
        )


@pytest.mark.filterwarnings("ignore:A single label was found")
@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6).flatmap(lambda k: st.tuples(
    st.just(k),
    hnp.arrays(np.int64, st.integers(1, 200), elements=st.integers(0, k - 1)),
    st.randoms(use_true_random=False),
)))
def test_confusion_counts_equal_sklearn_and_sum_to_n(data) -> None:
    k, actual, rnd = data
    predicted = np.array([rnd.randrange(k) for _ in actual], dtype=np.int64)
    counts = m.confusion_counts(actual, predicted, k)
    assert counts.sum() == len(actual)
    expected = skm.confusion_matrix(actual, predicted, labels=list(range(k)))
    np.testing.assert_array_equal(counts, expected)
    share = m.row_normalise(counts)
    present = counts.sum(axis=1) > 0
    np.testing.assert_allclose(share[present].sum(axis=1), 1.0)
    assert np.isnan(share[~present]).all()


# ---------------------------------------------------------------- corner_counts and _ranks
def _on_polyline(counts: m.ClfCounts, corners: m.ClfCounts, kind: str) -> float:
    """The largest distance from a point of the full curve to the corners' polyline."""
    curve = m.roc_curve if kind == "roc" else m.pr_curve
    full, few = curve(counts), curve(corners)
    return float(_distance_to_polyline(full[0], full[1], few[0], few[1]).max())


def _is_subsequence(corners: m.ClfCounts, counts: m.ClfCounts) -> None:
    at = np.searchsorted(-counts.thresholds, -corners.thresholds)
    assert np.all(np.diff(at) > 0)
    np.testing.assert_array_equal(counts.thresholds[at], corners.thresholds)
    np.testing.assert_array_equal(counts.tps[at], corners.tps)
    np.testing.assert_array_equal(counts.fps[at], corners.fps)
    assert (corners.n_pos, corners.n_neg) == (counts.n_pos, counts.n_neg)


@settings(max_examples=200, deadline=None)
@given(binary_data(), st.sampled_from([0, 10**9]), st.sampled_from(
    ["positives", "negatives", "smaller"]))
def test_corner_counts_are_rows_of_the_full_counts_on_the_same_curve(
    data, min_bucketed: int, side: str
) -> None:
    y, s = data
    counts = m.binary_counts(y, s)
    corners = m.corner_counts(y, s, side=side, min_bucketed=min_bucketed)
    _is_subsequence(corners, counts)
    assert len(corners.thresholds) <= 2 * len(np.unique(s[y if side != "negatives" else ~y])) + 1
    assert _on_polyline(counts, corners, "roc") <= 1e-12
    roc = m.roc_curve(corners)
    assert (roc.fpr[0], roc.tpr[0]) == (0.0, 0.0) and (roc.fpr[-1], roc.tpr[-1]) == (1.0, 1.0)
    assert roc.auc == pytest.approx(m.roc_curve(counts).auc, abs=1e-12)
    if side == "positives":  # PR needs the positives' scores: its runs of negatives are straight
        assert _on_polyline(counts, corners, "pr") <= 1e-12
        pr = m.pr_curve(corners)
        assert pr.average_precision == pytest.approx(skm.average_precision_score(y, s), abs=1e-9)


def test_corner_counts_metrics_equal_sklearn_on_large_tied_data() -> None:
    rng = np.random.default_rng(5)
    n = 300_000
    y = rng.random(n) < 0.2
    s = np.round(rng.normal(y * 0.7, 1.0), 3)  # about 8,000 distinct scores: many ties
    for side in ("positives", "smaller"):
        corners = m.corner_counts(y, s, side=side)
        assert m.roc_curve(corners).auc == pytest.approx(skm.roc_auc_score(y, s), abs=1e-9)
    ap = m.pr_curve(m.corner_counts(y, s)).average_precision
    assert ap == pytest.approx(skm.average_precision_score(y, s), abs=1e-9)
    _is_subsequence(m.corner_counts(y, s), m.binary_counts(y, s))


def test_corner_counts_without_positives_or_negatives() -> None:
    s = np.array([0.3, 0.1, 0.3, 0.9])
    for y in (np.zeros(4, bool), np.ones(4, bool)):
        for side in ("positives", "negatives"):
            _is_subsequence(m.corner_counts(y, s, side=side), m.binary_counts(y, s))
    with pytest.raises(ValueError, match="side must be 'positives', 'negatives' or 'smaller'"):
        m.corner_counts(np.ones(4, bool), s, side="both")


@pytest.mark.parametrize(
    "case", ["far", "huge span", "tiny", "clustered", "one value", "outside"]
)
def test_bucketed_ranks_equal_searchsorted(case: str) -> None:
    rng = np.random.default_rng(1)
    if case == "far":  # (x - lo) * scale overflows to +-inf: clipped, still monotone
        values = np.array([-1.0, 0.0, 5e-324, 1e-300, 1.0])
        x = np.concatenate([values, rng.choice(values, 500), rng.normal(0, 1e300, 500),
                            [1e308, -1e308, np.nextafter(1.0, 2), np.nextafter(1.0, 0),
                             -5e-324]])
    elif case == "huge span":  # the span itself overflows: plain binary search
        values = np.array([-1e308, -1.0, 0.0, 1.0, 1e308])
        x = np.concatenate([values, rng.normal(0, 1e307, 5000)])
    elif case == "tiny":  # a span of a few ulps
        values = 1.0 + np.arange(0, 40, 3) * np.finfo(float).eps
        x = 1.0 + rng.integers(-5, 45, 5000) * np.finfo(float).eps
    elif case == "clustered":  # most values in a few buckets
        values = np.unique(np.concatenate([rng.random(50) * 1e-9, rng.random(50)]))
        x = np.concatenate([rng.random(5000) * 2e-9, rng.random(5000), values])
    elif case == "one value":
        values = np.array([0.5])
        x = rng.choice([0.25, 0.5, 0.75], 5000)
    else:  # every x outside [values[0], values[-1]]
        values = np.sort(rng.random(100)) + 10
        x = np.concatenate([rng.random(3000), rng.random(3000) + 20])
    values = np.unique(values)
    rank, tie = m._ranks(x, values, min_bucketed=0)
    expected = np.searchsorted(values, x)
    np.testing.assert_array_equal(rank, expected)
    np.testing.assert_array_equal(tie, np.isin(x, values))


# ---------------------------------------------------------------- thin(): the point cap
def _sawtooth_pr(n_teeth: int) -> tuple[np.ndarray, np.ndarray]:
    """A PR curve whose precision swings by 0.04 at every step of recall."""
    recall = np.repeat(np.linspace(0, 1, n_teeth), 2)
    precision = np.tile([0.62, 0.58], n_teeth)
    return recall, precision


def test_thin_caps_the_points_within_the_tolerance() -> None:
    rng = np.random.default_rng(2)
    y = rng.random(5000) < 0.05  # few positives, weak scores: ragged PR and ROC curves
    s = rng.normal(y * 1.0, 1.0)
    counts = m.corner_counts(y, s)
    for x, yv in (m.pr_curve(counts)[:2], m.roc_curve(counts)[:2]):
        fine = m.thin(x, yv, tolerance=0.002)
        assert len(fine) > 200  # the case the cap is for
        kept = m.thin(x, yv, tolerance=0.005, fine_tolerance=0.002, max_points=200)
        assert 150 < len(kept) <= 200
        assert kept[0] == 0 and kept[-1] == len(x) - 1 and np.all(np.diff(kept) > 0)
        assert set(kept.tolist()) <= set(fine.tolist())  # coarser RDP keeps a subset
        assert _distance_to_polyline(x, yv, x[kept], yv[kept]).max() <= 0.005 + 1e-12
        # With room under the cap, the fine tolerance holds.
        roomy = m.thin(x, yv, tolerance=0.005, fine_tolerance=0.002, max_points=10_000)
        np.testing.assert_array_equal(roomy, fine)


def test_thin_keeps_the_tolerance_over_the_cap() -> None:
    x, y = _sawtooth_pr(300)  # 600 corners, each 0.04 tall: none may go
    kept = m.thin(x, y, tolerance=0.005, fine_tolerance=0.002, max_points=200)
    np.testing.assert_array_equal(kept, m.thin(x, y, tolerance=0.005))
    assert len(kept) > 500  # far over the cap: only the end teeth may go
    assert _distance_to_polyline(x, y, x[kept], y[kept]).max() <= 0.005


@settings(max_examples=100, deadline=None)
@given(binary_data(), st.integers(2, 40))
def test_thin_with_a_cap_stays_within_tolerance(data, cap: int) -> None:
    y, s = data
    counts = m.corner_counts(y, s)
    for curve in (m.roc_curve(counts)[:2], m.pr_curve(counts)[:2]):
        x, yv = curve
        kept = m.thin(x, yv, tolerance=0.005, fine_tolerance=0.002, max_points=cap)
        loose = m.thin(x, yv, tolerance=0.005)
        assert len(kept) <= max(cap, len(loose))
        assert kept[0] == 0 and kept[-1] == len(x) - 1
        assert _distance_to_polyline(x, yv, x[kept], yv[kept]).max() <= 0.005 + 1e-12


# ------------------------------------------- sorted_counts, complementary_counts, turning_rows
def _assert_counts_equal(a: m.ClfCounts, b: m.ClfCounts) -> None:
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


@st.composite
def nonnegative_data(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Labels (one class may be missing) and scores in [0, 1] with many ties."""
    n = draw(st.integers(1, 300))
    y = draw(hnp.arrays(bool, n))
    decimals = draw(st.integers(0, 4))
    scores = draw(hnp.arrays(np.float64, n, elements=st.floats(0, 1, allow_nan=False)))
    return y, np.round(scores, decimals)


@settings(max_examples=200, deadline=None)
@given(nonnegative_data())
def test_sorted_and_complementary_counts_equal_binary_counts(data) -> None:
    y, s = data
    _assert_counts_equal(m.sorted_counts(y, s), m.binary_counts(y, s))
    first, second = m.complementary_counts(y, s)
    _assert_counts_equal(first, m.binary_counts(y, s))
    _assert_counts_equal(second, m.binary_counts(~y, 1.0 - s))


@settings(max_examples=200, deadline=None)
@given(nonnegative_data(), st.integers(1, 40))
def test_counts_from_the_two_part_sort_equal_binary_counts(data, chunk: int) -> None:
    from figlog.charts import _sorting

    y, s = data
    old = _sorting.PARALLEL_FROM, _sorting.spare_core, m._CHUNK
    # Two threads on small input, read off a few rows at a time so the seams are crossed.
    _sorting.PARALLEL_FROM, _sorting.spare_core, m._CHUNK = 1, lambda: True, chunk
    try:
        first, second = m.complementary_counts(y, s)
        counts = m.sorted_counts(y, s)
    finally:
        _sorting.PARALLEL_FROM, _sorting.spare_core, m._CHUNK = old
    _assert_counts_equal(counts, m.binary_counts(y, s))
    _assert_counts_equal(first, m.binary_counts(y, s))
    _assert_counts_equal(second, m.binary_counts(~y, 1.0 - s))


@pytest.mark.parametrize("n", [1, 2, 1000, 300_000])
def test_sort_keys_in_two_parts_never_splits_a_tie(monkeypatch, n: int) -> None:
    from figlog.charts import _sorting

    monkeypatch.setattr(_sorting, "PARALLEL_FROM", 1)
    monkeypatch.setattr(_sorting, "spare_core", lambda: True)
    rng = np.random.default_rng(n)
    keys = rng.integers(0, 40, n, dtype=np.uint64)  # few values: ties straddle any pivot
    expected = np.sort(keys)
    out, split = _sorting.sort_keys(keys.copy(), tie_mask=3)
    np.testing.assert_array_equal(out, expected)
    if 0 < split < n:
        assert out[split - 1] >> 2 != out[split] >> 2


def test_complementary_counts_where_one_minus_v_merges_distinct_scores() -> None:
    # 1 - 1e-17 == 1 - 2e-17 == 1.0 in float64: distinct scores, one threshold of the other.
    s = np.array([0.0, 1e-17, 2e-17, 0.5, 0.5, 1.0, 2e-17])
    y = np.array([True, False, True, True, False, False, False])
    first, second = m.complementary_counts(y, s)
    _assert_counts_equal(first, m.binary_counts(y, s))
    _assert_counts_equal(second, m.binary_counts(~y, 1.0 - s))
    assert len(second.thresholds) < len(first.thresholds)


def test_negative_scores_are_left_to_the_other_paths() -> None:
    y = np.array([True, False, True])
    assert m.sorted_counts(y, np.array([0.2, -0.1, 0.3])) is None
    assert m.complementary_counts(y, np.array([0.2, -0.1, 0.3])) is None
    zeros = np.array([0.0, -0.0, 0.5])  # -0.0 ties 0.0
    _assert_counts_equal(m.sorted_counts(y, zeros), m.binary_counts(y, zeros))


def test_complementary_is_exact_and_cheap_to_refuse() -> None:
    rng = np.random.default_rng(2)
    p = rng.random(200_000)
    assert m.complementary(1 - p, p)
    assert not m.complementary(p, p)
    off = 1 - p
    off[-1] = np.nextafter(off[-1], 2)  # one ulp off, in the last chunk
    assert not m.complementary(off, p)
    logits = rng.normal(size=(1000, 2))
    soft = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert not m.complementary(soft[:, 0], soft[:, 1]) or np.array_equal(soft[:, 0], 1 - soft[:, 1])
    assert not m.complementary(p[:10], p[:11])


@settings(max_examples=200, deadline=None)
@given(binary_data(), st.sampled_from(["pr", "roc"]))
def test_turning_rows_keep_the_curve_and_the_metric(data, curve: str) -> None:
    y, s = data
    counts = m.binary_counts(y, s)
    rows = m.turning_rows(counts, curve=curve)
    _is_subsequence(rows, counts)
    assert _on_polyline(counts, rows, curve) <= 1e-12
    if curve == "pr":
        assert m.pr_curve(rows).average_precision == pytest.approx(
            skm.average_precision_score(y, s), abs=1e-9)
    else:
        assert m.roc_curve(rows).auc == pytest.approx(skm.roc_auc_score(y, s), abs=1e-9)
    with pytest.raises(ValueError, match="curve must be 'pr' or 'roc'"):
        m.turning_rows(counts, curve="det")


@settings(max_examples=100, deadline=None)
@given(binary_data(), st.sampled_from(["pr", "roc"]), st.integers(1, 40))
def test_display_curve_is_thin_of_the_full_curve(data, curve: str, chunk: int) -> None:
    y, s = data
    counts = m.binary_counts(y, s)
    full = m.pr_curve(counts) if curve == "pr" else m.roc_curve(counts)
    old, m._CHUNK = m._CHUNK, chunk  # many chunks, so the seams are crossed
    try:
        x, yy, thr, metric = m.display_curve(
            counts, curve=curve, tolerance=0.005, fine_tolerance=0.002, max_points=12)
    finally:
        m._CHUNK = old
    keep = m.thin(full[0], full[1], tolerance=0.005, fine_tolerance=0.002, max_points=12)
    np.testing.assert_array_equal(x, full[0][keep])
    np.testing.assert_array_equal(yy, full[1][keep])
    np.testing.assert_array_equal(thr, full[2][keep])
    assert metric == pytest.approx(full[3], abs=1e-12)


def test_display_curve_without_positives_is_empty() -> None:
    counts = m.binary_counts(np.zeros(3, bool), np.array([0.1, 0.2, 0.2]))
    for curve in ("pr", "roc"):
        x, y, thr, metric = m.display_curve(counts, curve=curve)
        assert len(x) == len(y) == len(thr) == 0 and np.isnan(metric)
