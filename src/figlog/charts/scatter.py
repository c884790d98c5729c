"""The scatter preset, ``figlog/scatter``: one point per row."""

from __future__ import annotations

from ..tables import Table
from ._chart import Chart
from ._registry import make_preset
from .custom import make_chart, require_column

__all__ = ["PRESET", "scatter"]

PRESET = make_preset(
    "figlog/scatter",
    {
        "title": "${string:title}",
        "width": 400,
        "height": 400,
        "mark": {"type": "point", "filled": True, "opacity": 0.7, "tooltip": True},
        "encoding": {
            "x": {"field": "${field:x}", "type": "quantitative", "scale": {"zero": False}},
            "y": {"field": "${field:y}", "type": "quantitative", "scale": {"zero": False}},
        },
    },
    string_fields={"title": ""},
    origin="builtin",
)


def scatter(table: Table, x: str, y: str, title: str | None = None) -> Chart:
    """A scatter plot of column ``y`` against column ``x``.

    Parameters
    ----------
    table : Table
    x, y : str
        Numeric columns of ``table``.
    title : str, optional

    Returns
    -------
    Chart
        Preset ``"figlog/scatter"``.

    Raises
    ------
    ValueError
        A column is missing or not numeric, or the table is empty.

    Examples
    --------
    >>> table = figlog.Table(data=[[0.1, 0.9], [0.4, 0.5]], columns=["class_x", "class_y"])
    >>> chart = figlog.plot.scatter(table, "class_x", "class_y")
    """
    require_column(table, x, "x", func="scatter", numeric=True)
    require_column(table, y, "y", func="scatter", numeric=True)
    return make_chart(PRESET, table, {"x": x, "y": y}, {"title": title})
