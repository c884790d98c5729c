"""contour/contourf: one trace per level from matplotlib's own level paths."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figlog.converters import to_plotly


def _grid():
    x, y = np.meshgrid(np.linspace(-2, 2, 30), np.linspace(-2, 2, 30))
    return x, y, np.exp(-(x**2) - y**2)


def test_contour_lines_per_level(golden):
    fig, ax = plt.subplots()
    cs = ax.contour(*_grid(), levels=[0.2, 0.5, 0.8], colors="k")
    conv = to_plotly(fig)
    data = conv.figure["data"]
    assert [t["name"] for t in data] == ["0.2", "0.5", "0.8"]
    for t, path in zip(data, cs.get_paths()):
        verts = path.vertices
        assert len([v for v in t["x"] if v is not None]) == len(verts)
        assert t["line"]["color"] == "rgba(0,0,0,1)"
    # each level is a closed ring around the origin at the right radius
    r = np.hypot(np.array(data[1]["x"], float), np.array(data[1]["y"], float))
    assert np.nanmax(np.abs(r - np.sqrt(-np.log(0.5)))) < 0.05
    golden.check("contour_lines", conv.figure)


def test_contourf_fills_and_colorbar():
    fig, ax = plt.subplots()
    cs = ax.contourf(*_grid(), levels=5, cmap="viridis")
    fig.colorbar(cs, label="density")
    conv = to_plotly(fig)
    fills = [t for t in conv.figure["data"] if t.get("fill") == "toself"]
    assert len(fills) == len(cs.get_paths()) - sum(1 for p in cs.get_paths() if
                                                   len(p.vertices) == 0)
    carrier = conv.figure["data"][-1]
    assert carrier["marker"]["showscale"] is True
    assert carrier["marker"]["colorbar"]["title"]["text"] == "density"
    assert carrier["marker"]["colorbar"]["tickvals"] == pytest.approx(
        cs.norm(cs.colorbar.get_ticks()).tolist())
    assert conv.report.complete


def test_contourf_with_listed_colours_and_boundary_levels_keeps_its_colorbar():
    x, y, z = _grid()
    fig, ax = plt.subplots()
    cs = ax.contourf(x, y, z, levels=[0, 0.1, 0.5, 1.0], colors=["r", "g", "b"])
    cb = fig.colorbar(cs)
    carrier = to_plotly(fig).figure["data"][-1]["marker"]
    ticks = cb.get_ticks()
    ticks = ticks[(ticks >= 0) & (ticks <= 1)]
    # ticks sit where matplotlib puts them along the bar (levels are spaced evenly there)
    frac = cb.ax.transAxes.inverted().transform(
        cb.ax.transData.transform(np.column_stack([np.zeros_like(ticks), ticks])))[:, 1]
    assert carrier["colorbar"]["tickvals"] == pytest.approx(frac.tolist())
    colours = {c for _, c in carrier["colorscale"]}
    assert colours == {"rgba(255,0,0,1)", "rgba(0,128,0,1)", "rgba(0,0,255,1)"}
