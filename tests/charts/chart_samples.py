"""One chart per built-in preset, from small fixed data (shared by the chart tests)."""

from __future__ import annotations

import numpy as np

import figlog.plot as plot
from figlog.tables import Table


def sample_charts() -> dict[str, object]:
    """One chart per built-in preset, from small fixed data."""
    rng = np.random.default_rng(7)
    xy = Table(data=[[x, float(np.sin(x / 3))] for x in range(20)], columns=["x", "y"])
    xys = Table(
        data=[[x, x * k, f"run {k}"] for k in (1, 2) for x in range(10)],
        columns=["step", "value", "run"],
    )
    bars = Table(data=[["cat", 3], ["dog", 5], ["bird", 1]], columns=["label", "value"])
    scores = Table(data=[[float(v)] for v in rng.beta(2, 5, 200)], columns=["scores"])
    y = rng.integers(0, 3, 300)
    probs = rng.dirichlet([1, 1, 1], 300) + np.eye(3)[y] * 0.5
    probs /= probs.sum(axis=1, keepdims=True)
    names = ["cat", "dog", "bird"]
    return {
        "figlog/line": plot.line(xys, "step", "value", stroke="run", title="Lines"),
        "figlog/scatter": plot.scatter(xy, "x", "y", title="Scatter"),
        "figlog/bar": plot.bar(bars, "label", "value", title="Bars"),
        "figlog/histogram": plot.histogram(scores, "scores", title="Histogram"),
        "figlog/line_series": plot.line_series(
            [0, 1, 2, 3, 4], [[10, 20, 30, 40, 50], [0.5, 11, 72, 3, 41]],
            keys=["metric Y", "metric Z"], title="Two Random Metrics", xname="x units",
        ),
        "figlog/pr_curve": plot.pr_curve(y, probs, labels=names),
        "figlog/roc_curve": plot.roc_curve(y, probs, labels=names),
        "figlog/confusion_matrix": plot.confusion_matrix(
            probs=probs, y_true=y, class_names=names
        ),
    }
