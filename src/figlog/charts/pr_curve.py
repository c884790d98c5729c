"""The precision-recall preset, ``figlog/pr_curve``, and ``pr_curve``: exact AP, thinned curves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._chart import Chart
from ._curves import class_curves, require_rows
from ._inputs import classes_for_scores, select
from ._registry import make_preset
from .custom import make_chart

__all__ = ["PRESET", "pr_curve"]

_AXIS = {"type": "quantitative", "scale": {"domain": [0, 1]}}

PRESET = make_preset(
    "figlog/pr_curve",
    {
        "title": "${string:title}",
        "width": 400,
        "height": 400,
        # A line sorts its points by x; the sort is stable and x never falls along the
        # curve, so vertical steps keep the table's (curve) order.
        "mark": {"type": "line", "point": {"size": 12}, "tooltip": True},
        "encoding": {
            "x": {"field": "${field:x}", "title": "Recall", **_AXIS},
            "y": {"field": "${field:y}", "title": "Precision", **_AXIS},
            "color": {"field": "${field:class}", "type": "nominal", "sort": None},
            "tooltip": [
                {"field": "${field:class}", "type": "nominal"},
                {"field": "${field:x}", "type": "quantitative", "format": ".4f"},
                {"field": "${field:y}", "type": "quantitative", "format": ".4f"},
                {"field": "${field:threshold}", "type": "quantitative", "format": ".6g"},
            ],
        },
    },
    fields=["x", "y", "class"],
    optional_fields=["threshold"],
    string_fields={"title": "Precision-recall"},
    origin="builtin",
)


def pr_curve(
    y_true: Sequence[Any],
    y_probas: Any,
    labels: Sequence[Any] | None = None,
    classes_to_plot: Sequence[Any] | None = None,
    title: str | None = None,
) -> Chart:
    """Precision-recall curves, one-vs-rest per class, with the exact average precision.

    Average precision is computed on all the data (equal to scikit-learn's
    ``average_precision_score``); the drawn curve is thinned to at most 200 points per
    class that stay within 0.005 of the exact curve, each with its score threshold (more
    than 200 only when the curve cannot be drawn within 0.005 by 200: the tolerance wins).
    The first point is scikit-learn's end point (recall 0, precision 1, no threshold).

    Parameters
    ----------
    y_true : (n_samples,) array-like
        True labels: class indices ``0..n_classes-1``, or labels named in ``labels``, or any
        labels whose sorted unique values match the columns of ``y_probas``.
    y_probas : (n_samples, n_classes) or (n_samples,) array-like
        Scores per class; a 1-D array scores the positive class of a binary problem.
    labels : list, optional
        Class names, one per column of ``y_probas`` (``[negative, positive]`` for 1-D).
    classes_to_plot : list, optional
        The classes to draw, by label, name or column index; all by default.
    title : str, optional

    Returns
    -------
    Chart
        Preset ``"figlog/pr_curve"``; table columns ``class``, ``recall``, ``precision``,
        ``threshold``; ``metrics`` ``{"average_precision": {class: ap},
        "positives": {...}, "n_samples": n}`` (AP ``None`` for a class without positives).

    Raises
    ------
    ValueError
        Lengths differ, scores hold NaN or inf, the columns do not match the classes, or
        ``classes_to_plot`` names a class that does not exist.

    Examples
    --------
    >>> chart = figlog.plot.pr_curve([0, 1, 1, 0], [[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.7, 0.3]],
    ...                              labels=["cat", "dog"])
    >>> chart.metrics["average_precision"]
    {'cat': 1.0, 'dog': 1.0}
    """
    classes = classes_for_scores(y_true, y_probas, labels)
    chosen = select(classes, classes_to_plot)
    result = class_curves(classes, chosen, x="recall", y="precision")
    require_rows(result, classes, chosen, needs="positive")
    metrics = {
        "average_precision": result.metric,
        "positives": result.positives,
        "n_samples": len(classes.target),
    }
    fields = {"x": "recall", "y": "precision", "class": "class", "threshold": "threshold"}
    return make_chart(PRESET, result.table, fields, {"title": title}, metrics=metrics)
