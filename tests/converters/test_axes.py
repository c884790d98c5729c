"""Axes: scales, ticks, limits, inversion, aspect, subplots, twins, sharing, insets, subfigures."""

from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figlog.converters import to_plotly


def _layout(fig):
    return to_plotly(fig).figure["layout"]


def test_labels_limits_ticks_and_title(golden):
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot([0, 1, 2], [3, 1, 2])
    ax.set(xlabel="epoch", ylabel="loss", title="training", xlim=(0, 2), ylim=(0, 4))
    conv = to_plotly(fig)
    lay = conv.figure["layout"]
    assert (lay["width"], lay["height"]) == (500, 400)
    x, y = lay["xaxis"], lay["yaxis"]
    assert x["title"]["text"] == "epoch" and y["title"]["text"] == "loss"
    assert x["range"] == [0.0, 2.0] and y["range"] == [0.0, 4.0]
    assert x["tickvals"] == pytest.approx(ax.get_xticks().tolist())
    assert x["ticktext"] == [t.get_text().replace("−", "−") for t in ax.get_xticklabels()]
    pos = ax.get_position()
    assert x["domain"] == pytest.approx([pos.x0, pos.x1]) and y["domain"] == pytest.approx(
        [pos.y0, pos.y1])
    assert any(a["text"] == "training" for a in lay["annotations"])
    golden.check("axes_labels", conv.figure)


def test_inverted_axis_range_is_reversed():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.invert_yaxis()
    assert _layout(fig)["yaxis"]["range"] == pytest.approx(list(ax.get_ylim()))


def test_log_axis_range_in_log10_and_tick_labels():
    fig, ax = plt.subplots()
    ax.loglog([1, 10, 1000], [1, 100, 10000])
    lay = _layout(fig)
    assert lay["xaxis"]["type"] == "log"
    assert lay["xaxis"]["range"] == pytest.approx(np.log10(ax.get_xlim()).tolist())
    assert "10<sup>2</sup>" in lay["xaxis"]["ticktext"]


def test_date_axis_values_are_iso_strings():
    fig, ax = plt.subplots()
    days = [dt.datetime(2024, 1, 1) + dt.timedelta(days=i) for i in range(3)]
    ax.plot(days, [1, 2, 3])
    conv = to_plotly(fig)
    assert conv.figure["layout"]["xaxis"]["type"] == "date"
    assert conv.figure["data"][0]["x"] == ["2024-01-01 00:00:00.000000",
                                          "2024-01-02 00:00:00.000000",
                                          "2024-01-03 00:00:00.000000"]


@pytest.mark.parametrize("scale", ["symlog", "logit"])
def test_scales_plotly_lacks_draw_transformed_values_with_raw_hover(scale):
    fig, ax = plt.subplots()
    y = [0.01, 0.5, 0.99] if scale == "logit" else [-100, 0, 100]
    ax.plot([0, 1, 2], y)
    ax.set_yscale(scale)
    conv = to_plotly(fig)
    tr = ax.yaxis.get_transform()
    want = tr.transform(np.reshape(y, (-1, 1))).ravel()
    t = conv.figure["data"][0]
    assert t["y"] == pytest.approx(want.tolist())
    assert [p[1] for p in t["customdata"]] == pytest.approx(y)
    assert "customdata" in t["hovertemplate"]
    ticks = conv.figure["layout"]["yaxis"]
    assert ticks["tickvals"] == pytest.approx(
        tr.transform(np.reshape(ax.get_yticks()[(ax.get_yticks() >= min(ax.get_ylim())) &
                                                (ax.get_yticks() <= max(ax.get_ylim()))],
                                (-1, 1))).ravel().tolist())
    assert conv.report.complete
    assert any(e.kind == f"{scale} axis" for e in conv.report.entries)


def test_categorical_ticks():
    fig, ax = plt.subplots()
    ax.plot(["mon", "tue", "wed"], [1, 3, 2])
    lay = _layout(fig)
    assert lay["xaxis"]["ticktext"] == ["mon", "tue", "wed"]


def test_subplots_gridspec_domains():
    fig = plt.figure()
    gs = fig.add_gridspec(2, 2)
    axes = [fig.add_subplot(gs[0, :]), fig.add_subplot(gs[1, 0]), fig.add_subplot(gs[1, 1])]
    for a in axes:
        a.plot([0, 1])
    lay = _layout(fig)
    for k, a in enumerate(axes, start=1):
        key = "" if k == 1 else str(k)
        p = a.get_position()
        assert lay[f"xaxis{key}"]["domain"] == pytest.approx([p.x0, p.x1])
        assert lay[f"yaxis{key}"]["domain"] == pytest.approx([p.y0, p.y1])


def test_one_empty_subplot_is_not_empty():
    fig, (a, b) = plt.subplots(1, 2)
    a.plot([1, 2])
    conv = to_plotly(fig)
    assert len(conv.figure["data"]) == 1 and "xaxis2" in conv.figure["layout"]


def test_twinx_overlays_y_axis():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1, 2])
    ax2 = ax.twinx()
    ax2.plot([1, 2], [20, 10], "r")
    conv = to_plotly(fig)
    lay = conv.figure["layout"]
    assert lay["yaxis2"]["overlaying"] == "y" and lay["yaxis2"]["side"] == "right"
    assert [t["xaxis"] for t in conv.figure["data"]] == ["x", "x"]
    assert [t["yaxis"] for t in conv.figure["data"]] == ["y", "y2"]
    assert "xaxis2" not in lay


def test_shared_axes_match():
    fig, (a, b) = plt.subplots(2, 1, sharex=True)
    a.plot([0, 1])
    b.plot([0, 2])
    lay = _layout(fig)
    assert lay["xaxis2"]["matches"] == "x"


def test_aspect_equal_sets_scaleanchor():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_aspect("equal")
    y = _layout(fig)["yaxis"]
    assert (y["scaleanchor"], y["scaleratio"]) == ("x", 1.0)


def test_inset_axes_and_subfigures():
    fig = plt.figure(figsize=(8, 3))
    left, right = fig.subfigures(1, 2)
    a = left.subplots()
    a.plot([0, 1])
    ins = a.inset_axes([0.6, 0.6, 0.3, 0.3])
    ins.plot([1, 0])
    b = right.subplots()
    b.bar([1, 2], [3, 4])
    right.suptitle("right half")
    conv = to_plotly(fig)
    lay = conv.figure["layout"]
    assert lay["xaxis"]["domain"][1] <= 0.5 + 1e-9
    assert lay["xaxis3"]["domain"][0] >= 0.5 - 1e-9
    p = ins.get_position()  # the inset's box inside the left half
    assert lay["xaxis2"]["domain"] == pytest.approx([p.x0 / 2, p.x1 / 2], abs=0.02)
    assert any(a["text"] == "right half" and a["x"] > 0.5 for a in lay["annotations"])


def test_axis_off():
    fig, ax = plt.subplots()
    ax.imshow(np.eye(2))
    ax.axis("off")
    x = _layout(fig)["xaxis"]
    assert x["visible"] is False


def test_secondary_axes_overlay_the_parent_with_mapped_ticks():
    fig, ax = plt.subplots()
    ax.plot(np.arange(0, 360), np.sin(np.radians(np.arange(360))))
    sec = ax.secondary_xaxis("top", functions=(np.radians, np.degrees))
    sec.set_xlabel("rad")
    conv = to_plotly(fig)
    x2 = conv.figure["layout"]["xaxis2"]
    assert (x2["overlaying"], x2["side"], x2["title"]["text"]) == ("x", "top", "rad")
    assert x2["ticktext"] == ["0", "1", "2", "3", "4", "5", "6"]
    assert x2["tickvals"] == pytest.approx(np.degrees(np.arange(7)).tolist())
    assert x2["range"] == conv.figure["layout"]["xaxis"]["range"]
    assert conv.report.complete


def test_secondary_axis_with_a_date_locator():
    """A secondary x axis labelling months under a day axis (matplotlib's multilevel ticks
    example): date locators take datetimes, and the ticks land on the month starts."""
    import datetime as dt

    import matplotlib.dates as mdates

    fig, ax = plt.subplots()
    days = [dt.datetime(2020, 1, 1) + dt.timedelta(days=k) for k in range(0, 90)]
    ax.plot(days, range(90))
    sec = ax.secondary_xaxis(location=-0.075)
    sec.xaxis.set_major_locator(mdates.MonthLocator(bymonthday=1))
    sec.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    conv = to_plotly(fig)
    assert conv.report.complete
    axes = [v for k, v in conv.figure["layout"].items() if k.startswith("xaxis")]
    (months,) = [a for a in axes if "Feb" in (a.get("ticktext") or [])]
    assert months["ticktext"] == ["Jan", "Feb", "Mar", "Apr"]  # the view runs into April
    assert [str(v)[:10] for v in months["tickvals"]] == [
        "2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01"]
    plt.close(fig)


def test_shapes_on_log_axes_take_data_values_and_annotations_take_log10():
    """Plotly places layout shapes by the data value on a log axis but annotations by its
    log10 (both checked in Chromium): axvspan/axhline and text must each follow theirs."""
    fig, ax = plt.subplots()
    ax.plot([1, 1000], [1, 1000])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.axvspan(10, 100)
    ax.axhline(30)
    ax.text(10, 100, "here")
    lay = to_plotly(fig).figure["layout"]
    paths = [s["path"] for s in lay["shapes"] if "path" in s]
    assert "M10,0L100,0L100,1L10,1L10,0Z" in paths
    assert "M0,30L1,30" in paths
    (note,) = lay["annotations"]
    assert (note["x"], note["y"]) == (pytest.approx(1.0), pytest.approx(2.0))
    plt.close(fig)


def test_axes_placed_by_a_locator_sit_where_a_draw_puts_them():
    """inset_axes (and a colorbar in one) are placed by their axes locator at draw time;
    converted before any draw, they must already be where matplotlib will draw them."""
    fig, ax = plt.subplots()
    im = ax.imshow(np.arange(16.0).reshape(4, 4))
    ax.set_position([0.2, 0.2, 0.5, 0.6])  # the parent moves after the inset was made?
    inset = ax.inset_axes([0.6, 0.6, 0.35, 0.35])
    inset.plot([0, 1], [1, 0])
    cax = ax.inset_axes([1.04, 0.0, 0.05, 1.0])
    fig.colorbar(im, cax=cax)
    ax.set_position([0.1, 0.1, 0.6, 0.8])
    before = to_plotly(fig).figure
    fig.canvas.draw()
    x0, y0, x1, y1 = inset.get_position().extents
    lay = before["layout"]
    (dom,) = [v["domain"] for k, v in lay.items() if k.startswith("xaxis") and
              v.get("domain") and abs(v["domain"][0] - x0) < 0.05]
    assert dom == pytest.approx([x0, x1], abs=1e-6)
    bar = before["data"][0]["colorbar"]
    cx0, cy0, cx1, cy1 = cax.get_position().extents
    assert bar["x"] == pytest.approx(cx0, abs=1e-6)
    assert bar["len"] == pytest.approx(cy1 - cy0, abs=1e-6)
    plt.close(fig)


def test_tick_label_and_axis_label_colours():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_ylabel("exp", color="tab:red")
    ax.tick_params(axis="y", labelcolor="tab:red")
    twin = ax.twinx()
    twin.plot([0, 1], [1, 0])
    twin.tick_params(axis="y", colors="tab:blue")  # "colors" sets ticks and labels
    lay = to_plotly(fig).figure["layout"]
    assert lay["yaxis"]["tickfont"]["color"] == "rgba(214,39,40,1)"
    assert lay["yaxis"]["title"]["font"]["color"] == "rgba(214,39,40,1)"
    assert lay["xaxis"]["tickfont"]["color"] == "rgba(0,0,0,1)"
    assert lay["yaxis2"]["tickfont"]["color"] == "rgba(31,119,180,1)"
    fig.canvas.draw()  # the same once ticks exist
    again = to_plotly(fig).figure["layout"]
    assert again["yaxis"]["tickfont"] == lay["yaxis"]["tickfont"]
    assert again["yaxis2"]["tickfont"] == lay["yaxis2"]["tickfont"]
    plt.close(fig)


def test_minor_ticks_and_minor_grid():
    fig, (a, b) = plt.subplots(1, 2)
    a.semilogx([0.01, 20], [0, 1])
    a.grid(True, which="both")
    b.plot([0, 10], [0, 1])
    b.minorticks_on()
    lay = to_plotly(fig).figure["layout"]
    minor = lay["xaxis"]["minor"]
    want = a.xaxis.get_minorticklocs()
    lo, hi = a.get_xlim()
    assert minor["tickvals"] == pytest.approx([v for v in want if lo <= v <= hi])
    assert minor["showgrid"] is True
    assert lay["xaxis2"]["minor"]["tickvals"] == pytest.approx(
        [v for v in b.xaxis.get_minorticklocs() if b.get_xlim()[0] <= v <= b.get_xlim()[1]])
    assert lay["xaxis2"]["minor"]["showgrid"] is False
    assert "minor" not in lay["yaxis"]  # a linear axis without minorticks_on has none
    plt.close(fig)


def test_shared_axes_hide_inner_tick_labels():
    fig, (top, bottom) = plt.subplots(2, sharex=True)
    top.plot([0, 1])
    bottom.plot([1, 0])
    lay = to_plotly(fig).figure["layout"]
    assert lay["xaxis"]["showticklabels"] is False  # the upper axes' labels are hidden
    assert lay["xaxis2"]["showticklabels"] is True
    assert lay["yaxis"]["showticklabels"] is True
    bottom.tick_params(labelleft=False)
    assert to_plotly(fig).figure["layout"]["yaxis2"]["showticklabels"] is False
    plt.close(fig)


def test_tick_marks_off_and_grid_style():
    fig, ax = plt.subplots()
    ax.semilogy([1, 10], [1, 1000])
    ax.grid(True, linestyle="--", color="k", alpha=0.3, linewidth=0.5)
    ax.tick_params(axis="both", which="both", bottom=False, left=False)
    lay = to_plotly(fig).figure["layout"]
    for key in ("xaxis", "yaxis"):
        assert lay[key]["ticks"] == ""
        assert lay[key]["griddash"] == "dash"
        assert lay[key]["gridcolor"] == "rgba(0,0,0,0.3)"
        assert lay[key]["gridwidth"] == pytest.approx(0.5 * 100 / 72, abs=1e-3)
    assert "minor" not in lay["yaxis"]  # minor ticks switched off, no minor grid
    plt.close(fig)
