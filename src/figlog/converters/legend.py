"""Legends → Plotly legends: entries in matplotlib's order, with its labels and handles.

Each matplotlib legend becomes its own Plotly legend (``legend``, ``legend2``, …) placed
at the same anchor. Its entries are drawn from the legend's own handles, and every trace
whose artist carries the same label joins that entry's ``legendgroup``, so clicking an entry
hides the data, as in any Plotly figure.
"""

from __future__ import annotations

from matplotlib.collections import Collection, LineCollection
from matplotlib.figure import FigureBase
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import _compat
from ._colors import TRANSPARENT, rgba
from ._markers import DASHES, UNFILLED, symbol_for
from ._transforms import figure_fraction
from .axes import PT
from .ir import LegendEntry, LegendIR, LineStyle, MarkerSpec
from .text import plain_text

__all__ = ["legend_ir"]

# matplotlib loc code → (x, y) inside the anchor box, Plotly anchors
_LOCS = {
    0: (1.0, 1.0, "right", "top"),  # "best" needs a draw; upper right is its usual answer
    1: (1.0, 1.0, "right", "top"),
    2: (0.0, 1.0, "left", "top"),
    3: (0.0, 0.0, "left", "bottom"),
    4: (1.0, 0.0, "right", "bottom"),
    5: (1.0, 0.5, "right", "middle"),
    6: (0.0, 0.5, "left", "middle"),
    7: (1.0, 0.5, "right", "middle"),
    8: (0.5, 0.0, "center", "bottom"),
    9: (0.5, 1.0, "center", "top"),
    10: (0.5, 0.5, "center", "middle"),
}


def _entry(handle, label: str) -> LegendEntry:
    text = plain_text(label), label
    if isinstance(handle, Line2D):
        dash = DASHES.get(str(handle.get_linestyle()))
        line = LineStyle(rgba(handle.get_color(), handle.get_alpha()),
                         handle.get_linewidth() * PT, dash) if dash else None
        found = symbol_for(handle.get_marker(), handle.get_fillstyle())
        marker = None
        if found is not None:
            sym, factor = found
            edge = rgba(handle.get_markeredgecolor(), handle.get_alpha())
            face = edge if sym in UNFILLED else rgba(handle.get_markerfacecolor(),
                                                     handle.get_alpha())
            marker = MarkerSpec(symbol=sym, size=handle.get_markersize() * factor * PT,
                                color=face, line_color=edge,
                                line_width=handle.get_markeredgewidth() * PT)
        return LegendEntry(*text, "line", line.color if line else "", line, marker)
    if isinstance(handle, Patch):
        face = rgba(handle.get_facecolor()) if handle.get_fill() else TRANSPARENT
        edge = rgba(handle.get_edgecolor())
        return LegendEntry(*text, "patch", face if face != TRANSPARENT else edge, None,
                           MarkerSpec(symbol="square", size=12.0, color=face, line_color=edge,
                                      line_width=1.0 if edge != TRANSPARENT else 0.0))
    if isinstance(handle, LineCollection):
        # errorbar and vlines/hlines entries: a line in the collection's colour and width
        edges = handle.get_edgecolor()
        color = rgba(edges[0]) if len(edges) else "rgba(0,0,0,1)"
        widths = handle.get_linewidths()
        line = LineStyle(color, float(widths[0] if len(widths) else 1.0) * PT)
        return LegendEntry(*text, "line", color, line, None)
    if isinstance(handle, Collection):
        faces = handle.get_facecolor()
        edges = handle.get_edgecolor()
        face = rgba(faces[0]) if len(faces) else TRANSPARENT
        edge = rgba(edges[0]) if len(edges) else TRANSPARENT
        return LegendEntry(*text, "marker", face, None,
                           MarkerSpec(symbol="circle", size=9.0, color=face, line_color=edge,
                                      line_width=1.0))
    return LegendEntry(*text, "patch", "rgba(128,128,128,1)", None,
                       MarkerSpec(symbol="square", size=12.0, color="rgba(128,128,128,1)"))


def legend_ir(legend: Legend, fig: FigureBase, axes_index: int | None) -> LegendIR | None:
    """The legend's entries and placement, or None when it is hidden or empty."""
    if not legend.get_visible():
        return None
    handles = legend.legend_handles
    texts = legend.get_texts()
    entries = tuple(_entry(h, t.get_text()) for h, t in zip(handles, texts)
                    if h is not None and t.get_text())
    if not entries:
        return None
    loc = _compat.legend_loc(legend)
    if loc == 0 and getattr(legend, "axes", None) is not None and legend.parent is legend.axes:
        loc = _best_loc(legend, len(entries), max(len(e.key) for e in entries))
    anchor = figure_fraction(legend.get_bbox_to_anchor(), fig)
    x0, x1, y0, y1 = anchor
    if isinstance(loc, tuple):
        fx, fy, xa, ya = float(loc[0]), float(loc[1]), "left", "bottom"
    else:
        fx, fy, xa, ya = _LOCS.get(int(loc), _LOCS[1])
    pad = 0.01
    x = x0 + (x1 - x0) * fx + (pad if xa == "left" else -pad if xa == "right" else 0)
    y = y0 + (y1 - y0) * fy + (pad if ya == "bottom" else -pad if ya == "top" else 0)
    title = legend.get_title().get_text() if legend.get_title().get_visible() else ""
    size = float(texts[0].get_fontsize()) * PT if texts else 10 * PT
    return LegendIR(entries=entries, x=float(x), y=float(y), xanchor=xa, yanchor=ya,
                    title=plain_text(title), font_size=size,
                    frame=legend.get_frame_on(), axes=axes_index,
                    columns=_compat.legend_columns(legend))


def _best_loc(legend: Legend, n: int, chars: int) -> int:
    """matplotlib's ``loc="best"`` without a draw: the corner or edge position whose
    legend-sized box covers the fewest data points (in matplotlib's order of preference)."""
    import numpy as np
    from matplotlib.collections import Collection, LineCollection as _Coll

    ax = legend.axes
    bbox = ax.bbox
    if bbox.width <= 0 or bbox.height <= 0:
        return 1
    size = float(legend.get_texts()[0].get_fontsize()) if legend.get_texts() else 10.0
    px = ax.figure.dpi / 72 if ax.figure is not None else 100 / 72
    w = min(0.9, ((chars * 0.6 + 4) * size * px) / bbox.width)
    h = min(0.9, ((n * 1.4 + 0.8) * size * px) / bbox.height)
    pts = []
    to_axes = ax.transAxes.inverted()
    for artist in ax.get_children():
        try:
            if isinstance(artist, Line2D):
                xy = artist.get_transform().transform(artist.get_xydata())
            elif isinstance(artist, _Coll):
                offs = artist.get_offsets()
                if len(offs) > 1:
                    xy = artist.get_offset_transform().transform(offs)
                else:
                    paths = artist.get_paths()[:200]
                    xy = np.concatenate([artist.get_transform().transform(p.vertices)
                                         for p in paths]) if paths else np.empty((0, 2))
            elif isinstance(artist, Patch) and artist is not ax.patch:
                xy = artist.get_transform().transform(artist.get_path().vertices)
            else:
                continue
        except Exception:  # noqa: BLE001 - a point we cannot place does not vote
            continue
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        if len(xy) > 2000:
            xy = xy[:: len(xy) // 2000 + 1]
        pts.append(to_axes.transform(xy))
    if not pts:
        return 1
    allp = np.concatenate(pts)
    allp = allp[np.isfinite(allp).all(axis=1)]
    best, best_count = 1, None
    for code in range(1, 11):
        fx, fy, xa, ya = _LOCS[code]
        x0 = fx - w * {"left": 0, "center": 0.5, "right": 1}[xa]
        y0 = fy - h * {"bottom": 0, "middle": 0.5, "top": 1}[ya]
        inside = ((allp[:, 0] >= x0) & (allp[:, 0] <= x0 + w) &
                  (allp[:, 1] >= y0) & (allp[:, 1] <= y0 + h)).sum()
        if best_count is None or inside < best_count:
            best, best_count = code, inside
        if inside == 0:
            break
    return best
