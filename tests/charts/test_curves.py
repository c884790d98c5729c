"""pr_curve and roc_curve: classes, labels, selection, metrics and bad input."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm

import figlog.plot as plot


@pytest.fixture
def three_classes() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    y = rng.integers(0, 3, 500)
    probs = rng.dirichlet([1, 1, 1], 500) + np.eye(3)[y] * 0.3
    return y, probs / probs.sum(axis=1, keepdims=True)


def test_multiclass_metrics_equal_sklearn_one_vs_rest(three_classes) -> None:
    y, probs = three_classes
    pr = plot.pr_curve(y, probs, labels=["cat", "dog", "bird"])
    roc = plot.roc_curve(y, probs, labels=["cat", "dog", "bird"])
    for j, name in enumerate(["cat", "dog", "bird"]):
        ap = skm.average_precision_score(y == j, probs[:, j])
        auc = skm.roc_auc_score(y == j, probs[:, j])
        assert pr.metrics["average_precision"][name] == pytest.approx(ap, abs=1e-9)
        assert roc.metrics["auc"][name] == pytest.approx(auc, abs=1e-9)
    assert pr.metrics["n_samples"] == 500
    assert sum(pr.metrics["positives"].values()) == 500
    assert pr.table.columns == ["class", "recall", "precision", "threshold"]
    assert roc.table.columns == ["class", "fpr", "tpr", "threshold"]
    assert set(roc.table.get_column("class")) == {"cat", "dog", "bird"}


def test_roc_table_runs_from_origin_to_one_one_per_class(three_classes) -> None:
    y, probs = three_classes
    table = plot.roc_curve(y, probs).table
    for name in ("0", "1", "2"):
        rows = [r for _, r in table.iterrows() if r[0] == name]
        assert rows[0][1:3] == [0.0, 0.0] and rows[0][3] is None  # threshold +inf
        assert rows[-1][1:3] == [1.0, 1.0]
        assert all(r[3] is not None for r in rows[1:])
        assert len(rows) <= 200


def test_thresholds_read_off_the_curve(three_classes) -> None:
    y, probs = three_classes
    table = plot.roc_curve(y, probs, classes_to_plot=[1]).table
    pos, scores = y == 1, probs[:, 1]
    for _, (_, fpr, tpr, threshold) in table.iterrows():
        if threshold is None:
            continue
        assert tpr == pytest.approx(np.mean(scores[pos] >= threshold))
        assert fpr == pytest.approx(np.mean(scores[~pos] >= threshold))


def test_binary_one_dimensional_scores_plot_the_positive_class() -> None:
    y = [0, 0, 1, 1, 0, 1]
    s = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9]
    roc = plot.roc_curve(y, s)
    assert roc.metrics["auc"] == {"1": pytest.approx(skm.roc_auc_score(y, s))}
    pr = plot.pr_curve(y, s, labels=["negative", "positive"])
    assert pr.metrics["average_precision"] == {
        "positive": pytest.approx(skm.average_precision_score(y, s))
    }
    assert set(pr.table.get_column("class")) == {"positive"}


def test_binary_string_labels_take_the_larger_as_positive() -> None:
    y = ["spam", "ham", "spam", "ham"]
    chart = plot.roc_curve(y, [0.9, 0.2, 0.7, 0.4])
    assert chart.metrics["auc"] == {"spam": 1.0}


def test_string_labels_with_named_columns() -> None:
    y = ["dog", "cat", "bird", "dog"]
    probs = [[0.1, 0.8, 0.1], [0.7, 0.2, 0.1], [0.2, 0.2, 0.6], [0.3, 0.6, 0.1]]
    chart = plot.pr_curve(y, probs, labels=["cat", "dog", "bird"])
    assert chart.metrics["average_precision"] == {"cat": 1.0, "dog": 1.0, "bird": 1.0}


def test_sorted_unique_labels_map_to_columns_like_wandb() -> None:
    y = [10, 20, 30, 20]
    probs = [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.2, 0.7, 0.1]]
    chart = plot.roc_curve(y, probs)
    assert list(chart.metrics["auc"]) == ["10", "20", "30"]


@pytest.mark.parametrize("selector", [["dog"], [1], "dog", np.array([1])])
def test_classes_to_plot_by_name_or_index(three_classes, selector) -> None:
    y, probs = three_classes
    chart = plot.pr_curve(y, probs, labels=["cat", "dog", "bird"], classes_to_plot=selector)
    assert set(chart.table.get_column("class")) == {"dog"}
    assert list(chart.metrics["average_precision"]) == ["dog"]


def test_class_without_positives_has_no_curve_and_null_metric() -> None:
    y = [0, 1, 0, 1]
    probs = [[0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.5, 0.4, 0.1], [0.3, 0.6, 0.1]]
    chart = plot.roc_curve(y, probs, labels=["a", "b", "c"])
    assert chart.metrics["auc"] == {"a": 1.0, "b": 1.0, "c": None}
    assert set(chart.table.get_column("class")) == {"a", "b"}


@pytest.mark.parametrize("fn", [plot.pr_curve, plot.roc_curve])
@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"y_true": [0, 1, 1], "y_probas": [0.2, 0.4]}, ValueError,
         r"y_true has 3 labels but y_probas has 2 rows"),
        ({"y_true": [0, 1], "y_probas": [0.2, float("nan")]}, ValueError,
         r"y_probas has 1 NaN or infinite values \(first at row 1\)"),
        ({"y_true": [0, 1], "y_probas": [[0.2, 0.8], [0.5, np.inf]]}, ValueError,
         r"y_probas has 1 NaN or infinite values \(first at row 1, column 1\)"),
        ({"y_true": [0, 1, 2], "y_probas": [[0.2, 0.8]] * 3, "labels": ["a", "b", "c"]},
         ValueError, r"labels names 3 classes but y_probas has 2 columns"),
        ({"y_true": [0, 1, 2, 3], "y_probas": [[0.2, 0.3, 0.5]] * 4}, ValueError,
         r"y_true has 4 distinct labels \[0, 1, 2, 3\] but there are 3 classes"),
        ({"y_true": [0, 1, 2], "y_probas": [0.1, 0.5, 0.9]}, ValueError,
         r"y_probas is 1-D \(binary scores\) but y_true has 3 classes"),
        ({"y_true": [0, 1], "y_probas": [[0.2, 0.8], [0.4, 0.6]], "classes_to_plot": ["cow"]},
         ValueError, r"classes_to_plot has 'cow', which is not a class; classes are \['0', '1'\]"),
        ({"y_true": [0, 1], "y_probas": [[0.2, 0.8], [0.4, 0.6]], "classes_to_plot": [5]},
         ValueError, r"classes_to_plot has 5, which is not a class"),
        ({"y_true": [], "y_probas": []}, ValueError, r"y_true is empty"),
        ({"y_true": [0, 1], "y_probas": ["a", "b"]}, TypeError, r"y_probas must be numbers"),
        ({"y_true": [0, None], "y_probas": [0.2, 0.3]}, ValueError,
         r"y_true has a missing label \(None\) at index 1"),
        ({"y_true": [[0, 1], [1]], "y_probas": [0.2, 0.3]}, ValueError,
         r"y_true must be 1-D \(one label per sample\)"),
        ({"y_true": [0, 1], "y_probas": [0.2, 0.3], "labels": "ab"}, TypeError,
         r"labels must be a list of class names"),
        ({"y_true": [0, 1], "y_probas": [[0.2, 0.8], [0.4, 0.6]], "labels": ["a", "a"]},
         ValueError, r"labels has duplicate class names \['a'\]"),
    ],
)
def test_bad_input_names_the_argument(fn, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        fn(**kwargs)


def test_all_chosen_classes_without_positives_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"no curve to draw: none of the classes \['b'\]"):
        plot.roc_curve([0, 0], [[0.9, 0.1], [0.8, 0.2]], labels=["a", "b"], classes_to_plot=["b"])


def test_large_input_is_bounded_and_exact() -> None:
    rng = np.random.default_rng(11)
    n = 300_000
    y = rng.integers(0, 4, n)
    probs = rng.dirichlet([1] * 4, n) + np.eye(4)[y] * rng.random((n, 1))
    chart = plot.roc_curve(y, probs)
    assert len(chart.table) <= 4 * 200
    assert chart.metrics["auc"]["2"] == pytest.approx(
        skm.roc_auc_score(y == 2, probs[:, 2]), abs=1e-9
    )


def _distance_to_polyline(px, py, x, y) -> np.ndarray:
    ax, ay, dx, dy = x[:-1], y[:-1], np.diff(x), np.diff(y)
    length2 = dx * dx + dy * dy
    qx, qy = px[:, None] - ax, py[:, None] - ay
    t = np.clip((qx * dx + qy * dy) / np.where(length2 > 0, length2, 1), 0, 1)
    return np.hypot(qx - t * dx, qy - t * dy).min(axis=1)


def test_noisy_curves_keep_at_most_200_points_per_class_within_0_005() -> None:
    rng = np.random.default_rng(2)
    n = 5000
    y = rng.integers(0, 3, n)
    probs = rng.dirichlet([1, 1, 1], n) + np.eye(3)[y] * 0.15  # a weak, ragged classifier
    for fn, exact in (
        (plot.pr_curve, lambda t, s: skm.precision_recall_curve(t, s)[1::-1]),
        (plot.roc_curve, lambda t, s: skm.roc_curve(t, s, drop_intermediate=False)[:2]),
    ):
        table = fn(y, probs).table
        rows = list(table.iterrows())
        for j in range(3):
            pts = np.array([r[1:3] for _, r in rows if r[0] == str(j)], dtype=float)
            assert len(pts) <= 200
            ex, ey = exact(y == j, probs[:, j])
            dist = _distance_to_polyline(ex, ey, pts[:, 0], pts[:, 1])
            assert dist.max() <= 0.005 + 1e-12


def test_pr_of_a_majority_class_equals_sklearn() -> None:
    rng = np.random.default_rng(4)
    y = (rng.random(20_000) < 0.2).astype(int)  # class 0 holds 80% of the samples
    s = np.round(rng.normal(y * 0.8, 1.0), 2)
    probs = np.stack([-s, s], axis=1)
    chart = plot.pr_curve(y, probs)
    for j in (0, 1):
        ap = skm.average_precision_score(y == j, probs[:, j])
        assert chart.metrics["average_precision"][str(j)] == pytest.approx(ap, abs=1e-9)
        assert 0 < chart.table.get_column("class").count(str(j)) <= 200


def _binary(n: int, seed: int, decimals: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.3).astype(np.int64)
    s = np.round(1 / (1 + np.exp(-rng.normal(1.2 * y - 0.6, 1.0))), decimals)  # many ties
    return y, s


@pytest.mark.parametrize("n", [50, 60_000])  # below and above the threaded, chunked sizes
@pytest.mark.parametrize("complementary", [True, False])
def test_two_column_binary_equals_sklearn_for_both_classes(n: int, complementary: bool) -> None:
    y, s = _binary(n, seed=n)
    if complementary:  # one sort for both classes
        probs = np.stack([1 - s, s], axis=1)
    else:  # col 0 is not 1 - col 1: each class sorts its own column
        probs = np.stack([np.round(1 - s * 0.9, 2), s], axis=1)
    pr = plot.pr_curve(y, probs)
    roc = plot.roc_curve(y, probs)
    for j in (0, 1):
        ap = skm.average_precision_score(y == j, probs[:, j])
        auc = skm.roc_auc_score(y == j, probs[:, j])
        assert pr.metrics["average_precision"][str(j)] == pytest.approx(ap, abs=1e-9)
        assert roc.metrics["auc"][str(j)] == pytest.approx(auc, abs=1e-9)
        for chart, kind in ((pr, "pr"), (roc, "roc")):
            rows = [r for _, r in chart.table.iterrows() if r[0] == str(j)]
            assert 2 <= len(rows) <= 200
            for _, x, yv, thr in rows:
                if thr is None:
                    continue
                pred = probs[:, j] >= thr
                tp = int(np.sum(pred & (y == j)))
                if kind == "roc":
                    assert yv == pytest.approx(tp / np.sum(y == j))
                    assert x == pytest.approx(np.sum(pred & (y != j)) / np.sum(y != j))
                else:
                    assert x == pytest.approx(tp / np.sum(y == j))
                    assert yv == pytest.approx(tp / np.sum(pred))


def test_complementary_columns_plot_the_same_as_separate_sorts() -> None:
    y, s = _binary(5000, seed=9)
    probs = np.stack([1 - s, s], axis=1)
    both = plot.pr_curve(y, probs)
    for j in (0, 1):  # one class chosen: the per-class path
        alone = plot.pr_curve(y, probs, classes_to_plot=[j])
        rows = [r for _, r in both.table.iterrows() if r[0] == str(j)]
        assert rows == [r for _, r in alone.table.iterrows()]
        assert both.metrics["average_precision"][str(j)] == pytest.approx(
            alone.metrics["average_precision"][str(j)], abs=1e-12)


def test_complementary_columns_with_ties_and_a_lone_class() -> None:
    y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    s = np.array([0.5, 0.5, 0.9, 0.1, 0.5, 0.9, 0.0, 1.0])  # ties across the classes
    probs = np.stack([1 - s, s], axis=1)
    pr = plot.pr_curve(y, probs)
    roc = plot.roc_curve(y, probs)
    for j in (0, 1):
        assert pr.metrics["average_precision"][str(j)] == pytest.approx(
            skm.average_precision_score(y == j, probs[:, j]), abs=1e-12)
        assert roc.metrics["auc"][str(j)] == pytest.approx(
            skm.roc_auc_score(y == j, probs[:, j]), abs=1e-12)
    only_ones = plot.pr_curve(np.ones(4, int), np.stack([1 - s[:4], s[:4]], axis=1))
    assert only_ones.metrics["average_precision"]["0"] is None
    assert only_ones.metrics["average_precision"]["1"] == 1.0


@pytest.mark.parametrize("labels", [
    np.array([0, 1, 1, 0, 1]), np.array([False, True, True, False, True]),
    np.array([3, 7, 7, 3, 7], dtype=np.int8), np.array([0.0, 1.0, 1.0, 0.0, 1.0]),
])
def test_one_dimensional_scores_with_integer_and_bool_labels(labels) -> None:
    s = np.array([0.2, 0.8, 0.4, 0.4, 0.9])
    positive = labels == labels.max()
    chart = plot.roc_curve(labels, s)
    (name,) = chart.metrics["auc"]
    assert chart.metrics["auc"][name] == pytest.approx(skm.roc_auc_score(positive, s))
    ap = plot.pr_curve(labels, s).metrics["average_precision"][name]
    assert ap == pytest.approx(skm.average_precision_score(positive, s))


def test_one_dimensional_large_and_negative_scores_equal_sklearn() -> None:
    y, s = _binary(60_000, seed=4)
    logits = np.round(np.log(s + 1e-3) - np.log(1 - s + 1e-3), 2)  # negative scores too
    for scores in (s, logits):
        ap = plot.pr_curve(y, scores).metrics["average_precision"]["1"]
        auc = plot.roc_curve(y, scores).metrics["auc"]["1"]
        assert ap == pytest.approx(skm.average_precision_score(y, scores), abs=1e-9)
        assert auc == pytest.approx(skm.roc_auc_score(y, scores), abs=1e-9)
