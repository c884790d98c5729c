"""Resolve "pyplot or Figure or Axes" to a Figure: the one place that accepts all three."""

from __future__ import annotations

import types
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure, FigureBase

from ._errors import EmptyPlotError

__all__ = ["is_matplotlib", "resolve_figure"]

_KEEP_FIG = (
    "Keep a handle on the figure (`fig = plt.figure()` or `fig, ax = plt.subplots()`) "
    "and log `fig` instead of `plt`."
)


def _is_pyplot(obj: Any) -> bool:
    return isinstance(obj, types.ModuleType) and obj.__name__ == "matplotlib.pyplot"


def is_matplotlib(obj: Any) -> bool:
    """True for the pyplot module, a Figure, a SubFigure or an Axes."""
    return _is_pyplot(obj) or isinstance(obj, (FigureBase, Axes))


def resolve_figure(obj: Any) -> FigureBase:
    """Return the figure that ``obj`` stands for, without changing any state.

    Parameters
    ----------
    obj : the ``matplotlib.pyplot`` module, a ``Figure``, a ``SubFigure`` or an ``Axes``

    Raises
    ------
    EmptyPlotError
        ``obj`` is pyplot and no figure is open.
    TypeError
        ``obj`` is none of the accepted kinds.
    """
    if isinstance(obj, FigureBase):
        return obj
    if isinstance(obj, Axes):
        return obj.figure
    if _is_pyplot(obj):
        # plt.gcf() would create a new empty figure; look before asking.
        if not obj.get_fignums():
            msg = (
                "Tried to log an empty plot: pyplot has no open figure, usually because "
                "`plt.show()` or `plt.close()` already ran. " + _KEEP_FIG
            )
            raise EmptyPlotError(msg)
        return obj.gcf()
    msg = (
        "expected a matplotlib Figure, SubFigure, Axes or the matplotlib.pyplot module, "
        f"got {type(obj).__module__}.{type(obj).__qualname__}"
    )
    raise TypeError(msg)


def root_figure(fig: FigureBase) -> Figure:
    """The top-level Figure of a (possibly nested) SubFigure."""
    while not isinstance(fig, Figure):
        fig = fig.figure
    return fig
