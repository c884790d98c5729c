"""indicate_inset_zoom: the frame in data coordinates, the connectors where matplotlib
draws them (worked out before any draw, without building the connector artists)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figlog.converters import to_plotly

pytest.importorskip("matplotlib.inset")  # InsetIndicator: matplotlib >= 3.10


def _paper_lines(conv) -> list[np.ndarray]:
    out = []
    for s in conv.figure["layout"].get("shapes", []):
        if s["xref"] == "paper" and s["path"].count("L") == 1:
            a, b = s["path"][1:].split("L")
            out.append(np.array([[float(v) for v in a.split(",")],
                                 [float(v) for v in b.split(",")]]))
    return out


@pytest.mark.parametrize(("box", "lims", "invert"), [
    ([0.5, 0.05, 0.47, 0.47], (1, 2, 1, 2), False),
    ([0.05, 0.5, 0.4, 0.4], (6, 7, 6, 7), False),
    ([0.1, 0.6, 0.3, 0.3], (7, 8, 2, 3), True),
])
def test_inset_zoom_frame_and_connectors(box, lims, invert):
    fig, ax = plt.subplots()
    ax.plot(range(10))
    if invert:
        ax.invert_yaxis()
    inset = ax.inset_axes(box, xlim=lims[:2], ylim=lims[2:])
    inset.plot(range(10))
    ind = ax.indicate_inset_zoom(inset, edgecolor="black")
    conv = to_plotly(fig)
    assert ind._connectors == []  # nothing built on the user's artist by converting
    assert conv.report.complete
    (frame,) = [t for t in conv.figure["data"] if t.get("xaxis") == "x" and
                t.get("line", {}).get("color") == "rgba(0,0,0,0.5)"]
    assert (min(frame["x"]), max(frame["x"])) == pytest.approx(lims[:2])
    assert (min(frame["y"]), max(frame["y"])) == pytest.approx(lims[2:])
    lines = _paper_lines(conv)
    fig.canvas.draw()  # now matplotlib builds its connectors
    fw, fh = fig.bbox.width, fig.bbox.height
    want = []
    for c in ind.connectors:
        if c.get_visible():
            a = c.coords1.transform([c.xy1])[0]
            b = c.coords2.transform([c.xy2])[0]
            want.append(np.array([[a[0] / fw, a[1] / fh], [b[0] / fw, b[1] / fh]]))
    assert len(lines) == len(want) == 2
    key = lambda m: tuple(np.round(m.ravel(), 4))  # noqa: E731
    for got, exp in zip(sorted(lines, key=key), sorted(want, key=key)):
        assert np.allclose(got, exp, atol=1e-5)
    plt.close(fig)
