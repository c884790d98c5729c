"""The multi-line preset, ``figlog/line_series``: several series on shared axes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..tables import Table
from ._chart import Chart
from ._registry import make_preset
from .custom import make_chart

__all__ = ["PRESET", "line_series"]

PRESET = make_preset(
    "figlog/line_series",
    {
        "title": "${string:title}",
        "width": 480,
        "height": 300,
        "mark": {"type": "line", "point": {"size": 16}, "tooltip": True},
        "encoding": {
            "x": {"field": "${field:step}", "type": "quantitative", "title": "${string:xname}"},
            "y": {"field": "${field:lineVal}", "type": "quantitative", "title": "y"},
            "color": {"field": "${field:lineKey}", "type": "nominal", "title": "key", "sort": None},
        },
    },
    string_fields={"title": "", "xname": "x"},
    origin="builtin",
)


def line_series(
    xs: Sequence[Any],
    ys: Sequence[Sequence[Any]],
    keys: Sequence[str] | None = None,
    title: str | None = None,
    xname: str = "x",
) -> Chart:
    """Several lines on one chart: ``ys[i]`` against ``xs`` (or against ``xs[i]``).

    Unlike wandb, series of different lengths are an error, not silently truncated.

    Parameters
    ----------
    xs : (n_points,) array-like, or a list of one (n_points_i,) array-like per series
        Shared x values, or x values per series.
    ys : list of (n_points_i,) array-like
        One list of y values per series; NaN leaves a gap.
    keys : list of str, optional
        Series names; ``key_0, key_1, ...`` by default.
    title : str, optional
    xname : str, default "x"
        The x axis title.

    Returns
    -------
    Chart
        Preset ``"figlog/line_series"``; the table has columns ``step``, ``lineKey``,
        ``lineVal`` (wandb's names).

    Raises
    ------
    ValueError
        ``ys`` is empty, ``keys`` does not name each series once, ``xs`` gives x values for
        a different number of series, or a series' x and y lengths differ.

    Examples
    --------
    >>> chart = figlog.plot.line_series(
    ...     xs=[0, 1, 2, 3, 4],
    ...     ys=[[10, 20, 30, 40, 50], [0.5, 11, 72, 3, 41]],
    ...     keys=["metric Y", "metric Z"], title="Two Random Metrics", xname="x units")
    """
    series = _series(ys, "ys")
    if not series:
        msg = "line_series(): ys is empty; pass one list of y values per series"
        raise ValueError(msg)
    shared = not _is_nested(xs)
    xss = [_values(xs, "xs")] * len(series) if shared else _series(xs, "xs")
    if len(xss) != len(series):
        msg = (
            f"line_series(): xs has {len(xss)} series of x values but ys has {len(series)} "
            "series; pass one shared list of x values or one per series"
        )
        raise ValueError(msg)
    if keys is None:
        keys = [f"key_{i}" for i in range(len(series))]
    elif isinstance(keys, str):
        msg = f"line_series(): keys must be a list of names, got the string {keys!r}"
        raise TypeError(msg)
    keys = [str(k) for k in keys]
    if len(keys) != len(series):
        msg = f"line_series(): keys has {len(keys)} names but ys has {len(series)} series"
        raise ValueError(msg)
    if len(set(keys)) != len(keys):
        msg = f"line_series(): keys has duplicate names {keys}; each series needs its own"
        raise ValueError(msg)
    steps: list[Any] = []
    names: list[str] = []
    values: list[Any] = []
    for i, (x, y) in enumerate(zip(xss, series)):
        if len(x) != len(y):
            where = "xs" if shared else f"xs[{i}]"
            msg = f"line_series(): {where} has {len(x)} values but ys[{i}] has {len(y)}"
            raise ValueError(msg)
        steps.extend(x)
        names.extend([keys[i]] * len(y))
        values.extend(y)
    if not values:
        msg = "line_series(): every series in ys is empty"
        raise ValueError(msg)
    table = Table(columns=[])
    table.add_column("step", steps)
    table.add_column("lineKey", names)
    table.add_column("lineVal", values)
    fields = {"step": "step", "lineKey": "lineKey", "lineVal": "lineVal"}
    return make_chart(PRESET, table, fields, {"title": title, "xname": xname})


def _is_nested(xs: Any) -> bool:
    if isinstance(xs, np.ndarray):
        return xs.ndim == 2
    if isinstance(xs, (str, bytes)) or not isinstance(xs, Iterable):
        return False
    items = list(xs)
    return bool(items) and all(
        isinstance(v, (Sequence, np.ndarray)) and not isinstance(v, (str, bytes)) for v in items
    )


def _series(values: Any, arg: str) -> list[list[Any]]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        msg = f"line_series(): {arg} must be a list of lists of numbers, got {type(values).__name__}"
        raise TypeError(msg)
    if isinstance(values, np.ndarray) and values.ndim == 1:
        values = [values]
    return [_values(v, f"{arg}[{i}]") for i, v in enumerate(values)]


def _values(values: Any, arg: str) -> list[Any]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        msg = f"line_series(): {arg} must be a list of numbers, got {type(values).__name__}"
        raise TypeError(msg)
    out = np.asarray(values).tolist() if isinstance(values, np.ndarray) else list(values)
    for j, v in enumerate(out):
        if isinstance(v, np.generic):
            out[j] = v.item()
        if isinstance(out[j], bool) or not isinstance(out[j], (int, float)):
            if out[j] is not None:
                msg = f"line_series(): {arg}[{j}] is {out[j]!r}; expected a number"
                raise TypeError(msg)
    return out
