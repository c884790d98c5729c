"""seaborn's common plots convert completely (they are what users log)."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

sns = pytest.importorskip("seaborn")

from figlog.converters import to_plotly  # noqa: E402


@pytest.fixture
def df():
    rng = np.random.default_rng(0)
    n = 60
    return pd.DataFrame({"x": np.tile(np.arange(10), 6), "y": rng.normal(size=n),
                         "g": np.repeat(["a", "b", "c"], 20)})


def _convert(ax):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return to_plotly(ax.figure)


def test_heatmap_with_annotations():
    data = np.arange(6.0).reshape(2, 3)
    ax = sns.heatmap(data, annot=True)
    conv = _convert(ax)
    heat = conv.figure["data"][0]
    assert heat["type"] == "heatmap" and heat["z"] == data.tolist()
    texts = {a["text"] for a in conv.figure["layout"]["annotations"]}
    assert {"0", "1", "5"} <= texts
    assert heat["showscale"]


def test_lineplot_band_scatter_hue_hist_box_violin(df):
    fig, axs = plt.subplots(2, 3, figsize=(12, 6))
    sns.lineplot(df, x="x", y="y", ax=axs[0, 0])
    sns.scatterplot(df, x="x", y="y", hue="g", ax=axs[0, 1])
    sns.histplot(df, x="y", ax=axs[0, 2])
    sns.boxplot(df, x="g", y="y", ax=axs[1, 0])
    sns.violinplot(df, x="g", y="y", ax=axs[1, 1])
    sns.barplot(df, x="g", y="y", ax=axs[1, 2])
    conv = _convert(axs[0, 0])
    assert conv.report.complete, conv.report.problems()
    band = [t for t in conv.figure["data"] if t.get("xaxis") == "x" and t.get("fill")]
    assert len(band) == 1
    hue = [t for t in conv.figure["data"] if t.get("xaxis") == "x2" and t["mode"] == "markers"
           and not t.get("showlegend")]
    assert len(set(hue[0]["marker"]["color"])) == 3
    entries = [t["name"] for t in conv.figure["data"] if t.get("showlegend")]
    assert entries == ["a", "b", "c"]
