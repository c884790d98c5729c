"""``figlog export``: one file, offline, bundles and shared files embedded once."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from figlog import open_store
from figlog.viewer import export_html, export_run
from figlog.viewer._assets import plotly_js_path


def _export_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="figlog-export">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


class _Links(HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.links, self.metas = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.links += [a[k] for k in ("src", "href") if a.get(k)]
        if tag == "meta":
            self.metas.append(a)


def test_export_holds_everything_once(sample_store, tmp_path):
    store = open_store(sample_store)
    progress = []
    out = tmp_path / "r.html"
    size = export_run(store, "alpha", out, progress=lambda d, t, w: progress.append((d, t)))
    text = out.read_text(encoding="utf-8")
    assert size == out.stat().st_size
    assert progress[-1][0] == progress[-1][1] > 0
    # no element loads anything: every script and style is inline
    parsed = _Links(text)
    assert parsed.links == ["data:,", "#"]  # an empty favicon, the brand link
    csp = next(m["content"] for m in parsed.metas if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    # plotly.js once for the page; the Plotly-HTML cells' bundle once in "bundles"
    head = plotly_js_path().read_text(encoding="utf-8")[:200]
    assert text.count(head) == 1
    data = _export_data(text)
    assert len(data["bundles"]) == 1
    html_docs = [f["text"] for f in data["files"].values() if f["type"] == "text/html"]
    assert sum("figlog-export-bundle:" in d for d in html_docs) == 4  # 1 panel + 3 cells
    assert all("figlog-bundle:" not in d for d in html_docs)
    # every step of every media key, one image file per distinct image
    assert sorted(data["values"]["samples/image"]) == ["60", "61", "62", "63"]
    img_paths = {v["items"][0]["file"] for v in data["values"]["samples/image"].values()}
    assert img_paths <= set(data["files"])
    assert len(data["tables"]) >= 3


def test_export_caps_table_rows(tmp_path):
    from viewer_samples import make_big_table_store

    make_big_table_store(tmp_path, nrows=2_000)
    data = _export_data(export_html(open_store(tmp_path), "big", max_table_rows=500))
    (table,) = data["tables"].values()
    assert len(table["rows"]) == 500 and table["nrows"] == 2_000 and table["truncated"] == 500
    assert "vega.js" not in json.dumps(list(data))  # no chart: no Vega bundle needed
