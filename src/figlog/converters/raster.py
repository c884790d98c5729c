"""Rasterise a matplotlib figure exactly, with matplotlib's own renderer."""

from __future__ import annotations

import io
from typing import Any

from ._figure import resolve_figure, root_figure

__all__ = ["to_image"]

_FORMATS = ("png", "jpeg", "jpg", "svg", "pdf", "webp", "tiff")


def to_image(obj: Any, fmt: str = "png", *, dpi: float | None = None) -> bytes:
    """Render ``obj`` (pyplot, Figure, SubFigure or Axes) to image bytes with ``savefig``.

    A SubFigure or an Axes renders its whole root figure: matplotlib draws figures, not parts.
    The figure is not closed or changed.

    Parameters
    ----------
    obj : pyplot module, Figure, SubFigure or Axes
    fmt : one of 'png', 'jpeg', 'svg', 'pdf', 'webp', 'tiff'
    dpi : resolution; the figure's own dpi when None

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.plot([1, 2])
    >>> to_image(fig)[:4]
    b'\\x89PNG'
    """
    if fmt not in _FORMATS:
        msg = f"image format {fmt!r} is not supported; supported: {', '.join(map(repr, _FORMATS))}"
        raise ValueError(msg)
    fig = root_figure(resolve_figure(obj))
    buf = io.BytesIO()
    kwargs: dict[str, Any] = {"format": "jpeg" if fmt == "jpg" else fmt}
    if dpi is not None:
        kwargs["dpi"] = dpi
    fig.savefig(buf, **kwargs)
    return buf.getvalue()
