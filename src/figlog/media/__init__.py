"""Media values: small immutable objects with named constructors. They never touch the disk."""

from __future__ import annotations

from typing import Any

from .. import converters
from ._base import Media
from ._render import library_of
from .html import Html, OfflineWarning
from .image import Image
from .plotly import Plotly

__all__ = ["Html", "Image", "Media", "OfflineWarning", "Plotly", "wrap"]


def wrap(value: Any) -> Media | None:
    """The media value for ``value``: media as is, a raw figure wrapped; None for non-media.

    A matplotlib figure becomes ``Plotly`` (converted, with a PNG kept when the conversion
    is not complete); a Plotly figure becomes ``Plotly``; a Bokeh model/layout/Document, a
    HoloViews object or a Panel object becomes ``Html`` (rendered with its JavaScript inline;
    a store keeps each library bundle once).
    """
    if isinstance(value, Media):
        return value
    if converters.is_matplotlib(value):
        return Plotly(value)
    if type(value).__module__.startswith("plotly.") and hasattr(value, "to_plotly_json"):
        return Plotly(value)
    if library_of(value) in ("bokeh", "holoviews", "panel"):
        return Html(value)
    return None
