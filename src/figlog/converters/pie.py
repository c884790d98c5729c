"""``ax.pie`` → one native Plotly pie trace.

matplotlib's pie leaves only Wedge patches (and label texts) with no container, so the
wedges are recognised as a pie when they share a centre region and a radius and together
span at most a full turn. Labels and percentages stay matplotlib's own texts (converted as
annotations), so the trace draws no text of its own; hover shows label, value and share.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Wedge

from ._colors import rgba
from ._context import Ctx, Extraction, converted
from .ir import PieMark

__all__ = ["extract_pie"]


def extract_pie(ax: Axes, ctx: Ctx) -> Extraction | None:
    """The pie drawn in ``ax`` (its box in figure fractions on the mark), or None."""
    if ctx.kind != "xy" or ax.lines or ax.collections or ax.images:
        return None
    wedges = [p for p in ax.patches if p.get_visible()]
    if not wedges or not all(type(w) is Wedge for w in wedges):
        return None
    r = wedges[0].r
    if any(abs(w.r - r) > 1e-9 * max(1.0, r) or w.width is not None for w in wedges):
        return None  # rings (donuts) and mixed radii are drawn as patches instead
    if ax.get_transform is None or any(w.get_transform() is None for w in wedges):
        return None
    spans = [(w.theta2 - w.theta1) % 360 or 360.0 for w in wedges]
    if sum(spans) > 360.0 + 1e-6:
        return None
    centres = np.array([w.center for w in wedges], dtype=float)
    # exploded wedges sit on rays out of the common centre: take the one that moved least
    mids = np.radians([(w.theta1 + w.theta2) / 2 for w in wedges])
    dirs = np.column_stack([np.cos(mids), np.sin(mids)])
    shifts = np.einsum("ij,ij->i", centres - centres.mean(axis=0), dirs)
    centre = centres[int(np.argmin(shifts))] if len(wedges) > 1 else centres[0]
    pull = [float(max(0.0, np.hypot(*(c - centre)) / r)) for c in centres]
    def _meets(a: float, b: float) -> bool:
        return abs((a - b + 180.0) % 360.0 - 180.0) < 1e-6

    pairs = list(zip(wedges, wedges[1:]))
    if all(_meets(b.theta1, a.theta2) for a, b in pairs):
        direction = "counterclockwise"  # matplotlib's default
    elif all(_meets(b.theta2, a.theta1) for a, b in pairs):
        direction = "clockwise"  # counterclock=False
    else:
        return None  # not contiguous: not a pie layout Plotly can reproduce
    fb = ctx.fig.bbox
    corners = np.array([[centre[0] - r, centre[1] - r], [centre[0] + r, centre[1] + r]])
    disp = ax.transData.transform(corners)
    x0, x1 = sorted((disp[:, 0] - fb.x0) / fb.width)
    y0, y1 = sorted((disp[:, 1] - fb.y0) / fb.height)
    box = tuple(float(min(1.0, max(0.0, v))) for v in (x0, x1, y0, y1))
    faces = [rgba(w.get_facecolor()) for w in wedges]
    edges = [rgba(w.get_edgecolor()) for w in wedges]
    labels = [str(w.get_label()) if not str(w.get_label()).startswith("_") else ""
              for w in wedges]
    mark = PieMark(
        values=[float(s) for s in spans], labels=labels, colors=faces,
        # Plotly measures angles clockwise from 12 o'clock and, in either direction, puts
        # the first slice between `rotation` and `rotation` + its size (checked in
        # Chromium); matplotlib measures counter-clockwise from 3 o'clock, so the first
        # wedge's theta2 is where that slice starts
        rotation=float((90.0 - wedges[0].theta2) % 360), direction=direction, pull=pull,
        hole=0.0,
        line_color=edges, line_width=float(wedges[0].get_linewidth()) * ctx.pt,
        domain=box, source="Wedge",  # type: ignore[arg-type]
    )
    return converted(mark, consumed=tuple(wedges))
