"""Text, annotations with arrows, titles, suptitles and mathtext."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
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
    (r"$\frac{1}{2}$", "1/2"),
    (r"$\frac{a+b}{2}$", "(a+b)/2"),
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


def _annotations(conv):
    return {a["text"]: a for a in conv.figure["layout"]["annotations"]}


def test_text_offset_in_display_space_becomes_a_pixel_shift():
    """``offset_copy`` and ``transAxes + ScaledTranslation`` (subplot labels) are a data or
    axes point plus a fixed offset: Plotly's xshift/yshift, in its 100 px per inch."""
    from matplotlib.transforms import ScaledTranslation, offset_copy

    fig, ax = plt.subplots(dpi=72)  # the offset is in inches, not in this figure's dots
    ax.plot([0, 6], [0, 36])
    ax.text(0, 1, "A", transform=ax.transAxes + ScaledTranslation(-20 / 72, 7 / 72,
                                                                     fig.dpi_scale_trans))
    ax.text(2, 4, "off", transform=offset_copy(ax.transData, fig=fig, x=0.05, y=0.1,
                                                units="inches"))
    ax.text(3, 9, "dots", transform=offset_copy(ax.transData, fig=fig, y=6, units="dots"))
    conv = to_plotly(fig)
    got = _annotations(conv)
    a = got["A"]
    assert (a["xref"], a["yref"], a["x"], a["y"]) == ("x domain", "y domain", 0.0,
                                                      pytest.approx(1.0))
    assert (a["xshift"], a["yshift"]) == (pytest.approx(-27.78, abs=0.01),
                                          pytest.approx(9.72, abs=0.01))
    off = got["off"]
    assert (off["xref"], off["x"], off["y"]) == ("x", 2.0, 4.0)
    assert (off["xshift"], off["yshift"]) == (5.0, 10.0)
    assert got["dots"]["yshift"] == pytest.approx(6 * 100 / 72, abs=0.01)
    assert "xshift" not in got["dots"]
    assert conv.report.complete


def test_annotation_coordinate_systems():
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
    ax.plot([0, 2], [0, 2])
    ax.annotate("px", xy=(100, 50), xycoords="figure pixels")
    ax.annotate("pt", xy=(72, 36), xycoords="figure points")
    ax.annotate("axpt", xy=(0, 0), xycoords="axes points")
    ax.annotate("mixed", xy=(1.5, 0.25), xycoords=("data", "axes fraction"))
    ax.annotate("polar", xy=(np.pi / 2, 1.5), xycoords="polar")
    conv = to_plotly(fig)
    got = _annotations(conv)
    assert (got["px"]["xref"], got["px"]["x"], got["px"]["y"]) == (
        "paper", pytest.approx(100 / 640), pytest.approx(50 / 480))
    assert (got["pt"]["x"], got["pt"]["y"]) == (pytest.approx(100 / 640),
                                                pytest.approx(50 / 480))
    assert (got["axpt"]["xref"], got["axpt"]["x"], got["axpt"]["y"]) == (
        "x domain", pytest.approx(0), pytest.approx(0))
    m = got["mixed"]
    assert (m["xref"], m["yref"], m["x"], m["y"]) == ("x", "y domain", pytest.approx(1.5),
                                                      pytest.approx(0.25))
    p = got["polar"]
    assert (p["xref"], p["x"], p["y"]) == ("x", pytest.approx(0, abs=1e-12), pytest.approx(1.5))
    assert conv.report.complete


def test_bar_label_centred_labels_sit_in_the_middle_of_their_bars():
    fig, ax = plt.subplots()
    bottom = np.array([1.0, 2.0, 0.5])
    bars = ax.bar(["a", "b", "c"], [3.0, 5.0, 2.0], bottom=bottom)
    ax.bar_label(bars, label_type="center")
    ax.set_yscale("log")  # centre of the bar's box on screen, not of its data interval
    conv = to_plotly(fig)
    labels = [a for a in conv.figure["layout"]["annotations"] if a["text"] in "352"]
    assert [a["text"] for a in labels] == ["3", "5", "2"]
    for a, b, h in zip(labels, bottom, [3.0, 5.0, 2.0]):
        assert a["xref"] == "x" and a["x"] == pytest.approx([0, 1, 2][labels.index(a)])
        # the y axis is log: Plotly wants log10 of the geometric middle
        assert a["y"] == pytest.approx(np.log10(np.sqrt(b * (b + h))), abs=1e-9)
    assert conv.report.complete


def test_bold_and_italic_text():
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    ax.text(0.2, 0.2, "heavy", fontweight="bold")
    ax.text(0.4, 0.4, "slanted", style="italic")
    ax.set_title("plain")
    notes = {a["text"] for a in to_plotly(fig).figure["layout"]["annotations"]}
    assert {"<b>heavy</b>", "<i>slanted</i>", "plain"} <= notes
    plt.close(fig)
