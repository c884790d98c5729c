"""imshow/matshow/pcolormesh → heatmap or image traces, with colormaps and colorbars."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import LogNorm

from figlog.converters import to_plotly


def test_imshow_scalar_is_heatmap_with_raw_values(golden):
    fig, ax = plt.subplots()
    data = np.arange(12.0).reshape(3, 4)
    im = ax.imshow(data, cmap="magma", vmin=0, vmax=20)
    fig.colorbar(im, ax=ax)
    conv = to_plotly(fig)
    t = conv.figure["data"][0]
    assert t["type"] == "heatmap"
    assert t["z"] == data.tolist()
    assert t["x"] == [0.0, 1.0, 2.0, 3.0] and t["y"] == [0.0, 1.0, 2.0]
    assert (t["zmin"], t["zmax"]) == (0, 20)
    assert t["showscale"] and t["colorbar"]["tickvals"] == [0.0, 2.5, 5.0, 7.5, 10.0, 12.5,
                                                            15.0, 17.5, 20.0]
    # origin="upper": the y axis runs downwards, as in matplotlib
    assert conv.figure["layout"]["yaxis"]["range"] == [2.5, -0.5]
    assert conv.report.complete
    golden.check("imshow_heatmap", conv.figure)


def test_imshow_extent_and_origin_lower():
    fig, ax = plt.subplots()
    ax.imshow(np.arange(6.0).reshape(2, 3), origin="lower", extent=(0, 3, 10, 20))
    t = to_plotly(fig).figure["data"][0]
    assert t["x"] == [0.5, 1.5, 2.5]
    assert t["y"] == [12.5, 17.5]
    assert t["z"][0] == [0.0, 1.0, 2.0]


def test_lognorm_heatmap_is_normalised_with_raw_customdata():
    fig, ax = plt.subplots()
    data = np.array([[1.0, 10.0], [100.0, 1000.0]])
    im = ax.imshow(data, norm=LogNorm(1, 1000))
    fig.colorbar(im)
    t = to_plotly(fig).figure["data"][0]
    assert [pytest.approx(r) for r in t["z"]] == [[0.0, 1 / 3], [2 / 3, 1.0]]
    assert t["customdata"] == data.tolist()
    assert t["colorbar"]["tickvals"] == pytest.approx([0.0, 1 / 3, 2 / 3, 1.0])


def test_rgb_image_is_image_trace():
    fig, ax = plt.subplots()
    rgb = np.zeros((4, 5, 3))
    rgb[..., 0] = 1
    ax.imshow(rgb)
    t = to_plotly(fig).figure["data"][0]
    assert t["type"] == "image"
    assert t["source"].startswith("data:image/png;base64,")
    assert (t["x0"], t["dx"]) == (0.0, 1.0)


def test_matshow_and_pcolormesh_edges():
    fig, (a, b) = plt.subplots(1, 2)
    a.matshow(np.eye(3))
    xe, ye = np.array([0, 1, 3, 6.0]), np.array([0, 2, 3.0])
    b.pcolormesh(xe, ye, np.arange(6.0).reshape(2, 3))
    data = to_plotly(fig).figure["data"]
    assert data[0]["z"] == np.eye(3).tolist()
    assert data[1]["type"] == "heatmap"
    assert data[1]["x"] == xe.tolist() and data[1]["y"] == ye.tolist()
    assert data[1]["z"] == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]


@pytest.mark.parametrize("kw", [{}, {"extend": "both"}, {"extend": "min", "extendfrac": 0.2,
                                                          "shrink": 0.6},
                                {"extend": "max", "orientation": "horizontal"}])
def test_colorbar_geometry_is_the_drawn_one_before_any_draw(kw):
    """A colorbar's axes is shrunk (box aspect, extend triangles) only at draw time; the
    converter must place the bar where matplotlib draws it even if nothing drew yet."""
    fig, ax = plt.subplots()
    im = ax.imshow(np.arange(25.0).reshape(5, 5))
    cb = fig.colorbar(im, **kw)
    before = to_plotly(fig).figure
    fig.canvas.draw()
    x0, y0, x1, y1 = cb.ax.get_position().extents  # figure fractions, as drawn
    bar = before["data"][0]["colorbar"]
    w_px, h_px = fig.bbox.width / fig.dpi * 100, fig.bbox.height / fig.dpi * 100
    if cb.orientation == "vertical":
        assert bar["x"] == pytest.approx(x0, abs=1e-6)
        assert bar["len"] == pytest.approx(y1 - y0, abs=1e-6)
        assert bar["thickness"] == pytest.approx((x1 - x0) * w_px, abs=0.01)
    else:
        assert bar["y"] == pytest.approx(y0, abs=1e-6)
        assert bar["len"] == pytest.approx(x1 - x0, abs=1e-6)
        assert bar["thickness"] == pytest.approx((y1 - y0) * h_px, abs=0.01)
    assert to_plotly(fig).figure == before  # drawing changed nothing in the conversion
    plt.close(fig)


def test_colorbar_extend_triangles_in_under_and_over_colours():
    cmap = plt.get_cmap("viridis").with_extremes(under="red", over="blue")
    fig, ax = plt.subplots()
    im = ax.imshow(np.arange(25.0).reshape(5, 5), cmap=cmap, vmin=5, vmax=20)
    fig.colorbar(im, extend="both")
    conv = to_plotly(fig)
    tri = [s for s in conv.figure["layout"]["shapes"] if s["xref"] == "paper"]
    assert [s["fillcolor"] for s in tri] == ["rgba(255,0,0,1)", "rgba(0,0,255,1)"]
    fig.canvas.draw()
    x0, y0, x1, y1 = fig.axes[1].get_position().extents
    for s, (tip, base) in zip(tri, [(y0 - 0.05 * (y1 - y0), y0), (y1 + 0.05 * (y1 - y0), y1)]):
        pts = [tuple(map(float, p.split(","))) for p in s["path"][1:-1].split("L")]
        assert sorted(p[0] for p in pts) == pytest.approx([x0, (x0 + x1) / 2, x1], abs=1e-5)
        assert sorted(p[1] for p in pts) == pytest.approx(sorted([base, base, tip]), abs=1e-5)
    assert conv.report.complete
    plt.close(fig)


def _validate(conv):
    import plotly.graph_objects as go

    go.Figure(conv.figure)


@pytest.mark.parametrize("func", ["pcolormesh", "pcolor"])
def test_mgrid_mesh_is_a_heatmap_of_the_transposed_values(func):
    """np.mgrid puts x down the rows: still a rectilinear grid, drawn as an exact heatmap."""
    X, Y = np.mgrid[-3:3:complex(0, 7), -2:2:complex(0, 5)]
    Z = np.ma.masked_greater(X * Y, 3.5)
    fig, ax = plt.subplots()
    mesh = getattr(ax, func)(X, Y, Z, shading="nearest", cmap="PuBu_r")
    fig.colorbar(mesh)
    conv = to_plotly(fig)
    _validate(conv)
    assert conv.report.complete
    t = conv.figure["data"][0]
    assert t["type"] == "heatmap"
    coords = mesh.get_coordinates()
    assert t["x"] == pytest.approx(coords[:, 0, 0].tolist())
    assert t["y"] == pytest.approx(coords[0, :, 1].tolist())
    want = np.ma.asarray(mesh.get_array()).reshape(7, 5).T
    assert t["z"] == [[None if m else v for v, m in zip(r, rm)]
                      for r, rm in zip(want.data.tolist(), np.ma.getmaskarray(want).tolist())]
    assert (t["zmin"], t["zmax"]) == (mesh.norm.vmin, mesh.norm.vmax)


def test_curvilinear_mesh_cells_are_exact_and_complete():
    x, y = np.meshgrid(np.arange(5.0), np.arange(4.0))
    X, Y = x + 0.2 * y, y + 0.1 * x**2
    Z = (x + y)[:-1, :-1]
    cmap = plt.get_cmap("viridis").resampled(300)
    fig, ax = plt.subplots()
    mesh = ax.pcolormesh(X, Y, Z, cmap=cmap)
    conv = to_plotly(fig)
    _validate(conv)
    assert conv.report.complete, [e.reason for e in conv.report.entries]
    fills = {t["fillcolor"]: t for t in conv.figure["data"] if t.get("fill") == "toself"}
    colours = ["rgba({},{},{},{:g})".format(*(round(v * 255) for v in c[:3]), c[3])
               for c in mesh.to_rgba(Z.ravel())]
    assert set(fills) == set(colours)
    for (i, j), c in zip(np.ndindex(3, 4), colours):
        corners = {(round(X[a, b], 9), round(Y[a, b], 9))
                   for a, b in ((i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j))}
        assert corners <= set(zip(np.round(fills[c]["x"], 9), np.round(fills[c]["y"], 9)))


def test_mesh_with_edges_or_extreme_colours_is_drawn_as_cells():
    fig, (a, b) = plt.subplots(1, 2)
    a.pcolormesh(np.arange(6.0).reshape(2, 3), edgecolors="k", linewidth=2)
    cmap = plt.get_cmap("viridis").with_extremes(under="red")
    b.pcolormesh(np.arange(6.0).reshape(2, 3), cmap=cmap, vmin=2, vmax=5)
    conv = to_plotly(fig)
    _validate(conv)
    assert not any(t["type"] == "heatmap" for t in conv.figure["data"])
    assert "rgba(255,0,0,1)" in {t.get("fillcolor") for t in conv.figure["data"]}
    assert conv.report.complete


@pytest.mark.parametrize("curvilinear", [False, True])
def test_gouraud_mesh_is_drawn_and_reported(curvilinear):
    """Gouraud shading (values at the nodes) used to fail to convert; it is drawn as flat
    pieces whose colours follow matplotlib's blend, and reported as approximated."""
    x, y = np.meshgrid(np.arange(4.0), np.arange(3.0))
    X = x + (0.3 * y if curvilinear else 0)
    Z = np.ma.masked_array(x * y, mask=np.zeros_like(x, bool))
    Z.mask[2, 3] = True  # the cell touching this node is not drawn
    fig, ax = plt.subplots()
    mesh = ax.pcolormesh(X, y, Z, shading="gouraud", vmin=0, vmax=6)
    conv = to_plotly(fig)
    _validate(conv)
    (entry,) = [e for e in conv.report.entries if e.kind == "QuadMesh"]
    assert entry.status == "approximated" and "Gouraud" in entry.reason
    fills = [t for t in conv.figure["data"] if t.get("fill") == "toself"]
    xs = np.array([v for t in fills for v in t["x"] if v is not None])
    ys = np.array([v for t in fills for v in t["y"] if v is not None])
    assert xs.min() == pytest.approx(X.min()) and xs.max() == pytest.approx(X[:2].max())
    assert ys.min() == pytest.approx(0) and ys.max() == pytest.approx(2)
    # the darkest and brightest pieces sit near the lowest and highest nodes
    lum = {t["fillcolor"]: sum(map(int, t["fillcolor"][5:-1].split(",")[:3])) for t in fills}
    dark = min(fills, key=lambda t: lum[t["fillcolor"]])
    bright = max(fills, key=lambda t: lum[t["fillcolor"]])
    def mid(t):
        return np.mean([v for v in t["y"] if v is not None])

    assert mid(dark) < 0.5 and mid(bright) > 1.2
    # pieces are separated by gaps (no zero-area bridges for antialiasing to show)
    assert all(None in t["x"] or len(t["x"]) == 3 for t in fills)
