"""3-D axes (mpl_toolkits.mplot3d) → a Plotly ``scene``.

Lines and scatter become ``scatter3d``; polygon collections (``plot_surface``, ``bar3d``,
``voxels``, ``plot_trisurf``) become one ``mesh3d`` with per-face colours; wireframes
become line traces. matplotlib keeps the 3-D data of these artists only in private
attributes (their public getters return the last 2-D projection); ``_compat`` reads them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

import numpy as np
from mpl_toolkits.mplot3d import art3d

from . import _compat
from ._colors import TRANSPARENT, colorscale, rgba, rgba_list
from ._context import Ctx, Extraction, approximated, converted, extract, hidden, skipped
from ._transforms import AxisValues, finite_list
from .axes import PT
from .collections import mapped_colors
from .ir import AxesIR, AxisIR, LineMark, LineStyle, MarkerSpec, MeshMark
from .lines import line_style, marker_spec, public_label
from .report import ReportEntry
from .text import plain_text

__all__ = ["axes3d"]


@extract.register(art3d.Line3D)
def _line3d(line: art3d.Line3D, ctx: Ctx) -> Extraction:
    if not line.get_visible():
        return hidden("invisible")
    xs, ys, zs = (np.ma.asarray(v, dtype=float).filled(np.nan).ravel()
                  for v in line.get_data_3d())
    if len(xs) == 0:
        return hidden("no data")
    style = line_style(line, ctx)
    marker, note = marker_spec(line, ctx, len(xs))
    if style is None and marker is None:
        return hidden("no line style and no marker")
    mark = LineMark(x=finite_list(xs), y=finite_list(ys), z=finite_list(zs), line=style,
                    marker=marker, label=public_label(line), source="Line3D")
    return approximated(note, mark) if note else converted(mark)


@extract.register(art3d.Path3DCollection)
def _scatter3d(coll: art3d.Path3DCollection, ctx: Ctx) -> Extraction:
    if not coll.get_visible():
        return hidden("invisible")
    data = _compat.offsets3d(coll)
    if data is None:
        return skipped("3-D positions unavailable in this matplotlib version")
    xs, ys, zs = data
    n = len(xs)
    if n == 0:
        return hidden("no points")
    sizes = np.sqrt(np.asarray(coll.get_sizes(), dtype=float)) * ctx.pt
    size = float(sizes[0]) if len(sizes) == 1 else [float(sizes[i % len(sizes)])
                                                     for i in range(n)]
    arr = coll.get_array()
    scale = cmin = cmax = None
    colorbar = None
    if arr is not None and np.size(arr) == n:
        color: Any = finite_list(np.ma.asarray(arr, dtype=float))
        scale = colorscale(coll.get_cmap())
        cmin, cmax = float(coll.norm.vmin), float(coll.norm.vmax)
        colorbar = ctx.colorbar_for(coll, None)
    else:
        faces = rgba_list(_compat.facecolors3d(coll), n)
        color = faces[0] if len(set(faces)) == 1 else faces
    marker = MarkerSpec(symbol="circle", size=size, color=color, colorscale=scale,
                        cmin=cmin, cmax=cmax, colorbar=colorbar)
    mark = LineMark(x=finite_list(xs), y=finite_list(ys), z=finite_list(zs), line=None,
                    marker=marker, label=public_label(coll), source="Path3DCollection")
    return converted(mark)


@extract.register(art3d.Line3DCollection)
def _lines3d(coll: art3d.Line3DCollection, ctx: Ctx) -> Extraction:
    if not coll.get_visible():
        return hidden("invisible")
    segs = _compat.segments3d(coll)
    if segs is None:
        return skipped("3-D segments unavailable in this matplotlib version")
    if not segs:
        return hidden("no segments")
    colors = rgba_list(mapped_colors(coll, len(segs), "edge"), len(segs))
    widths = np.asarray(coll.get_linewidths(), dtype=float).ravel()
    groups: dict[tuple, list] = defaultdict(list)
    for i, s in enumerate(segs):
        groups[(colors[i], float(widths[i % len(widths)]) if len(widths) else 1.0)].append(s)
    marks = []
    for (color, w), parts in list(groups.items())[:64]:
        if color == TRANSPARENT or w <= 0:
            continue
        xs: list = []
        ys: list = []
        zs: list = []
        for p in parts:
            if xs:
                xs.append(None)
                ys.append(None)
                zs.append(None)
            xs += finite_list(p[:, 0])
            ys += finite_list(p[:, 1])
            zs += finite_list(p[:, 2])
        marks.append(LineMark(x=xs, y=ys, z=zs, line=LineStyle(color, w * ctx.pt),
                              label=public_label(coll), source="Line3DCollection"))
    if not marks:
        return hidden("no visible segments")
    if len(groups) > 64:
        return approximated(f"{len(groups)} segment styles merged into 64", *marks)
    return converted(*marks)


@extract.register(art3d.Poly3DCollection)
def _poly3d(coll: art3d.Poly3DCollection, ctx: Ctx) -> Extraction:
    if not coll.get_visible():
        return hidden("invisible")
    faces = _compat.poly3d_faces(coll)
    if faces is None:
        return skipped("3-D polygons unavailable in this matplotlib version")
    if not faces:
        return hidden("no polygons")
    n = len(faces)
    if coll.get_array() is not None and np.size(coll.get_array()) == n:
        cols = rgba_list(mapped_colors(coll, n, "face"), n)
    else:
        cols = rgba_list(_compat.facecolors3d(coll), n)
    xs: list = []
    ys: list = []
    zs: list = []
    ii: list[int] = []
    jj: list[int] = []
    kk: list[int] = []
    fc: list[str] = []
    for f, c in zip(faces, cols):
        f = np.asarray(f, dtype=float)
        f = f[np.isfinite(f).all(axis=1)]
        if len(f) < 3 or c == TRANSPARENT:
            continue
        base = len(xs)
        xs += f[:, 0].tolist()
        ys += f[:, 1].tolist()
        zs += f[:, 2].tolist()
        for t in range(1, len(f) - 1):  # fan triangulation: faces are convex in practice
            ii.append(base)
            jj.append(base + t)
            kk.append(base + t + 1)
            fc.append(c)
    if not ii:
        return hidden("no visible polygons")
    alpha = coll.get_alpha()
    mark = MeshMark(x=xs, y=ys, z=zs, i=ii, j=jj, k=kk, facecolor=fc,
                    opacity=float(alpha) if isinstance(alpha, (int, float)) else 1.0,
                    label=public_label(coll), source="Poly3DCollection")
    lw = np.asarray(coll.get_linewidths(), dtype=float).ravel()
    edge_rgba = _compat.edgecolors3d(coll)
    if len(lw) and lw.max() > 0 and len(edge_rgba) and edge_rgba[:, 3].max() > 0:
        return converted(mark, *_edges(faces, rgba_list(edge_rgba, n), lw, ctx))
    return converted(mark)


def _edges(faces: list, colors: list[str], widths: np.ndarray, ctx: Ctx) -> list[LineMark]:
    """Polygon outlines as 3-D line traces, one per (colour, width)."""
    groups: dict[tuple, list] = defaultdict(list)
    for i, f in enumerate(faces):
        f = np.asarray(f, dtype=float)
        f = f[np.isfinite(f).all(axis=1)]
        w = float(widths[i % len(widths)])
        if len(f) >= 2 and colors[i] != TRANSPARENT and w > 0:
            groups[(colors[i], w)].append(np.vstack([f, f[:1]]))
    out = []
    for (color, w), rings in list(groups.items())[:64]:
        xs: list = []
        ys: list = []
        zs: list = []
        for r in rings:
            if xs:
                xs.append(None)
                ys.append(None)
                zs.append(None)
            xs += r[:, 0].tolist()
            ys += r[:, 1].tolist()
            zs += r[:, 2].tolist()
        out.append(LineMark(x=xs, y=ys, z=zs, line=LineStyle(color, w * ctx.pt), hover=False,
                            source="Poly3DCollection edges"))
    return out


@extract.register(art3d.Patch3D)
def _patch3d(patch: art3d.Patch3D, ctx: Ctx) -> Extraction:
    if not patch.get_visible():
        return hidden("invisible")
    verts = _compat.patch3d_vertices(patch)
    if verts is None:
        return skipped("3-D outline unavailable in this matplotlib version")
    verts = verts[np.isfinite(verts).all(axis=1)]
    if len(verts) < 3:
        return hidden("degenerate outline")
    face = rgba(patch.get_facecolor()) if patch.get_fill() else TRANSPARENT
    n = len(verts)
    marks: list = []
    if face != TRANSPARENT:
        marks.append(MeshMark(x=verts[:, 0].tolist(), y=verts[:, 1].tolist(),
                              z=verts[:, 2].tolist(), i=[0] * (n - 2),
                              j=list(range(1, n - 1)), k=list(range(2, n)),
                              facecolor=[face] * (n - 2), label=public_label(patch),
                              source=type(patch).__name__))
    lw = float(patch.get_linewidth())
    edge = rgba(patch.get_edgecolor())
    if lw > 0 and edge != TRANSPARENT:
        marks.extend(_edges([verts], [edge], np.array([lw]), ctx))
    return converted(*marks) if marks else hidden("no face and no edge")


def _axis3(ax, which: str) -> AxisIR:
    get = getattr(ax, f"get_{which}lim")
    axis = getattr(ax, f"{which}axis")
    lo, hi = get()
    locs = np.asarray(axis.get_majorticklocs(), dtype=float)
    locs = locs[(locs >= min(lo, hi)) & (locs <= max(lo, hi))]
    try:
        labels = [plain_text(s) for s in axis.get_major_formatter().format_ticks(list(locs))]
    except Exception:  # noqa: BLE001
        labels = [f"{v:g}" for v in locs]
    return AxisIR(kind="linear", range=(float(lo), float(hi)),
                  title=plain_text(getattr(ax, f"get_{which}label")()),
                  tickvals=[float(v) for v in locs], ticktext=labels,
                  visible=_compat.axis3d_on(ax))


def axes3d(ax, i: int, dom, fig, cbspec: Callable, entries: list[ReportEntry]) -> AxesIR:
    from .axes import titles
    from .walk import _axes_marks  # noqa: PLC0415 - walk imports this module

    where = f"axes {i}"
    ctx = Ctx(fig=fig, ax=ax, where=where, xv=AxisValues("linear"), yv=AxisValues("linear"),
              pt=PT, colorbar_for=cbspec, kind="3d", zv=AxisValues("linear"))
    marks = _axes_marks(ax, ctx, where, entries)
    elev, azim = np.radians(float(ax.elev)), np.radians(float(ax.azim))
    r = 1.7
    aspect = np.asarray(ax.get_box_aspect(), dtype=float)
    aspect = aspect / aspect.max()
    scene = {
        "camera": {"eye": {"x": float(r * np.cos(elev) * np.cos(azim)),
                           "y": float(r * np.cos(elev) * np.sin(azim)),
                           "z": float(r * np.sin(elev))}},
        "aspectmode": "manual",
        "aspectratio": {"x": float(aspect[0]), "y": float(aspect[1]), "z": float(aspect[2])},
        "bgcolor": rgba(ax.get_facecolor()),
    }
    return AxesIR(index=i, kind="3d", domain=dom, xaxis=_axis3(ax, "x"), yaxis=_axis3(ax, "y"),
                  zaxis=_axis3(ax, "z"), marks=tuple(marks), titles=titles(ax, dom),
                  polar=scene)
