"""``indicate_inset_zoom`` (matplotlib ≥ 3.10's InsetIndicator) → its frame and connectors.

The frame is a rectangle in the parent's data coordinates. The connectors join the frame's
corners to the inset axes' corners, two coordinate systems at once, so they become figure
(paper) lines drawn where matplotlib draws them. Until something draws the figure the
indicator has no connector artists; they are worked out here as matplotlib will make them
(which two of the four show depends on where the frame sits against the inset) rather
than asking the indicator, whose ``connectors`` property would build them.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from . import _compat
from ._colors import rgba
from ._context import Ctx, Extraction, converted, extract, hidden
from ._markers import DASHES
from .axes import located_bbox
from .ir import LineStyle, PathMark

__all__: list[str] = []

try:
    from matplotlib.inset import InsetIndicator
except ImportError:  # matplotlib 3.9: indicate_inset adds plain patches, converted as such
    InsetIndicator = None


def _indicator(ind, ctx: Ctx) -> Extraction:
    if not ind.get_visible():
        return hidden("invisible")
    inset, follow, made = _compat.inset_indicator_parts(ind)
    frame: Rectangle = ind.rectangle
    x, y, w, h = frame.get_x(), frame.get_y(), frame.get_width(), frame.get_height()
    if follow and inset is not None:
        (x0, x1), (y0, y1) = inset.get_xlim(), inset.get_ylim()
        x, y, w, h = x0, y0, x1 - x0, y1 - y0
    box = Rectangle((x, y), w, h, transform=frame.get_data_transform(), fill=False,
                    edgecolor=frame.get_edgecolor(), linewidth=frame.get_linewidth(),
                    linestyle=frame.get_linestyle(), alpha=frame.get_alpha())
    marks = list(extract(box, ctx).marks)
    for a, b, style in (_made(made, ctx) if made else _planned(ind, inset, (x, y, w, h), ctx)):
        fb = ctx.fig.bbox
        fx = (np.array([a[0], b[0]]) - fb.x0) / (fb.width or 1.0)
        fy = (np.array([a[1], b[1]]) - fb.y0) / (fb.height or 1.0)
        if not (np.isfinite(fx).all() and np.isfinite(fy).all()):
            continue
        marks.append(PathMark(path=f"M{fx[0]:.6g},{fy[0]:.6g}L{fx[1]:.6g},{fy[1]:.6g}",
                              xcoord="figure", ycoord="figure", line=style, fill=None,
                              source="InsetIndicator"))
    return converted(*marks)


def _style(color, width, dash, alpha, ctx: Ctx) -> LineStyle:
    return LineStyle(rgba(color, alpha), float(width) * ctx.pt, DASHES.get(str(dash), "solid"))


def _made(connectors, ctx: Ctx):
    """Connectors that exist (after a draw, or touched by the user): as they are."""
    for c in connectors:
        if not c.get_visible():
            continue
        a = c.coords1.transform(np.asarray(c.xy1, float).reshape(1, 2))[0] \
            if hasattr(c.coords1, "transform") else None
        b = c.coords2.transform(np.asarray(c.xy2, float).reshape(1, 2))[0] \
            if hasattr(c.coords2, "transform") else None
        if a is None or b is None:
            continue
        yield a, b, _style(c.get_edgecolor(), c.get_linewidth(), c.get_linestyle(),
                           c.get_alpha(), ctx)


def _planned(ind, inset, bounds, ctx: Ctx):
    """The connectors matplotlib will create at the first draw: inset corners (lower left,
    upper left, lower right, upper right) to the frame's, two of them shown."""
    if inset is None:
        return
    x, y, w, h = bounds
    ax = ind.axes
    frame = ind.rectangle
    to_disp = frame.get_data_transform()
    # matplotlib decides at the first draw, before the inset's own locator has run, so
    # from the inset's position as it stands before a draw; do the same
    ins = inset.get_position().transformed(inset.get_figure(root=False).transSubfigure)
    # matplotlib (3.10-3.11) maps the frame's bounds through the patch's full transform
    # here, patch transform included, so its choice is made on a shifted box; follow it
    rect = frame.get_transform().transform([[x, y], [x + w, y + h]])
    rx0, rx1 = sorted(rect[:, 0])
    ry0, ry1 = sorted(rect[:, 1])
    left, right = rx0 < ins.x0, rx1 < ins.x1
    low, high = ry0 < ins.y0, ry1 < ins.y1
    shown = (left ^ low, left == high, right == low, right ^ high)
    style = _style(frame.get_edgecolor(), frame.get_linewidth(), frame.get_linestyle(),
                   ind.get_alpha(), ctx)
    box = located_bbox(inset)
    for (ex, ey), keep in zip([(0, 0), (0, 1), (1, 0), (1, 1)], shown):
        if not keep:
            continue
        fx = 1 - ex if ax.xaxis.get_inverted() else ex
        fy = 1 - ey if ax.yaxis.get_inverted() else ey
        a = (box.x0 + ex * box.width, box.y0 + ey * box.height)
        b = to_disp.transform([[x + fx * w, y + fy * h]])[0]
        yield a, b, style


if InsetIndicator is not None:
    extract.register(InsetIndicator)(_indicator)
