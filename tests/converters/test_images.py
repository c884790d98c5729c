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
