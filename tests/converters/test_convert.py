"""to_plotly as API: accepted inputs, empty plots, strict mode, warnings, the report,
and the user's figure left untouched."""

from __future__ import annotations

import json
import warnings

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
import pytest
from matplotlib.patches import Ellipse

from figlog.converters import (
    Conversion, ConversionError, ConversionReport, EmptyPlotError, UnsupportedArtistWarning,
    to_plotly,
)


def test_pyplot_figure_subfigure_and_axes_inputs():
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    for obj in (plt, fig, ax):
        conv = to_plotly(obj)
        assert isinstance(conv, Conversion)
        assert conv.figure["data"][0]["y"] == [1.0, 2.0]
    sub = plt.figure().subfigures(1, 2)[1]
    sub.subplots().plot([3, 4])
    assert to_plotly(sub).figure["data"][0]["y"] == [3.0, 4.0]


def test_rejects_non_matplotlib():
    with pytest.raises(TypeError, match="expected a matplotlib Figure, SubFigure, Axes or "
                                         "the matplotlib.pyplot module, got builtins.dict"):
        to_plotly({"data": []})


def test_pyplot_without_figure_is_empty_plot():
    plt.close("all")
    with pytest.raises(EmptyPlotError, match=r"pyplot has no open figure.*plt\.show\(\)"):
        to_plotly(plt)


def test_figure_without_axes_is_empty_plot():
    fig = plt.figure()
    with pytest.raises(EmptyPlotError, match=r"the figure has no axes.*fig, ax = plt.subplots\(\)"):
        to_plotly(fig)


def test_axes_with_nothing_drawable_is_empty_plot():
    fig, axs = plt.subplots(1, 2)
    axs[0].set_xlim(0, 10)
    axs[1].plot([], [])
    with pytest.raises(EmptyPlotError, match="2 axes hold nothing drawable"):
        to_plotly(fig)
    assert issubclass(EmptyPlotError, ValueError)


def test_titles_labels_and_legends_count_as_content():
    fig, ax = plt.subplots()
    ax.set_title("a layout demo")
    assert to_plotly(fig).report.complete


def _unsupported_figure():
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    ax.add_patch(Ellipse((0.5, 0.5), 0.2, 0.1, hatch="o"))
    return fig


def test_one_warning_per_call_pointing_at_the_caller():
    fig = _unsupported_figure()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        to_plotly(fig)
    assert len(caught) == 1
    assert caught[0].category is UnsupportedArtistWarning
    assert caught[0].filename == __file__
    assert str(caught[0].message).startswith("to_plotly: approximated 1 (Ellipse×1)")


def test_strict_raises_listing_problems():
    with pytest.raises(ConversionError, match=r"axes 0: Ellipse approximated: hatch 'o' drawn with the nearest Plotly pattern"):
        to_plotly(_unsupported_figure(), strict=True)


def test_complete_figure_does_not_warn():
    fig, ax = plt.subplots()
    ax.plot([0, 1], label="a")
    ax.legend()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conv = to_plotly(fig, strict=True)
    assert conv.report.complete


def test_report_round_trips_through_json():
    with pytest.warns(UnsupportedArtistWarning):
        conv = to_plotly(_unsupported_figure())
    d = json.loads(json.dumps(conv.report.to_dict()))
    assert ConversionReport.from_dict(d) == conv.report
    assert d["complete"] is False and d["counts"]["approximated"] == 1
    with pytest.raises(ValueError, match="report format version 99 is not supported"):
        ConversionReport.from_dict({**d, "version": 99})


def test_figure_json_is_plain_and_valid():
    fig, ax = plt.subplots()
    ax.scatter(np.arange(3), np.arange(3.0), c=np.arange(3))
    ax.imshow(np.eye(3), extent=(0, 2, 0, 2))
    conv = to_plotly(fig)
    text = json.dumps(conv.figure)  # no numpy objects anywhere
    assert "NaN" not in text
    go.Figure(conv.figure)


def _state(fig):
    out = []
    for ax in fig.axes:
        out.append((ax.get_xlim(), ax.get_ylim(), ax.get_position().bounds,
                    [type(c).__name__ for c in ax.get_children()],
                    [id(c) for c in ax.get_children()], ax.get_legend() is not None))
    return out, len(fig.texts), fig.get_size_inches().tolist()


def test_figure_untouched_and_conversion_repeatable():
    fig, (a, b) = plt.subplots(1, 2)
    a.plot([1, 3, 2], label="x")
    a.legend()
    im = b.imshow(np.eye(4))
    fig.colorbar(im)
    b.add_patch(Ellipse((1, 1), 1, 2, hatch="//"))
    fig.suptitle("s")
    other = plt.figure()
    plt.figure(fig.number)
    before = _state(fig)
    n_open, current = len(plt.get_fignums()), plt.gcf()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = to_plotly(plt)
        second = to_plotly(plt)
    assert json.dumps(first.figure) == json.dumps(second.figure)
    assert _state(fig) == before
    assert plt.gcf() is current and len(plt.get_fignums()) == n_open
    assert plt.fignum_exists(other.number)
