"""``fig.figimage`` → a Plotly layout image in paper coordinates.

A FigureImage is pinned to the figure in pixels: its lower-left corner sits ``xo, yo``
pixels from the figure's corner and each array element is one pixel. The figure is laid
out in Plotly at the same size, so the picture becomes a ``layout.images`` entry with its
box as fractions of the figure, its colours mapped through the image's own cmap and norm.
"""

from __future__ import annotations

import numpy as np
from matplotlib.image import FigureImage

from ._context import Ctx, Extraction, converted, extract, hidden
from .images import png_uri
from .ir import PaperImage

__all__: list[str] = []


@extract.register(FigureImage)
def _figimage(im: FigureImage, ctx: Ctx) -> Extraction:
    if not im.get_visible():
        return hidden("invisible")
    arr = im.get_array()
    if arr is None or np.size(arr) == 0:
        return hidden("no data")
    rgba = np.asarray(im.to_rgba(arr, alpha=None), dtype=float)
    if rgba.dtype.kind == "u" or rgba.max() > 1.0:
        rgba = rgba / 255.0
    if getattr(im, "origin", "upper") == "lower":
        rgba = rgba[::-1]
    x0, x1, y0, y1 = (float(v) for v in im.get_extent())
    fb = ctx.fig.bbox
    w, h = fb.width or 1.0, fb.height or 1.0
    alpha = im.get_alpha()
    return converted(PaperImage(
        source_uri=png_uri(rgba), x=float((x0 - fb.x0) / w), y=float((y1 - fb.y0) / h),
        sizex=float((x1 - x0) / w), sizey=float((y1 - y0) / h),
        opacity=1.0 if alpha is None or np.ndim(alpha) else float(alpha),
        layer="above" if im.get_zorder() > 0 else "below", source="FigureImage"))
