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


def _segments_of(trace):
    """A line trace's polylines (split at its None gaps) as tuples of points."""
    out, cur = [], []
    for x, y in zip(trace["x"], trace["y"]):
        if x is None:
            out.append(tuple(cur))
            cur = []
        else:
            cur.append((round(x, 9), round(y, 9)))
    return out + [tuple(cur)]


def test_colormapped_line_collection_keeps_every_colour():
    """200 segments with 200 colormap colours: one trace per colour, none merged."""
    import plotly.graph_objects as go

    fig, ax = plt.subplots()
    x = np.linspace(0, 10, 201)
    pts = np.column_stack([x, np.sin(x)])
    segs = np.stack([pts[:-1], pts[1:]], axis=1)
    lc = LineCollection(segs, cmap="plasma", linewidths=np.linspace(1, 1.04, 200))
    lc.set_array(x[:-1])
    ax.add_collection(lc)
    ax.autoscale()
    conv = to_plotly(fig)
    go.Figure(conv.figure)
    assert conv.report.complete, conv.report.entries
    want = {}
    for seg, c in zip(segs, lc.to_rgba(x[:-1])):
        key = "rgba({},{},{},{:g})".format(*(round(v * 255) for v in c[:3]), c[3])
        want.setdefault(key, set()).add(tuple((round(a, 9), round(b, 9)) for a, b in seg))
    got = {t["line"]["color"]: set(_segments_of(t)) for t in conv.figure["data"]}
    assert got == want
    # widths 1..1.04 pt differ by less than 0.1 px: drawn as one width
    assert {t["line"]["width"] for t in conv.figure["data"]} == {round(100 / 72, 1)}


def test_vlines_in_axes_height_are_exact_shapes():
    fig, ax = plt.subplots()
    ax.plot([0, 3], [5, 10])
    v = ax.vlines([1, 2], 0.1, 0.9, transform=ax.get_xaxis_transform(), colors="r")
    h = ax.hlines([6, 8], 0, 1, transform=ax.get_yaxis_transform(), lw=3)
    conv = to_plotly(fig)
    shapes = [s for s in conv.figure["layout"]["shapes"] if s["type"] == "path"]
    assert [(s["xref"], s["yref"]) for s in shapes] == [("x", "y domain"), ("x domain", "y")]
    assert shapes[0]["path"] == "".join(f"M{x:g},{y0:g}L{x:g},{y1:g}"
                                        for (x, y0), (_, y1) in v.get_segments())
    assert shapes[1]["path"] == "".join(f"M{x0:g},{y:g}L{x1:g},{y:g}"
                                        for (x0, y), (x1, _) in h.get_segments())
    assert shapes[0]["line"]["color"] == "rgba(255,0,0,1)"
    assert shapes[1]["line"]["width"] == pytest.approx(round(3 * 100 / 72, 1))
    assert conv.report.complete


def test_pixel_segments_become_figure_shapes():
    """A LineCollection in display pixels (the TextBox cursor) sits at fixed figure
    fractions, which a Plotly figure of the same size keeps exactly."""
    from matplotlib.transforms import IdentityTransform

    fig, ax = plt.subplots()
    ax.plot([0, 1])
    ax.add_collection(LineCollection([[(64, 48), (64, 96)]], transform=IdentityTransform()))
    conv = to_plotly(fig)
    s = conv.figure["layout"]["shapes"][-1]
    assert (s["xref"], s["yref"]) == ("paper", "paper")
    w, h = fig.bbox.width, fig.bbox.height
    assert s["path"] == f"M{64 / w:.8g},{48 / h:.8g}L{64 / w:.8g},{96 / h:.8g}"
    assert conv.report.complete


def test_colormapped_fills_beyond_64_colours_are_exact():
    """tripcolor: every triangle keeps its own colormap colour (no merging below N + 3)."""
    import plotly.graph_objects as go

    rng = np.random.default_rng(0)
    fig, ax = plt.subplots()
    pc = ax.tripcolor(rng.random(60), rng.random(60), np.arange(60.0), cmap="viridis")
    fig.colorbar(pc)
    conv = to_plotly(fig)
    go.Figure(conv.figure)
    assert conv.report.complete
    colours = rgba_strings(pc.to_rgba(pc.get_array()))
    fills = [t for t in conv.figure["data"] if t.get("fill") == "toself"]
    assert len(fills) == len(set(colours)) > 64
    by_colour = {t["fillcolor"]: t for t in fills}
    for path, colour in zip(pc.get_paths(), colours):
        t = by_colour[colour]
        pts = set(zip(np.round(t["x"], 9), np.round(t["y"], 9)))
        assert set(map(tuple, np.round(path.vertices, 9))) <= pts


def rgba_strings(arr):
    return ["rgba({},{},{},{:g})".format(*(round(v * 255) for v in c[:3]), round(c[3], 3))
            for c in np.asarray(arr)]


def test_scatter_with_a_custom_marker_path_draws_each_point_in_its_colour():
    from matplotlib.transforms import Affine2D

    rng = np.random.default_rng(0)
    x, y, z = rng.random(6), rng.random(6), np.linspace(0, 1, 6)
    fig, ax = plt.subplots()
    verts = [[-1, -1], [1, -1], [1, 0.3], [-1, 1]]
    sc = ax.scatter(x, y, s=np.linspace(20, 120, 6), c=z, marker=verts, edgecolors="k")
    fig.colorbar(sc)
    conv = to_plotly(fig)
    assert conv.report.complete
    shapes = [s for s in conv.figure["layout"]["shapes"] if s.get("xsizemode") == "pixel"]
    anchors = np.array([(s["xanchor"], s["yanchor"]) for s in shapes])
    assert np.allclose(anchors, np.column_stack([x, y]))
    want = sc.to_rgba(z)
    got = [[float(v) for v in s["fillcolor"][5:-1].split(",")] for s in shapes]
    assert np.allclose(np.array(got)[:, :3], np.round(want[:, :3] * 255), atol=1)
    assert {s["line"]["color"] for s in shapes} == {"rgba(0,0,0,1)"}
    path = sc.get_paths()[0]
    for s, size in zip(shapes, np.linspace(20, 120, 6)):
        pts = np.array([[float(a) for a in p.split(",")]
                        for p in s["path"].replace("M", " ").replace("L", " ")
                        .replace("Z", " ").split()])
        expect = Affine2D().scale(np.sqrt(size) * 100 / 72).transform(path.vertices)
        assert np.allclose(pts, expect[: len(pts)], atol=0.01)
    # the colorbar survives on a carrier trace
    assert any("colorbar" in t.get("marker", {}) for t in conv.figure["data"])
    plt.close(fig)
