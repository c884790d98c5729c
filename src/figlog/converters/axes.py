"""Cartesian axes: scales, limits, ticks, labels, titles, position, twins and sharing.

Nothing here draws. Tick positions come from the locator and labels from the formatter
(``format_ticks``), exactly the strings matplotlib would draw; the position comes from the
axes' bbox, which the gridspec and subplot parameters define before any draw.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import FigureBase
from matplotlib.ticker import NullLocator
from matplotlib.transforms import TransformedBbox

from . import _compat
from ._colors import rgba
from ._transforms import AxisValues, figure_fraction
from .ir import AxisIR, TextMark
from .report import ReportEntry
from ._markers import DASHES
from .text import plain_text, styled

__all__ = ["axis_ir", "axis_values", "domain", "titles"]

PT = 100 / 72  # Plotly pixels per point: figlog lays figures out at 100 px per inch
_NATIVE = ("linear", "log")
_DATE_TYPES = (mdates.DateLocator,)
_DATE_FORMATTERS = (mdates.DateFormatter, mdates.AutoDateFormatter, mdates.ConciseDateFormatter)


def axis_values(axis: Axis) -> AxisValues:
    scale = axis.get_scale()
    if scale == "linear":
        if isinstance(axis.get_major_locator(), _DATE_TYPES) or isinstance(
            axis.get_major_formatter(), _DATE_FORMATTERS
        ):
            return AxisValues("date")
        return AxisValues("linear")
    if scale == "log":
        return AxisValues("log")
    tr = axis.get_transform()
    inv = tr.inverted()

    def forward(values: np.ndarray, _tr=tr) -> np.ndarray:
        return np.asarray(_tr.transform(np.asarray(values, float).reshape(-1, 1))).ravel()

    def backward(values: np.ndarray, _tr=inv) -> np.ndarray:
        return np.asarray(_tr.transform(np.asarray(values, float).reshape(-1, 1))).ravel()

    return AxisValues("transformed", forward, backward)


def domain(ax: Axes, fig: FigureBase) -> tuple[float, float, float, float]:
    """The axes box as (x0, x1, y0, y1) fractions of ``fig``, clipped to [0, 1].

    An axes placed by a locator (``inset_axes``, axes_grid1 dividers) gets its box from the
    locator, as a draw would: before the first draw its own box is still the raw bounds."""
    return _clip(*figure_fraction(located_bbox(ax), fig))


def located_bbox(ax: Axes) -> Any:
    """The axes' box in display space where a draw puts it: from its axes locator when it
    has one that needs no renderer, else its current box."""
    locator = ax.get_axes_locator()
    if locator is not None:
        try:
            box = locator(ax, None)
        except Exception:  # noqa: BLE001 - a locator that needs a renderer: current box
            box = None
        if box is not None and hasattr(box, "extents"):
            return TransformedBbox(box, ax.figure.transSubfigure)
    return ax.bbox


def original_domain(ax: Axes, fig: FigureBase) -> tuple[float, float, float, float]:
    """Like :func:`domain`, for the box the axes had before a draw applied its aspect."""
    box = TransformedBbox(ax.get_position(original=True), ax.figure.transSubfigure)
    return _clip(*figure_fraction(box, fig))


def _clip(x0: float, x1: float, y0: float, y1: float) -> tuple[float, float, float, float]:
    c = lambda v: float(min(1.0, max(0.0, v)))  # noqa: E731
    x0, x1, y0, y1 = c(x0), c(x1), c(y0), c(y1)
    if x1 - x0 < 1e-3:
        x1 = min(1.0, x0 + 1e-3)
    if y1 - y0 < 1e-3:
        y1 = min(1.0, y0 + 1e-3)
    return x0, x1, y0, y1


def axis_ir(ax: Axes, which: str, av: AxisValues, where: str,
            entries: list[ReportEntry]) -> AxisIR:
    axis = ax.xaxis if which == "x" else ax.yaxis
    lim = ax.get_xlim() if which == "x" else ax.get_ylim()
    if av.kind == "log":
        rng = tuple(float(np.log10(v)) if v > 0 else None for v in lim)
    else:
        rng = tuple(av(list(lim)))
    if None in rng:
        rng = None
    if av.kind == "transformed":
        entries.append(ReportEntry(
            where, f"{axis.get_scale()} axis", which, "converted", f"{which}axis",
            f"Plotly has no {axis.get_scale()!r} axis: a linear axis over transformed data "
            "with matplotlib's ticks; hover shows the original values"))
    locs = np.asarray(axis.get_majorticklocs(), dtype=float)
    lo, hi = sorted(lim)
    span = (hi - lo) * 1e-9 if hi > lo else 1e-12
    locs = locs[(locs >= lo - span) & (locs <= hi + span)]
    fmt = axis.get_major_formatter()
    try:
        labels = [plain_text(s) for s in fmt.format_ticks(list(locs))]
        offset = fmt.get_offset() if hasattr(fmt, "get_offset") else ""
    except Exception:  # noqa: BLE001 - a user formatter that fails must not stop conversion
        labels, offset = [f"{v:g}" for v in locs], ""
    label_artist = axis.label
    title = plain_text(label_artist.get_text()) if label_artist.get_visible() else ""
    if offset:
        title = f"{title}  ({plain_text(offset)})" if title else plain_text(offset)
    rotation, tick_points, tick_color = _compat.tick_label_style(axis)
    major = _compat.tick_marks_and_grid(axis)
    if which == "x":
        side = "top" if axis.get_ticks_position() == "top" or axis.get_label_position() == \
            "top" else "bottom"
        spines = ("bottom", "top")
    else:
        side = "right" if axis.get_ticks_position() == "right" else "left"
        spines = ("left", "right")
    frame = ax.get_frame_on()
    spine_vis = [frame and ax.spines[s].get_visible() if s in ax.spines else False
                 for s in spines]
    on = bool(ax.axison) and axis.get_visible()
    tickvals = av(locs) if av.kind != "log" else [float(v) for v in locs]
    minor_vals = None
    if on and not isinstance(axis.get_minor_locator(), NullLocator):
        try:
            minor = np.asarray(axis.get_minorticklocs(), dtype=float)
        except Exception:  # noqa: BLE001 - a user locator that fails: no minor ticks
            minor = np.array([])
        minor = minor[(minor >= lo - span) & (minor <= hi + span)]
        if 0 < len(minor) <= 500:
            minor_vals = av(minor) if av.kind != "log" else [float(v) for v in minor]
    return AxisIR(
        kind=av.kind, range=rng, title=title if on else "",
        title_size=float(label_artist.get_fontsize()) * PT,
        tickvals=tickvals if on else [], ticktext=labels if on else [],
        tickangle=-rotation, tick_size=tick_points * PT, tick_color=_color(tick_color),
        title_color=_color(label_artist.get_color()),
        visible=on, showline=on and any(spine_vis), mirror=on and all(spine_vis),
        showgrid=on and _compat.grid_visible(axis), side=side, minor_tickvals=minor_vals,
        ticklabels=_compat.tick_labels_shown(axis), tickmarks=major["marks"],
        minor_tickmarks=_compat.tick_marks_and_grid(axis, "minor")["marks"],
        gridcolor=_grid_color(major), griddash=DASHES.get(str(major["linestyle"]), "solid"),
        gridwidth=major["linewidth"] * PT,
        minor_grid=bool(on and minor_vals and _compat.grid_visible(axis, "minor")),
    )


def _grid_color(style: dict) -> str:
    try:
        alpha = style["alpha"]
        return rgba(style["color"], None if alpha is None else float(alpha))
    except (TypeError, ValueError):
        return "rgba(176,176,176,1)"


def _color(c: Any) -> str:
    try:
        return rgba(c)
    except (TypeError, ValueError):
        return "rgba(0,0,0,1)"


def titles(ax: Axes, dom: tuple[float, float, float, float]) -> tuple[TextMark, ...]:
    """The axes' left/centre/right titles as figure-relative text above the axes box."""
    out = []
    art = ax.title
    size = float(art.get_fontsize()) * PT
    for loc, x, anchor in (("left", dom[0], "left"), ("center", (dom[0] + dom[1]) / 2,
                           "center"), ("right", dom[1], "right")):
        text = ax.get_title(loc=loc)
        if not text:
            continue
        y = float(art.get_position()[1]) if loc == "center" else 1.0
        top = dom[2] + (dom[3] - dom[2]) * y
        out.append(TextMark(text=styled(art, plain_text(text)), x=x, y=top, xcoord="figure",
                            ycoord="figure", size=size, color=rgba(art.get_color()),
                            xanchor=anchor, yanchor="bottom", yshift=6 * PT + _tick_room(ax),
                            source="title"))
    return tuple(out)


def _tick_room(ax: Axes) -> float:
    """Room for top tick labels (twiny, top ticks), which sit between axes and title."""
    if ax.xaxis.get_ticks_position() in ("top",) or ax.xaxis.get_label_position() == "top":
        return 24.0
    return 0.0


def share_and_twin(axes: list[Axes]) -> dict[int, dict[str, int]]:
    """For each axes index: ``twin_x_of``/``twin_y_of`` (same box, one shared axis, drawn
    as an overlay) and ``match_x``/``match_y`` (shared limits, separate boxes)."""
    out: dict[int, dict[str, int]] = {}
    index = {id(a): i for i, a in enumerate(axes)}
    for i, ax in enumerate(axes):
        info: dict[str, int] = {}
        for which, group in (("x", ax.get_shared_x_axes()), ("y", ax.get_shared_y_axes())):
            sibs = sorted(index[id(s)] for s in group.get_siblings(ax) if id(s) in index)
            earlier = [j for j in sibs if j < i]
            if not earlier:
                continue
            same_box = [j for j in earlier if np.allclose(axes[j].bbox.extents, ax.bbox.extents)
                        and "twin_x_of" not in out.get(j, {}) and "twin_y_of" not in out.get(j, {})]
            if same_box:
                info[f"twin_{which}_of"] = same_box[0]
            else:
                info[f"match_{which}"] = earlier[0]
        if "twin_x_of" in info and "twin_y_of" in info:
            del info["twin_y_of"]
            info["match_y"] = out.get(info["twin_x_of"], {}).get("match_y", info["twin_x_of"])
        out[i] = info
    return out
