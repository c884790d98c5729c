"""Polar axes → Plotly polar subplots."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figlog.converters import to_plotly


def test_polar_line_and_bars(golden):
    fig = plt.figure()
    ax = fig.add_subplot(projection="polar")
    theta = np.linspace(0, np.pi, 5)
    ax.plot(theta, [1, 2, 3, 2, 1], label="r")
    ax.bar([0, np.pi / 2], [1, 2], width=0.3)
    ax.set_theta_zero_location("N")
    ax.set_theta_direction(-1)
    conv = to_plotly(fig)
    (line,) = [t for t in conv.figure["data"] if t["type"] == "scatterpolar" and t["name"] == "r"]
    (bars,) = [t for t in conv.figure["data"] if t["type"] == "barpolar"]
    assert line["type"] == "scatterpolar" and line["subplot"] == "polar"
    assert line["theta"] == pytest.approx(np.degrees(theta).tolist())
    assert line["r"] == [1.0, 2.0, 3.0, 2.0, 1.0]
    assert bars["type"] == "barpolar"
    assert bars["theta"] == pytest.approx([0.0, 90.0]) and bars["r"] == [1.0, 2.0]
    assert bars["width"] == pytest.approx([np.degrees(0.3)] * 2)
    polar = conv.figure["layout"]["polar"]
    assert polar["angularaxis"]["direction"] == "clockwise"
    assert polar["angularaxis"]["rotation"] == pytest.approx(90.0)
    assert polar["radialaxis"]["range"] == pytest.approx(list(ax.get_ylim()))
    assert conv.report.complete
    golden.check("polar", conv.figure)


@pytest.mark.parametrize(("rmin", "rorigin", "hole"), [(1.0, 0.0, 0.5), (0.0, -2.0, 0.5),
                                                       (1.0, -1.0, 2 / 3)])
def test_radial_origin_below_rmin_is_a_hole(rmin, rorigin, hole):
    """matplotlib draws r = rmin on a circle (rmin - rorigin) / (rmax - rorigin) of the
    radius out: Plotly's ``hole``, with the radial axis running from rmin outwards."""
    fig, ax = plt.subplots(subplot_kw={"projection": "polar"})
    ax.plot(np.linspace(0, 2 * np.pi, 50), np.linspace(rmin, 2.0, 50))
    ax.set_rmax(2.0)
    ax.set_rmin(rmin)
    ax.set_rorigin(rorigin)
    conv = to_plotly(fig)
    polar = conv.figure["layout"]["polar"]
    assert polar["hole"] == pytest.approx(hole)
    assert polar["radialaxis"]["range"] == pytest.approx([rmin, 2.0])
    assert conv.report.complete
    # the outer radius in display space is where matplotlib puts r = rmax
    centre = ax.transData.transform([[0.0, rorigin]])  # r = rorigin is the centre
    edge = ax.transData.transform([[0.0, 2.0]])
    inner = ax.transData.transform([[0.0, rmin]])
    assert np.hypot(*(inner - centre)[0]) / np.hypot(*(edge - centre)[0]) == pytest.approx(hole)
    plt.close(fig)


def test_colorbar_of_a_free_mappable_beside_polar_axes_only():
    import matplotlib as mpl

    fig, ax = plt.subplots(subplot_kw={"projection": "polar"})
    ax.plot([0, 1], [1, 2])
    cax = fig.add_axes([0.85, 0.1, 0.03, 0.8])
    fig.colorbar(mpl.cm.ScalarMappable(cmap="viridis", norm=mpl.colors.Normalize(0, 5)),
                 cax=cax)
    conv = to_plotly(fig)
    (carrier,) = [t for t in conv.figure["data"] if "colorbar" in t.get("marker", {})]
    assert carrier["type"] == "scatterpolar"
    bar = carrier["marker"]["colorbar"]
    assert bar["x"] == pytest.approx(0.85) and bar["len"] == pytest.approx(0.8)
    assert bar["ticktext"] == ["0", "1", "2", "3", "4", "5"]
    assert conv.report.complete
    plt.close(fig)
