"""3-D axes → Plotly scenes: lines, scatter, surfaces, wireframes, bars."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figlog.converters import to_plotly

from ._outline import outline


def test_line_scatter_surface_wireframe_bars(golden):
    fig = plt.figure(figsize=(8, 6))
    ax = fig.add_subplot(projection="3d")
    t = np.linspace(0, 1, 5)
    ax.plot(t, t**2, t**3, label="curve")
    ax.scatter([0, 1], [1, 0], [0.5, 0.5], c="r")
    x, y = np.meshgrid(np.linspace(0, 1, 4), np.linspace(0, 1, 3))
    ax.plot_surface(x, y, x * y, cmap="viridis")
    ax.plot_wireframe(x, y, x + y, color="k")
    ax.bar3d([0], [0], [0], 0.2, 0.2, 0.5)
    ax.set(xlabel="X", ylabel="Y", zlabel="Z")
    conv = to_plotly(fig)
    data = conv.figure["data"]
    (line,) = [d for d in data if d.get("name") == "curve" and not d.get("showlegend")]
    assert line["type"] == "scatter3d" and line["z"] == pytest.approx((t**3).tolist())
    (points,) = [d for d in data if d.get("mode") == "markers" and not d.get("showlegend")]
    assert points["x"] == [0.0, 1.0] and points["z"] == [0.5, 0.5]
    assert sorted(outline(fig)) == sorted(["axes 0 3d", "line 5pts 3d", "markers 2pts 3d",
                                           "mesh 12tri", "line 30pts 3d", "mesh 12tri"])
    scene = conv.figure["layout"]["scene"]
    assert scene["zaxis"]["title"]["text"] == "Z"
    assert scene["xaxis"]["range"] == pytest.approx(list(ax.get_xlim()))
    golden.check("mplot3d", conv.figure)


def test_text_in_3d_is_a_scene_annotation_at_its_point():
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    ax.plot([0, 2], [0, 4], [0, 6])
    ax.text(1.0, 2.0, 3.0, "mid", color="red", ha="center", va="center")
    ax.text2D(0.05, 0.95, "flat", transform=ax.transAxes)
    conv = to_plotly(fig)
    (note,) = conv.figure["layout"]["scene"]["annotations"]
    assert (note["text"], note["x"], note["y"], note["z"]) == ("mid", 1.0, 2.0, 3.0)
    assert (note["xanchor"], note["yanchor"], note["font"]["color"]) == (
        "center", "middle", "rgba(255,0,0,1)")
    assert [a["text"] for a in conv.figure["layout"]["annotations"]] == ["flat"]
    assert conv.report.complete
    ax.text(2.0, 0.0, 0.0, "along x", "x")  # zdir turns the text: reported, still shown
    conv = to_plotly(fig)
    assert len(conv.figure["layout"]["scene"]["annotations"]) == 2
    assert [e.reason for e in conv.report.approximated] == [
        "text along a 3-D direction (zdir) drawn screen-aligned"]
    plt.close(fig)
