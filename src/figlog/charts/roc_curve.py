"""The ROC preset, ``figlog/roc_curve``, and ``roc_curve``: exact AUC, thinned curves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._chart import Chart
from ._curves import class_curves, require_rows
from ._inputs import classes_for_scores, select
from ._registry import make_preset
from .custom import make_chart

__all__ = ["PRESET", "roc_curve"]

_AXIS = {"type": "quantitative", "scale": {"domain": [0, 1]}}

PRESET = make_preset(
    "figlog/roc_curve",
    {
        "title": "${string:title}",
        "width": 400,
        "height": 400,
        "layer": [
            {  # the chance diagonal, with its own data
                "data": {"values": [{"a": 0, "b": 0}, {"a": 1, "b": 1}]},
                "mark": {"type": "line", "color": "#bbbbbb", "strokeDash": [4, 4]},
                "encoding": {"x": {"field": "a", **_AXIS}, "y": {"field": "b", **_AXIS}},
            },
            {
                # A line sorts its points by x; the sort is stable and x never falls along the
                # curve, so vertical steps keep the table's (curve) order.
                "mark": {"type": "line", "point": {"size": 12}, "tooltip": True},
                "encoding": {
                    "x": {"field": "${field:x}", "title": "False positive rate", **_AXIS},
                    "y": {"field": "${field:y}", "title": "True positive rate", **_AXIS},
                    "color": {"field": "${field:class}", "type": "nominal", "sort": None},
                    "tooltip": [
                        {"field": "${field:class}", "type": "nominal"},
                        {"field": "${field:x}", "type": "quantitative", "format": ".4f"},
                        {"field": "${field:y}", "type": "quantitative", "format": ".4f"},
                        {"field": "${field:threshold}", "type": "quantitative", "format": ".6g"},
                    ],
                },
            },
        ],
    },
    fields=["x", "y", "class"],
    optional_fields=["threshold"],
    string_fields={"title": "ROC"},
    origin="builtin",
)


def roc_curve(
    y_true: Sequence[Any],
    y_probas: Any,
    labels: Sequence[Any] | None = None,
    classes_to_plot: Sequence[Any] | None = None,
    title: str | None = None,
) -> Chart:
    """ROC curves, one-vs-rest per class, with the exact AUC of each.

    The AUC is computed on all the data (equal to scikit-learn's ``roc_auc_score``); the
    drawn curve is thinned to at most 200 points per class that stay within 0.005 of the
    exact curve, each with the score threshold that produces it (more than 200 only when
    the curve cannot be drawn within 0.005 by 200: the tolerance wins).

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
        Preset ``"figlog/roc_curve"``; table columns ``class``, ``fpr``, ``tpr``,
        ``threshold``; ``metrics`` ``{"auc": {class: auc}, "positives": {...},
        "n_samples": n}`` (AUC ``None`` for a class without positives or negatives).

    Raises
    ------
    ValueError
        Lengths differ, scores hold NaN or inf, the columns do not match the classes, or
        ``classes_to_plot`` names a class that does not exist.

    Examples
    --------
    >>> chart = figlog.plot.roc_curve([0, 1, 1, 0], [0.1, 0.8, 0.6, 0.3])
    >>> chart.metrics["auc"]
    {'1': 1.0}
    """
    classes = classes_for_scores(y_true, y_probas, labels)
    chosen = select(classes, classes_to_plot)
    # ROC is symmetric in the classes: sort whichever of positives and negatives is smaller.
    result = class_curves(classes, chosen, x="fpr", y="tpr", side="smaller")
    require_rows(result, classes, chosen, needs="positive and one negative")
    metrics = {
        "auc": result.metric,
        "positives": result.positives,
        "n_samples": len(classes.target),
    }
    fields = {"x": "fpr", "y": "tpr", "class": "class", "threshold": "threshold"}
    return make_chart(PRESET, result.table, fields, {"title": title}, metrics=metrics)
