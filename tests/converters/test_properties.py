"""Property tests: random figures from a menu of artists never break the converter, the
report accounts for every artist, and the output validates with plotly."""

from __future__ import annotations

import json
import warnings

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st
from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.legend import Legend
from matplotlib.spines import Spine

from figlog.converters import EmptyPlotError, to_plotly

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
values = st.lists(st.one_of(finite, st.just(float("nan"))), min_size=0, max_size=12)
positive = st.lists(st.floats(1e-3, 1e3), min_size=1, max_size=8)


def _plot(ax, ys):
    ax.plot(np.arange(len(ys)), ys, marker="o", linestyle="--", label="line")


def _scatter(ax, ys):
    ax.scatter(np.arange(len(ys)), ys, c=np.arange(len(ys)), s=20, label="scatter")


def _bar(ax, ys):
    ys = np.nan_to_num(ys)
    ax.bar(np.arange(len(ys)), ys, label="bar")


def _barh(ax, ys):
    ax.barh(np.arange(len(ys)), np.nan_to_num(ys), left=1)


def _hist(ax, ys):
    good = [v for v in ys if np.isfinite(v)]
    if good:
        ax.hist(good, bins=3, histtype="step")


def _fill(ax, ys):
    ax.fill_between(np.arange(len(ys)), ys, 0, alpha=0.3, label="fill")


def _errorbar(ax, ys):
    ax.errorbar(np.arange(len(ys)), ys, yerr=np.abs(np.nan_to_num(ys)) * 0.1 + 0.1, capsize=2)


def _image(ax, ys):
    n = max(1, len(ys))
    ax.imshow(np.resize(np.nan_to_num(ys, nan=0.0), (n, n)) if ys else np.zeros((1, 1)))


def _text(ax, ys):
    ax.text(0.5, 0.5, "t $x^2$", transform=ax.transAxes)
    ax.annotate("a", xy=(0, 0), xytext=(10, 10), textcoords="offset points",
                arrowprops={"arrowstyle": "->"})


def _spans(ax, ys):
    ax.axhline(1.0)
    ax.axvspan(0, 1, alpha=0.2)


def _step(ax, ys):
    ax.step(np.arange(len(ys)), ys, where="mid")


def _contour(ax, ys):
    x, y = np.meshgrid(np.arange(4.0), np.arange(5.0))
    ax.contourf(x, y, x * y + len(ys))


MENU = [_plot, _scatter, _bar, _barh, _hist, _fill, _errorbar, _image, _text, _spans, _step,
        _contour]

SCALES = st.sampled_from(["linear", "log", "symlog", "logit"])


def _counted(ax) -> set[int]:
    """The artists the report must account for: every child but the axes machinery."""
    skip = {id(ax.patch), id(ax.title)}
    return {id(a) for a in ax.get_children() if id(a) not in skip and not isinstance(
        a, (Axis, Spine, Legend)) and a.get_label() not in ("_left_title_", "_right_title_")
        and a not in (ax.title,) and not (isinstance(a, Artist) and a in _titles(ax))}


def _titles(ax):
    from figlog.converters import _compat

    return _compat.title_artists(ax)


# Fixed examples (derandomize) keep the suite reproducible; no shrinking phase, because
# shrinking figure menus takes minutes and the unshrunk example is readable enough.
@settings(max_examples=60, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    layout=st.tuples(st.integers(1, 2), st.integers(1, 2)),
    picks=st.lists(st.lists(st.sampled_from(MENU), max_size=4), min_size=4, max_size=4),
    data=st.lists(values, min_size=4, max_size=4),
    scales=st.lists(st.tuples(SCALES, SCALES), min_size=4, max_size=4),
    legend=st.booleans(),
)
def test_random_figures_convert(layout, picks, data, scales, legend):
    fig, axs = plt.subplots(*layout, squeeze=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                for k, ax in enumerate(axs.ravel()):
                    for draw in picks[k]:
                        draw(ax, data[k])
                    if legend and picks[k]:
                        ax.legend()
                    xs, ys = scales[k]
                    ax.set_xscale(xs)
                    ax.set_yscale(ys)
                fig.canvas.draw()
            except (ValueError, OverflowError, np.linalg.LinAlgError):
                reject()  # matplotlib itself cannot draw this figure (e.g. NaN logit limits)
            try:
                conv = to_plotly(fig)
            except EmptyPlotError:
                n = len(axs.ravel())
                always = {_text, _spans, _contour, _image}
                assert not any(always & set(picks[k]) for k in range(n))
                assert all(not picks[k] or not np.isfinite(data[k]).any() for k in range(n))
                return
        # no extractor failed (a failure would be reported as a skip, not raised)
        assert not [e for e in conv.report.entries if "converter error" in e.reason]
        # never numpy objects, always valid plotly
        json.dumps(conv.figure, allow_nan=False)
        go.Figure(conv.figure)
        # the report has one entry per converted artist (containers stand for their bars)
        for k, ax in enumerate(axs.ravel()):
            where = f"axes {k}"
            got = [e for e in conv.report.entries if e.where == where and e.kind not in (
                "Legend",) and not e.kind.endswith(" axis")]
            claimed = set()
            for c in ax.containers:
                if any(e.kind == type(c).__name__ for e in got):
                    claimed.update(id(a) for a in c.get_children())
            n_containers = sum(1 for e in got if e.kind.endswith("Container"))
            expected = len(_counted(ax) - claimed) + n_containers
            assert len(got) == expected, (where, [e.kind for e in got])
    finally:
        plt.close(fig)
