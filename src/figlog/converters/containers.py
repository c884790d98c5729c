"""Containers that give meaning to loose artists: bars and error bars.

``ax.bar``/``ax.hist`` leave Rectangles and ``ax.errorbar`` leaves lines; their containers
(public ``ax.containers``) say which artists form one bar series or one error-bar set, so
they become one native Plotly bar trace or one trace with ``error_x``/``error_y``. The
artists a container converts are "consumed" and not visited again.
"""

from __future__ import annotations

import dataclasses
from functools import singledispatch

import numpy as np
from matplotlib.container import BarContainer, Container, ErrorbarContainer

from ._colors import TRANSPARENT, rgba
from ._context import Ctx, Extraction, approximated, converted, extract
from ._markers import hatch_pattern
from ._transforms import finite_list
from .ir import BarMark, ErrorSpec, LineMark, MarkerSpec
from .lines import public_label

__all__ = ["extract_container"]



@singledispatch
def extract_container(container: Container, ctx: Ctx) -> Extraction | None:
    """Containers without an extractor leave their artists to their own extractors."""
    return None


@extract_container.register(BarContainer)
def _bars(container: BarContainer, ctx: Ctx) -> Extraction | None:
    if ctx.kind == "3d":
        return None  # Axes3D.bar: Patch3D artists, converted one by one
    rects = [p for p in container.patches if p.get_visible()]
    if not rects or any(p.get_data_transform() is not ctx.ax.transData for p in rects):
        return None  # bars in another coordinate system: leave them to the patch extractor
    orient = "h" if getattr(container, "orientation", None) == "horizontal" else "v"
    x = np.array([p.get_x() for p in rects], dtype=float)
    y = np.array([p.get_y() for p in rects], dtype=float)
    w = np.array([p.get_width() for p in rects], dtype=float)
    h = np.array([p.get_height() for p in rects], dtype=float)
    if orient == "v":
        pos_v, base_v, pos_lo, pos_hi, size = ctx.xv, ctx.yv, x, x + w, h
        base = y
    else:
        pos_v, base_v, pos_lo, pos_hi, size = ctx.yv, ctx.xv, y, y + h, w
        base = x
    centre = (pos_lo + pos_hi) / 2
    pos = pos_v(centre)
    # Plotly wants widths >= 0 with no gaps; a bar whose edges fall outside a transformed
    # axis' domain has no width there
    width = [abs(w) if w is not None else 0.0 for w in _extent(pos_v, pos_lo, pos_hi)]
    if base_v.kind in ("log", "date"):
        base_out, length = _raw_or_date(base_v, base, size)
    else:
        b, t = np.array(base_v(base), float), np.array(base_v(base + size), float)
        base_out, length = finite_list(b), finite_list(t - b)
    faces = [rgba(p.get_facecolor()) if p.get_fill() else TRANSPARENT for p in rects]
    edges = [rgba(p.get_edgecolor()) for p in rects]
    hatch = rects[0].get_hatch() or ""
    notes = []
    found = hatch_pattern(hatch)
    pattern = found[0] if found else ""
    if hatch and (found is None or not found[2]):
        notes.append(f"hatch {hatch!r} drawn as Plotly pattern {pattern!r}")
    mark = BarMark(
        orientation=orient, pos=pos, length=length, base=base_out, width=width,
        color=faces, line_color=edges, line_width=float(rects[0].get_linewidth()) * ctx.pt,
        pattern=pattern, label=public_label(container), source="BarContainer",
    )
    consumed = tuple(container.patches)
    if notes:
        return approximated("; ".join(notes), mark, consumed=consumed)
    return converted(mark, consumed=consumed)


def _extent(av, lo: np.ndarray, hi: np.ndarray) -> list:
    """Bar widths in Plotly units of the position axis."""
    if av.kind == "date":
        return finite_list((hi - lo) * 86_400_000)  # Plotly measures date widths in ms
    if av.kind == "log":
        return finite_list(hi - lo)
    a, b = np.array(av(lo), float), np.array(av(hi), float)
    return finite_list(b - a)


def _raw_or_date(av, base: np.ndarray, size: np.ndarray) -> tuple[list, list]:
    if av.kind == "date":
        return av(base), finite_list(size * 86_400_000)
    return finite_list(base), finite_list(size)


@extract_container.register(ErrorbarContainer)
def _errorbars(container: ErrorbarContainer, ctx: Ctx) -> Extraction | None:
    data_line, caplines, barcols = container.lines
    barcols = list(barcols)
    consumed = tuple(a for a in (data_line, *caplines, *barcols) if a is not None)
    xerr_col = barcols.pop(0) if container.has_xerr and barcols else None
    yerr_col = barcols.pop(0) if container.has_yerr and barcols else None
    notes = []
    if data_line is not None:
        base = extract(data_line, ctx)
        line_marks = [m for m in base.marks if isinstance(m, LineMark)]
        if base.status == "approximated":
            notes.append(base.reason)
        xy = np.ma.asarray(data_line.get_xydata(), dtype=float).filled(np.nan)
    else:
        line_marks = []
        xy = _centres(xerr_col, yerr_col)
    if xy is None or len(xy) == 0:
        return None
    if not line_marks:
        line_marks = [LineMark(x=ctx.xv(xy[:, 0]), y=ctx.yv(xy[:, 1]), line=None,
                               marker=MarkerSpec(symbol="circle", size=0, color=TRANSPARENT),
                               label=public_label(container), source="ErrorbarContainer")]
    capsize = _capsize(caplines, ctx)
    extra: list = []
    if any(str(c.get_marker()) not in ("_", "|") for c in caplines):
        # limit arrows (lolims/uplims…): Plotly would cap both ends of every bar, so the
        # bars go capless and each capline (plain caps and carets) is drawn as itself
        capsize = 0.0
        for c in caplines:
            ex = extract(c, ctx)
            extra.extend(m for m in ex.marks if not isinstance(m, LineMark) or
                         m.marker is not None)
            if ex.status == "approximated":
                notes.append(ex.reason)
    err_x = _errors(xerr_col, xy, 0, ctx.xv, capsize) if xerr_col is not None else None
    err_y = _errors(yerr_col, xy, 1, ctx.yv, capsize) if yerr_col is not None else None
    mark = dataclasses.replace(line_marks[0], error_x=err_x, error_y=err_y,
                               label=public_label(container) or line_marks[0].label,
                               source="ErrorbarContainer")
    if notes:
        return approximated("; ".join(notes), mark, *extra, consumed=consumed)
    return converted(mark, *extra, consumed=consumed)


def _centres(xcol, ycol) -> np.ndarray | None:
    col = ycol if ycol is not None else xcol
    if col is None:
        return None
    segs = [np.asarray(s, float) for s in col.get_segments()]
    return np.array([s.mean(axis=0) for s in segs]) if segs else None


def _capsize(caplines, ctx: Ctx) -> float:
    if not caplines:
        return 0.0
    return float(caplines[0].get_markersize()) / 2 * ctx.pt


def _errors(col, xy: np.ndarray, dim: int, av, capsize: float) -> ErrorSpec:
    """Per-point plus/minus extents from the bar segments, aligned with the data points
    (``errorevery`` leaves some points without a segment)."""
    n = len(xy)
    plus: list = [None] * n
    minus: list = [None] * n
    other = 1 - dim
    j = 0
    centre = np.asarray(av(xy[:, dim]), dtype=object) if av.kind != "date" else None
    for seg in col.get_segments():
        seg = np.asarray(seg, dtype=float)
        if len(seg) < 2:
            continue
        key = seg[0, other]
        while j < n and not np.isclose(xy[j, other], key, equal_nan=False):
            j += 1
        if j >= n:
            break
        lo, hi = sorted((seg[0, dim], seg[1, dim]))
        if av.kind in ("log", "linear", "category"):
            c = xy[j, dim]
            plus[j], minus[j] = float(hi - c), float(c - lo)
        else:
            ends = av([lo, hi])
            c = centre[j] if centre is not None else None
            if c is not None and None not in ends:
                plus[j], minus[j] = float(ends[1] - c), float(c - ends[0])
        j += 1
    color = rgba(col.get_edgecolor())
    width = np.asarray(col.get_linewidths(), dtype=float).ravel()
    thickness = float(width[0]) if len(width) else 1.0
    return ErrorSpec(plus=plus, minus=minus, color=color, thickness=thickness * 100 / 72,
                     width=capsize)
