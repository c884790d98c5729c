"""quiver → filled arrow polygons; quiverkey → its arrow and label.

A quiver's arrows exist only once it is drawn (their size depends on the axes' size and
the autoscaled length), so they are built here on a copy as a draw would build them
(``_compat.quiver_ready``) and converted as the polygon collection they are. A key's
arrow is made the same way and placed in the key's own coordinates (axes, figure or
data); its label is an annotation shifted by the label gap, as matplotlib places it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.quiver import Quiver, QuiverKey

from matplotlib.transforms import IdentityTransform

from . import _compat
from ._colors import rgba_list
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._transforms import classify, to_coords
from .ir import LineStyle, PathMark
from .text import _place, text_mark

__all__: list[str] = []


def _svg(polys, coords, ctx: Ctx) -> str:
    parts = []
    for p in polys:
        xs, ys = ctx.shape_x(p[:, 0], coords[0]), ctx.shape_y(p[:, 1], coords[1])
        pts = [f"{_num(x)},{_num(y)}" for x, y in zip(xs, ys) if x is not None and y is not None]
        if len(pts) >= 3:
            parts.append("M" + "L".join(pts) + "Z")
    return "".join(parts)


def _num(v) -> str:
    return v if isinstance(v, str) else f"{v:.8g}"


@extract.register(Quiver)
def _quiver(q: Quiver, ctx: Ctx) -> Extraction:
    if not q.get_visible():
        return hidden("invisible")
    if q.axes is None:
        return hidden("not in an axes")
    try:
        ready = _compat.quiver_ready(q)
    except Exception as exc:  # noqa: BLE001 - fall back to whatever the quiver holds
        return approximated(f"arrows not rebuilt ({type(exc).__name__}: {exc}); "
                            "drawn as last drawn", *extract.dispatch(PolyCollection)(q, ctx).marks)
    return extract.dispatch(PolyCollection)(ready, ctx)


@extract.register(QuiverKey)
def _quiver_key(key: QuiverKey, ctx: Ctx) -> Extraction:
    if not key.get_visible():
        return hidden("invisible")
    q = key.Q
    if q.axes is None or ctx.ax is None:
        return hidden("its quiver is not in an axes")
    fig = q.axes.get_figure(root=False)
    where = {"data": q.axes.transData, "axes": q.axes.transAxes, "figure": fig.transFigure,
             "inches": fig.dpi_scale_trans}.get(key.coord)
    if where is None:
        return approximated(f"quiverkey coordinates {key.coord!r} not supported")
    ready = _compat.quiver_ready(q)
    verts = _compat.quiver_key_arrow(key, ready)
    old = getattr(key, "vector", None)
    if isinstance(old, PolyCollection) and len(old.get_facecolor()):
        face, edge, width = old.get_facecolor(), old.get_edgecolor(), old.get_linewidth()
    else:  # matplotlib 3.9 makes the key's collection only when it draws
        face = q.get_facecolor()
        edge, width = q.get_edgecolor(), q.get_linewidth()
    if key.color is not None:
        face = edge = key.color
    marks = []
    coords = classify(where, ctx.ax, ctx.fig) or ("figure", "figure")
    origin = where.transform(np.array([[key.X, key.Y]], dtype=float))[0]
    polys = [ready.get_transform().transform(np.asarray(v, float)) + origin for v in verts]
    polys = [to_coords(p, IdentityTransform(), coords, ctx.ax, ctx.fig) for p in polys]
    w = float(np.ravel(width)[0]) if np.size(width) else 0.0
    path = _svg(polys, coords, ctx)
    if path:
        face_rgba = rgba_list(face, 1)[0] if len(np.atleast_1d(face)) else None
        edge_rgba = rgba_list(edge, 1)[0] if len(np.atleast_1d(edge)) and w > 0 else None
        marks.append(PathMark(path=path, xcoord=coords[0], ycoord=coords[1],
                              line=LineStyle(edge_rgba, w * ctx.pt) if edge_rgba else None,
                              fill=face_rgba, layer="above", source="QuiverKey"))
    label = key.text
    if label.get_text().strip():
        (x, y), coords, note = _place(ctx, (key.X, key.Y), where)
        sep = key.labelsep * 100 / fig.dpi if fig.dpi else 0.0  # dots → Plotly px
        dx, dy = {"N": (0, sep), "S": (0, -sep), "E": (sep, 0), "W": (-sep, 0)}[key.labelpos]
        if x is not None and y is not None:
            marks.append(text_mark(label, x, y, coords, ctx, xshift=float(dx),
                                   yshift=float(dy)))
    if not marks:
        return hidden("nothing to draw")
    return converted(*marks)
