"""Bars and histograms (BarContainer) and error bars (ErrorbarContainer)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figlog.converters import to_plotly

from ._outline import outline


def test_vertical_bars_match_rectangles(golden):
    fig, ax = plt.subplots()
    bars = ax.bar([1, 2, 3], [4, -1, 2], width=0.5, color="C2", edgecolor="k", label="b")
    conv = to_plotly(fig)
    t = conv.figure["data"][0]
    assert t["type"] == "bar" and t["orientation"] == "v"
    assert t["x"] == pytest.approx([r.get_x() + r.get_width() / 2 for r in bars])
    assert t["y"] == pytest.approx([r.get_height() for r in bars])
    assert t["base"] == pytest.approx([r.get_y() for r in bars])
    assert t["width"] == pytest.approx([0.5] * 3)
    assert t["name"] == "b"
    golden.check("bars_vertical", conv.figure)


def test_stacked_and_grouped_bars_keep_base_and_offsets():
    fig, ax = plt.subplots()
    x = np.arange(3)
    ax.bar(x - 0.2, [1, 2, 3], 0.4)
    ax.bar(x + 0.2, [2, 2, 2], 0.4)
    ax.bar(x + 0.2, [1, 1, 1], 0.4, bottom=[2, 2, 2])
    data = to_plotly(fig).figure["data"]
    assert [t["x"] for t in data] == [pytest.approx([-0.2, 0.8, 1.8]),
                                      pytest.approx([0.2, 1.2, 2.2]),
                                      pytest.approx([0.2, 1.2, 2.2])]
    assert data[2]["base"] == [2.0, 2.0, 2.0]
    assert to_plotly(fig).figure["layout"]["barmode"] == "overlay"


def test_horizontal_categorical_bars():
    fig, ax = plt.subplots()
    ax.barh(["a", "b", "c"], [3, 1, 2])
    conv = to_plotly(fig)
    t = conv.figure["data"][0]
    assert t["orientation"] == "h"
    assert t["x"] == [3.0, 1.0, 2.0] and t["y"] == [0.0, 1.0, 2.0]
    yaxis = conv.figure["layout"]["yaxis"]
    assert (yaxis["tickvals"], yaxis["ticktext"]) == ([0.0, 1.0, 2.0], ["a", "b", "c"])


@pytest.mark.parametrize("histtype", ["bar", "step", "stepfilled"])
def test_histogram_counts(histtype):
    rng = np.random.default_rng(1)
    fig, ax = plt.subplots()
    n, edges, _ = ax.hist(rng.normal(size=200), bins=8, histtype=histtype)
    t = to_plotly(fig).figure["data"][0]
    if histtype == "bar":
        assert t["y"] == pytest.approx(n.tolist())
        assert t["x"] == pytest.approx(((edges[:-1] + edges[1:]) / 2).tolist())
    else:
        # the outline visits every bin top: (edge, count) pairs
        pts = set(zip(np.round(t["x"], 9), np.round(t["y"], 9)))
        for e, c in zip(edges[:-1], n):
            assert (round(e, 9), round(c, 9)) in pts
        assert (t.get("fill") == "toself") == (histtype == "stepfilled")


def test_stacked_horizontal_hist():
    fig, ax = plt.subplots()
    ax.hist([[1, 2, 2, 3], [2, 3, 3]], bins=3, stacked=True, orientation="horizontal")
    data = to_plotly(fig).figure["data"]
    assert [t["orientation"] for t in data] == ["h", "h"]
    assert data[1]["base"] == pytest.approx(data[0]["x"])


def test_errorbars_are_error_arrays(golden):
    fig, ax = plt.subplots()
    x = np.arange(5.0)
    y = x**2
    ax.errorbar(x, y, yerr=[x * 0.1, x * 0.2], xerr=0.25, capsize=4, fmt="o-", label="e")
    conv = to_plotly(fig)
    t = conv.figure["data"][0]
    assert t["x"] == x.tolist() and t["y"] == y.tolist()
    assert t["error_y"]["array"] == pytest.approx((x * 0.2).tolist())
    assert t["error_y"]["arrayminus"] == pytest.approx((x * 0.1).tolist())
    assert t["error_x"]["array"] == pytest.approx([0.25] * 5)
    assert t["error_y"]["width"] == pytest.approx(4 * 100 / 72, rel=1e-3)
    assert outline(fig) == ["axes 0 xy", "line 5pts"]
    assert conv.report.complete
    golden.check("errorbars", conv.figure)


def test_errorbar_every_and_no_line():
    fig, ax = plt.subplots()
    ax.errorbar(range(6), range(6), yerr=1, errorevery=2, fmt="none")
    t = to_plotly(fig).figure["data"][0]
    # fmt="none" leaves no data line: the trace sits at the bar centres, markers hidden
    assert t["x"] == [0.0, 2.0, 4.0]
    assert t["error_y"]["array"] == [1.0, 1.0, 1.0]
    assert t["marker"]["size"] == 0


def test_step_histogram_has_no_closing_edge():
    fig, ax = plt.subplots()
    _, _, (poly,) = ax.hist([1, 2, 2, 3], bins=3, histtype="step")
    t = to_plotly(fig).figure["data"][0]
    xy = poly.get_xy()
    assert (t["x"], t["y"]) == (pytest.approx(xy[:, 0].tolist()), pytest.approx(xy[:, 1].tolist()))


def test_errorbar_limit_arrows_are_drawn_as_matplotlib_draws_its_caplines():
    """uplims/lolims: the bars lose Plotly's caps, and every capline (plain caps and
    caret arrows) is drawn as itself, on its own points."""
    x = np.arange(4.0)
    fig, ax = plt.subplots()
    container = ax.errorbar(x, x, yerr=0.5, uplims=[True, False, True, False],
                            capsize=4, color="tab:red", label="limits")
    ax.legend()
    conv = to_plotly(fig)
    assert conv.report.complete
    (data,) = [t for t in conv.figure["data"] if t.get("error_y")]
    assert data["error_y"]["width"] == 0
    carets = [s for s in conv.figure["layout"]["shapes"] if s.get("xsizemode") == "pixel"]
    want = []
    for cap in container.lines[1]:
        if str(cap.get_marker()) not in ("_", "|"):
            want += [tuple(p) for p in np.asarray(cap.get_xydata(), float)]
    assert sorted((s["xanchor"], s["yanchor"]) for s in carets) == sorted(want)
    assert {s["fillcolor"] for s in carets} == {"rgba(214,39,40,1)"}
    plain = [t for t in conv.figure["data"]
             if str(t.get("marker", {}).get("symbol", "")).startswith("line-ew")]
    assert plain, "the plain caps of the other points are drawn as their own markers"
    # the legend shows a line in the errorbar's colour, not a marker
    entry = [t for t in conv.figure["data"] if t.get("showlegend") and t.get("name") == "limits"]
    assert entry and entry[0]["line"]["color"] == "rgba(214,39,40,1)"
    plt.close(fig)
