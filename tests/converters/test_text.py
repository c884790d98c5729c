"""Text, annotations with arrows, titles, suptitles and mathtext."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from figlog.converters import to_plotly
from figlog.converters.text import plain_text


@pytest.mark.parametrize(("src", "want"), [
    ("plain & <b>", "plain &amp; &lt;b&gt;"),
    (r"$\alpha^2$ loss", "α<sup>2</sup> loss"),
    (r"$10^{-3}$", "10<sup>-3</sup>"),
    (r"$\mathdefault{10^{2}}$", "10<sup>2</sup>"),
    (r"$x_i$ and $\sigma$", "x<sub>i</sub> and σ"),
    ("two\nlines", "two<br>lines"),
])
def test_mathtext(src, want):
    assert plain_text(src) == want


def test_text_and_annotation(golden):
    fig, ax = plt.subplots()
    ax.plot([0, 10], [0, 10])
    ax.text(2, 3, "data text", fontsize=14, color="r", ha="center", va="top", rotation=30)
    ax.text(0.1, 0.9, "axes text", transform=ax.transAxes)
    ax.annotate("peak", xy=(5, 5), xytext=(7, 2), arrowprops={"arrowstyle": "->"})
    ax.annotate("offset", xy=(1, 1), xytext=(10, 20), textcoords="offset points")
    fig.text(0.5, 0.02, "figure text")
    ax.set_title("Title")
    fig.suptitle("Super")
    conv = to_plotly(fig)
    anns = {a["text"]: a for a in conv.figure["layout"]["annotations"]}
    t = anns["data text"]
    assert (t["x"], t["y"], t["xref"], t["yref"]) == (2.0, 3.0, "x", "y")
    assert (t["xanchor"], t["yanchor"], t["textangle"]) == ("center", "top", -30.0)
    assert t["font"] == {"size": pytest.approx(14 * 100 / 72, 1e-3), "color": "rgba(255,0,0,1)"}
    a = anns["axes text"]
    assert (a["x"], a["y"], a["xref"], a["yref"]) == (0.1, 0.9, "x domain", "y domain")
    p = anns["peak"]
    assert p["showarrow"] and (p["x"], p["y"]) == (5.0, 5.0)
    assert p["ax"] > 0 and p["ay"] > 0  # tail right of and below the head (Plotly y down)
    o = anns["offset"]
    assert (o["xshift"], o["yshift"]) == (pytest.approx(10 * 100 / 72, 1e-3),
                                          pytest.approx(20 * 100 / 72, 1e-3))
    assert anns["figure text"]["xref"] == "paper" and anns["figure text"]["x"] == 0.5
    assert {"Title", "Super"} <= set(anns)
    assert conv.report.complete
    golden.check("text_annotations", conv.figure)


def test_anchored_text_is_an_annotation_at_its_corner():
    from matplotlib.offsetbox import AnchoredText

    fig, ax = plt.subplots()
    ax.plot([0, 1])
    ax.add_artist(AnchoredText("note", loc="upper left", prop={"size": 8}))
    conv = to_plotly(fig)
    (ann,) = [a for a in conv.figure["layout"]["annotations"] if a["text"] == "note"]
    pos = ax.get_position()
    assert (ann["xanchor"], ann["yanchor"]) == ("left", "top")
    assert (ann["x"], ann["y"]) == (pytest.approx(pos.x0), pytest.approx(pos.y1))
    assert ann["bgcolor"] == "rgba(255,255,255,1)"
    assert conv.report.complete
