"""line, scatter, bar, histogram and line_series: tables in, charts out, errors named."""

from __future__ import annotations

import pytest

import figlog.plot as plot
from figlog.tables import Table


@pytest.fixture
def xy() -> Table:
    return Table(data=[[0, 1.0, "a"], [1, 0.5, "a"], [2, 0.25, "b"]], columns=["x", "y", "run"])


def test_line_maps_its_fields_and_keeps_a_copy_of_the_table(xy: Table) -> None:
    chart = plot.line(xy, "x", "y", stroke="run", title="Loss")
    assert chart.preset == "figlog/line"
    assert chart.fields == {"x": "x", "y": "y", "stroke": "run"}
    assert chart.string_fields == {"title": "Loss"}
    assert chart.metrics == {}
    xy.add_data(3, 0.1, "b")
    assert len(chart.table) == 3  # the chart is a value: later changes do not reach it
    spec = chart.to_vega_lite()
    assert spec["encoding"]["color"] == {"field": "run", "type": "nominal"}
    assert spec["title"] == "Loss"
    assert spec["data"]["values"][0] == {"x": 0, "y": 1.0, "run": "a"}


def test_line_without_stroke_drops_the_colour_channel(xy: Table) -> None:
    spec = plot.line(xy, "x", "y").to_vega_lite()
    assert set(spec["encoding"]) == {"x", "y"}
    assert spec["title"] == ""


def test_dotted_column_names_are_escaped_in_field_references() -> None:
    table = Table(data=[[0, 1.0]], columns=["epoch", "val.loss"])
    spec = plot.line(table, "epoch", "val.loss").to_vega_lite()
    assert spec["encoding"]["y"]["field"] == "val\\.loss"
    assert spec["data"]["values"] == [{"epoch": 0, "val.loss": 1.0}]


def test_nan_becomes_null_in_the_spec() -> None:
    table = Table(data=[[0, float("nan")], [1, float("inf")]], columns=["x", "y"])
    values = plot.scatter(table, "x", "y").to_vega_lite()["data"]["values"]
    assert values == [{"x": 0, "y": None}, {"x": 1, "y": None}]


def test_bar_and_histogram(xy: Table) -> None:
    bar = plot.bar(xy, "run", "y", title="Custom Bar Chart")
    assert bar.fields == {"label": "run", "value": "y"}
    hist = plot.histogram(xy, "y", title="Histogram")
    assert hist.to_vega_lite()["encoding"]["x"]["bin"] == {"maxbins": 40}


def test_line_series_shared_and_per_series_xs() -> None:
    shared = plot.line_series([0, 1, 2], [[1, 2, 3], [4, 5, 6]], keys=["a", "b"], xname="epoch")
    assert shared.table.columns == ["step", "lineKey", "lineVal"]
    assert shared.table.get_column("lineKey") == ["a"] * 3 + ["b"] * 3
    assert shared.to_vega_lite()["encoding"]["x"]["title"] == "epoch"
    per = plot.line_series([[0, 1], [5, 6, 7]], [[1, 2], [3, 4, 5]])
    assert per.table.get_column("step") == [0, 1, 5, 6, 7]
    assert per.table.get_column("lineKey") == ["key_0"] * 2 + ["key_1"] * 3


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda t: plot.line(t, "x", "nope"), ValueError,
         r"line\(\): y='nope' is not a column of the table; columns: \['x', 'y', 'run'\]"),
        (lambda t: plot.line(t, "run", "y"), ValueError,
         r"line\(\): x='run' holds str values; it must hold numbers"),
        (lambda t: plot.line(t, "x", "y", stroke="colour"), ValueError,
         r"line\(\): stroke='colour' is not a column"),
        (lambda t: plot.scatter(t, "x", 3), TypeError,
         r"scatter\(\): y must be a column name \(str\), got int"),
        (lambda t: plot.bar(t, "run", "run"), ValueError, r"bar\(\): value='run' holds str"),
        (lambda t: plot.histogram([[1], [2]], "x"), TypeError,
         r"histogram\(\) takes a figlog Table as table, got list"),
        (lambda t: plot.histogram(Table(columns=["x"]), "x"), ValueError,
         r"table is empty; a chart needs at least one row"),
        (lambda t: plot.line_series([0, 1, 2], [[1, 2, 3], [1, 2]]), ValueError,
         r"line_series\(\): xs has 3 values but ys\[1\] has 2"),
        (lambda t: plot.line_series([[0, 1], [0, 1, 2]], [[1, 2], [1, 2]]), ValueError,
         r"line_series\(\): xs\[1\] has 3 values but ys\[1\] has 2"),
        (lambda t: plot.line_series([[0, 1]] * 3, [[1, 2], [1, 2]]), ValueError,
         r"xs has 3 series of x values but ys has 2 series"),
        (lambda t: plot.line_series([0, 1], [[1, 2]], keys=["a", "b"]), ValueError,
         r"keys has 2 names but ys has 1 series"),
        (lambda t: plot.line_series([0, 1], [1, 2]), TypeError,
         r"ys\[0\] must be a list of numbers, got int"),
        (lambda t: plot.line_series([0, 1], []), ValueError, r"ys is empty"),
        (lambda t: plot.line_series([0, "a"], [[1, 2]]), TypeError,
         r"xs\[1\] is 'a'; expected a number"),
    ],
)
def test_bad_input_names_the_argument(xy: Table, call, error, match) -> None:
    with pytest.raises(error, match=match):
        call(xy)
