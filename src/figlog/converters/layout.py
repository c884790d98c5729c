"""Where a layout engine will put the subplots, estimated without drawing.

``layout="constrained"`` (or ``"compressed"``, ``"tight"``) moves the axes only when the
figure is drawn, after measuring every label with a renderer; before that the axes sit at
the gridspec's default positions, with the default margins and spacing. A figure logged
straight after plotting would then come out with cramped rows (titles over the tick labels
of the row above) and wide outer margins. Running the engine would move the user's axes, so
instead the room each label needs is estimated from its font size and text (tick labels are
already formatted by then), and the gridspec is laid out again with margins and spacing
that fit, as the engine would. Plotly's automargin absorbs what the estimate gets wrong at
the figure's edges.

Only figures whose engine has not run yet are touched (every axes still sits exactly on its
default gridspec cell), and only simple grids: one gridspec, rectilinear axes, no colorbars
or subfigures. Everything else keeps its current positions.
"""

from __future__ import annotations

import html
import re
from typing import Any

import numpy as np

from . import _compat
from .text import plain_text

__all__ = ["engine_domains"]

_PT = 1 / 72  # inch


def engine_domains(fig: Any, axes: list) -> dict[int, tuple[float, float, float, float]]:
    """{id(ax): (x0, x1, y0, y1)} in figure fractions for the axes a pending layout engine
    will move; empty when there is nothing to estimate."""
    engine = fig.get_layout_engine() if hasattr(fig, "get_layout_engine") else None
    name = type(engine).__name__ if engine is not None else ""
    if name not in ("ConstrainedLayoutEngine", "TightLayoutEngine"):
        return {}
    if getattr(fig, "subfigs", None) or any(_compat.colorbar_of(ax) is not None
                                            for ax in fig.get_axes()):
        return {}
    cells = []
    grid = None
    for ax in axes:
        spec = ax.get_subplotspec() if hasattr(ax, "get_subplotspec") else None
        if spec is None or ax.name != "rectilinear" or ax.get_axes_locator() is not None:
            return {}
        gs = spec.get_topmost_subplotspec().get_gridspec()
        if grid is None:
            grid = gs
        elif gs is not grid:
            return {}
        if not np.allclose(ax.get_position(original=True).bounds,
                           spec.get_position(fig).bounds, atol=1e-9):
            return {}  # already laid out (drawn, or placed by hand)
        cells.append((ax, spec))
    if grid is None:
        return {}
    return _lay_out(fig, grid, cells)


def _lay_out(fig: Any, grid: Any, cells: list) -> dict[int, tuple[float, float, float, float]]:
    nrows, ncols = grid.get_geometry()
    w_in, h_in = fig.get_size_inches()
    pad = 1.08 * 10 * _PT  # tight_layout's default pad: 1.08 font sizes
    left = np.zeros(ncols)
    right = np.zeros(ncols)
    top = np.zeros(nrows)
    bottom = np.zeros(nrows)
    for ax, spec in cells:
        need = _needs(ax)
        rows, cols = spec.rowspan, spec.colspan
        left[cols.start] = max(left[cols.start], need["left"])
        right[cols.stop - 1] = max(right[cols.stop - 1], need["right"])
        top[rows.start] = max(top[rows.start], need["top"])
        bottom[rows.stop - 1] = max(bottom[rows.stop - 1], need["bottom"])
    sup = _compat.suptitle_text(fig, "_suptitle")
    sup_h = (float(sup.get_fontsize()) * 1.4 * _PT if sup is not None and sup.get_text()
             else 0.0)
    x0 = (pad + left[0]) / w_in
    x1 = 1 - (pad + right[-1]) / w_in
    y1 = 1 - (pad + top[0] + sup_h) / h_in
    y0 = (pad + bottom[-1]) / h_in
    gap_w = max([right[j] + left[j + 1] + pad for j in range(ncols - 1)], default=0.0) / w_in
    gap_h = max([bottom[i] + top[i + 1] + pad for i in range(nrows - 1)], default=0.0) / h_in
    if x1 - x0 <= gap_w * (ncols - 1) or y1 - y0 <= gap_h * (nrows - 1):
        return {}  # the labels would not fit: leave it to Plotly
    xs = _edges(x0, x1, gap_w, grid.get_width_ratios() or [1] * ncols)
    ys = _edges(y0, y1, gap_h, grid.get_height_ratios() or [1] * nrows)[::-1]
    out = {}
    for ax, spec in cells:
        rows, cols = spec.rowspan, spec.colspan
        out[id(ax)] = (xs[cols.start][0], xs[cols.stop - 1][1],
                       ys[rows.stop - 1][0], ys[rows.start][1])
    return out


def _edges(lo: float, hi: float, gap: float, ratios: list) -> list[tuple[float, float]]:
    """Cell spans from lo to hi with ``gap`` between cells, sized by ``ratios``."""
    n = len(ratios)
    room = hi - lo - gap * (n - 1)
    sizes = np.asarray(ratios, dtype=float) / float(np.sum(ratios)) * room
    out, at = [], lo
    for s in sizes:
        out.append((float(at), float(at + s)))
        at += s + gap
    return out


def _needs(ax: Any) -> dict[str, float]:
    """Inches each side of the axes box needs for its labels (estimated: 0.6 em per
    character of tick label, 1.2 em per line of text)."""
    need = {"left": 0.0, "right": 0.0, "top": 0.0, "bottom": 0.0}
    tick = 3.5 * _PT + 3.5 * _PT  # tick length and label pad
    for which in ("x", "y"):
        axis = ax.xaxis if which == "x" else ax.yaxis
        if not (ax.axison and axis.get_visible()):
            continue
        rotation, size, _ = _compat.tick_label_style(axis)
        labels = _tick_labels(ax, axis) if _compat.tick_labels_shown(axis) else []
        longest = max((len(t) for t in labels), default=0)
        if which == "x":
            theta = np.radians(rotation)
            extent = (abs(np.sin(theta)) * longest * 0.6 + abs(np.cos(theta)) * 1.2) * size
            side = "top" if axis.get_ticks_position() == "top" else "bottom"
        else:
            theta = np.radians(rotation)
            extent = (abs(np.cos(theta)) * longest * 0.6 + abs(np.sin(theta)) * 1.2) * size
            side = "right" if axis.get_ticks_position() == "right" else "left"
        need[side] += (extent * _PT + tick) if labels else tick
        label = axis.label
        if label.get_visible() and label.get_text():
            lines = label.get_text().count("\n") + 1
            where = axis.get_label_position()
            need[where] += float(label.get_fontsize()) * 1.2 * lines * _PT + 4 * _PT
    _outside_text(ax, need)
    titles = [t for t in _compat.title_artists(ax) if t.get_text()]
    if titles:
        size = max(float(t.get_fontsize()) for t in titles)
        lines = max(t.get_text().count("\n") + 1 for t in titles)
        need["top"] += size * 1.2 * lines * _PT + 6 * _PT
    return need


def _outside_text(ax: Any, need: dict[str, float]) -> None:
    """Room for text placed beyond the axes box (labels at the ends of lines): engines
    count every artist's extent, so the margin on that side grows to hold it."""
    fig = ax.get_figure(root=False)
    w_in, h_in = fig.get_size_inches()
    box = ax.get_position()
    ax_w, ax_h = box.width * w_in, box.height * h_in
    to_axes = ax.transAxes.inverted()
    for t in ax.texts:
        text = t.get_text()
        if not t.get_visible() or not text.strip():
            continue
        try:
            x, y = t.get_position()
            xy = np.array([[float(t.convert_xunits(x)), float(t.convert_yunits(y))]])
            fx, fy = to_axes.transform(t.get_transform().transform(xy))[0]
        except Exception:  # noqa: BLE001 - a transform that cannot say where it is
            continue
        if not np.isfinite([fx, fy]).all():
            continue
        size = float(t.get_fontsize()) * _PT
        wide = max(len(line) for line in text.split("\n")) * 0.6 * size
        high = (text.count("\n") + 1) * 1.2 * size
        ha = t.get_horizontalalignment()
        reach_right = {"left": wide, "center": wide / 2}.get(ha, 0.0)
        reach_left = {"right": wide, "center": wide / 2}.get(ha, 0.0)
        va = t.get_verticalalignment()
        reach_up = {"bottom": high, "baseline": high, "center": high / 2}.get(va, 0.0)
        reach_down = {"top": high, "center": high / 2}.get(va, 0.0)
        # how far the text's box pokes out of the axes box, on each side
        need["right"] = max(need["right"], fx * ax_w + reach_right - ax_w)
        need["left"] = max(need["left"], reach_left - fx * ax_w)
        need["top"] = max(need["top"], fy * ax_h + reach_up - ax_h)
        need["bottom"] = max(need["bottom"], reach_down - fy * ax_h)


def _tick_labels(ax: Any, axis: Any) -> list[str]:
    lo, hi = sorted(ax.get_xlim() if axis is ax.xaxis else ax.get_ylim())
    locs = [v for v in axis.get_majorticklocs() if lo <= v <= hi]
    try:
        raw = [str(s) for s in axis.get_major_formatter().format_ticks(locs)]
    except Exception:  # noqa: BLE001 - a failing user formatter: guess from the numbers
        raw = [f"{v:g}" for v in locs]
    # what is shown, not the markup: "$\\mathdefault{10^{2}}$" is three characters wide
    return [re.sub(r"<[^>]+>", "", html.unescape(plain_text(s))) for s in raw]
