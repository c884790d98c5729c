"""What ``log`` accepts, checked before anything is written: value → (kind, stored form)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..media import Media, wrap
from ..tables import Table

__all__ = ["Pending", "classify", "flatten"]

# A checked value waiting to be written: kind and either the final scalar or the media object.
Pending = tuple[str, Any]

_ACCEPTED = (
    "numbers, strings, booleans, matplotlib plt/Figure/Axes, Plotly figures, Bokeh/HoloViews/"
    "Panel objects, figlog.Image, figlog.Html, figlog.Plotly, figlog.Table, figlog.plot charts, "
    "or a list of media"
)


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings become ``"outer/inner"`` keys (panels group by the ``/`` prefix)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            msg = f"log() keys must be str, got {type(key).__name__} {key!r}"
            raise TypeError(msg)
        if not key or key.startswith("_"):
            msg = (
                f"log() key {key!r} is not allowed: keys are non-empty and may not start "
                "with '_' (reserved for '_step' and '_timestamp')"
            )
            raise ValueError(msg)
        full = f"{prefix}/{key}" if prefix else key
        if isinstance(value, Mapping) and not _is_figure_dict(value):
            out.update(flatten(value, full))
        else:
            out[full] = value
    return out


def classify(key: str, value: Any) -> Pending:
    """Check one logged value and give its kind; raise ``TypeError`` naming the key if refused."""
    if isinstance(value, (bool, np.bool_)):
        return "bool", bool(value)
    if isinstance(value, (int, np.integer)):
        iv = int(value)
        return "number", iv if -(2**63) <= iv < 2**63 else float(iv)
    if isinstance(value, (float, np.floating)):
        return "number", float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "biuf":
        return classify(key, value.item())
    if isinstance(value, str):
        return "str", value
    if isinstance(value, (Media, Table)) or _is_chart(value):
        return "media", value
    if _is_figure_dict(value):
        return "media", wrap_figure_dict(value)
    wrapped = wrap(value)
    if wrapped is not None:
        return "media", wrapped
    if isinstance(value, (list, tuple)):
        if not value:
            msg = f"log() key {key!r}: an empty {type(value).__name__} has nothing to log"
            raise ValueError(msg)
        items = []
        for i, item in enumerate(value):
            m = item if isinstance(item, Media) else wrap(item)
            if m is None:
                msg = (
                    f"log() key {key!r}: item {i} of the list is a {_name(item)}; a list must "
                    "hold only media (figlog.Image, figlog.Html, figlog.Plotly or figures). "
                    "For a series of numbers, log one value per step or use a figlog.Table."
                )
                raise TypeError(msg)
            items.append(m)
        return "media_list", items
    msg = f"log() key {key!r}: cannot log a {_name(value)}; accepted: {_ACCEPTED}"
    raise TypeError(msg)


def wrap_figure_dict(value: Mapping[str, Any]) -> Media:
    from ..media import Plotly

    return Plotly(dict(value))


def _is_figure_dict(value: Any) -> bool:
    return isinstance(value, Mapping) and "data" in value and isinstance(value.get("data"), list) \
        and set(value) <= {"data", "layout", "frames", "config"}


def _is_chart(value: Any) -> bool:
    from ..charts import Chart

    return isinstance(value, Chart)


def _name(value: Any) -> str:
    t = type(value)
    return t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"
