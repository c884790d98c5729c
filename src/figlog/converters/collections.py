"""Collections → Plotly traces.

- ``PathCollection`` (``scatter``): one marker trace with per-point sizes and colours, or the
  raw values with the colormap when the collection is colour-mapped;
- ``LineCollection``: line traces, one per distinct (colour, width, dash);
- other collections of paths (``fill_between``, ``stackplot``, ``PatchCollection``,
  violin bodies): filled traces, one per distinct (face, edge).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.transforms import IdentityTransform

from ._colors import TRANSPARENT, colorscale, normalized, rgba_list
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._markers import UNFILLED, hatch_pattern, symbol_for_path
from ._transforms import classify, rings, to_coords
from .ir import LineMark, LineStyle, MarkerSpec
from .lines import area_marks, polyline_mark, public_label

__all__ = ["mapped_colors"]

_MAX_GROUPS = 64


def mapped_colors(coll: Collection, n: int, which: str = "face") -> np.ndarray:
    """RGBA per element: from the colormap when the collection is colour-mapped (computed
    here rather than by ``update_scalarmappable``, which would change the artist)."""
    arr = coll.get_array()
    if arr is not None and np.size(arr) == n and n > 0:
        rgba = coll.to_rgba(np.ma.asarray(arr).ravel(), alpha=coll.get_alpha())
        return np.asarray(rgba, dtype=float).reshape(-1, 4)
    cols = coll.get_facecolor() if which == "face" else coll.get_edgecolor()
    cols = np.asarray(cols, dtype=float).reshape(-1, 4)
    return cols


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
    mark = LineMark(x=ctx.xv(offsets[:, 0]), y=ctx.yv(offsets[:, 1]), line=None,
                    marker=marker, label=public_label(coll), source="PathCollection")
    if notes:
        return approximated("; ".join(notes), mark, *extra)
    return converted(mark, *extra)


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
    groups: dict[tuple, list[np.ndarray]] = defaultdict(list)
    transform = coll.get_transform()
    coords = classify(transform, ctx.ax, ctx.fig)
    note = ""
    if coords != ("data", "data"):
        note = "axes- or figure-relative segments placed at their current data position"
    exact = transform is ctx.ax.transData
    for i, seg in enumerate(segs):
        seg = np.asarray(seg, dtype=float).reshape(-1, 2)
        if not exact:
            seg = to_coords(seg, transform, ("data", "data"), ctx.ax, ctx.fig)
        w = float(widths[i % len(widths)]) if len(widths) else 1.0
        dash = _dash(styles[i % len(styles)] if len(styles) else (0, None))
        groups[(colors[i], w, dash)].append(seg)
    if len(groups) > _MAX_GROUPS:
        note = note or f"{len(groups)} distinct segment styles merged into {_MAX_GROUPS}"
        groups = _merge(groups)
    label = public_label(coll)
    marks = []
    for (color, w, dash), polys in groups.items():
        if color == TRANSPARENT or w <= 0:
            continue
        style = LineStyle(color, w * ctx.pt, dash)
        marks.append(polyline_mark(polys, ctx, line=style, fill=None, label=label,
                                   source=type(coll).__name__))
    if not marks:
        return hidden("no visible segments")
    return approximated(note, *marks) if note else converted(*marks)


def _dash(style) -> str:
    offset, seq = style if isinstance(style, tuple) else (0, None)
    if not seq:
        return "solid"
    seq = list(seq)
    if len(seq) >= 4:
        return "dashdot"
    return "dot" if seq[0] <= seq[1] * 0.8 else "dash"


def _merge(groups: dict) -> dict:
    """Quantise colours until at most _MAX_GROUPS styles remain."""
    merged: dict = defaultdict(list)
    keys = sorted(groups, key=lambda k: -len(groups[k]))
    keep = set(keys[: _MAX_GROUPS - 1])
    for k in keys:
        target = k if k in keep else keys[_MAX_GROUPS - 1]
        merged[target].extend(groups[k])
    return merged


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
    notes = []
    pattern = None
    if coll.get_hatch():
        from .patches import _hatch_color

        found = hatch_pattern(coll.get_hatch())
        if found is None or not found[2]:
            notes.append(f"hatch {coll.get_hatch()!r} drawn with the nearest Plotly pattern"
                         if found else f"hatch {coll.get_hatch()!r} not drawn")
        if found is not None:
            pattern = (found[0], _hatch_color(coll), found[1])
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
    if len(groups) > _MAX_GROUPS:
        notes.append(f"{len(groups)} distinct fills merged into {_MAX_GROUPS}")
        groups = _merge(groups)
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
