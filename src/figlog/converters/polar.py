"""Polar axes → a Plotly ``polar`` subplot with scatterpolar/barpolar traces.

Data extractors are the cartesian ones: the context converts theta (radians) to degrees,
and the writer emits ``theta``/``r`` instead of ``x``/``y``.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ._context import Ctx
from ._transforms import AxisValues
from .axes import PT, axis_ir
from .ir import AxesIR
from .report import ReportEntry

__all__ = ["polar_axes"]


def _degrees(values: np.ndarray) -> np.ndarray:
    return np.degrees(values)


def polar_axes(ax, i: int, dom, fig, cbspec: Callable, entries: list[ReportEntry]) -> AxesIR:
    from .walk import _axes_marks  # noqa: PLC0415 - walk imports this module

    where = f"axes {i}"
    theta = AxisValues("transformed", _degrees)
    r = AxisValues("log" if ax.get_yscale() == "log" else "linear")
    ctx = Ctx(fig=fig, ax=ax, where=where, xv=theta, yv=r, pt=PT, colorbar_for=cbspec,
              kind="polar")
    marks = _axes_marks(ax, ctx, where, entries)
    tax = axis_ir(ax, "x", AxisValues("linear"), where, [])
    rax = axis_ir(ax, "y", r, where, [])
    rmin, rmax = ax.get_ylim()
    angular: dict[str, Any] = {
        "rotation": float(np.degrees(ax.get_theta_offset())),
        "direction": "counterclockwise" if ax.get_theta_direction() > 0 else "clockwise",
        "tickmode": "array", "tickvals": [float(np.degrees(v)) for v in
                                          (tax.tickvals or []) if v is not None],
        "ticktext": tax.ticktext, "showgrid": tax.showgrid, "linecolor": "rgba(0,0,0,1)",
        "gridcolor": "rgba(176,176,176,1)", "tickfont": {"size": round(tax.tick_size, 2)},
        "visible": tax.visible,
    }
    radial: dict[str, Any] = {
        "range": [float(np.log10(rmin)) if r.kind == "log" and rmin > 0 else float(rmin),
                  float(np.log10(rmax)) if r.kind == "log" and rmax > 0 else float(rmax)],
        "tickmode": "array", "tickvals": rax.tickvals, "ticktext": rax.ticktext,
        "showgrid": rax.showgrid, "gridcolor": "rgba(176,176,176,1)",
        "type": "log" if r.kind == "log" else "linear",
        "angle": float(ax.get_rlabel_position()), "tickangle": float(ax.get_rlabel_position()),
        "tickfont": {"size": round(rax.tick_size, 2)}, "visible": rax.visible,
        "showline": False,
    }
    if rax.title:
        radial["title"] = {"text": rax.title}
    tmin, tmax = ax.get_thetamin(), ax.get_thetamax()
    polar: dict[str, Any] = {"angularaxis": angular, "radialaxis": radial}
    if (tmax - tmin) < 359.999:
        polar["sector"] = [float(tmin), float(tmax)]
    origin = ax.get_rorigin()
    if origin is not None and origin != rmin:
        # the centre sits at rorigin: rmin is drawn on a circle (rmin - rorigin) / (rmax -
        # rorigin) of the way out, which is Plotly's hole (a fraction of the radius)
        lo, hi, o = (np.log10([rmin, rmax, origin]) if r.kind == "log" and min(
            rmin, rmax, origin) > 0 else (rmin, rmax, origin))
        hole = (lo - o) / (hi - o) if hi != o else -1.0
        if 0.0 <= hole < 1.0:
            polar["hole"] = float(hole)
        else:
            entries.append(ReportEntry(where, "polar axes", "", "approximated", "polar",
                                       "a radial origin beyond rmin is not drawn"))
    from .axes import titles

    return AxesIR(index=i, kind="polar", domain=dom, xaxis=tax, yaxis=rax, marks=tuple(marks),
                  titles=titles(ax, dom), polar=polar, bgcolor=_bg(ax))


def _bg(ax) -> str:
    from ._colors import rgba

    return rgba(ax.get_facecolor())

