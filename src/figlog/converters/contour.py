"""contour/contourf → one Plotly trace per level.

A Plotly ``contour`` trace needs the z grid, and matplotlib does not keep it: a ContourSet
holds only the level paths contourpy computed (its generator exposes no z). So each level
becomes a trace drawn from those exact paths: lines for ``contour``, filled regions with
their holes for ``contourf`` (see ``lines.polyline_mark``), named by the level value so that
hover says which level it is. The colorbar rides on an invisible carrier trace.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from matplotlib.contour import ContourSet

from ._colors import TRANSPARENT, rgba_list
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._transforms import rings, to_coords
from .collections import _colorbar_carrier, _dash, mapped_colors
from .ir import LineStyle
from .lines import area_marks, polyline_mark
from .patches import hatch_fill

__all__: list[str] = []


@extract.register(ContourSet)
def _contour(cs: ContourSet, ctx: Ctx) -> Extraction:
    if not cs.get_visible():
        return hidden("invisible")
    paths = cs.get_paths()
    if not paths:
        return hidden("no levels")
    n = len(paths)
    levels = np.asarray(cs.levels, dtype=float)
    colors = rgba_list(mapped_colors(cs, n, "face" if cs.filled else "edge"), n)
    widths = np.asarray(cs.get_linewidths(), dtype=float).ravel()
    styles = cs.get_linestyles()
    transform = cs.get_transform()
    exact = transform is ctx.ax.transData
    marks = []
    notes: list[str] = []
    hatches = list(getattr(cs, "hatches", None) or []) if cs.filled else []
    for i, path in enumerate(paths):
        polys = rings(path, None if exact else transform)
        if not exact:
            from matplotlib.transforms import IdentityTransform

            polys = [to_coords(p, IdentityTransform(), ("data", "data"), ctx.ax, ctx.fig)
                     for p in polys]
        polys = [p for p in polys if len(p) >= 2]
        if not polys or (colors[i] == TRANSPARENT and not (hatches and
                                                          hatches[i % len(hatches)])):
            continue
        if cs.filled:
            name = f"{levels[i]:.4g} – {levels[i + 1]:.4g}" if i + 1 < len(levels) else None
        else:
            name = f"{levels[i]:.4g}" if i < len(levels) else None
        if cs.filled:
            pattern, note = hatch_fill(cs, hatches[i % len(hatches)] if hatches else None)
            if note and note not in notes:
                notes.append(note)
            fill = colors[i]
            if fill == TRANSPARENT and pattern is None:
                continue
            new = area_marks(polys, ctx, line=None, fill=fill, label=None,
                             source="ContourSet", pattern=pattern)
        else:
            w = float(widths[i % len(widths)]) if len(widths) else 1.0
            dash = _dash(styles[i % len(styles)]) if len(styles) else "solid"
            new = [polyline_mark(polys, ctx, line=LineStyle(colors[i], w * ctx.pt, dash),
                                 fill=None, label=None, source="ContourSet")]
        marks.extend(dataclasses.replace(m, label=name) for m in new)
    if not marks:
        return hidden("no visible level")
    colorbar = ctx.colorbar_for(cs, "bar")
    if colorbar is not None:
        marks.append(_colorbar_carrier(cs, colorbar, ctx))
    return approximated("; ".join(notes), *marks) if notes else converted(*marks)
