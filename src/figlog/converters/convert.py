"""``to_plotly``: matplotlib (pyplot, Figure, SubFigure, Axes) → Plotly figure JSON + report."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

from ._errors import ConversionError, EmptyPlotError, UnsupportedArtistWarning
from ._figure import _KEEP_FIG, resolve_figure
from .ir import FigureIR
from .report import ConversionReport
from .walk import walk
from .writer import write

__all__ = ["Conversion", "to_plotly"]


@dataclass(frozen=True)
class Conversion:
    """The result of :func:`to_plotly`.

    ``figure`` is a Plotly figure as a JSON-able dict (``data``, ``layout``) and ``report``
    says, per artist, what it became and what was approximated or skipped.
    """

    figure: dict[str, Any]
    report: ConversionReport


def _drawable(ir: FigureIR, report: ConversionReport) -> int:
    """How much the figure shows besides empty axes: marks, text (titles and axis labels
    included), legends, and artists that exist but could not be converted exactly."""
    own = sum(len(a.marks) + len(a.titles) for a in ir.axes)
    labels = sum(bool(a.xaxis.title) + bool(a.yaxis.title) for a in ir.axes)
    unconverted = len(report.skipped) + len(report.approximated)
    return (own + labels + len(ir.texts) + len(ir.shapes) + len(ir.images) + len(ir.legends)
            + unconverted)


def _check_empty(fig: Any, ir: FigureIR, report: ConversionReport) -> None:
    if not fig.get_axes() and not _drawable(ir, report):
        msg = (
            "Tried to log an empty plot: the figure has no axes, usually because "
            "`plt.show()` or `plt.close()` already ran and pyplot made a new, empty figure. "
            + _KEEP_FIG
        )
        raise EmptyPlotError(msg)
    if not _drawable(ir, report):
        n = len(fig.get_axes())
        msg = (
            f"Tried to log an empty plot: the figure's {n} axes hold nothing drawable "
            "(no lines, markers, bars, patches, images, text or labels), usually because the data "
            "was plotted into another figure, or `plt.show()`/`plt.close()` already ran. "
            + _KEEP_FIG
        )
        raise EmptyPlotError(msg)


def to_plotly(obj: Any, *, strict: bool = False) -> Conversion:
    """Convert a matplotlib figure to a Plotly figure dict, saying what did not convert.

    The figure is read, never changed: it is not drawn, closed or cleared, and converting
    it twice gives the same JSON.

    Parameters
    ----------
    obj : the ``matplotlib.pyplot`` module, a ``Figure``, a ``SubFigure`` or an ``Axes``
        An Axes stands for its whole figure.
    strict : bool
        Raise instead of approximating or skipping anything.

    Returns
    -------
    Conversion
        ``.figure`` (``{"data": [...], "layout": {...}}``, accepted by
        ``plotly.graph_objects.Figure``) and ``.report`` (``.complete`` is True when
        nothing was approximated or skipped).

    Raises
    ------
    EmptyPlotError
        pyplot has no open figure, or the figure has no axes or nothing drawable.
    ConversionError
        ``strict=True`` and some artists could not be converted exactly.
    TypeError
        ``obj`` is not a matplotlib object.

    Warns
    -----
    UnsupportedArtistWarning
        Once per call, summarising what was approximated or skipped.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.plot([1, 2, 3], label="loss")
    >>> conv = to_plotly(fig)
    >>> conv.figure["data"][0]["y"], conv.report.complete
    ([1.0, 2.0, 3.0], True)
    """
    fig = resolve_figure(obj)
    ir, entries = walk(fig)
    report = ConversionReport(tuple(entries))
    _check_empty(fig, ir, report)
    if strict and not report.complete:
        msg = "to_plotly(strict=True) could not convert everything exactly:\n  " + \
            "\n  ".join(report.problems()) + "\nUse to_image() for an exact rendering."
        raise ConversionError(msg)
    if not report.complete:
        msg = (f"to_plotly: {report.summary()}; see Conversion.report for each artist, "
               "or use to_image() for an exact rendering")
        warnings.warn(msg, UnsupportedArtistWarning, stacklevel=2)
    return Conversion(figure=write(ir), report=report)

