"""matplotlib → Plotly JSON, exact rasterising, and figure resolution.

The converters import nothing else of figlog's.
"""

from __future__ import annotations

from ._errors import ConversionError, EmptyPlotError, UnsupportedArtistWarning
from ._figure import is_matplotlib, resolve_figure
from .convert import Conversion, to_plotly
from .raster import to_image
from .report import ConversionReport, ReportEntry

__all__ = [
    "Conversion",
    "ConversionError",
    "ConversionReport",
    "EmptyPlotError",
    "ReportEntry",
    "UnsupportedArtistWarning",
    "is_matplotlib",
    "resolve_figure",
    "to_image",
    "to_plotly",
]
