"""The bar preset, ``figlog/bar``: one horizontal bar per label, in table order."""

from __future__ import annotations

from ..tables import Table
from ._chart import Chart
from ._registry import make_preset
from .custom import make_chart, require_column

__all__ = ["PRESET", "bar"]

PRESET = make_preset(
    "figlog/bar",
    {
        "title": "${string:title}",
        "width": 480,
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            # sort null: bars in the order of the table's rows, as the user built it
            "y": {"field": "${field:label}", "type": "nominal", "sort": None},
            "x": {"field": "${field:value}", "type": "quantitative"},
        },
    },
    string_fields={"title": ""},
    origin="builtin",
)


def bar(table: Table, label: str, value: str, title: str | None = None) -> Chart:
    """A bar chart: one bar per row, ``label`` naming it and ``value`` its length.

    Parameters
    ----------
    table : Table
    label : str
        The column of bar names.
    value : str
        A numeric column.
    title : str, optional

    Returns
    -------
    Chart
        Preset ``"figlog/bar"``.

    Raises
    ------
    ValueError
        A column is missing, ``value`` is not numeric, or the table is empty.

    Examples
    --------
    >>> table = figlog.Table(data=[["a", 3], ["b", 5]], columns=["label", "value"])
    >>> chart = figlog.plot.bar(table, "label", "value", title="Custom Bar Chart")
    """
    require_column(table, label, "label", func="bar")
    require_column(table, value, "value", func="bar", numeric=True)
    return make_chart(PRESET, table, {"label": label, "value": value}, {"title": title})
