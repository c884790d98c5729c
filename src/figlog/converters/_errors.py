"""Exceptions raised by the converters (re-exported as ``figlog.EmptyPlotError`` etc.)."""

from __future__ import annotations

__all__ = ["ConversionError", "EmptyPlotError", "UnsupportedArtistWarning"]


class EmptyPlotError(ValueError):
    """The figure (or the pyplot state) holds nothing that can be drawn."""


class ConversionError(ValueError):
    """``to_plotly(..., strict=True)`` met artists it cannot convert exactly."""


class UnsupportedArtistWarning(UserWarning):
    """Some artists of a figure were approximated or skipped during conversion."""
