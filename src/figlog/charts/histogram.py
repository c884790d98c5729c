"""The histogram preset, ``figlog/histogram``: counts of a column's values in bins."""

from __future__ import annotations

from ..tables import Table
from ._chart import Chart
from ._registry import make_preset
from .custom import make_chart, require_column

__all__ = ["PRESET", "histogram"]

PRESET = make_preset(
    "figlog/histogram",
    {
        "title": "${string:title}",
        "width": 480,
        "height": 300,
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            # Binning happens in the renderer, so the stored table keeps every value.
            "x": {"field": "${field:value}", "type": "quantitative", "bin": {"maxbins": 40}},
            "y": {"aggregate": "count", "type": "quantitative", "title": "count"},
        },
    },
    string_fields={"title": ""},
    origin="builtin",
)


def histogram(table: Table, value: str, title: str | None = None) -> Chart:
    """A histogram of the numeric column ``value``.

    Parameters
    ----------
    table : Table
    value : str
        A numeric column.
    title : str, optional

    Returns
    -------
    Chart
        Preset ``"figlog/histogram"``.

    Raises
    ------
    ValueError
        The column is missing or not numeric, or the table is empty.

    Examples
    --------
    >>> table = figlog.Table(data=[[0.2], [0.7], [0.9]], columns=["scores"])
    >>> chart = figlog.plot.histogram(table, "scores", title="Histogram")
    """
    require_column(table, value, "value", func="histogram", numeric=True)
    return make_chart(PRESET, table, {"value": value}, {"title": title})
