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


def test_contourf_colorbar_has_one_crisp_band_per_level_and_add_lines_shows():
    x = np.linspace(-3, 3, 40)
    X, Y = np.meshgrid(x, x)
    Z = np.exp(-X ** 2 - Y ** 2)
    fig, ax = plt.subplots()
    cf = ax.contourf(X, Y, Z, levels=[0, 0.25, 0.5, 0.75, 1.0], cmap="bone")
    cs = ax.contour(X, Y, Z, levels=[0.3, 0.6], colors="r")
    cb = fig.colorbar(cf)
    cb.add_lines(cs)
    cb.ax.text(0.5, 0.5, "note")
    conv = to_plotly(fig)
    (carrier,) = [t for t in conv.figure["data"] if "colorbar" in t.get("marker", {})]
    scale = carrier["marker"]["colorscale"]
    want = [plt.get_cmap("bone")(cf.norm(v)) for v in cf.cvalues]
    want = [f"rgba({round(r * 255)},{round(g * 255)},{round(b * 255)},1)" for r, g, b, _ in want]
    # two stops per band, at the band's edges: steps, not a gradient
    assert [c for _, c in scale[::2]] == want
    assert [p for p, _ in scale] == pytest.approx([0, .25, .25, .5, .5, .75, .75, 1.0])
    # the lines across the bar, at the contour levels, above the bar (headless arrows)
    fig.canvas.draw()
    x0, y0, x1, y1 = cb.ax.get_position().extents
    lines = [a for a in conv.figure["layout"]["annotations"] if a.get("arrowhead") == 0]
    assert sorted(a["y"] for a in lines) == pytest.approx([y0 + 0.3 * (y1 - y0),
                                                           y0 + 0.6 * (y1 - y0)])
    assert {a["arrowcolor"] for a in lines} == {"rgba(255,0,0,1)"}
    # text in the colorbar's axes is not converted, and says so
    assert [e.kind for e in conv.report.skipped] == ["Text"]
    plt.close(fig)


def test_level_paths_keep_every_vertex():
    """Path.to_polygons simplifies long paths with a pixel threshold; on data coordinates
    that cut a 421-vertex level down to 42. Every vertex must survive."""
    x = np.linspace(-3, 5, 150)
    y = np.linspace(-3, 5, 120)
    z = np.cos(x)[None, :] + np.sin(y)[:, None]
    fig, ax = plt.subplots()
    cs = ax.contour(x, y, z, 6, colors="black")
    conv = to_plotly(fig)
    got = sorted(sum(v is not None for v in t["x"]) for t in conv.figure["data"])
    want = sorted(len(p.vertices) for p in cs.get_paths() if len(p.vertices))
    assert got == want
    plt.close(fig)


def test_contourf_hatches_become_fill_patterns():
    x = np.linspace(-3, 5, 60)
    z = np.cos(x)[None, :] + np.sin(x)[:, None]
    fig, ax = plt.subplots()
    cs = ax.contourf(x, x, z, 3, colors="none", hatches=["/", "-", "*"])
    conv = to_plotly(fig)
    shapes = [t.get("fillpattern", {}).get("shape") for t in conv.figure["data"]
              if t.get("fill") == "toself"]
    from figlog.converters._markers import hatch_pattern

    bands = len(cs.get_paths())
    want = [hatch_pattern(["/", "-", "*"][i % 3])[0] for i in range(bands)]
    assert shapes == want
    assert [e.reason for e in conv.report.approximated] == [
        "hatch '*' drawn with the nearest Plotly pattern"]
    plt.close(fig)
