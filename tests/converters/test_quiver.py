"""quiver and quiverkey: arrows as matplotlib draws them, even before anything drew."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
import pytest

from figlog.converters import to_plotly


def _field():
    X, Y = np.meshgrid(np.arange(0, 2 * np.pi, 0.5), np.arange(0, 2 * np.pi, 0.5))
    return X, Y, np.cos(X), np.sin(Y)


def _points(trace) -> set:
    return {(round(x, 6), round(y, 6)) for x, y in zip(trace["x"], trace["y"])
            if x is not None and y is not None}


@pytest.mark.parametrize("units", ["width", "xy", "inches"])
def test_quiver_arrows_before_any_draw_are_the_drawn_ones(units):
    fig, ax = plt.subplots()
    q = ax.quiver(*_field(), units=units, color="tab:red")
    assert not q.get_paths()  # matplotlib builds arrows when it draws
    before = to_plotly(fig)
    assert not q.get_paths()  # ...and converting did not build them on the user's quiver
    go.Figure(before.figure)
    assert before.report.complete
    fig.canvas.draw()
    drawn = set()
    disp_off = q.get_offset_transform().transform(q.get_offsets())
    inv = ax.transData.inverted()
    for path, off in zip(q.get_paths(), disp_off):
        pts = inv.transform(q.get_transform().transform(path.vertices) + off)
        drawn |= {(round(x, 6), round(y, 6)) for x, y in pts}
    (trace,) = [t for t in before.figure["data"] if t.get("fill") == "toself"]
    assert trace["fillcolor"] == "rgba(214,39,40,1)"
    assert _points(trace) == drawn
    after = to_plotly(fig)
    assert json.dumps(after.figure, sort_keys=True) == json.dumps(before.figure, sort_keys=True)
    plt.close(fig)


@pytest.mark.parametrize(("coordinates", "labelpos"), [("figure", "E"), ("axes", "N"),
                                                       ("data", "W")])
def test_quiverkey_arrow_and_label(coordinates, labelpos):
    fig, ax = plt.subplots()
    q = ax.quiver(*_field(), units="width")
    key = ax.quiverkey(q, 0.9 if coordinates != "data" else 3.0, 0.9, 2, "2 m/s",
                       labelpos=labelpos, coordinates=coordinates)
    conv = to_plotly(fig)
    assert conv.report.complete
    (shape,) = [s for s in conv.figure["layout"]["shapes"] if s.get("fillcolor") ==
                "rgba(0,0,0,1)"]
    ref = {"figure": "paper", "axes": "x domain", "data": "x"}[coordinates]
    assert shape["xref"] == ref
    pts = [tuple(map(float, p.split(","))) for p in shape["path"][1:-1].split("L")]
    fig.canvas.draw()
    (path,) = key.vector.get_paths()
    origin = key.vector.get_offset_transform().transform(key.vector.get_offsets())[0]
    disp = key.vector.get_transform().transform(path.vertices) + origin
    target = {"figure": fig.transFigure, "axes": ax.transAxes, "data": ax.transData}[coordinates]
    want = target.inverted().transform(disp)
    assert np.allclose(np.array(pts), want[: len(pts)], atol=1e-6)
    (label,) = [a for a in conv.figure["layout"]["annotations"] if a["text"] == "2 m/s"]
    shift = key.labelsep * 100 / fig.dpi
    want_shift = {"N": (0, shift), "E": (shift, 0), "W": (-shift, 0)}[labelpos]
    assert (label.get("xshift", 0), label.get("yshift", 0)) == pytest.approx(want_shift)
    assert (label["x"], label["y"]) == pytest.approx((key.X, key.Y))
    plt.close(fig)
