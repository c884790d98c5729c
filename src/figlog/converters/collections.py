"""Collections → Plotly traces.

- ``PathCollection`` (``scatter``): one marker trace with per-point sizes and colours, or the
  raw values with the colormap when the collection is colour-mapped;
- ``LineCollection``: line traces, one per distinct (colour, width, dash); segments with an
  axes-relative dimension (``vlines(..., transform=ax.get_xaxis_transform())``) become layout
  shapes, as ``axvline`` does;
- other collections of paths (``fill_between``, ``stackplot``, ``PatchCollection``,
  violin bodies): filled traces, one per distinct (face, edge).

A trace has one colour, so a collection costs one trace per distinct style. A colour-mapped
collection has at most its colormap's N colours plus the under/over/bad ones, so up to that
many traces keep it exact; only collections with more styles than that are merged.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from matplotlib.collections import Collection, LineCollection, PathCollection, PolyQuadMesh
from matplotlib.transforms import IdentityTransform

from ._colors import TRANSPARENT, colorscale, normalized, rgba_list
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._markers import UNFILLED, symbol_for_path
from ._transforms import classify, rings, to_coords
from .ir import LineMark, LineStyle, MarkerSpec, PathMark
from .lines import area_marks, polyline_mark, public_label
from .patches import hatch_fill

__all__ = ["group_limit", "mapped_colors"]

# 256 colormap colours (matplotlib's default N) plus under, over and bad: a default
# colour-mapped collection never needs more traces than this to be exact
_MAX_GROUPS = 256 + 3


def group_limit(coll: Collection) -> int:
    """How many distinct styles (one Plotly trace each) ``coll`` may keep before merging."""
    if coll.get_array() is None:
        return _MAX_GROUPS
    return max(_MAX_GROUPS, int(getattr(coll.get_cmap(), "N", 256)) + 3)


def mapped_colors(coll: Collection, n: int, which: str = "face") -> np.ndarray:
    """RGBA per element: from the colormap when the collection is colour-mapped (computed
    here rather than by ``update_scalarmappable``, which would change the artist)."""
    arr = coll.get_array()
    if arr is not None and np.ndim(arr) == 2 and np.size(arr) != n and \
            isinstance(coll, PolyQuadMesh):
        # pcolor draws only the cells whose value and four corners are unmasked
        arr = np.ma.asarray(arr)[_pcolor_cells(coll, arr)]
    if arr is not None and np.size(arr) == n and n > 0:
        rgba = coll.to_rgba(np.ma.asarray(arr).ravel(), alpha=coll.get_alpha())
        return np.asarray(rgba, dtype=float).reshape(-1, 4)
    cols = coll.get_facecolor() if which == "face" else coll.get_edgecolor()
    cols = np.asarray(cols, dtype=float).reshape(-1, 4)
    return cols


def _pcolor_cells(mesh: PolyQuadMesh, arr) -> np.ndarray:
    """Which cells of a ``pcolor`` mesh are drawn: value and all four corners unmasked."""
    bad = np.any(np.ma.getmaskarray(mesh.get_coordinates()), axis=-1)
    bad = bad[:-1, :-1] | bad[1:, 1:] | bad[:-1, 1:] | bad[1:, :-1]
    return ~(bad | np.ma.getmaskarray(arr))


def _offsets_in_data(coll: Collection, ctx: Ctx) -> tuple[np.ndarray, str]:
    offsets = np.ma.asarray(coll.get_offsets(), dtype=float).filled(np.nan).reshape(-1, 2)
    otr = coll.get_offset_transform()
    coords = classify(otr, ctx.ax, ctx.fig)
    note = ""
    if coords != ("data", "data") or otr is not ctx.ax.transData:
        if coords not in (None, ("data", "data")):
            note = "positions are axes- or figure-relative; placed at their current data position"
        offsets = to_coords(offsets, otr, ("data", "data"), ctx.ax, ctx.fig)
    return offsets, note


@extract.register(PathCollection)
def _scatter(coll: PathCollection, ctx: Ctx) -> Extraction:
    if not coll.get_visible():
        return hidden("invisible")
    offsets, note = _offsets_in_data(coll, ctx)
    n = len(offsets)
    if n == 0 or not np.isfinite(offsets).any():
        return hidden("no points")
    paths = coll.get_paths()
    found = symbol_for_path(paths[0]) if paths else None
    notes = [note] if note else []
    if found is None:
        found = ("circle", 1.0)
        notes.append("custom marker path drawn as a circle")
    if len(paths) > 1 and len({id(p) for p in paths}) > 1:
        notes.append("per-point marker shapes drawn with the first shape")
    symbol, factor = found
    sizes = np.sqrt(np.asarray(coll.get_sizes(), dtype=float)) * factor * ctx.pt
    size = float(sizes[0]) if len(sizes) == 1 else [float(sizes[i % len(sizes)])
                                                     for i in range(n)]
    lw = np.asarray(coll.get_linewidths(), dtype=float)
    arr = coll.get_array()
    colorbar = None
    cmin = cmax = scale = None
    edge = rgba_list(coll.get_edgecolor(), n)
    extra: list = []
    values = np.ma.asarray(arr, dtype=float).filled(np.nan).ravel() if arr is not None else None
    if values is not None and len(values) == n and not np.isfinite(values).all():
        # Plotly rejects gaps in a numeric colour array: give every point its RGBA (bad
        # values get the colormap's "bad" colour, as matplotlib draws them) and let an
        # invisible carrier hold the colorbar
        face = rgba_list(coll.to_rgba(np.ma.masked_invalid(values), alpha=coll.get_alpha()), n)
        color = face
        carrier_bar = ctx.colorbar_for(coll, "bar")
        if carrier_bar is not None:
            extra.append(_colorbar_carrier(coll, carrier_bar, ctx))
    elif arr is not None and np.size(arr) == n:
        norm = coll.norm
        values = np.ma.asarray(arr, dtype=float).ravel()
        linear = type(norm).__name__ == "Normalize"
        color = _list(values if linear else normalized(norm, values))
        cmin, cmax = (float(norm.vmin), float(norm.vmax)) if linear else (0.0, 1.0)
        scale = colorscale(coll.get_cmap())
        colorbar = ctx.colorbar_for(coll, None if linear else norm)
        if symbol in UNFILLED:
            edge = TRANSPARENT
    else:
        face = rgba_list(coll.get_facecolor(), n)
        if symbol in UNFILLED:
            face, edge = edge, TRANSPARENT
        color = face[0] if len(set(face)) == 1 else face
    if isinstance(edge, list) and len(set(edge)) == 1:
        edge = edge[0]
    marker = MarkerSpec(
        symbol=symbol, size=size, color=color, line_color=edge,
        line_width=float(lw[0]) * ctx.pt if len(lw) and symbol not in UNFILLED else 0.0,
        colorscale=scale, cmin=cmin, cmax=cmax, colorbar=colorbar,
    )
    shapes = []
    if notes and not note and ctx.kind == "xy" and n <= _MAX_SHAPE_MARKERS and paths:
        shapes = _scatter_shapes(coll, offsets, ctx)
        if shapes:
            # the shapes draw the markers; the trace keeps invisible ones for hover and
            # hands its colorbar to a carrier
            if marker.colorbar is not None:
                bar = ctx.colorbar_for(coll, "bar")
                if bar is not None:
                    extra.append(_colorbar_carrier(coll, bar, ctx))
            marker = MarkerSpec(symbol="circle", size=size, color=TRANSPARENT)
            notes = []
    mark = LineMark(x=ctx.xv(offsets[:, 0]), y=ctx.yv(offsets[:, 1]), line=None,
                    marker=marker, label=public_label(coll), source="PathCollection")
    extra.extend(shapes)
    if notes:
        return approximated("; ".join(notes), mark, *extra)
    return converted(mark, *extra)


_MAX_SHAPE_MARKERS = 400


def _scatter_shapes(coll: PathCollection, offsets: np.ndarray, ctx: Ctx) -> list[PathMark]:
    """Scatter markers with no Plotly symbol (custom paths, per-point shapes) as pixel-sized
    path shapes on their points, in each point's colours: what matplotlib draws."""
    from matplotlib.transforms import Affine2D

    from .lines import pixel_path

    paths = coll.get_paths()
    n = len(offsets)
    sizes = np.sqrt(np.asarray(coll.get_sizes(), dtype=float)) * ctx.pt
    if not len(sizes):
        return []
    faces = rgba_list(mapped_colors(coll, n, "face"), n) if len(coll.get_facecolor()) or \
        coll.get_array() is not None else [TRANSPARENT] * n
    raw_edge = np.asarray(coll.get_edgecolor(), dtype=float).reshape(-1, 4)
    if not len(raw_edge):
        edges = [TRANSPARENT] * n
    elif np.array_equal(raw_edge, np.asarray(coll.get_facecolor(), float).reshape(-1, 4)):
        edges = faces  # edgecolor "face": the edge takes each point's (mapped) face colour
    else:
        edges = rgba_list(raw_edge, n)
    widths = np.asarray(coll.get_linewidths(), dtype=float).ravel()
    out = []
    for i in range(n):
        if not np.isfinite(offsets[i]).all():
            continue
        anchor = (ctx.xv.one(offsets[i, 0]), ctx.yv.one(offsets[i, 1]))
        if None in anchor:
            continue
        path = pixel_path(paths[i % len(paths)], Affine2D().scale(sizes[i % len(sizes)]))
        w = float(widths[i % len(widths)]) if len(widths) else 0.0
        edge = edges[i] if w > 0 else TRANSPARENT
        out.append(PathMark(
            path=path, xcoord="data", ycoord="data",
            line=LineStyle(edge, w * ctx.pt) if edge != TRANSPARENT else None,
            fill=None if faces[i] == TRANSPARENT else faces[i], source="PathCollection",
            anchor=anchor))
    return out


def _list(arr: np.ndarray) -> list:
    from ._transforms import finite_list

    return finite_list(arr)


@extract.register(LineCollection)
def _lines(coll: LineCollection, ctx: Ctx) -> Extraction:
    if not coll.get_visible():
        return hidden("invisible")
    segs = coll.get_segments()
    if not segs:
        return hidden("no segments")
    n = len(segs)
    colors = rgba_list(mapped_colors(coll, n, "edge"), n)
    widths = np.asarray(coll.get_linewidths(), dtype=float).ravel()
    styles = coll.get_linestyles()
    transform = coll.get_transform()
    coords = classify(transform, ctx.ax, ctx.fig)
    offsets = np.ma.asarray(coll.get_offsets(), dtype=float).filled(0).reshape(-1, 2)
    otr = coll.get_offset_transform()
    shifted = len(offsets) > 0 and bool(np.any(offsets != 0))
    if shifted and not np.any(np.abs(otr.transform(offsets)) >= 0.5):
        # each segment moves by offset_transform(offset) pixels; below half a pixel that is
        # less than matplotlib's own pixel snapping moves it
        shifted = False
    if coords is None and not shifted and isinstance(transform, IdentityTransform):
        # pixels of the figure, which keeps its size in Plotly: figure fractions are exact
        coords = ("figure", "figure")
    note = ""
    if shifted or coords is None:
        # each segment is drawn at transform(segment) + offset_transform(offset) pixels: a
        # display-space placement, exact only for the current view
        note = "display-space segments placed at their current data position"
    elif coords != ("data", "data") and ctx.kind not in ("xy", "figure"):
        note = "axes- or figure-relative segments placed at their current data position"
    as_shapes = not note and coords != ("data", "data")
    exact = transform is ctx.ax.transData if ctx.ax is not None else False
    ident = IdentityTransform()
    groups: dict[tuple, list[np.ndarray]] = defaultdict(list)
    for i, seg in enumerate(segs):
        seg = np.asarray(seg, dtype=float).reshape(-1, 2)
        if shifted:
            seg = transform.transform(seg) + otr.transform(offsets[i % len(offsets)][None])
            seg = to_coords(seg, ident, ("data", "data"), ctx.ax, ctx.fig)
        elif as_shapes:
            seg = to_coords(seg, transform, coords, ctx.ax, ctx.fig)
        elif not exact:
            seg = to_coords(seg, transform, ("data", "data"), ctx.ax, ctx.fig)
        w = float(widths[i % len(widths)]) if len(widths) else 1.0
        dash = _dash(styles[i % len(styles)] if len(styles) else (0, None))
        # widths that differ by less than 0.1 px draw the same line
        groups[(colors[i], round(w * ctx.pt, 1), dash)].append(seg)
    limit = group_limit(coll)
    if len(groups) > limit:
        note = note or f"{len(groups)} distinct segment styles merged into {limit}"
        groups = _merge(groups, limit)
    label = public_label(coll)
    marks: list = []
    for (color, w, dash), polys in groups.items():
        if color == TRANSPARENT or w <= 0:
            continue
        style = LineStyle(color, w, dash)
        if as_shapes:
            mark = _shape_mark(polys, coords, style, coll, label, ctx)
            if mark is not None:
                marks.append(mark)
            continue
        marks.append(polyline_mark(polys, ctx, line=style, fill=None, label=label,
                                   source=type(coll).__name__))
    if not marks:
        return hidden("no visible segments")
    return approximated(note, *marks) if note else converted(*marks)


def _shape_mark(polys: list[np.ndarray], coords: tuple, style: LineStyle, coll: Collection,
                label: str | None, ctx: Ctx) -> PathMark | None:
    """Segments with an axes- or figure-relative dimension as one layout shape, exact at
    any zoom (``vlines`` in ``ax.get_xaxis_transform()`` spans the axes' height)."""
    parts = []
    for p in polys:
        xs, ys = ctx.shape_x(p[:, 0], coords[0]), ctx.shape_y(p[:, 1], coords[1])
        pts = [f"{_sv(x)},{_sv(y)}" for x, y in zip(xs, ys) if x is not None and y is not None]
        if len(pts) >= 2:
            parts.append("M" + "L".join(pts))
    if not parts:
        return None
    return PathMark(path="".join(parts), xcoord=coords[0], ycoord=coords[1], line=style,
                    fill=None, layer="above" if coll.get_zorder() >= 2 else "below",
                    label=label, source=type(coll).__name__)


def _sv(v) -> str:
    return v if isinstance(v, str) else f"{v:.8g}"


def _dash(style) -> str:
    offset, seq = style if isinstance(style, tuple) else (0, None)
    if not seq:
        return "solid"
    seq = list(seq)
    if len(seq) >= 4:
        return "dashdot"
    return "dot" if seq[0] <= seq[1] * 0.8 else "dash"


def _merge(groups: dict, limit: int) -> dict:
    """Keep the ``limit`` most used styles; every other style joins the kept style whose
    colour is nearest (styles are tuples starting with an rgba string)."""
    keys = sorted(groups, key=lambda k: -len(groups[k]))
    keep, rest = keys[:limit], keys[limit:]
    kept = np.array([_rgba_values(k[0]) for k in keep])
    merged: dict = defaultdict(list)
    for k in keep:
        merged[k].extend(groups[k])
    for k in rest:
        d = ((kept - np.array(_rgba_values(k[0]))) ** 2).sum(axis=1)
        merged[keep[int(np.argmin(d))]].extend(groups[k])
    return merged


def _rgba_values(color: str) -> list[float]:
    r, g, b, a = color[color.index("(") + 1:-1].split(",")
    return [float(r), float(g), float(b), float(a) * 255]


@extract.register(Collection)
def _paths(coll: Collection, ctx: Ctx) -> Extraction:
    """Generic path collections: fill_between, stackplot, PatchCollection, violin bodies."""
    if not coll.get_visible():
        return hidden("invisible")
    paths = coll.get_paths()
    if not paths:
        return hidden("no paths")
    n = len(paths)
    faces = rgba_list(mapped_colors(coll, n, "face"), n) if len(coll.get_facecolor()) or \
        coll.get_array() is not None else [TRANSPARENT] * n
    edges = rgba_list(coll.get_edgecolor(), n) if len(coll.get_edgecolor()) else \
        [TRANSPARENT] * n
    widths = np.asarray(coll.get_linewidths(), dtype=float).ravel()
    transform = coll.get_transform()
    offsets = np.ma.asarray(coll.get_offsets(), dtype=float).filled(np.nan).reshape(-1, 2)
    with_offsets = len(offsets) > 0 and np.any(offsets != 0)
    otr = coll.get_offset_transform()
    pattern, note = hatch_fill(coll, coll.get_hatch())
    notes = [note] if note else []
    groups: dict[tuple, list[np.ndarray]] = defaultdict(list)
    ident = IdentityTransform()
    per_path = np.asarray(coll.get_transforms(), dtype=float).reshape(-1, 3, 3)
    for i, path in enumerate(paths):
        polys = rings(path)
        if len(per_path):
            m = per_path[i % len(per_path)]
            polys = [p @ m[:2, :2].T + m[:2, 2] for p in polys]
        polys = [transform.transform(p) for p in polys]
        if with_offsets:
            shift = otr.transform(offsets[i % len(offsets)].reshape(1, 2))[0]
            polys = [p + shift for p in polys]
        polys = [to_coords(p, ident, ("data", "data"), ctx.ax, ctx.fig) for p in polys]
        polys = [p for p in polys if len(p) >= 2]
        if not polys:
            continue
        w = float(widths[i % len(widths)]) if len(widths) else 0.0
        groups[(faces[i], edges[i] if w > 0 else TRANSPARENT, w)].extend(polys)
    limit = group_limit(coll)
    if len(groups) > limit:
        notes.append(f"{len(groups)} distinct fills merged into {limit}")
        groups = _merge(groups, limit)
    label = public_label(coll)
    marks = []
    for (face, edge, w), polys in groups.items():
        line = LineStyle(edge, w * ctx.pt) if edge != TRANSPARENT else None
        marks.extend(area_marks(polys, ctx, line=line, fill=face if face != TRANSPARENT
                                else None, label=label, source=type(coll).__name__,
                                pattern=pattern))
    if not marks:
        return hidden("nothing visible")
    colorbar = ctx.colorbar_for(coll, "bar") if coll.get_array() is not None else None
    if colorbar is not None:
        marks.append(_colorbar_carrier(coll, colorbar, ctx))
    return approximated("; ".join(notes), *marks) if notes else converted(*marks)


def _colorbar_carrier(coll: Collection, colorbar, ctx: Ctx) -> LineMark:
    """An invisible marker trace that only carries the colorbar of a filled collection."""
    marker = MarkerSpec(symbol="circle", size=0, color=[0.0, 1.0],
                        colorscale=colorbar.colorscale or colorscale(coll.get_cmap()),
                        cmin=0.0, cmax=1.0, colorbar=colorbar)
    return LineMark(x=[None, None], y=[None, None], line=None, marker=marker, hover=False,
                    source="colorbar")
