"""Coordinate systems: which one an artist is drawn in, and conversions between them.

Everything here works from the transforms matplotlib already holds; nothing draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import FigureBase
from matplotlib.path import Path
from matplotlib.transforms import Transform

from .ir import Coord

__all__ = [
    "AxisValues",
    "classify",
    "figure_fraction",
    "finite_list",
    "rings",
    "svg_path",
    "to_coords",
]


def finite_list(values: Any) -> list:
    """A float array as a list with ``None`` where it is NaN/inf or masked (Plotly gaps)."""
    arr = np.ma.asarray(values, dtype=float).filled(np.nan).ravel()
    out = arr.tolist()
    if not np.isfinite(arr).all():
        out = [v if math.isfinite(v) else None for v in out]
    return out


@dataclass(frozen=True)
class AxisValues:
    """Turns one axis' matplotlib data values into the values Plotly expects on that axis."""

    kind: str  # "linear" | "log" | "date" | "transformed" | "category"
    transform: Callable[[np.ndarray], np.ndarray] | None = None
    inverse: Callable[[np.ndarray], np.ndarray] | None = None  # back to the user's values

    def __call__(self, values: Any) -> list:
        arr = np.ma.asarray(values, dtype=float).filled(np.nan).ravel()
        if self.kind == "date":
            return _dates(arr)
        if self.kind == "log":
            arr = np.where(arr > 0, arr, np.nan)
        elif self.kind == "transformed" and self.transform is not None:
            with np.errstate(all="ignore"):
                arr = self.transform(arr)
        return finite_list(arr)

    def one(self, value: float) -> Any:
        return self([value])[0]


def _dates(days: np.ndarray) -> list:
    """matplotlib date numbers (days since the epoch) as ISO strings."""
    epoch = np.datetime64(mdates.get_epoch(), "us")
    out: list = []
    ok = np.isfinite(days) & (np.abs(days) < 1e7)
    us = np.where(ok, days, 0) * 86_400_000_000
    stamps = np.datetime_as_string(epoch + us.astype("int64").astype("timedelta64[us]"))
    for good, s in zip(ok.tolist(), stamps.tolist()):
        out.append(s.replace("T", " ") if good else None)
    return out


def classify(transform: Transform, ax: Axes | None, fig: FigureBase) -> tuple[Coord, Coord] | None:
    """The coordinate system of each dimension of ``transform``, or None when it is none of
    data/axes/figure (an offset box, a display-space transform, a custom projection)."""
    if ax is not None:
        if transform is ax.transData:
            return ("data", "data")
        if transform is ax.transAxes:
            return ("axes", "axes")
        try:
            bx, by = transform.contains_branch_seperately(ax.transData)
        except (ValueError, AttributeError):
            bx = by = False
        if bx and by:
            return ("data", "data")
        if bx or by:
            return ("data" if bx else "axes", "data" if by else "axes")
        if transform.contains_branch(ax.transAxes):
            return ("axes", "axes")
    if transform is fig.transFigure or transform is fig.transSubfigure:
        return ("figure", "figure")
    if transform.contains_branch(fig.transFigure) or transform.contains_branch(
        fig.transSubfigure
    ):
        return ("figure", "figure")
    return None


def to_coords(xy: np.ndarray, transform: Transform, coords: tuple[Coord, Coord],
              ax: Axes | None, fig: FigureBase) -> np.ndarray:
    """Map points drawn with ``transform`` into the coordinates named by ``coords``."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    if len(xy) == 0:
        return xy
    display = transform.transform(xy)
    out = np.empty_like(display)
    targets = {
        "data": ax.transData if ax is not None else None,
        "axes": ax.transAxes if ax is not None else None,
        "figure": fig.transSubfigure,
    }
    for dim, tag in enumerate(coords):
        inv = targets[tag].inverted()
        with np.errstate(all="ignore"):
            out[:, dim] = inv.transform(display)[:, dim]
    return out


def figure_fraction(bbox_display: Any, fig: FigureBase) -> tuple[float, float, float, float]:
    """A display-space bbox as (x0, x1, y0, y1) fractions of ``fig``'s box."""
    fb = fig.bbox
    x0, y0, x1, y1 = bbox_display.extents
    w, h = fb.width or 1.0, fb.height or 1.0
    return ((x0 - fb.x0) / w, (x1 - fb.x0) / w, (y0 - fb.y0) / h, (y1 - fb.y0) / h)


def rings(path: Path, transform: Transform | None = None) -> list[np.ndarray]:
    """The sub-paths of ``path`` as vertex arrays (after ``transform``), Bézier curves
    flattened to 8 segments each. Closed sub-paths do not repeat their first point."""
    codes = path.codes
    if codes is None or not np.isin(codes, (Path.CURVE3, Path.CURVE4)).any():
        # to_polygons simplifies a path of 128+ vertices with a threshold meant for pixels
        # (path.simplify_threshold, 1/9); on data coordinates that drops real detail (a
        # contour level of 421 vertices came out with 42), so never on the user's path
        exact = Path(path.vertices, codes)
        exact.should_simplify = False
        polys = [np.asarray(p, dtype=float) for p in exact.to_polygons(closed_only=False)
                 if len(p)]
    else:
        polys = []
        cur: list = []
        t = np.linspace(0, 1, 9)[1:]
        for seg, code in path.iter_bezier(simplify=False):
            if code == Path.MOVETO:
                if cur:
                    polys.append(np.asarray(cur, dtype=float))
                cur = [seg.control_points[0]]
            elif code == Path.CLOSEPOLY:
                continue
            elif code == Path.LINETO:
                cur.append(seg.control_points[-1])
            else:
                cur.extend(seg(t))
        if cur:
            polys.append(np.asarray(cur, dtype=float))
    if transform is not None:
        polys = [transform.transform(p) for p in polys]
    return polys


def svg_path(polys: list[np.ndarray], close: bool) -> str:
    """Vertex arrays as an SVG path string (``M … L … Z``)."""
    parts = []
    for p in polys:
        pts = [f"{x:.6g},{y:.6g}" for x, y in p if math.isfinite(x) and math.isfinite(y)]
        if len(pts) < 2:
            continue
        parts.append("M" + "L".join(pts) + ("Z" if close else ""))
    return "".join(parts)
