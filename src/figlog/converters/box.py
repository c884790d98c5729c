"""``ax.boxplot``/``ax.bxp`` (and seaborn's boxplot) → native Plotly box traces.

matplotlib leaves a box plot as loose Line2D artists (box outline, whiskers, caps, median,
fliers) or, with ``patch_artist=True``, a PathPatch box; no container groups them. They are
recognised by geometry: an axis-aligned rectangle (the box), two whiskers leaving its
middle from its two ends, a median across it. Each group becomes a Plotly box trace with
precomputed statistics (``q1``, ``median``, ``q3``, ``lowerfence``, ``upperfence``); the
median and flier artists stay their own traces on top, so their colours and markers are
matplotlib's. Notched boxes and anything irregular stay lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch

from ._colors import TRANSPARENT, rgba
from ._context import Ctx, Extraction, converted
from .ir import BoxMark

__all__ = ["extract_boxes"]


@dataclass
class _Seg:
    artist: Line2D
    xy: np.ndarray


def _rect(xy: np.ndarray) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1) when ``xy`` is a closed axis-aligned rectangle outline."""
    if len(xy) not in (4, 5) or not np.isfinite(xy).all():
        return None
    xs, ys = np.unique(np.round(xy[:, 0], 12)), np.unique(np.round(xy[:, 1], 12))
    if len(xs) != 2 or len(ys) != 2:
        return None
    return float(xs[0]), float(xs[1]), float(ys[0]), float(ys[1])


def _two(xy: np.ndarray) -> bool:
    return len(xy) == 2 and bool(np.isfinite(xy).all())


def extract_boxes(ax: Axes, ctx: Ctx) -> list[Extraction]:
    """One Extraction per recognised box; each consumes its outline, whiskers and caps."""
    if ctx.kind != "xy" or ctx.xv.kind not in ("linear",) or ctx.yv.kind not in ("linear",):
        return []
    lines = [_Seg(ln, np.asarray(ln.get_xydata(), dtype=float)) for ln in ax.lines
             if ln.get_visible() and ln.get_transform() is ax.transData]
    boxes: list[tuple[object, tuple[float, float, float, float]]] = []
    for s in lines:
        r = _rect(s.xy) if str(s.artist.get_linestyle()) != "None" else None
        if r is not None:
            boxes.append((s.artist, r))
    for p in ax.patches:
        if isinstance(p, PathPatch) and p.get_visible() and \
                p.get_data_transform() is ax.transData:
            r = _rect(p.get_patch_transform().transform(p.get_path().vertices))
            if r is not None:
                boxes.append((p, r))
    if not boxes:
        return []
    used: set[int] = set()
    out = []
    twos = [s for s in lines if _two(s.xy)]
    for box_artist, (x0, x1, y0, y1) in boxes:
        for vertical in (True, False):
            found = _match(box_artist, (x0, x1, y0, y1), twos, used, vertical)
            if found is not None:
                mark, consumed = found
                used.update(id(a) for a in consumed)
                out.append(converted(mark, consumed=consumed))
                break
    return out


def _match(box_artist, rect, twos: list[_Seg], used: set[int], vertical: bool):
    x0, x1, y0, y1 = rect
    # in box coordinates: `a` runs across the box (position axis), `b` along the values
    a0, a1, b0, b1 = (x0, x1, y0, y1) if vertical else (y0, y1, x0, x1)
    centre = (a0 + a1) / 2
    tol = 1e-9 * max(1.0, abs(a1 - a0), abs(b1 - b0))
    ia, ib = (0, 1) if vertical else (1, 0)
    median = whisk_lo = whisk_hi = None
    caps = []
    for s in twos:
        if id(s.artist) in used or s.artist is box_artist:
            continue
        pa, pb = s.xy[:, ia], s.xy[:, ib]
        if abs(pb[0] - pb[1]) <= tol and abs(min(pa) - a0) <= tol and abs(max(pa) - a1) <= tol \
                and b0 - tol <= pb[0] <= b1 + tol and median is None:
            median = s
        elif abs(pa[0] - centre) <= tol and abs(pa[1] - centre) <= tol:
            lo, hi = sorted(pb)
            if abs(hi - b0) <= tol and whisk_lo is None:
                whisk_lo = (s, lo)
            elif abs(lo - b1) <= tol and whisk_hi is None:
                whisk_hi = (s, hi)
    if median is None or whisk_lo is None or whisk_hi is None:
        return None
    for s in twos:
        if id(s.artist) in used or s in (median, whisk_lo[0], whisk_hi[0]):
            continue
        pa, pb = s.xy[:, ia], s.xy[:, ib]
        if abs(pb[0] - pb[1]) <= tol and abs((pa[0] + pa[1]) / 2 - centre) <= tol and (
                abs(pb[0] - whisk_lo[1]) <= tol or abs(pb[0] - whisk_hi[1]) <= tol):
            caps.append(s.artist)
    if isinstance(box_artist, PathPatch):
        fill = rgba(box_artist.get_facecolor()) if box_artist.get_fill() else TRANSPARENT
        color = rgba(box_artist.get_edgecolor())
        width = float(box_artist.get_linewidth())
    else:
        fill = TRANSPARENT
        color = rgba(box_artist.get_color(), box_artist.get_alpha())
        width = float(box_artist.get_linewidth())
    mark = BoxMark(
        orientation="v" if vertical else "h", pos=float(centre), width=float(a1 - a0),
        q1=float(b0), q3=float(b1), median=float(median.xy[0, ib]),
        lowerfence=float(whisk_lo[1]), upperfence=float(whisk_hi[1]),
        fill=fill, line_color=color, line_width=width * 100 / 72,
        cap_ratio=_cap_ratio(caps, ia, a1 - a0), source="boxplot",
    )
    consumed = (box_artist, whisk_lo[0].artist, whisk_hi[0].artist, *caps)
    return mark, consumed


def _cap_ratio(caps: list[Line2D], ia: int, box_width: float) -> float:
    if not caps or box_width <= 0:
        return 0.0
    xy = np.asarray(caps[0].get_xydata(), dtype=float)
    return float(min(1.0, abs(xy[1, ia] - xy[0, ia]) / box_width))
