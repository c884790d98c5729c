"""Inline display in Jupyter: ``_repr_html_`` bodies for runs, tables, charts, Html and Plotly.

Every output is offline and self-contained: plotly.js and the Vega bundle are inlined once
per output (not per cell), the library bundles of logged HTML documents are pulled out and
kept once per output as well, and logged HTML runs in ``<iframe sandbox="allow-scripts">``
(``srcdoc``, an opaque origin), never in the notebook's own page.

The value classes hook in with one line each, e.g. in ``figlog.tables.Table``::

    def _repr_html_(self) -> str:
        from ..viewer.notebook import table_html
        return table_html(self)
"""

from __future__ import annotations

import base64
import html as _html
import secrets
from typing import Any

from ._assets import plotly_js_text, vega_js_path
from ._isolation import IFRAME_SANDBOX, with_autosize
from .pages import script_json

__all__ = ["chart_html", "html_html", "plotly_html", "run_html", "table_html"]

_MARK = "/*figlog-nb-bundle:{}*/"

# Resizes the output's iframes from their own height reports (matched by source window).
_RESIZER = (
    "<script>(function(){if(window.__figlogResize)return;window.__figlogResize=1;"
    "addEventListener('message',function(e){var h=e.data&&e.data.figlogHeight;"
    "if(typeof h!=='number')return;document.querySelectorAll('iframe.figlog-frame')"
    ".forEach(function(f){if(f.contentWindow===e.source)"
    "f.style.height=Math.min(Math.max(h,40),1600)+'px';});});})();</script>"
)


class _Output:
    """One notebook output: its markup, the libraries it needs and its HTML documents."""

    def __init__(self) -> None:
        self.uid = "figlog-" + secrets.token_hex(6)
        self.parts: list[str] = []
        self.plotly = False
        self.vega = False
        self.docs: list[str] = []          # iframe documents with bundle markers
        self.bundles: dict[str, str] = {}  # marker key -> script/style body, once

    def frame(self, document: str, height: int = 360) -> str:
        """A sandboxed iframe for ``document``; its library bundles are kept once."""
        from ..media._rewrite import externalize  # the same rewrite the store applies
        from ..store._bundles import resolve_html

        store: dict[str, bytes] = {}

        def put(data: bytes, ext: str) -> str:
            import hashlib

            key = f"b/{hashlib.sha256(data).hexdigest()[:24]}.{ext}"
            store[key] = data
            return key

        text, keys = externalize(document, put)
        text = resolve_html(text, _Marked(store, self.bundles), mode="inline", bundles=keys)
        self.docs.append(with_autosize(text))
        i = len(self.docs) - 1
        return (f'<iframe class="figlog-frame" sandbox="{IFRAME_SANDBOX}" data-doc="{i}" '
                f'style="width:100%;height:{height}px;border:1px solid #dfe3ea;'
                f'border-radius:4px;background:#fff"></iframe>')

    def plot(self, figure: dict, height: int | None = None) -> str:
        self.plotly = True
        layout = dict(figure.get("layout") or {})
        if height:
            layout["height"] = height
        spec = script_json({"data": figure.get("data", []), "layout": layout})
        return (f'<div class="figlog-plotly"><script type="application/json">{spec}</script>'
                "</div>")

    def chart(self, spec: dict) -> str:
        self.vega = True
        return f'<div class="figlog-vega"><script type="application/json">{script_json(spec)}</script></div>'

    def render(self, body: str) -> str:
        libs = []
        if self.plotly:
            libs.append(_inline_script(plotly_js_text()))
        if self.vega:
            libs.append(_inline_script(vega_js_path().read_text(encoding="utf-8")))
        data = script_json({"docs": self.docs, "bundles": self.bundles})
        boot = (
            f'<script type="application/json" class="figlog-data">{data}</script>'
            "<script>(function(){var root=document.getElementById(" + repr(self.uid) + ");"
            "if(!root)return;var d=JSON.parse(root.querySelector('script.figlog-data').textContent);"
            "root.querySelectorAll('iframe.figlog-frame').forEach(function(f){"
            "f.srcdoc=d.docs[+f.dataset.doc].replace(/\\/\\*figlog-nb-bundle:([A-Za-z0-9_.\\/-]+)\\*\\//g,"
            "function(m,k){return d.bundles[k]!==undefined?d.bundles[k]:m;});});"
            "root.querySelectorAll('.figlog-plotly').forEach(function(el){"
            "var f=JSON.parse(el.querySelector('script').textContent);"
            "window.Plotly&&Plotly.newPlot(el,f.data,f.layout,{displaylogo:false,responsive:true});});"
            "root.querySelectorAll('.figlog-vega').forEach(function(el){"
            "var s=JSON.parse(el.querySelector('script').textContent);"
            "window.vegaEmbed&&vegaEmbed(el,s,{actions:false,renderer:'svg'});});})();</script>"
        )
        return (f'<div id="{self.uid}" class="figlog-output" style="font:13px system-ui,sans-serif">'
                f"{''.join(libs)}{body}{_RESIZER if self.docs else ''}{boot}</div>")


class _Marked:
    """``resolve_html``'s reader: script and style bundles become marker comments whose
    bodies the output keeps once; anything else is read as is."""

    def __init__(self, store: dict[str, bytes], bodies: dict[str, str]) -> None:
        self.store = store
        self.bodies = bodies

    def read(self, key: str) -> bytes:
        data = self.store[key]
        body = data.decode("utf-8", "replace")
        if key.rsplit(".", 1)[-1] not in ("js", "css") or "</script" in body.lower() \
                or "</style" in body.lower():
            return data
        self.bodies.setdefault(key, body)
        return _MARK.format(key).encode()


def _inline_script(text: str) -> str:
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def _cell(out: _Output, value: Any) -> str:
    from ..media import Html, Image, Plotly

    if value is None:
        return ""
    if isinstance(value, Image):
        uri = f"data:image/{value.format};base64,{base64.b64encode(value.data).decode()}"
        cap = f"<div style='color:#6b7385'>{_html.escape(value.caption)}</div>" if value.caption else ""
        return f'<img src="{uri}" style="max-height:120px;image-rendering:pixelated">{cap}'
    if isinstance(value, Html):
        return out.frame(value.html, height=160)
    if isinstance(value, Plotly):
        return out.plot(value.figure, height=220)
    if isinstance(value, float):
        return f"{value:.6g}"
    return _html.escape(str(value))


def table_html(table: Any, max_rows: int = 50) -> str:
    """A ``figlog.Table`` as an HTML table, media cells drawn in place (first ``max_rows``)."""
    out = _Output()
    head = "".join(f"<th style='text-align:left;padding:4px 8px'>{_html.escape(c)}</th>"
                   for c in table.columns)
    rows = []
    for i, row in enumerate(table.iterrows()):
        if i >= max_rows:
            break
        cells = row[1] if isinstance(row, tuple) and len(row) == 2 else row
        rows.append("<tr>" + "".join(
            f"<td style='padding:4px 8px;vertical-align:top;border-top:1px solid #eee'>{_cell(out, c)}</td>"
            for c in cells) + "</tr>")
    more = len(table) - min(len(table), max_rows)
    note = f"<div style='color:#6b7385'>… {more} more rows</div>" if more > 0 else ""
    body = (f"<table style='border-collapse:collapse'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{note}")
    return out.render(body)


def chart_html(chart: Any) -> str:
    """A ``figlog.plot`` chart drawn by vega-embed from the local Vega bundle."""
    out = _Output()
    return out.render(out.chart(chart.to_vega_lite()))


def html_html(value: Any) -> str:
    """A ``figlog.Html`` document in a sandboxed iframe sized to its content."""
    out = _Output()
    return out.render(out.frame(value.html))


def plotly_html(value: Any) -> str:
    """A ``figlog.Plotly`` figure; a converted figure that is not complete also shows its
    exact PNG rendering and the conversion report."""
    out = _Output()
    body = out.plot(value.figure)
    if not value.complete:
        report = _html.escape(script_json(value.report or {}))
        png = ""
        if value.png is not None:
            uri = "data:image/png;base64," + base64.b64encode(value.png).decode()
            png = f"<img src='{uri}' style='max-width:100%'>"
        body += ("<details><summary style='color:#b06000'>approximate conversion: exact PNG "
                 f"and report</summary>{png}<pre style='font-size:11px'>{report}</pre></details>")
    return out.render(body)


def run_html(run: Any) -> str:
    """A run's card: name, id, store, and the last value of each scalar key."""
    from ..store import open_store

    try:
        record = open_store(run.dir).run(run.id)
        status, keys = record.status, record.keys()
        last = {k: record.ref(k)[2] for k, kind in keys.items() if kind in ("number", "bool")}
    except (FileNotFoundError, KeyError):
        status, last = "running", {}
    values = "".join(f"<tr><th style='text-align:left;padding:1px 10px 1px 0;color:#6b7385'>"
                     f"{_html.escape(k)}</th><td>{_html.escape(_fmt(v))}</td></tr>"
                     for k, v in list(last.items())[:20])
    return (f"<div style='font:13px system-ui,sans-serif'><b>figlog run</b> "
            f"{_html.escape(run.project)}/{_html.escape(run.name)} <code>{_html.escape(run.id)}</code>"
            f" · {_html.escape(status)} · store <code>{_html.escape(str(run.dir))}</code>"
            f"<table>{values}</table><div style='color:#6b7385'>see every panel: "
            f"<code>figlog ui --dir {_html.escape(str(run.dir))}</code></div></div>")


def _fmt(v: Any) -> str:
    return f"{v:.6g}" if isinstance(v, float) else str(v)
