"""Patches (Rectangle, Polygon, Wedge, Circle, PathPatch, …) → filled traces or shapes.

Bars never reach this module: their ``BarContainer`` turns them into a Plotly bar trace
first (see ``containers.py``). What remains is drawn exactly as its outline path:
a ``fill="toself"`` trace in data coordinates (hoverable, in the legend), or a layout shape
when part of it is axes- or figure-relative (``axhspan``, ``axvspan``, decorations).
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch, Patch, Polygon
from matplotlib.path import Path

from ._colors import TRANSPARENT, rgba
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._markers import DASHES, hatch_pattern
from ._transforms import classify, rings, to_coords
from .ir import LineStyle, PathMark
from .lines import area_marks, public_label

__all__ = ["patch_style"]


def patch_style(patch: Patch, ctx: Ctx) -> tuple[str | None, LineStyle | None]:
    """(fill colour or None, edge style or None) of a patch."""
    fill = rgba(patch.get_facecolor()) if patch.get_fill() else None
    if fill == TRANSPARENT:
        fill = None
    edge = rgba(patch.get_edgecolor())
    width = patch.get_linewidth()
    dash = DASHES.get(str(patch.get_linestyle()), "solid")
    line = LineStyle(edge, width * ctx.pt, dash) if edge != TRANSPARENT and width > 0 else None
    return fill, line


@extract.register(Patch)
def _patch(patch: Patch, ctx: Ctx) -> Extraction:
    if not patch.get_visible():
        return hidden("invisible")
    if ctx.kind == "3d":
        return approximated("2-D patch in 3-D axes not drawn")
    fill, line = patch_style(patch, ctx)
    if fill is None and line is None and not patch.get_hatch():
        return hidden("no face and no edge")
    transform = patch.get_transform()
    coords = classify(transform, ctx.ax, ctx.fig)
    pattern, note = hatch_fill(patch, patch.get_hatch())
    notes = [note] if note else []
    if coords is None:
        coords = ("data", "data") if ctx.ax is not None else ("figure", "figure")
        if ctx.ax is not None:
            notes.append("drawn in display space; placed at its current position")
    polys = rings(patch.get_path(), transform)
    polys = [to_coords(p, _identity(), coords, ctx.ax, ctx.fig) for p in polys]
    polys = [p for p in polys if len(p) >= 2]
    if not polys:
        return hidden("empty path")
    label = public_label(patch)
    if coords == ("data", "data") and ctx.ax is not None:
        codes = patch.get_path().codes
        closed = codes is None and not isinstance(patch, Polygon) or (
            codes is not None and bool((codes == Path.CLOSEPOLY).any()))
        if isinstance(patch, Polygon):
            closed = patch.get_closed()
        marks = area_marks(polys, ctx, line=line, fill=fill, label=label,
                           source=type(patch).__name__, pattern=pattern, closed=closed)
    else:
        marks = [_shape(polys, coords, fill, line, patch, label, ctx)]
        if pattern is not None and not notes:
            notes.append(f"hatch {patch.get_hatch()!r} not drawn on an axes-relative shape")
    if not marks:
        return hidden("nothing to draw")
    return approximated("; ".join(notes), *marks) if notes else converted(*marks)


def hatch_fill(artist, hatch) -> tuple[tuple | None, str]:
    """The Plotly fill pattern (shape, colour, size px) for ``hatch`` drawn by ``artist``,
    and a note when it is only the nearest pattern or none at all."""
    found = hatch_pattern(hatch) if hatch else None
    note = ""
    if hatch and (found is None or not found[2]):
        note = (f"hatch {hatch!r} drawn with the nearest Plotly pattern" if found
                else f"hatch {hatch!r} not drawn")
    return (None if found is None else (found[0], _hatch_color(artist), found[1])), note


def _hatch_color(artist) -> str:
    """The hatch colour: ``get_hatchcolor`` (3.10+), else the edge colour as in 3.9."""
    getter = getattr(artist, "get_hatchcolor", None)
    color = getter() if getter is not None else artist.get_edgecolor()
    return rgba(color)


def _identity():
    from matplotlib.transforms import IdentityTransform

    return IdentityTransform()


def _shape(polys, coords, fill, line, patch, label, ctx: Ctx) -> PathMark:
    conv = []
    for p in polys:
        xs = ctx.shape_x(p[:, 0], coords[0])
        ys = ctx.shape_y(p[:, 1], coords[1])
        conv.append([(x, y) for x, y in zip(xs, ys) if x is not None and y is not None])
    parts = []
    for pts in conv:
        if len(pts) >= 2:
            parts.append("M" + "L".join(f"{_sv(x)},{_sv(y)}" for x, y in pts)
                         + ("Z" if fill else ""))
    return PathMark(path="".join(parts), xcoord=coords[0], ycoord=coords[1], line=line,
                    fill=fill, layer="above" if patch.get_zorder() >= 2 else "below",
                    label=label, source=type(patch).__name__)


def _sv(v) -> str:
    return v if isinstance(v, str) else f"{v:.8g}"


@extract.register(FancyArrowPatch)
def _arrow(patch: FancyArrowPatch, ctx: Ctx) -> Extraction:
    # An arrow's path is built in display space at draw time; its public get_path()
    # computes it from the current transforms without drawing.
    if not patch.get_visible():
        return hidden("invisible")
    fill, line = patch_style(patch, ctx)
    try:
        path = patch.get_path()
    except Exception as exc:  # noqa: BLE001 - a malformed arrow must not stop the figure
        return approximated(f"arrow path unavailable ({type(exc).__name__})")
    polys = rings(path, _identity())  # get_path() of an arrow is in display coordinates
    coords = ("data", "data") if ctx.ax is not None else ("figure", "figure")
    polys = [to_coords(p, _identity(), coords, ctx.ax, ctx.fig) for p in polys]
    polys = [p for p in polys if len(p) >= 2 and np.isfinite(p).all()]
    if not polys:
        return hidden("empty arrow")
    if ctx.ax is not None and ctx.kind == "xy":
        marks = area_marks(polys, ctx, line=line, fill=fill, label=public_label(patch),
                           source="FancyArrowPatch")
    else:
        marks = [_shape(polys, coords, fill, line, patch, None, ctx)]
    return converted(*marks) if marks else hidden("nothing to draw")
