"""``figlog.plot``: wandb's chart functions, returning :class:`figlog.charts.Chart` values.

The signatures are wandb's, so ``wandb.plot.pr_curve(...)`` becomes
``figlog.plot.pr_curve(...)`` unchanged.
"""

from __future__ import annotations

from .charts.bar import bar
from .charts.confusion_matrix import confusion_matrix
from .charts.histogram import histogram
from .charts.line import line
from .charts.line_series import line_series
from .charts.pr_curve import pr_curve
from .charts.roc_curve import roc_curve
from .charts.scatter import scatter

__all__ = [
    "bar",
    "confusion_matrix",
    "histogram",
    "line",
    "line_series",
    "pr_curve",
    "roc_curve",
    "scatter",
]
