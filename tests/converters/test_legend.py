"""Legends: entries and their order, labels, grouping with data, location."""

from __future__ import annotations

import matplotlib.pyplot as plt

from figlog.converters import to_plotly


def test_legend_entries_order_and_groups(golden):
    fig, ax = plt.subplots()
    ax.plot([0, 1], label="first")
    ax.scatter([0, 1], [1, 0], label="second")
    ax.bar([0, 1], [0.5, 0.5], label="third", alpha=0.3)
    ax.plot([0, 1], [0.2, 0.2], label="_hidden")
    ax.legend(loc="lower left", title="runs")
    conv = to_plotly(fig)
    data = conv.figure["data"]
    entries = [t for t in data if t.get("showlegend")]
    assert [t["name"] for t in entries] == ["first", "second", "third"]
    assert [t["legendrank"] for t in entries] == [0, 1, 2]
    groups = {t["name"]: t.get("legendgroup") for t in data if not t.get("showlegend")}
    assert groups["first"] == "legend:first" and groups["third"] == "legend:third"
    lay = conv.figure["layout"]["legend"]
    assert (lay["xanchor"], lay["yanchor"]) == ("left", "bottom")
    assert lay["title"]["text"] == "runs"
    pos = ax.get_position()
    assert abs(lay["x"] - pos.x0) < 0.05 and abs(lay["y"] - pos.y0) < 0.05
    golden.check("legend_basic", conv.figure)


def test_explicit_handles_and_figure_legend():
    fig, (a, b) = plt.subplots(1, 2)
    (l1,) = a.plot([0, 1])
    (l2,) = b.plot([1, 0], "r--")
    fig.legend([l1, l2], ["left line", "right line"], loc="upper center")
    conv = to_plotly(fig)
    entries = [t for t in conv.figure["data"] if t.get("showlegend")]
    assert [t["name"] for t in entries] == ["left line", "right line"]
    assert entries[1]["line"]["dash"] == "dash"
    assert conv.figure["layout"]["legend"]["xanchor"] == "center"


def test_two_legends_in_one_axes():
    fig, ax = plt.subplots()
    (a,) = ax.plot([0, 1], label="a")
    (b,) = ax.plot([1, 0], label="b")
    first = ax.legend(handles=[a], loc="upper left")
    ax.add_artist(first)
    ax.legend(handles=[b], loc="lower right")
    conv = to_plotly(fig)
    assert conv.report.complete
    names = {t["name"]: t.get("legend") for t in conv.figure["data"] if t.get("showlegend")}
    assert names == {"a": "legend", "b": "legend2"}
    lay = conv.figure["layout"]
    assert (lay["legend"]["xanchor"], lay["legend2"]["xanchor"]) == ("left", "right")


def test_best_location_uses_the_autoscaled_view_before_any_draw():
    """loc="best" must look at the data where the axes will show it: until its limits are
    read, an autoscaled axes' transform still holds the initial (0, 1) view."""
    import numpy as np

    x = np.linspace(0, 2 * np.pi, 100)
    fig, ax = plt.subplots()
    ax.plot(x, np.sin(x), label="sin")
    ax.plot(x, np.cos(x), "--", label="cos")
    ax.legend()
    leg = to_plotly(fig).figure["layout"]["legend"]
    assert (leg["xanchor"], leg["yanchor"]) == ("left", "bottom")  # matplotlib: lower left
    plt.close(fig)
