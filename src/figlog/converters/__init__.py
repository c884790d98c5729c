"""matplotlib → Plotly JSON, exact rasterising, and figure resolution.

The converters import nothing else of figlog's.
"""

from __future__ import annotations

from ._errors import ConversionError, EmptyPlotError, UnsupportedArtistWarning
from ._figure import is_matplotlib, resolve_figure
from .raster import to_image

__all__ = [
    "ConversionError",
    "EmptyPlotError",
    "UnsupportedArtistWarning",
    "is_matplotlib",
    "resolve_figure",
    "to_image",
]
