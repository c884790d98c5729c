"""Line2D → Plotly scatter traces (lines, markers, steps) or layout shapes (axhline)."""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D

from ._colors import TRANSPARENT, rgba
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._markers import DASHES, STEP_SHAPES, UNFILLED, symbol_for
from ._transforms import classify, to_coords
from .ir import LineMark, LineStyle, MarkerSpec, PathMark

__all__ = ["line_style", "marker_spec", "public_label"]


def public_label(artist) -> str | None:
    """The artist's label when matplotlib would show it in a legend, else None."""
    label = artist.get_label()
    if not label or str(label).startswith("_"):
        return None
    return str(label)


def line_style(line: Line2D, ctx: Ctx) -> LineStyle | None:
    """Colour, width and dash of a Line2D; None when it draws no line."""
    dash = DASHES.get(str(line.get_linestyle()))
    width = line.get_linewidth()
    if dash is None or width <= 0:
        return None
    return LineStyle(rgba(line.get_color(), line.get_alpha()), width * ctx.pt, dash)


def marker_spec(line: Line2D, ctx: Ctx, n: int) -> tuple[MarkerSpec | None, str]:
    """The marker of a Line2D (with ``markevery`` as zero sizes), and a note if approximated."""
    marker = line.get_marker()
    if marker in (None, "None", "none", " ", ""):
        return None, ""
    found = symbol_for(marker, line.get_fillstyle())
    note = ""
    if found is None:
        found, note = ("circle", 1.0), f"marker {marker!r} drawn as a circle"
    symbol, factor = found
    alpha = line.get_alpha()
    face = rgba(line.get_markerfacecolor(), alpha)
    edge = rgba(line.get_markeredgecolor(), alpha)
    size: float | list = line.get_markersize() * factor * ctx.pt
    if line.get_fillstyle() not in ("full", "none"):
        note = note or f"half-filled marker ({line.get_fillstyle()}) drawn full"
    if symbol in UNFILLED:
        face = edge
    every = line.get_markevery()
    if every is not None and n:
        chosen = _markevery(every, line, n)
        if chosen is None:
            note = note or f"markevery={every!r} ignored"
        else:
            mask = np.zeros(n, bool)
            mask[chosen] = True
            size = [size if m else 0 for m in mask.tolist()]
    return MarkerSpec(
        symbol=symbol, size=size, color=face,
        line_color=edge if symbol not in UNFILLED else TRANSPARENT,
        line_width=line.get_markeredgewidth() * ctx.pt if symbol not in UNFILLED else 0.0,
    ), note


def _markevery(every, line: Line2D, n: int) -> np.ndarray | None:
    """Indices of the points that get a marker, as matplotlib picks them when it draws
    (``Line2D.set_markevery``): every N-th point, a slice or fancy index, or markers
    spaced by a fraction of the axes diagonal along the line on screen. None when the
    value is not understood."""
    from numbers import Integral, Real

    idx = np.arange(n)
    if isinstance(every, (bool, np.bool_)):
        return idx if every else idx[:0]
    if isinstance(every, Integral):
        every = (0, int(every))
    elif isinstance(every, Real):
        every = (0.0, float(every))
    try:
        if isinstance(every, tuple) and len(every) == 2:
            start, step = every
            if isinstance(step, Integral) and isinstance(start, Integral):
                return idx[int(start)::int(step)]
            if isinstance(step, Real) and isinstance(start, Real):
                return _markevery_on_screen(float(start), float(step), line)
            return None
        if isinstance(every, slice):
            return idx[every]
        if np.iterable(every):
            return idx[np.asarray(every)]
    except (IndexError, TypeError, ValueError):
        return None
    return None


def _markevery_on_screen(start: float, step: float, line: Line2D) -> np.ndarray | None:
    """Float ``markevery``: walk the line in display space and put a marker on the vertex
    nearest to each multiple of ``step`` × the axes diagonal (after ``start``)."""
    ax = line.axes
    if ax is None or step <= 0 or line.get_drawstyle() not in ("default", None):
        return None
    xy = np.ma.asarray(line.get_xydata(), dtype=float).filled(np.nan)
    finite = np.flatnonzero(np.isfinite(xy).all(axis=1))
    if not len(finite):
        return finite
    disp = line.get_transform().transform(xy[finite])
    along = np.concatenate([[0.0], np.hypot(*np.diff(disp, axis=0).T).cumsum()])
    (x0, y0), (x1, y1) = ax.transAxes.transform([[0.0, 0.0], [1.0, 1.0]])
    diag = float(np.hypot(x1 - x0, y1 - y0))
    first, gap = start * diag, step * diag
    if not np.isfinite(along[-1]) or gap <= 0:
        return None
    # only the marker positions on either side of each vertex can pick that vertex
    k = np.floor((along - first) / gap)
    targets = np.unique(np.concatenate([k, k + 1])) * gap + first
    targets = targets[(targets >= first) & (targets < along[-1])]
    right = np.minimum(np.searchsorted(along, targets, side="left"), len(along) - 1)
    left = np.maximum(right - 1, 0)
    pick = np.where(np.abs(along[right] - targets) < np.abs(targets - along[left]), right, left)
    pick = np.unique(np.searchsorted(along, along[pick], side="left"))
    return finite[pick]


@extract.register(Line2D)
def _line(line: Line2D, ctx: Ctx) -> Extraction:
    xy = np.ma.asarray(line.get_xydata(), dtype=float).filled(np.nan)
    if not line.get_visible():
        return hidden("invisible")
    if len(xy) == 0 or not np.isfinite(xy).any():
        return hidden("no data")
    transform = line.get_transform()
    coords = classify(transform, ctx.ax, ctx.fig)
    style = line_style(line, ctx)
    marker, note = marker_spec(line, ctx, len(xy))
    if style is None and marker is None:
        return hidden("no line style and no marker")
    label = public_label(line)
    if coords is None and ctx.ax is None:
        coords = ("figure", "figure")
        xy = to_coords(xy, transform, coords, ctx.ax, ctx.fig)
        return _as_shape(line, xy, coords, style, marker, label, ctx)
    if coords is None:
        coords = ("data", "data")
        xy = to_coords(xy, transform, coords, ctx.ax, ctx.fig)
        note = note or "drawn in display space; placed at its current data position"
    elif ctx.ax is None or coords != ("data", "data") or transform is not ctx.ax.transData:
        if coords == ("data", "data"):
            xy = to_coords(xy, transform, coords, ctx.ax, ctx.fig)
        elif ctx.kind in ("xy", "figure"):
            return _as_shape(line, xy, coords, style, marker, label, ctx)
        else:
            xy = to_coords(xy, transform, ("data", "data"), ctx.ax, ctx.fig)
    if ctx.kind == "3d":
        return approximated("2-D line in 3-D axes drawn at z=0", LineMark(
            x=ctx.xv(xy[:, 0]), y=ctx.yv(xy[:, 1]), z=[0.0] * len(xy), line=style,
            marker=marker, label=label, source="Line2D"))
    shapes: list[PathMark] = []
    if note and marker is not None and ctx.kind == "xy" and note.startswith(_SHAPE_NOTES):
        shapes = marker_shapes(line, xy, marker, ctx)
        if shapes:
            # the shapes draw the markers; the trace keeps invisible ones for hover
            marker = MarkerSpec(symbol="circle", size=marker.size, color=TRANSPARENT)
            note = ""
    mark = LineMark(
        x=ctx.xv(xy[:, 0]), y=ctx.yv(xy[:, 1]), line=style, marker=marker,
        shape=STEP_SHAPES.get(line.get_drawstyle(), "linear"),  # type: ignore[arg-type]
        label=label, source="Line2D",
    )
    return approximated(note, mark, *shapes) if note else converted(mark, *shapes)


_SHAPE_NOTES = ("marker ", "half-filled marker")
_MAX_SHAPE_MARKERS = 400


def marker_shapes(line: Line2D, xy: np.ndarray, marker: MarkerSpec, ctx: Ctx,
                  coords: tuple = ("data", "data")) -> list[PathMark]:
    """Markers Plotly has no symbol for (mathtext, custom paths, carets, half-filled) as
    pixel-sized path shapes pinned to their points: exact outlines and colours, the same
    size at any zoom. Empty when there are too many points for one shape each."""
    from matplotlib.markers import MarkerStyle
    from matplotlib.transforms import Affine2D

    sizes = marker.size if isinstance(marker.size, list) else [marker.size] * len(xy)
    keep = [i for i, (p, sz) in enumerate(zip(xy, sizes)) if sz and np.isfinite(p).all()]
    if not keep or len(keep) > _MAX_SHAPE_MARKERS:
        return []
    style = MarkerStyle(line.get_marker(), line.get_fillstyle())
    scale = Affine2D().scale(line.get_markersize() * ctx.pt)
    main = pixel_path(style.get_path(), style.get_transform() + scale)
    alt_path = style.get_alt_path()
    alt = (pixel_path(alt_path, style.get_alt_transform() + scale)
           if alt_path is not None and line.get_fillstyle() not in ("full", "none") else "")
    alpha = line.get_alpha()
    edge_w = line.get_markeredgewidth() * ctx.pt
    edge = LineStyle(rgba(line.get_markeredgecolor(), alpha), edge_w) if edge_w > 0 else None
    # matplotlib fills every marker path (an open caret becomes a triangle) unless the
    # fill style is "none"; paths of lines alone (+, x, 1) enclose nothing to fill
    face = rgba(line.get_markerfacecolor(), alpha) if line.get_fillstyle() != "none" else None
    face_alt = rgba(line.get_markerfacecoloralt(), alpha)
    out = []
    xs = ctx.shape_x(xy[keep, 0], coords[0])
    ys = ctx.shape_y(xy[keep, 1], coords[1])
    for anchor in zip(xs, ys):
        if None in anchor:
            continue
        for path, fill in ((main, face), (alt, face_alt)):
            if path:
                out.append(PathMark(path=path, xcoord=coords[0], ycoord=coords[1], line=edge,
                                    fill=None if fill == TRANSPARENT else fill,
                                    source="Line2D", anchor=anchor))
    return out


def pixel_path(path, transform) -> str:
    """A matplotlib path through ``transform`` as an SVG path, curves kept (Q/C)."""
    from matplotlib.path import Path

    out = []
    for verts, code in path.iter_segments(transform=transform, simplify=False, curves=True):
        pts = " ".join(f"{x:.3f},{y:.3f}" for x, y in np.asarray(verts).reshape(-1, 2))
        if code == Path.MOVETO:
            out.append("M" + pts)
        elif code == Path.LINETO:
            out.append("L" + pts)
        elif code == Path.CURVE3:
            out.append("Q" + pts)
        elif code == Path.CURVE4:
            out.append("C" + pts)
        elif code == Path.CLOSEPOLY:
            out.append("Z")
    return "".join(out)


def _as_shape(line, xy, coords, style, marker, label, ctx: Ctx) -> Extraction:
    """A line with an axes- or figure-relative dimension (axhline, axvline) → layout shape."""
    xs = ctx.shape_x(xy[:, 0], coords[0])
    ys = ctx.shape_y(xy[:, 1], coords[1])
    pts = [(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]
    if len(pts) < 2:
        return hidden("fewer than two finite points")
    path = "M" + "L".join(f"{_sv(x)},{_sv(y)}" for x, y in pts)
    mark = PathMark(path=path, xcoord=coords[0], ycoord=coords[1], line=style, fill=None,
                    layer="above" if line.get_zorder() >= 2 else "below", label=label,
                    source="Line2D")
    if marker is not None:
        shapes = marker_shapes(line, xy, marker, ctx, coords)
        if not shapes:
            return approximated("markers on an axes-relative line are not drawn", mark)
        return converted(mark, *shapes)
    return converted(mark)


def _sv(v) -> str:
    return v if isinstance(v, str) else f"{v:.8g}"


def polyline_mark(polys: list[np.ndarray], ctx: Ctx, *, line: LineStyle | None,
                  fill: str | None, label: str | None, source: str) -> LineMark:
    """Several vertex arrays (data coordinates) as one trace.

    Open polylines are separated by gaps. Filled polygons are joined *without* gaps, each
    ring entered and left through the first ring's start point: the bridges retrace
    themselves, so they enclose no area, and the nonzero fill rule that browsers apply to
    a Plotly ``fill="toself"`` path keeps oppositely wound holes (contourf, donuts) empty.
    """
    xs: list = []
    ys: list = []
    if fill is None:
        for p in polys:
            if xs:
                xs.append(np.nan)
                ys.append(np.nan)
            xs.extend(p[:, 0].tolist())
            ys.extend(p[:, 1].tolist())
    else:
        anchor = None
        for p in polys:
            p = p[np.isfinite(p).all(axis=1)]
            if len(p) < 2:
                continue
            if anchor is None:
                anchor = p[0]
            else:
                xs.append(anchor[0])
                ys.append(anchor[1])
            xs.extend(p[:, 0].tolist() + [p[0, 0]])
            ys.extend(p[:, 1].tolist() + [p[0, 1]])
        if anchor is not None and len(polys) > 1:
            xs.append(anchor[0])
            ys.append(anchor[1])
    return LineMark(x=ctx.xv(xs), y=ctx.yv(ys), line=line, fill=fill, label=label, source=source)


def area_marks(polys: list[np.ndarray], ctx: Ctx, *, line: LineStyle | None,
               fill: str | None, label: str | None, source: str,
               pattern: tuple | None = None, closed: bool = True) -> list[LineMark]:
    """Filled and/or outlined polygons: one trace, or two when bridges would show.
    A hatch ``pattern`` fills even a face-less patch; an open path (``closed=False``, as
    ``hist(histtype="step")`` draws) gets no closing edge."""
    if pattern is not None:
        fill = fill or TRANSPARENT
        marks = area_marks(polys, ctx, line=line, fill="rgba(0,0,0,0.0001)" if
                           fill == TRANSPARENT else fill, label=label, source=source)
        filled = [m for m in marks if m.fill is not None]
        if filled:
            import dataclasses

            i = marks.index(filled[0])
            marks[i] = dataclasses.replace(filled[0], pattern=pattern)
        return marks
    if fill is None or fill == TRANSPARENT:
        if line is None:
            return []
        rings_ = [np.vstack([p, p[:1]]) if len(p) > 2 and closed else p for p in polys]
        return [polyline_mark(rings_, ctx, line=line, fill=None, label=label, source=source)]
    if line is None or (len(polys) == 1 and closed):
        return [polyline_mark(polys, ctx, line=line, fill=fill, label=label, source=source)]
    return [
        polyline_mark(polys, ctx, line=None, fill=fill, label=label, source=source),
        polyline_mark([np.vstack([p, p[:1]]) if closed else p for p in polys], ctx,
                      line=line, fill=None, label=label, source=source),
    ]
