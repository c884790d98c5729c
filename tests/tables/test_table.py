"""figlog.Table: building, typing, reading, and errors that name the row and column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import figlog


def test_columns_data_add_data_and_readers():
    t = figlog.Table(columns=["step", "loss"], data=[[0, 1.0], [1, 0.5]])
    t.add_data(2, 0.25)
    assert len(t) == 3
    assert t.columns == ["step", "loss"]
    assert t.get_column("loss") == [1.0, 0.5, 0.25]
    np.testing.assert_array_equal(t.get_column("step", convert_to="numpy"), [0, 1, 2])
    assert list(t.iterrows()) == [(0, [0, 1.0]), (1, [1, 0.5]), (2, [2, 0.25])]
    assert t.data == [[0, 1.0], [1, 0.5], [2, 0.25]]
    assert t.column_types == {"step": "int", "loss": "float"}


def test_ints_and_floats_mix_and_none_is_allowed_everywhere():
    t = figlog.Table(columns=["x", "s"], data=[[1, None], [2.5, "a"], [None, "b"]])
    assert t.column_types == {"x": "float", "s": "str"}


def test_a_str_in_a_float_column_names_row_and_column():
    t = figlog.Table(columns=["a", "b"], data=[[1.0, "x"]])
    with pytest.raises(TypeError, match=r"row 1, column 'a': expected float, got str 'oops'"):
        t.add_data("oops", "y")
    assert len(t) == 1, "a refused row leaves the table as it was"
    with pytest.raises(TypeError, match=r"row 2, column 'b': expected str, got float 1.5"):
        figlog.Table(columns=["a", "b"], data=[[1, "x"], [2, "y"], [3, 1.5]])


def test_ragged_rows_and_wrong_widths():
    with pytest.raises(ValueError, match=r"row 1 has 3 cells but the table has 2 columns \('a', 'b'\)"):
        figlog.Table(columns=["a", "b"], data=[[1, 2], [1, 2, 3]])
    t = figlog.Table(columns=["a", "b"])
    with pytest.raises(ValueError, match=r"row 0 has 1 cells but the table has 2 columns"):
        t.add_data(1)


def test_unknown_columns_and_bad_names():
    t = figlog.Table(columns=["a"])
    with pytest.raises(KeyError, match=r"no column 'z'; columns are \['a'\]"):
        t.get_column("z")
    with pytest.raises(ValueError, match="column name 'a' appears twice"):
        figlog.Table(columns=["a", "a"])
    with pytest.raises(TypeError, match="column names must be str, got int 3"):
        figlog.Table(columns=["a", 3])
    with pytest.raises(TypeError, match=r"expects a list of names, got the string 'ab'"):
        figlog.Table(columns="ab")
    with pytest.raises(ValueError, match=r"convert_to='pandas'\) is not supported"):
        t.get_column("a", convert_to="pandas")


def test_unsupported_cells_are_named():
    with pytest.raises(TypeError, match=r"row 0, column 'a': a dict \{'x': 1\} cannot be a table cell"):
        figlog.Table(columns=["a"], data=[[{"x": 1}]])


def test_add_column_checks_length():
    t = figlog.Table(columns=["a"], data=[[1], [2]])
    t.add_column("b", np.array([0.5, 1.5]))
    assert t.get_column("b") == [0.5, 1.5]
    with pytest.raises(ValueError, match=r"add_column\('c', data=...\) has 3 values but the table has 2 rows"):
        t.add_column("c", [1, 2, 3])
    with pytest.raises(ValueError, match="column name 'a' appears twice"):
        t.add_column("a", [1, 2])


def test_dataframe_and_numpy_inputs():
    df = pd.DataFrame({"x": [1, 2], "y": [0.5, np.nan], "s": ["a", None],
                       "when": pd.to_datetime(["2026-01-01", "2026-01-02"])})
    t = figlog.Table(dataframe=df)
    assert t.columns == ["x", "y", "s", "when"]
    assert t.column_types == {"x": "int", "y": "float", "s": "str", "when": "str"}
    assert t.get_column("when")[0].startswith("2026-01-01")
    arr = figlog.Table(columns=["a", "b"], data=np.arange(6).reshape(3, 2))
    assert arr.data == [[0, 1], [2, 3], [4, 5]]
    with pytest.raises(ValueError, match="either data= or dataframe="):
        figlog.Table(data=[[1]], dataframe=df)


def test_media_and_raw_figure_cells_are_wrapped():
    import matplotlib

    matplotlib.use("Agg")
    import plotly.graph_objects as go

    t = figlog.Table(columns=["fig", "img"])
    t.add_data(go.Figure(go.Scatter(y=[1, 2])), figlog.Image(np.zeros((2, 2), dtype=np.uint8)))
    assert isinstance(t.get_column("fig")[0], figlog.Plotly)
    assert t.column_types == {"fig": "media", "img": "media"}
    with pytest.raises(TypeError, match=r"row 1, column 'fig': expected media, got int 3"):
        t.add_data(3, None)
