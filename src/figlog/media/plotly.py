"""``figlog.Plotly``: a Plotly figure held as its JSON, from Plotly or from matplotlib."""

from __future__ import annotations

import json
from typing import Any

from .. import converters
from ._base import Media

__all__ = ["Plotly", "plotly_json"]


class Plotly(Media):
    """A Plotly figure to log, stored as Plotly JSON.

    Parameters
    ----------
    fig : plotly Figure, its dict (``{"data": [...], "layout": {...}}``), or matplotlib
        ``plt``/``Figure``/``Axes`` (converted with ``figlog.converters.to_plotly``).

    Attributes
    ----------
    figure : dict
        The Plotly figure JSON (``data``, ``layout``). Typed arrays from plotly >= 6
        (``{"dtype": ..., "bdata": ...}``) are kept as they are: plotly.js reads them.
    report : dict or None
        For converted matplotlib figures, the conversion report (``complete`` and the
        artists that were approximated or skipped).
    png : bytes or None
        When the conversion is not complete, an exact PNG rendering kept beside the JSON.

    Examples
    --------
    >>> Plotly({"data": [{"type": "scatter", "y": [1, 3, 2]}]}).figure["data"][0]["y"]
    [1, 3, 2]
    """

    kind = "plotly"
    __slots__ = ("figure", "report", "png")

    figure: dict
    report: dict | None
    png: bytes | None

    def __init__(self, fig: Any) -> None:
        if converters.is_matplotlib(fig):
            conv = converters.to_plotly(fig)
            report = conv.report.to_dict()
            png = None if conv.report.complete else converters.to_image(fig, "png")
            self._init(figure=plotly_json(conv.figure, what="fig"), report=report, png=png)
            return
        self._init(figure=plotly_json(fig, what="fig"), report=None, png=None)

    @classmethod
    def from_parts(cls, figure: dict, report: dict | None = None,
                   png: bytes | None = None) -> Plotly:
        """A Plotly value from stored parts (as read back from a store)."""
        self = object.__new__(cls)
        self._init(figure=figure, report=report, png=png)
        return self

    @property
    def complete(self) -> bool:
        """False when a converted matplotlib figure lost or approximated something."""
        return self.report is None or bool(self.report.get("complete", True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plotly) and self.figure == other.figure

    def __hash__(self) -> int:
        return hash(json.dumps(self.figure, sort_keys=True))

    def _repr_html_(self) -> str:
        """Inline display in Jupyter, offline (the viewer builds it)."""
        from ..viewer.notebook import plotly_html

        return plotly_html(self)

    def __repr__(self) -> str:
        return f"Plotly({len(self.figure.get('data', []))} traces)"


def plotly_json(fig: Any, *, what: str) -> dict:
    """Normalise a Plotly figure or figure dict to plain JSON (dicts, lists, numbers, str).

    Raises
    ------
    TypeError
        ``fig`` is neither a Plotly figure nor a dict.
    ValueError
        the dict has no ``data`` list.
    """
    to_json = getattr(fig, "to_plotly_json", None)
    if callable(to_json) and type(fig).__module__.startswith("plotly."):
        import plotly.io as pio

        # plotly's own encoder knows its types; plotly >= 6 writes numpy arrays as typed arrays.
        return json.loads(pio.to_json(fig, validate=False, engine="json"))
    if not isinstance(fig, dict):
        msg = (
            f"Plotly({what}=...) expects a plotly Figure, a figure dict or a matplotlib "
            f"Figure/Axes/pyplot, got {type(fig).__module__}.{type(fig).__qualname__}"
        )
        raise TypeError(msg)
    data = fig.get("data", [])
    if not isinstance(data, (list, tuple)):
        msg = f"Plotly({what}=...) dict key 'data' must be a list of traces, got {type(data).__name__}"
        raise ValueError(msg)
    unknown = set(fig) - {"data", "layout", "frames", "config"}
    if unknown:
        msg = (
            f"Plotly({what}=...) dict has unknown keys {sorted(unknown)}; a figure dict holds "
            "'data', 'layout', 'frames' and 'config'"
        )
        raise ValueError(msg)
    from plotly.utils import PlotlyJSONEncoder

    # plotly's encoder turns numpy values into lists and NaN/inf into null, as plotly.js expects.
    try:
        text = json.dumps(dict(fig), cls=PlotlyJSONEncoder)
    except TypeError as exc:
        msg = f"Plotly({what}=...) dict holds a value that is not JSON: {exc}"
        raise TypeError(msg) from None
    return json.loads(text)
