"""confusion_matrix: probs or preds, any labels, counts and the row-normalised view."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm

import figlog.plot as plot


def _matrix(chart) -> tuple[list[str], np.ndarray, np.ndarray]:
    rows = [r for _, r in chart.table.iterrows()]
    names = list(dict.fromkeys(r[0] for r in rows))
    k = len(names)
    counts = np.array([r[2] for r in rows]).reshape(k, k)
    share = np.array([np.nan if r[3] is None else r[3] for r in rows]).reshape(k, k)
    return names, counts, share


def test_preds_with_class_names_match_sklearn() -> None:
    rng = np.random.default_rng(5)
    y = rng.integers(0, 4, 400)
    p = np.where(rng.random(400) < 0.7, y, rng.integers(0, 4, 400))
    chart = plot.confusion_matrix(y_true=y, preds=p, class_names=["a", "b", "c", "d"])
    names, counts, share = _matrix(chart)
    assert names == ["a", "b", "c", "d"]
    np.testing.assert_array_equal(counts, skm.confusion_matrix(y, p))
    np.testing.assert_allclose(share, skm.confusion_matrix(y, p, normalize="true"))
    assert chart.metrics == {"accuracy": pytest.approx(skm.accuracy_score(y, p)), "n_samples": 400}


def test_probs_take_the_argmax() -> None:
    probs = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.4, 0.3]]
    chart = plot.confusion_matrix(probs=probs, y_true=[0, 2, 0], class_names=["x", "y", "z"])
    _, counts, _ = _matrix(chart)
    assert counts.tolist() == [[1, 1, 0], [0, 0, 0], [0, 0, 1]]
    assert chart.metrics["accuracy"] == pytest.approx(2 / 3)


def test_any_hashable_labels_without_class_names_use_sorted_unique_labels() -> None:
    chart = plot.confusion_matrix(y_true=["dog", "cat", "cow"], preds=["dog", "dog", "cow"])
    names, counts, share = _matrix(chart)
    assert names == ["cat", "cow", "dog"]
    assert counts.tolist() == [[0, 0, 1], [0, 1, 0], [0, 0, 1]]
    assert counts.sum() == 3


def test_labels_by_name_through_class_names() -> None:
    chart = plot.confusion_matrix(
        y_true=["dog", "cat"], preds=[1, 0], class_names=["cat", "dog", "bird"]
    )
    names, counts, share = _matrix(chart)
    assert names == ["cat", "dog", "bird"]
    assert counts.tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 0]]
    assert np.isnan(share[2]).all()  # no actual birds: the row has no shares
    assert chart.to_vega_lite()["data"]["values"][-1]["fraction"] is None


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"y_true": [0, 1], "preds": [0, 1], "probs": [[1, 0], [0, 1]]}, ValueError,
         r"confusion_matrix\(\) takes probs or preds, not both"),
        ({"y_true": [0, 1]}, ValueError, r"takes probs or preds, not neither"),
        ({"y_true": [0, 1, 1], "preds": [0, 1]}, ValueError,
         r"y_true has 3 labels but preds has 2"),
        ({"y_true": [0, 1], "probs": [[0.1, 0.9]]}, ValueError,
         r"y_true has 2 labels but probs has 1 rows"),
        ({"y_true": [0, 1], "probs": [[0.1, np.nan], [0.2, 0.8]]}, ValueError,
         r"probs has 1 NaN or infinite values"),
        ({"y_true": [0, 1], "probs": [0.1, 0.9]}, ValueError,
         r"probs must have shape \(n_samples, n_classes\)"),
        ({"y_true": [0, 1], "probs": [[0.1, 0.9], [0.3, 0.7]], "class_names": ["a", "b", "c"]},
         ValueError, r"class_names names 3 classes but probs has 2 columns"),
        ({"y_true": ["cow", "cat"], "preds": [0, 1], "class_names": ["cat", "dog"]}, ValueError,
         r"y_true has labels \['cow'\] that are neither class indices 0..1 nor among"),
        ({"y_true": [0, 1], "preds": [0, 7], "class_names": ["cat", "dog"]}, ValueError,
         r"preds has labels \[7\]"),
        ({"y_true": None, "preds": [0, 1]}, TypeError, r"y_true is required"),
        ({"y_true": [0, 1], "preds": [0, 1], "class_names": "ab"}, TypeError,
         r"class_names must be a list of names"),
        ({"y_true": [1, "1"], "preds": [1, 1]}, TypeError,
         r"y_true and preds mix labels of types \['int', 'str'\]"),
    ],
)
def test_bad_input_names_the_argument(kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        plot.confusion_matrix(**kwargs)


@pytest.mark.parametrize("shift", [0.0, -0.5])  # positive scores (int64 argmax) and not
def test_chunked_counts_from_probabilities_match_sklearn(monkeypatch, shift):
    from figlog.charts import confusion_matrix as cm_module

    monkeypatch.setattr(cm_module, "_CHUNK", 28)  # 7 rows of 4 a chunk: a short last one
    rng = np.random.default_rng(3)
    probs = np.round(rng.random((200, 4)), 1) + 0.05 + shift  # many ties within rows
    probs[5] = probs[5, 0]  # a whole row tied: the first column wins, as in numpy
    y = rng.integers(0, 4, 200)
    chart = plot.confusion_matrix(probs=probs, y_true=y)
    counts = np.array(chart.table.get_column("nPredictions")).reshape(4, 4)
    expected = skm.confusion_matrix(y, probs.argmax(axis=1), labels=range(4))
    assert (counts == expected).all()


@pytest.mark.parametrize(
    "row", [[-0.0, 0.0, 0.0], [0.0, -0.0, 0.0], [1e-300, 5e-324, 0.0], [-1.0, -0.5, -0.5]]
)
def test_signed_zeros_tiny_and_negative_scores_take_numpys_argmax(monkeypatch, row):
    from figlog.charts import confusion_matrix as cm_module

    monkeypatch.setattr(cm_module, "_PARALLEL_FROM", 8)  # the threaded path on small input
    monkeypatch.setattr(cm_module, "spare_core", lambda: True)
    probs = np.tile(np.array(row), (50, 1))
    probs[::7] = [0.2, 0.7, 0.1]
    y = np.arange(50) % 3
    chart = plot.confusion_matrix(probs=probs, y_true=y)
    counts = np.array(chart.table.get_column("nPredictions")).reshape(3, 3)
    assert (counts == skm.confusion_matrix(y, probs.argmax(axis=1), labels=range(3))).all()


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan, -np.nan])
def test_a_non_finite_probability_anywhere_is_an_error(monkeypatch, bad):
    from figlog.charts import confusion_matrix as cm_module

    monkeypatch.setattr(cm_module, "_CHUNK", 12)
    probs = np.full((40, 3), 0.25)
    probs[37, 1] = bad  # in the last chunk, and not the row's largest when it is -inf
    with pytest.raises(ValueError, match=r"probs has 1 NaN or infinite values \(first at row 37, column 1\)"):
        plot.confusion_matrix(probs=probs, y_true=np.zeros(40, dtype=int))
