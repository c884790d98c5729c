"""figlog.Plotly from Plotly figures and dicts; errors name the argument."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

import figlog


def test_figure_and_its_dict_give_the_same_json():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": "t"}})
    assert figlog.Plotly(fig).figure == figlog.Plotly(fig.to_dict()).figure


def test_numpy_values_and_nan_become_plain_json():
    p = figlog.Plotly({"data": [{"y": np.array([1.0, np.nan]), "x": [np.int64(1), 2]}]})
    assert p.figure == {"data": [{"y": [1.0, None], "x": [1, 2]}]}
    assert p.report is None and p.png is None and p.complete


def test_bad_figures_are_refused():
    with pytest.raises(TypeError, match=r"Plotly\(fig=...\) expects a plotly Figure.*got builtins.list"):
        figlog.Plotly([1, 2])
    with pytest.raises(ValueError, match=r"dict key 'data' must be a list of traces"):
        figlog.Plotly({"data": 3})
    with pytest.raises(ValueError, match=r"unknown keys \['dta'\]"):
        figlog.Plotly({"dta": []})
