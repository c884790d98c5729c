"""A pending layout engine (constrained/tight): subplots laid out as the engine will lay
them out, estimated without drawing and without moving the user's axes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from figlog.converters import to_plotly


def _domains(conv) -> list[tuple[float, float, float, float]]:
    lay = conv.figure["layout"]
    keys = sorted((k for k in lay if k.startswith("xaxis")), key=lambda k: int(k[5:] or 1))
    out = []
    for k in keys:
        y = lay["y" + k[1:]]
        out.append((*lay[k]["domain"], *y["domain"]))
    return out


@pytest.mark.parametrize("layout", ["constrained", "tight"])
def test_grid_with_titles_and_labels_is_laid_out_like_the_engine(layout):
    fig, axs = plt.subplots(2, 2, layout=layout, figsize=(6.4, 4.8))
    for k, ax in enumerate(axs.flat):
        ax.plot(np.arange(10) * 1000.0 ** k)
        ax.set_title(f"panel {k}")
        ax.set_xlabel("step")
        ax.set_ylabel("value")
    fig.suptitle("a suptitle")
    before = [ax.get_position(original=True).bounds for ax in axs.flat]
    conv = to_plotly(fig)
    assert [ax.get_position(original=True).bounds for ax in axs.flat] == before  # untouched
    got = _domains(conv)
    fig.canvas.draw()  # now the engine runs
    want = [(p.x0, p.x1, p.y0, p.y1) for p in (ax.get_position() for ax in axs.flat)]
    # an estimate of the label sizes, not a measurement: within 6 % of the figure
    assert np.allclose(got, want, atol=0.06)
    # and what the engine is for: the rows no longer overlap the labels between them
    top_row_bottom = got[0][2]
    bottom_row_top = got[2][3]
    assert top_row_bottom - bottom_row_top > 0.15
    plt.close(fig)


def test_figures_already_laid_out_or_without_an_engine_keep_their_positions():
    fig, axs = plt.subplots(1, 2, layout="constrained")
    for ax in axs:
        ax.plot([0, 1])
    fig.canvas.draw()
    want = [(p.x0, p.x1, p.y0, p.y1) for p in (ax.get_position() for ax in axs)]
    assert np.allclose(_domains(to_plotly(fig)), want, atol=1e-6)
    plt.close(fig)
    fig, axs = plt.subplots(1, 2)
    for ax in axs:
        ax.plot([0, 1])
    want = [(p.x0, p.x1, p.y0, p.y1) for p in (ax.get_position() for ax in axs)]
    assert np.allclose(_domains(to_plotly(fig)), want, atol=1e-6)
    plt.close(fig)


def test_legend_in_columns_is_horizontal():
    fig, ax = plt.subplots()
    for k in range(3):
        ax.plot([0, k], label=f"line {k}")
    ax.legend(ncols=3)
    assert to_plotly(fig).figure["layout"]["legend"]["orientation"] == "h"
    ax.legend()
    assert "orientation" not in to_plotly(fig).figure["layout"]["legend"]
    plt.close(fig)
