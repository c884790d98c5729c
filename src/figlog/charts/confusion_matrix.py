"""The confusion-matrix preset, ``figlog/confusion_matrix``: counts, coloured by row share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..tables import Table
from ._chart import Chart
from ._inputs import as_labels, as_scores, class_indices, require_finite
from ._metrics import confusion_counts, row_normalise
from ._registry import make_preset
from ._threads import in_parallel, spare_core
from .custom import make_chart

__all__ = ["PRESET", "confusion_matrix"]

_X = {"field": "${field:Predicted}", "type": "nominal", "sort": None, "title": "Predicted"}
_Y = {"field": "${field:Actual}", "type": "nominal", "sort": None, "title": "Actual"}

PRESET = make_preset(
    "figlog/confusion_matrix",
    {
        "title": "${string:title}",
        "width": {"step": 40},
        "height": {"step": 40},
        "layer": [
            {
                "mark": {"type": "rect", "tooltip": True},
                "encoding": {
                    "x": _X,
                    "y": _Y,
                    "color": {
                        "field": "${field:fraction}",
                        "type": "quantitative",
                        "title": "share of row",
                        "scale": {"domain": [0, 1], "scheme": "blues"},
                    },
                    "tooltip": [
                        {"field": "${field:Actual}", "type": "nominal", "title": "Actual"},
                        {"field": "${field:Predicted}", "type": "nominal", "title": "Predicted"},
                        {"field": "${field:nPredictions}", "type": "quantitative", "title": "count"},
                        {"field": "${field:fraction}", "type": "quantitative", "format": ".1%"},
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 11},
                "encoding": {
                    "x": _X,
                    "y": _Y,
                    "text": {"field": "${field:nPredictions}", "type": "quantitative"},
                    "color": {
                        "condition": {"test": "datum['${field:fraction}'] > 0.5", "value": "white"},
                        "value": "black",
                    },
                },
            },
        ],
    },
    fields=["Actual", "Predicted", "nPredictions"],
    optional_fields=["fraction"],
    string_fields={"title": "Confusion matrix"},
    origin="builtin",
)


def confusion_matrix(
    probs: Any = None,
    y_true: Sequence[Any] | None = None,
    preds: Sequence[Any] | None = None,
    class_names: Sequence[Any] | None = None,
    title: str | None = None,
) -> Chart:
    """A confusion matrix from predicted labels or from class probabilities.

    Parameters
    ----------
    probs : (n_samples, n_classes) array-like, optional
        Class scores; the prediction is the column with the highest score. Not with
        ``preds``.
    y_true : (n_samples,) array-like
        True labels: class indices into ``class_names``, names from ``class_names``, or,
        without ``class_names``, any sortable hashable labels.
    preds : (n_samples,) array-like, optional
        Predicted labels, in the same terms as ``y_true``. Not with ``probs``.
    class_names : list, optional
        The classes in order. By default the columns of ``probs`` (``0..n-1``) or the
        sorted unique labels of ``y_true`` and ``preds``.
    title : str, optional

    Returns
    -------
    Chart
        Preset ``"figlog/confusion_matrix"``; one table row per (actual, predicted) pair
        with columns ``Actual``, ``Predicted``, ``nPredictions`` (the count) and
        ``fraction`` (the count over its actual class's total; null for an absent class).
        ``metrics`` ``{"accuracy": a, "n_samples": n}``.

    Raises
    ------
    ValueError
        Both or neither of ``probs`` and ``preds``; lengths differ; ``probs`` holds NaN or
        inf or has a column count other than the number of classes; a label that is not
        a class.

    Examples
    --------
    >>> cm = figlog.plot.confusion_matrix(y_true=["cat", "dog", "dog"],
    ...                                   preds=["cat", "cat", "dog"])
    >>> cm.metrics["accuracy"]
    0.6666666666666666
    """
    if (probs is None) == (preds is None):
        which = "both" if probs is not None else "neither"
        msg = f"confusion_matrix() takes probs or preds, not {which}; pass exactly one"
        raise ValueError(msg)
    y = as_labels(y_true, "y_true")
    names = _class_names(class_names)
    if probs is not None:
        # Checked for NaN and inf by _counts_from_scores, on its way through the scores.
        scores = as_scores(probs, "probs", n=len(y), check_finite=False)
        if scores.ndim != 2:
            msg = f"probs must have shape (n_samples, n_classes), got {scores.shape}"
            raise ValueError(msg)
        k = scores.shape[1]
        if names is not None and len(names) != k:
            msg = f"class_names names {len(names)} classes but probs has {k} columns"
            raise ValueError(msg)
        actual, values = class_indices(y, k, names, "y_true")
        counts = _counts_from_scores(actual, scores, name="probs")
    else:
        p = as_labels(preds, "preds")
        if len(p) != len(y):
            msg = f"y_true has {len(y)} labels but preds has {len(p)}; they must match"
            raise ValueError(msg)
        if names is not None:
            k = len(names)
            actual, values = class_indices(y, k, names, "y_true")
            predicted, _ = class_indices(p, k, names, "preds")
        else:
            actual, predicted, values = _shared_classes(y, p)
            k = len(values)
        counts = confusion_counts(actual, predicted, k)
    fraction = row_normalise(counts)
    shown = [str(v) for v in values]
    if len(set(shown)) != len(shown):
        msg = f"the class names {shown} repeat once written as text; pass distinct class_names"
        raise ValueError(msg)
    table = Table(columns=[])
    table.add_column("Actual", np.repeat(shown, k).tolist())
    table.add_column("Predicted", shown * k)
    table.add_column("nPredictions", counts.ravel().tolist())
    table.add_column("fraction", [None if v != v else v for v in fraction.ravel().tolist()])
    metrics = {"accuracy": float(np.trace(counts)) / len(y), "n_samples": len(y)}
    fields = {
        "Actual": "Actual",
        "Predicted": "Predicted",
        "nPredictions": "nPredictions",
        "fraction": "fraction",
    }
    return make_chart(PRESET, table, fields, {"title": title}, metrics=metrics)


# _counts_from_scores() works about this many scores at a time, so each chunk is still in
# cache when it is read again, and the predictions and cell indices stay there too.
_CHUNK = 1 << 17
# From this many scores on, with a core to spare, two threads take half of the rows each.
_PARALLEL_FROM = 1 << 20
# The bit patterns of +inf and NaN (and, read as unsigned, of every negative number and
# -0.0) are at least this.
_NOT_FINITE_OR_NEGATIVE = np.uint64(0x7FF0_0000_0000_0000)


def _counts_from_scores(actual: np.ndarray, scores: np.ndarray, *, name: str) -> np.ndarray:
    """:func:`confusion_counts` of ``actual`` and each row's argmax, a chunk at a time.

    Equal to ``confusion_counts(actual, scores.argmax(axis=1), k)``, and raises (naming
    ``name``) when a score is NaN or infinite: the argmax over rows is the one pass over
    the scores that cannot be avoided; the predictions, the cell indices and their counts
    are made per chunk so that nothing of length ``n_samples`` besides the inputs is
    allocated.

    Read as uint64, finite float64 scores that are ``>= 0`` (and not ``-0.0``) order as
    their values do, and are exactly those below the pattern of ``+inf``; numpy's argmax
    over short integer rows is about a third faster than over floats. So the argmax runs
    on the bit patterns while the largest pattern is tracked (each chunk read again from
    cache); only if it is out of range (a negative, -0.0, NaN or inf score) are the
    scores checked and counted again with the float argmax.
    """
    n, k = scores.shape
    if n and scores.dtype == np.float64:
        counts, top = _count_argmax(actual, scores.view(np.uint64))
        if top < _NOT_FINITE_OR_NEGATIVE:
            return counts
    require_finite(scores, name)
    return _count_argmax(actual, scores)[0]


def _count_argmax(actual: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, object]:
    """The (k, k) counts of (actual, argmax of the row), and the largest score."""
    n, k = scores.shape
    if n * k >= _PARALLEL_FROM and spare_core():
        h = n // 2
        (c1, t1), (c2, t2) = in_parallel(
            lambda: _count_rows(actual, scores, 0, h), lambda: _count_rows(actual, scores, h, n)
        )
        return c1 + c2, max(t1, t2)
    return _count_rows(actual, scores, 0, n)


def _count_rows(
    actual: np.ndarray, scores: np.ndarray, start: int, stop: int
) -> tuple[np.ndarray, object]:
    k = scores.shape[1]
    rows = max(_CHUNK // k, 1)
    counts = np.zeros(k * k, dtype=np.int64)
    top = scores.dtype.type(0) if scores.dtype.kind == "u" else -np.inf
    pred = np.empty(min(stop - start, rows), dtype=np.intp)
    cell = np.empty(min(stop - start, rows), dtype=np.intp)
    for a in range(start, stop, rows):
        b = min(a + rows, stop)
        m = b - a
        block = scores[a:b]
        np.argmax(block, axis=1, out=pred[:m])
        top = max(top, block.max())
        np.multiply(actual[a:b], k, out=cell[:m], casting="unsafe")
        cell[:m] += pred[:m]
        counts += np.bincount(cell[:m], minlength=k * k)
    return counts.reshape(k, k), top


def _class_names(class_names: Any) -> list[Any] | None:
    if class_names is None:
        return None
    if isinstance(class_names, (str, bytes)):
        msg = f"class_names must be a list of names, got the string {class_names!r}"
        raise TypeError(msg)
    names = list(class_names)
    if not names:
        msg = "class_names is empty"
        raise ValueError(msg)
    return names


def _shared_classes(y: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, tuple]:
    """Index both label arrays by the sorted unique labels of the two together."""
    both = np.concatenate([y, p]) if y.dtype == p.dtype else np.concatenate(
        [y.astype(object), p.astype(object)]
    )
    try:
        uniq, inverse = np.unique(both, return_inverse=True)
    except TypeError:
        kinds = sorted({type(v).__name__ for v in both.tolist()})
        msg = (
            f"y_true and preds mix labels of types {kinds} that cannot be sorted; "
            "pass class_names to give the class order"
        )
        raise TypeError(msg) from None
    return inverse[: len(y)], inverse[len(y) :], tuple(uniq.tolist())
