"""Line2D → scatter traces: data, colour, width, dash, markers, steps; axhline → shapes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
import pytest
from matplotlib import colors as mcolors

from figlog.converters import to_plotly

from ._outline import outline


def _rgba(c, alpha=None) -> str:
    r, g, b, a = mcolors.to_rgba(c, alpha)
    return f"rgba({round(r * 255)},{round(g * 255)},{round(b * 255)},{a:g})"


def test_line_data_and_style_match_the_artist(golden):
    fig, ax = plt.subplots()
    x = np.linspace(0, 2, 21)
    (line,) = ax.plot(x, x**2, color="tab:red", linewidth=3, linestyle="--", marker="s",
                      markersize=7, markerfacecolor="white", markeredgecolor="k", label="sq")
    conv = to_plotly(fig)
    (trace,) = conv.figure["data"][:1]
    assert trace["type"] == "scatter" and trace["mode"] == "lines+markers"
    assert trace["x"] == pytest.approx(line.get_xdata().tolist())
    assert trace["y"] == pytest.approx(line.get_ydata().tolist())
    assert trace["line"] == {"color": _rgba("tab:red"), "width": pytest.approx(3 * 100 / 72, 1e-3),
                             "dash": "dash"}
    assert trace["marker"]["symbol"] == "square"
    assert trace["marker"]["size"] == pytest.approx(7 * 100 / 72)
    assert trace["marker"]["color"] == _rgba("white")
    assert trace["marker"]["line"]["color"] == _rgba("k")
    assert trace["name"] == "sq"
    assert conv.report.complete
    go.Figure(conv.figure)
    golden.check("lines_basic", conv.figure)


@pytest.mark.parametrize(("ls", "dash"), [("-", "solid"), ("--", "dash"), (":", "dot"),
                                         ("-.", "dashdot")])
def test_dashes(ls, dash):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], linestyle=ls)
    assert to_plotly(fig).figure["data"][0]["line"]["dash"] == dash


@pytest.mark.parametrize(("where", "shape"), [("pre", "vh"), ("post", "hv"), ("mid", "hvh")])
def test_step_drawstyles(where, shape):
    fig, ax = plt.subplots()
    ax.step([1, 2, 3], [1, 3, 2], where=where)
    assert to_plotly(fig).figure["data"][0]["line"]["shape"] == shape


@pytest.mark.parametrize(("marker", "symbol"), [("o", "circle"), ("^", "triangle-up"),
                                               ("D", "diamond"), ("*", "star"),
                                               ("+", "cross-thin-open"), ("x", "x-thin-open")])
def test_marker_symbols(marker, symbol):
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1, 2], marker=marker, linestyle="none")
    trace = to_plotly(fig).figure["data"][0]
    assert trace["mode"] == "markers"
    assert trace["marker"]["symbol"] == symbol


def test_alpha_and_markevery():
    fig, ax = plt.subplots()
    ax.plot(range(10), color="b", alpha=0.5, marker="o", markevery=3)
    t = to_plotly(fig).figure["data"][0]
    assert t["line"]["color"] == "rgba(0,0,255,0.5)"
    sizes = t["marker"]["size"]
    assert [s > 0 for s in sizes] == [i % 3 == 0 for i in range(10)]


def test_nan_becomes_gap():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [1, np.nan, 3])
    assert to_plotly(fig).figure["data"][0]["y"] == [1.0, None, 3.0]


def test_axhline_axvline_are_shapes_in_axes_domain():
    fig, ax = plt.subplots()
    ax.plot([0, 10], [0, 10])
    ax.axhline(4, color="k")
    ax.axvline(2, color="r", linestyle=":")
    shapes = to_plotly(fig).figure["layout"]["shapes"]
    paths = [(s["xref"], s["yref"], s["path"]) for s in shapes if s["type"] == "path"]
    assert paths == [("x domain", "y", "M0,4L1,4"), ("x", "y domain", "M2,0L2,1")]


def test_outline_whole_list():
    fig, ax = plt.subplots()
    ax.plot(range(20))
    ax.set_title("t")
    ax.text(1, 1, "hi")
    assert outline(fig) == ["axes 0 xy", "line 20pts", "text data hi", "title t"]


@pytest.mark.parametrize("every", [10, (30, 8), [16, 24, 32], slice(100, 200, 3), 0.1,
                                   (0.2, 0.4), (0.0, 0.05)])
@pytest.mark.parametrize("scale", ["linear", "log"])
def test_markevery_picks_the_points_matplotlib_marks(every, scale):
    """Integer, slice, index and float (fraction of the axes diagonal, on screen)
    ``markevery``: the markers sit on exactly the points matplotlib draws them on."""
    x = np.linspace(0.11, 9.89, 200)
    y = np.sin(x) + 1.11
    fig, ax = plt.subplots()
    (line,) = ax.plot(x, y, "o-", ms=4, markevery=every)
    ax.set_xscale(scale)
    conv = to_plotly(fig)
    sizes = np.asarray(conv.figure["data"][0]["marker"]["size"])
    got = np.flatnonzero(sizes > 0)
    # matplotlib's own choice, read off an SVG rendering: one <use> per marker
    import io
    import re

    line.set_gid("probe")  # the SVG wraps the line's drawing in <g id="probe">
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    block = buf.getvalue().split('<g id="probe">', 1)[1].split("</g>", 1)[0]
    marks = re.findall(r'<use xlink:href="#m[0-9a-f]+" x="([-0-9.]+)" y="([-0-9.]+)"', block)
    shown = np.array([[float(a), float(b)] for a, b in marks])
    disp = line.get_transform().transform(np.column_stack([x, y])[got])
    h = fig.bbox.height * 72 / fig.dpi  # SVG is in points, y down
    assert len(shown) == len(got)
    assert np.allclose(disp * 72 / fig.dpi, np.column_stack([shown[:, 0], h - shown[:, 1]]),
                       atol=0.01)
    assert conv.report.complete
    plt.close(fig)


def _pixel_points(path: str) -> np.ndarray:
    import re

    return np.array([[float(a), float(b)] for a, b in
                     re.findall(r"(-?[0-9.]+),(-?[0-9.]+)", path)])


@pytest.mark.parametrize("marker", [r"$f$", 10, [[-1, -1], [1, -1], [1, 0.3], [-1, 1]]])
def test_markers_without_a_plotly_symbol_become_pixel_shapes_on_their_points(marker):
    from matplotlib.markers import MarkerStyle
    from matplotlib.transforms import Affine2D

    fig, ax = plt.subplots()
    ax.plot([1, 2, 10], [1, 4, 2], marker=marker, ms=16, color="tab:green",
            markevery=[0, 2])
    ax.set_xscale("log")
    conv = to_plotly(fig)
    assert conv.report.complete
    shapes = [s for s in conv.figure["layout"]["shapes"] if s.get("xsizemode") == "pixel"]
    # one shape per marked point, anchored on it in data units (shapes take raw values
    # on log axes), in the marker's colours
    assert [(s["xanchor"], s["yanchor"]) for s in shapes] == [(1.0, 1.0), (10.0, 2.0)]
    assert {s["fillcolor"] for s in shapes} == {"rgba(44,160,44,1)"}
    style = MarkerStyle(marker)
    want = style.get_transform() + Affine2D().scale(16 * 100 / 72)
    expect = want.transform(style.get_path().vertices)
    got = _pixel_points(shapes[0]["path"])
    # every vertex of the marker's path (the CLOSEPOLY vertex is the SVG "Z")
    codes = style.get_path().codes
    drawn = expect if codes is None else expect[codes != 79]
    assert np.allclose(got, drawn, atol=0.002)
    trace = conv.figure["data"][0]
    assert trace["marker"]["color"] == "rgba(0,0,0,0)"  # invisible, kept for hover
    plt.close(fig)


def test_half_filled_markers_are_two_shapes_in_both_face_colours():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1, 2], "o", fillstyle="left", ms=12, color="k",
            markerfacecolor="red", markerfacecoloralt="blue")
    conv = to_plotly(fig)
    assert conv.report.complete
    shapes = [s for s in conv.figure["layout"]["shapes"] if s.get("xsizemode") == "pixel"]
    assert [s["fillcolor"] for s in shapes] == ["rgba(255,0,0,1)", "rgba(0,0,255,1)"] * 2
    left = _pixel_points(shapes[0]["path"])
    assert left[:, 0].max() <= 0.01  # the face half is the left one
    plt.close(fig)
