"""The line preset, ``figlog/line``: points joined in x order, one line per ``stroke``."""

from __future__ import annotations

from ..tables import Table
from ._chart import Chart
from ._registry import make_preset
from .custom import make_chart, require_column

__all__ = ["PRESET", "line"]

PRESET = make_preset(
    "figlog/line",
    {
        "title": "${string:title}",
        "width": 480,
        "height": 300,
        "mark": {"type": "line", "point": {"size": 16}, "tooltip": True},
        "encoding": {
            "x": {"field": "${field:x}", "type": "quantitative"},
            "y": {"field": "${field:y}", "type": "quantitative"},
            "color": {"field": "${field:stroke}", "type": "nominal"},
        },
    },
    fields=["x", "y"],
    optional_fields=["stroke"],
    string_fields={"title": ""},
    origin="builtin",
)


def line(
    table: Table, x: str, y: str, stroke: str | None = None, title: str | None = None
) -> Chart:
    """A line plot of column ``y`` against column ``x``.

    Parameters
    ----------
    table : Table
        The points, one per row.
    x, y : str
        Numeric columns of ``table``.
    stroke : str, optional
        A column whose values split the points into separately coloured lines.
    title : str, optional

    Returns
    -------
    Chart
        Preset ``"figlog/line"``.

    Raises
    ------
    ValueError
        A column is missing or not numeric, or the table is empty.

    Examples
    --------
    >>> table = figlog.Table(data=[[0, 1.0], [1, 0.5]], columns=["x", "y"])
    >>> chart = figlog.plot.line(table, "x", "y", title="loss")
    """
    require_column(table, x, "x", func="line", numeric=True)
    require_column(table, y, "y", func="line", numeric=True)
    if stroke is not None:
        require_column(table, stroke, "stroke", func="line")
    return make_chart(PRESET, table, {"x": x, "y": y, "stroke": stroke}, {"title": title})
