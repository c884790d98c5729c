"""Inline notebook display: offline, libraries and bundles once per output."""

from __future__ import annotations

import json
import re

import numpy as np

import figlog
from figlog.viewer import notebook
from figlog.viewer._assets import plotly_js_path


def _plotly_head() -> str:
    return plotly_js_path().read_text(encoding="utf-8")[:200]


def _links(text: str) -> list[str]:
    """src/href of the markup's own elements (not strings inside scripts)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(v for k, v in attrs if k in ("src", "href") and v)

    P().feed(text)
    return found


def _data(out: str) -> dict:
    m = re.search(r'<script type="application/json" class="figlog-data">(.*?)</script>', out, re.S)
    return json.loads(m.group(1))


def test_table_with_media_cells_inlines_plotly_once():
    import plotly.graph_objects as go

    t = figlog.Table(columns=["i", "img", "fig", "page"])
    for i in range(3):
        fig = go.Figure(go.Bar(y=[i, 1, 2]))
        t.add_data(i, figlog.Image(np.zeros((4, 4), dtype=np.uint8)), figlog.Plotly(fig),
                   figlog.Html(fig))
    out = notebook.table_html(t)
    assert out.count(_plotly_head()) == 1          # the output's own plotly.js
    data = _data(out)
    assert len(data["docs"]) == 3 and len(data["bundles"]) == 1   # the cells' plotly.js, once
    assert all("figlog-nb-bundle:" in d and "figlogHeight" in d for d in data["docs"])
    assert out.count('sandbox="allow-scripts"') == 3 and "allow-same-origin" not in out
    assert out.count('<img src="data:image/png;base64,') == 3
    assert [u for u in _links(out) if not u.startswith("data:")] == []


def test_chart_html_uses_the_local_vega_bundle():
    chart = figlog.plot.bar(figlog.Table(columns=["l", "v"], data=[["a", 1], ["b", 2]]), "l", "v")
    out = notebook.chart_html(chart)
    assert "window.vegaEmbed=" in out and "figlog-vega" in out
    assert _plotly_head() not in out


def test_incomplete_plotly_shows_png_and_report():
    from figlog.media import Plotly

    p = Plotly.from_parts({"data": [{"type": "scatter", "y": [1, 2]}]},
                          {"complete": False, "skipped": [{"kind": "Violin"}]}, b"\x89PNG....")
    out = notebook.plotly_html(p)
    assert "approximate conversion" in out and "Violin" in out and "data:image/png" in out


def test_html_value_is_sandboxed_and_escaped():
    out = notebook.html_html(figlog.Html("<script>parent.document.title='x'</script></script>"))
    (doc,) = _data(out)["docs"]
    assert "parent.document.title" in doc
    assert "</script></script>" not in out.split('class="figlog-data">')[1].split("</script>")[0]


def test_run_card_lists_last_values(tmp_path):
    with figlog.init(dir=tmp_path, project="p", name="n", id="r1") as run:
        run.log({"loss": 0.5})
        run.log({"loss": 0.25})
        out = notebook.run_html(run)
    assert "p/n" in out and "r1" in out and "0.25" in out and "figlog ui --dir" in out
