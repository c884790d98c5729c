"""Scatter (PathCollection), LineCollection and filled collections (fill_between, stackplot)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection

from figlog.converters import to_plotly


def test_scatter_per_point_sizes_and_colormap(golden):
    fig, ax = plt.subplots()
    x = np.arange(8.0)
    sc = ax.scatter(x, x**2, s=(x + 1) * 10, c=x, cmap="viridis", vmin=0, vmax=10)
    fig.colorbar(sc, ax=ax, label="value")
    conv = to_plotly(fig)
    t = conv.figure["data"][0]
    assert t["mode"] == "markers"
    offsets = sc.get_offsets()
    assert t["x"] == pytest.approx(offsets[:, 0].tolist())
    assert t["y"] == pytest.approx(offsets[:, 1].tolist())
    assert t["marker"]["size"] == pytest.approx((np.sqrt((x + 1) * 10) * 100 / 72).tolist())
    assert t["marker"]["color"] == pytest.approx(x.tolist())
    assert (t["marker"]["cmin"], t["marker"]["cmax"]) == (0, 10)
    assert t["marker"]["showscale"] is True
    assert t["marker"]["colorbar"]["title"]["text"] == "value"
    assert t["marker"]["colorscale"][0][1] == "rgba(68,1,84,1)"  # viridis(0)
    assert conv.report.complete
    golden.check("scatter_colormap", conv.figure)


def test_scatter_explicit_colours_and_marker():
    fig, ax = plt.subplots()
    ax.scatter([1, 2, 3], [3, 2, 1], c=["red", "green", "blue"], marker="^", alpha=0.5)
    m = to_plotly(fig).figure["data"][0]["marker"]
    assert m["symbol"] == "triangle-up"
    assert m["color"] == ["rgba(255,0,0,0.5)", "rgba(0,128,0,0.5)", "rgba(0,0,255,0.5)"]


def test_fill_between_polygon_matches_path():
    fig, ax = plt.subplots()
    x = np.linspace(0, 1, 11)
    coll = ax.fill_between(x, x, x + 1, color="C1", alpha=0.3)
    t = to_plotly(fig).figure["data"][0]
    assert t["fill"] == "toself"
    verts = coll.get_paths()[0].vertices
    pts = set(zip(np.round(t["x"], 9), np.round(t["y"], 9)))
    assert set(zip(np.round(verts[:, 0], 9), np.round(verts[:, 1], 9))) <= pts
    assert t["fillcolor"].endswith(",0.3)")


def test_fill_betweenx_and_stackplot():
    fig, (a, b) = plt.subplots(1, 2)
    a.fill_betweenx([0, 1, 2], [0, 1, 0], [1, 2, 1])
    b.stackplot([0, 1, 2], [1, 2, 3], [1, 1, 1], labels=["p", "q"])
    data = to_plotly(fig).figure["data"]
    fills = [t for t in data if t.get("fill") == "toself"]
    assert len(fills) == 3
    assert [t["name"] for t in fills[1:]] == ["p", "q"]


def test_line_collection_grouped_by_colour():
    fig, ax = plt.subplots()
    segs = [[(0, 0), (1, 1)], [(1, 0), (2, 1)], [(2, 0), (3, 1)]]
    ax.add_collection(LineCollection(segs, colors=["r", "b", "r"], linewidths=2))
    ax.autoscale()
    data = to_plotly(fig).figure["data"]
    by_colour = {t["line"]["color"]: (t["x"], t["y"]) for t in data}
    assert by_colour["rgba(255,0,0,1)"] == ([0.0, 1.0, None, 2.0, 3.0], [0.0, 1.0, None, 0.0, 1.0])
    assert by_colour["rgba(0,0,255,1)"] == ([1.0, 2.0], [0.0, 1.0])
