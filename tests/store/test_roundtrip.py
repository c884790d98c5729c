"""Every value type goes into the store and comes back equal to what was logged."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image as PILImage

import figlog


@pytest.fixture
def run(tmp_path):
    r = figlog.init(project="rt", dir=tmp_path)
    yield r
    r.finish()


def _reader(run):
    return figlog.open_store(run.dir).run(run.id)


def test_scalars_round_trip(run):
    values = {"i": 3, "f": 0.125, "s": "héllo", "b": False, "neg": -2**62}
    run.log(values)
    rec = _reader(run)
    for k, v in values.items():
        assert rec.get(k) == v and type(rec.get(k)) is type(v)


def test_image_round_trips_to_the_same_pixels(run):
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 256, (17, 23, 3), dtype=np.uint8)
    img = figlog.Image(arr, caption="noise")
    run.log({"img": img})
    png = _reader(run).get("img")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    np.testing.assert_array_equal(np.asarray(PILImage.open(io.BytesIO(png))), arr)
    assert _reader(run).ref("img")[2]["caption"] == "noise"


def test_plotly_figure_round_trips_with_typed_arrays_intact(run):
    fig = go.Figure(go.Scatter(x=np.arange(5), y=np.linspace(0, 1, 5)))
    run.log({"fig": fig})
    back = _reader(run).get("fig")
    go.Figure(back)  # plotly validates what we stored
    y = back["data"][0]["y"]
    assert set(y) == {"dtype", "bdata"}, "plotly >= 6 writes numpy arrays as typed arrays"
    decoded = np.frombuffer(base64.b64decode(y["bdata"]), dtype=np.dtype(y["dtype"]))
    np.testing.assert_allclose(decoded, np.linspace(0, 1, 5))
    assert back == figlog.Plotly(fig).figure


def test_plotly_dict_round_trips(run):
    fig = {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, np.nan]}],
           "layout": {"title": {"text": "t"}}}
    run.log({"d": fig})
    back = _reader(run).get("d")
    assert back == {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, None]}],
                    "layout": {"title": {"text": "t"}}}


def test_html_round_trips(run):
    page = "<html><head><title>x</title></head><body><p>hi</p></body></html>"
    run.log({"page": figlog.Html(page, inject=False), "injected": figlog.Html(page)})
    rec = _reader(run)
    assert rec.get("page") == page
    assert rec.get("injected") == figlog.Html(page).html


def test_table_with_media_cells_round_trips(run):
    img = figlog.Image(np.zeros((3, 3), dtype=np.uint8))
    table = figlog.Table(columns=["i", "x", "name", "ok", "img", "html", "fig"])
    table.add_data(0, 0.5, "a", True, img, figlog.Html("<b>a</b>"),
                   figlog.Plotly({"data": [{"y": [1]}]}))
    table.add_data(1, float("nan"), None, False, None, None, None)
    run.log({"t": table})
    back = _reader(run).get("t")
    assert isinstance(back, figlog.Table)
    assert back == table
    assert back.column_types == table.column_types


def test_list_of_media_round_trips(run):
    imgs = [figlog.Image(np.full((2, 2), i, dtype=np.uint8)) for i in (0, 255)]
    run.log({"imgs": imgs})
    back = _reader(run).get("imgs")
    assert [figlog.Image.from_bytes(b) for b in back] == imgs


def test_matplotlib_figure_logs_as_plotly_json_and_stays_open(run):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2, 3, 4])
    try:
        run.log({"chart": plt})
        run.log({"chart": plt})  # logging plt twice works
        assert plt.fignum_exists(fig.number)
        rec = _reader(run)
        first, second = rec.get("chart", step=0), rec.get("chart", step=1)
        assert first == second and first["data"], "the converted figure has traces"
        assert json.dumps(first)  # plain JSON
    finally:
        plt.close(fig)


def test_same_media_at_many_steps_is_stored_once(run):
    img = figlog.Image(np.zeros((64, 64, 3), dtype=np.uint8))
    for _ in range(50):
        run.log({"img": img})
    media_files = [p for p in (run.dir / "media").rglob("*") if p.is_file()]
    assert len(media_files) == 1


def test_get_names_missing_keys_and_steps(run):
    run.log({"a": 1})
    rec = _reader(run)
    with pytest.raises(KeyError, match=r"has no key 'b'; its keys are \['a'\]"):
        rec.get("b")
    with pytest.raises(KeyError, match="has no value of 'a' at step 7"):
        rec.get("a", step=7)
    with pytest.raises(TypeError, match=r"get\(step=...\) must be an int"):
        rec.get("a", step="0")
