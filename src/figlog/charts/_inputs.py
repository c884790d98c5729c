"""Checking and normalising the arrays the evaluation charts take; errors name the argument."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "Classes", "as_labels", "as_scores", "class_indices", "classes_for_scores", "require_finite",
    "select",
]


@dataclass(frozen=True)
class Classes:
    """The classes of an evaluation chart and each sample's class.

    ``values[j]`` is class ``j`` as it appears in ``y_true`` (or the label naming it),
    ``names[j]`` its display name, ``target[i]`` the index of sample ``i``'s class, and
    ``scores`` the (n_samples, n_classes) scores, or (n_samples,) scores of the positive
    class ``positive`` for binary input.
    """

    values: tuple[Any, ...]
    names: tuple[str, ...]
    target: np.ndarray
    scores: np.ndarray
    positive: int | None = None  # binary 1-D input: the index of the scored class


def as_labels(values: Any, name: str) -> np.ndarray:
    """A 1-D array of hashable labels; NaN, None and nesting are errors naming ``name``."""
    if values is None:
        msg = f"{name} is required"
        raise TypeError(msg)
    if isinstance(values, (str, bytes)):
        msg = f"{name} must be a sequence of labels, got the string {values!r}"
        raise TypeError(msg)
    try:
        arr = np.asarray(values)
    except ValueError:  # ragged nesting
        msg = f"{name} must be 1-D (one label per sample); it holds sequences of unequal length"
        raise ValueError(msg) from None
    if arr.ndim != 1:
        msg = f"{name} must be 1-D (one label per sample), got shape {arr.shape}"
        raise ValueError(msg)
    if len(arr) == 0:
        msg = f"{name} is empty"
        raise ValueError(msg)
    if arr.dtype.kind == "f":
        bad = ~np.isfinite(arr)
        if bad.any():
            msg = f"{name} has NaN or infinite labels (first at index {int(np.argmax(bad))})"
            raise ValueError(msg)
        if np.all(arr == np.round(arr)):  # 0.0/1.0 labels read from a float column
            arr = arr.astype(np.int64)
    elif arr.dtype == object:
        for i, v in enumerate(arr):
            if v is None or (isinstance(v, float) and not np.isfinite(v)):
                msg = f"{name} has a missing label ({v!r}) at index {i}"
                raise ValueError(msg)
            if not isinstance(v, Hashable):
                msg = f"{name}[{i}] is a {type(v).__name__}, not a label"
                raise TypeError(msg)
    return arr


def as_scores(values: Any, name: str, *, n: int, check_finite: bool = True) -> np.ndarray:
    """A finite float64 array of 1 or 2 dimensions with ``n`` rows.

    With ``check_finite=False`` NaN and infinity are left for the caller to find (with
    :func:`require_finite`), which saves a pass when its own pass over the scores can
    tell.
    """
    if values is None:
        msg = f"{name} is required"
        raise TypeError(msg)
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        msg = (
            f"{name} must be numbers of shape (n_samples,) or (n_samples, n_classes); "
            "could not read it as a float array"
        )
        raise TypeError(msg) from None
    if arr.ndim not in (1, 2):
        msg = f"{name} must have shape (n_samples,) or (n_samples, n_classes), got {arr.shape}"
        raise ValueError(msg)
    if len(arr) != n:
        msg = f"y_true has {n} labels but {name} has {len(arr)} rows; they must match"
        raise ValueError(msg)
    if check_finite:
        require_finite(arr, name)
    return arr


def require_finite(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` naming ``name`` and the first place when ``arr`` has NaN or inf."""
    # One sum is finite exactly when every value is (barring overflow, which the full
    # check below then clears): a pass without a temporary array for the common case.
    if arr.size and np.isfinite(arr.sum()):
        return
    bad = ~np.isfinite(arr)
    if bad.any():
        where = np.argwhere(bad)[0]
        at = f"row {where[0]}" + (f", column {where[1]}" if arr.ndim == 2 else "")
        msg = f"{name} has {int(bad.sum())} NaN or infinite values (first at {at})"
        raise ValueError(msg)


def class_indices(
    y: np.ndarray, n_classes: int, names: Sequence[Any] | None, name: str
) -> tuple[np.ndarray, tuple[Any, ...]]:
    """Map labels to class indices ``0..n_classes-1`` and return the class values.

    Integer labels in range index the classes directly (wandb's convention); otherwise labels
    are looked up in ``names``; otherwise the sorted unique labels are the classes, when there
    are ``n_classes`` of them.
    """
    if y.dtype.kind in "iub" and len(y):
        lo, hi = int(y.min()), int(y.max())
        if lo >= 0 and hi < n_classes:
            values = tuple(names) if names is not None else tuple(range(n_classes))
            return y.astype(np.intp, copy=False), values
    uniq, inverse = np.unique(y, return_inverse=True)
    if names is not None:
        lookup = {v: j for j, v in enumerate(names)}
        for u in uniq.tolist():  # a name, else an index (labels may mix the two)
            if u not in lookup and _is_index(u, n_classes):
                lookup[u] = int(u)
        missing = [u for u in uniq.tolist() if u not in lookup]
        if not missing:
            mapping = np.array([lookup[u] for u in uniq.tolist()], dtype=np.intp)
            return mapping[inverse], tuple(names)
        msg = (
            f"{name} has labels {_preview(missing)} that are neither class indices "
            f"0..{n_classes - 1} nor among the {n_classes} class names {_preview(list(names))}"
        )
        raise ValueError(msg)
    if len(uniq) == n_classes:
        return inverse.astype(np.intp), tuple(uniq.tolist())
    msg = (
        f"{name} has {len(uniq)} distinct labels {_preview(uniq.tolist())} but there are "
        f"{n_classes} classes; use labels 0..{n_classes - 1} or name the classes"
    )
    raise ValueError(msg)


def _distinct(y: np.ndarray) -> list[Any]:
    """The sorted distinct labels; integers in a small range are counted, not sorted."""
    if y.dtype.kind in "iub" and len(y):
        ints = y.view(np.uint8) if y.dtype.kind == "b" else y
        lo, hi = int(ints.min()), int(ints.max())
        if hi - lo < 1 << 16:
            seen = np.flatnonzero(np.bincount(np.subtract(ints, lo, dtype=np.intp)))
            cast = bool if y.dtype.kind == "b" else int
            return [cast(int(v) + lo) for v in seen]
    return np.unique(y).tolist()


def _is_index(value: Any, n: int) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool) and 0 <= value < n


def classes_for_scores(y_true: Any, y_probas: Any, labels: Sequence[Any] | None) -> Classes:
    """The classes of a PR or ROC chart from wandb-style ``y_true``/``y_probas``/``labels``."""
    y = as_labels(y_true, "y_true")
    scores = as_scores(y_probas, "y_probas", n=len(y))
    if labels is not None:
        labels = _check_names(labels, "labels")
    if scores.ndim == 2:
        k = scores.shape[1]
        if labels is not None and len(labels) != k:
            msg = f"labels names {len(labels)} classes but y_probas has {k} columns; they must match"
            raise ValueError(msg)
        target, values = class_indices(y, k, labels, "y_true")
        return Classes(values, _names(values), target, scores)
    # 1-D: the scores of the positive class of a binary problem.
    uniq = _distinct(y)
    if len(uniq) > 2:
        msg = (
            f"y_probas is 1-D (binary scores) but y_true has {len(uniq)} classes "
            f"{_preview(uniq)}; pass probabilities of shape (n_samples, n_classes)"
        )
        raise ValueError(msg)
    if labels is not None and len(labels) != 2:
        msg = f"labels names {len(labels)} classes but 1-D y_probas scores a binary problem (2)"
        raise ValueError(msg)
    if set(uniq) <= {0, 1}:  # also True/False
        target = y.astype(np.intp, copy=False)
        values = tuple(labels) if labels is not None else (0, 1)
    elif labels is not None and set(uniq) <= set(labels):
        target = (y == labels[1]).astype(np.intp)
        values = tuple(labels)
    elif len(uniq) == 2 and labels is None:
        target = (y == uniq[1]).astype(np.intp)  # the larger label is positive, as in sklearn
        values = tuple(uniq)
    else:
        msg = (
            f"cannot tell the positive class of y_true {_preview(uniq)} for 1-D y_probas; "
            "use labels 0/1, or pass labels=[negative, positive]"
        )
        raise ValueError(msg)
    return Classes(values, _names(values), target, scores, positive=1)


def select(classes: Classes, classes_to_plot: Any) -> list[int]:
    """Class indices chosen by ``classes_to_plot``: class labels, names or column indices."""
    plottable = [classes.positive] if classes.positive is not None else range(len(classes.names))
    if classes_to_plot is None:
        return list(plottable)
    items = (
        [classes_to_plot]
        if isinstance(classes_to_plot, (str, int, np.integer))
        else list(classes_to_plot)
    )
    chosen: list[int] = []
    for item in items:
        j = _find(classes, item)
        if j is None or j not in plottable:
            valid = [classes.names[i] for i in plottable]
            extra = (
                "" if classes.positive is not None else f", or indices 0..{len(valid) - 1}"
            )
            msg = f"classes_to_plot has {item!r}, which is not a class; classes are {valid}{extra}"
            raise ValueError(msg)
        if j not in chosen:
            chosen.append(j)
    if not chosen:
        msg = "classes_to_plot is empty; pass None to plot every class"
        raise ValueError(msg)
    return chosen


def _find(classes: Classes, item: Any) -> int | None:
    for j, v in enumerate(classes.values):  # a class label (wandb's meaning) ...
        if _same(v, item):
            return j
    for j, v in enumerate(classes.names):  # ... its display name ...
        if v == item:
            return j
    if isinstance(item, (int, np.integer)) and not isinstance(item, bool):
        if 0 <= item < len(classes.names):  # ... or a column index
            return int(item)
    return None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) != isinstance(b, bool) and not isinstance(a, np.bool_):
        return False
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _check_names(names: Any, name: str) -> list[Any]:
    if isinstance(names, (str, bytes)):
        msg = f"{name} must be a list of class names, got the string {names!r}"
        raise TypeError(msg)
    out = list(names)
    shown = [str(v) for v in out]
    dup = sorted({s for s in shown if shown.count(s) > 1})
    if dup:
        msg = f"{name} has duplicate class names {dup}; each class needs its own name"
        raise ValueError(msg)
    return out


def _names(values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _preview(values: list[Any], limit: int = 8) -> str:
    shown = ", ".join(repr(v) for v in values[:limit])
    return "[" + shown + (", ...]" if len(values) > limit else "]")
