"""Patches (spans, polygons, pie wedges), box plots and violin plots."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Circle, Polygon

from figlog.converters import to_plotly

from ._outline import outline


def test_axhspan_is_an_axes_relative_shape():
    fig, ax = plt.subplots()
    ax.plot([0, 10], [0, 10])
    ax.axhspan(2, 4, color="g", alpha=0.2)
    shapes = [s for s in to_plotly(fig).figure["layout"]["shapes"] if s["type"] == "path"]
    (s,) = shapes
    assert (s["xref"], s["yref"]) == ("x domain", "y")
    assert s["path"] == "M0,2L1,2L1,4L0,4L0,2Z" and s["fillcolor"] == "rgba(0,128,0,0.2)"


def test_polygon_and_circle_in_data_coordinates():
    fig, ax = plt.subplots()
    ax.add_patch(Polygon([[0, 0], [2, 0], [1, 3]], closed=True, color="C0", label="tri"))
    ax.add_patch(Circle((5, 5), 1, fill=False, edgecolor="r"))
    ax.set(xlim=(0, 7), ylim=(0, 7))
    data = to_plotly(fig).figure["data"]
    tri = data[0]
    assert tri["fill"] == "toself" and tri["name"] == "tri"
    assert {(round(x, 9), round(y, 9)) for x, y in zip(tri["x"], tri["y"])} == {
        (0, 0), (2, 0), (1, 3)}
    circ = data[1]
    r = np.hypot(np.array(circ["x"]) - 5, np.array(circ["y"]) - 5)
    assert r == pytest.approx(np.ones_like(r), abs=0.01)
    assert "fill" not in circ


def test_pie_is_a_native_pie_trace(golden):
    fig, ax = plt.subplots()
    wedges, *_ = ax.pie([1, 2, 3], labels=["a", "b", "c"], autopct="%1.0f%%", startangle=90,
                        explode=[0, 0.1, 0])
    conv = to_plotly(fig)
    assert conv.report.complete
    (pie,) = conv.figure["data"]
    assert pie["type"] == "pie" and pie["labels"] == ["a", "b", "c"]
    assert pie["values"] == pytest.approx([60.0, 120.0, 180.0])  # degrees of each wedge
    # Plotly puts the first slice on the clockwise-from-12-o'clock angles [rotation,
    # rotation + size] (in either direction; seen in Chromium); startangle=90 turning
    # counter-clockwise puts "a" on 12 o'clock back to 10 o'clock: [-60, 0]
    assert pie["rotation"] == pytest.approx(300.0)
    assert pie["direction"] == "counterclockwise"
    assert pie["pull"] == pytest.approx([0.0, 0.1, 0.0])
    assert pie["marker"]["colors"] == [
        "rgba({},{},{},1)".format(*(round(c * 255) for c in w.get_facecolor()[:3]))
        for w in wedges]
    texts = [a["text"] for a in conv.figure["layout"]["annotations"]]
    assert texts == ["a", "b", "c", "17%", "33%", "50%"]
    assert [e.became for e in conv.report.entries if e.kind == "Wedge"] == ["pie slice"] * 3
    golden.check("pie", conv.figure)


@pytest.mark.parametrize("vertical", [True, False])
def test_boxplot_becomes_native_box_with_matplotlibs_statistics(vertical):
    rng = np.random.default_rng(0)
    data = [rng.normal(size=50), rng.normal(3, 2, size=80)]
    fig, ax = plt.subplots()
    parts = ax.boxplot(data, orientation="vertical" if vertical else "horizontal")
    conv = to_plotly(fig)
    assert conv.report.complete
    boxes = [t for t in conv.figure["data"] if t["type"] == "box"]
    assert len(boxes) == 2
    stats = __import__("matplotlib.cbook", fromlist=["boxplot_stats"]).boxplot_stats(data)
    for box, st in zip(boxes, stats):
        assert box["orientation"] == ("v" if vertical else "h")
        assert box["q1"] == pytest.approx([st["q1"]]) and box["q3"] == pytest.approx([st["q3"]])
        assert box["median"] == pytest.approx([st["med"]])
        assert box["lowerfence"] == pytest.approx([st["whislo"]])
        assert box["upperfence"] == pytest.approx([st["whishi"]])
    # medians and fliers stay matplotlib's own artists on top (their colours, markers)
    lines = [t for t in conv.figure["data"] if t["type"] == "scatter"]
    assert len(lines) == 2 + sum(1 for f in parts["fliers"] if len(f.get_xdata()))
    became = {e.became for e in conv.report.entries if e.kind == "Line2D"}
    assert "box trace" in became and became <= {"box trace", "trace", ""}  # "": no fliers
    assert len(parts["medians"]) == 2


def test_violin_bodies_are_filled():
    fig, ax = plt.subplots()
    ax.violinplot([np.arange(20.0), np.arange(20.0) ** 0.5])
    assert outline(fig) == ["axes 0 xy", "fill 203pts", "fill 203pts", "line 5pts",
                            "line 5pts", "line 5pts"]


def test_hatches_become_fill_patterns():
    fig, ax = plt.subplots()
    ax.add_patch(Circle((0.5, 0.5), 0.2, hatch="//", fill=False))
    ax.fill_between([0, 1], [0, 1], 0, hatch="x", color="C1")
    ax.bar([0.2], [0.3], hatch="..", width=0.1)
    conv = to_plotly(fig)
    assert conv.report.complete
    data = conv.figure["data"]
    assert data[0]["fillpattern"]["shape"] == "/"
    assert data[0]["fillpattern"]["size"] == pytest.approx(100 / 12, abs=0.01)  # "//": 12/inch
    assert data[1]["fillpattern"]["shape"] == "x"
    assert data[2]["marker"]["pattern"]["shape"] == "."


@pytest.mark.parametrize(("startangle", "counterclock"), [(0, True), (90, False), (30, True),
                                                          (200, False)])
def test_pie_start_and_direction(startangle, counterclock):
    fig, ax = plt.subplots()
    wedges, _ = ax.pie([1, 2, 3, 4], startangle=startangle, counterclock=counterclock)
    (pie,) = to_plotly(fig).figure["data"]
    assert pie["direction"] == ("counterclockwise" if counterclock else "clockwise")
    # slice 0 covers matplotlib angles [theta1, theta2] (counter-clockwise from 3 o'clock),
    # i.e. Plotly's clockwise-from-12 angles [90 - theta2, 90 - theta1]
    first = wedges[0]
    assert pie["rotation"] == pytest.approx((90 - first.theta2) % 360)
    assert (pie["rotation"] + pie["values"][0]) % 360 == pytest.approx((90 - first.theta1) % 360)
    plt.close(fig)
