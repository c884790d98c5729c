"""A store holding one of every panel kind, for the viewer's tests, screenshots and benchmark."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

import figlog
from figlog.media import Plotly

# Each tries to escape its iframe; the browser tests check from outside that none succeeds.
HOSTILE = {
    "parent_dom": "<p>dom</p><script>try{parent.document.body.innerHTML='PWNED'}catch(e){}"
                  "try{top.document.title='PWNED'}catch(e){}</script>",
    "top_nav": "<p>nav</p><script>try{top.location='http://example.com/pwned'}catch(e){}"
               "try{parent.location.href='/pwned'}catch(e){}</script>",
    "fetch_api": "<p>fetch</p><script>fetch('/api/runs/alpha').then(r=>r.text()).then(t=>"
                 "{document.title='GOT '+t.length}).catch(e=>{});"
                 "try{var x=new XMLHttpRequest();x.open('GET','/api/runs/alpha');x.send()}"
                 "catch(e){}var i=new Image();i.src='http://example.com/beacon';</script>",
    "storage": "<p>storage</p><script>try{document.cookie='pwned=1;path=/'}catch(e){}"
               "try{localStorage.setItem('pwned','1')}catch(e){}"
               "try{parent.localStorage.setItem('pwned','1')}catch(e){}</script>",
    "popup": "<p>popup</p><script>try{window.open('/pwned','_blank')}catch(e){}"
             "try{window.open('http://example.com/')}catch(e){}</script>"
             "<a id=a href='/pwned' target='_top'>x</a><script>try{document.getElementById('a')"
             ".click()}catch(e){}</script>",
}

PAGE_HTML = ("<!doctype html><html><head><title>page</title></head><body>"
             "<h2 id='hello' style='color:#3457d5'>Hello from logged HTML</h2>"
             "<div id='dyn'></div><script>document.getElementById('dyn').textContent="
             "'script ran';</script><div style='height:420px;background:linear-gradient("
             "#eef,#fee)'>tall content</div></body></html>")


def _image(seed: int, size: int = 48) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size]
    r = (np.sin(x / (3 + seed)) + 1) / 2
    g = (np.cos(y / (4 + seed)) + 1) / 2
    b = rng.random((size, size)) * 0.3
    return np.stack([r, g, b], axis=-1)


def _plotly_fig(k: int) -> dict:
    import plotly.graph_objects as go

    x = np.linspace(0, 6, 60)
    fig = go.Figure([go.Scatter(x=x, y=np.sin(x + k), name="sin"),
                     go.Bar(x=np.arange(6), y=np.arange(6) * (k + 1), name="bars")])
    fig.update_layout(title=f"plotly step {k}")
    return fig


def _approx_plot() -> Plotly:
    import io

    from PIL import Image as PILImage

    img = PILImage.new("RGB", (320, 200), (250, 240, 220))
    for i in range(320):
        img.putpixel((i, 100 + int(40 * math.sin(i / 20))), (200, 40, 40))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    report = {"complete": False, "converted": {"Line2D": 1},
              "skipped": [{"kind": "PolyCollection", "label": "violin", "reason": "not supported"}]}
    fig = {"data": [{"type": "scatter", "y": [1, 3, 2, 4], "name": "line"}],
           "layout": {"title": {"text": "converted matplotlib (approximate)"}}}
    return Plotly.from_parts(fig, report, buf.getvalue())


def make_store(root: Path, *, running_run: bool = False) -> dict[str, str]:
    """Write runs ``alpha`` (every panel kind) and ``beta`` (scalars) under ``root``."""
    ids = {}
    with figlog.init(project="demo", name="alpha", id="alpha", dir=root,
                     config={"lr": 0.001, "batch": 32, "model": "cnn"}) as run:
        for step in range(60):
            loss = 2.0 * math.exp(-step / 15) + 0.05 * math.sin(step)
            run.log({"loss": loss if step != 7 else float("nan"), "acc": 1 - loss / 2.2,
                     "train/grad_norm": 1 / (1 + step), "flag": step % 2 == 0})
        for k in range(4):
            run.log({"samples/image": figlog.Image(_image(k), caption=f"sample {k}"),
                     "samples/grid": [figlog.Image(_image(k + j, 24)) for j in range(3)],
                     "plotly/fig": _plotly_fig(k),
                     "note": f"note at step {k}"})
        run.log({"plotly/approx": _approx_plot(), "html/page": figlog.Html(PAGE_HTML)})
        # Plotly figures as HTML: plotly.js is stored once per store and served as a bundle.
        cells = figlog.Table(columns=["k", "figure"])
        for k in range(3):
            cells.add_data(k, figlog.Html(_plotly_fig(k)))
        run.log({"html/plotly": figlog.Html(_plotly_fig(9)), "tables/plotly_html": cells})
        table = figlog.Table(columns=["id", "name", "score", "image", "html", "plot"])
        for i in range(8):
            table.add_data(i, f"row {i}", i / 7, figlog.Image(_image(i, 32)),
                           figlog.Html(f"<b>cell {i}</b>"),
                           figlog.Plotly({"data": [{"type": "bar", "y": [i, 2, 3]}],
                                          "layout": {"height": 180}}))
        run.log({"tables/mixed": table})
        hostile = figlog.Table(columns=["attack", "html"])
        for name, text in HOSTILE.items():
            hostile.add_data(name, figlog.Html(text))
        run.log({"tables/hostile": hostile})
        try:
            import figlog.plot as fplot
        except ImportError:
            fplot = None
        if fplot is not None:
            y_true = np.array([0, 1, 1, 0, 1, 0, 1, 1, 0, 0])
            probas = np.array([[0.8, 0.2], [0.3, 0.7], [0.4, 0.6], [0.6, 0.4], [0.1, 0.9],
                               [0.7, 0.3], [0.45, 0.55], [0.2, 0.8], [0.9, 0.1], [0.55, 0.45]])
            run.log({"charts/roc": fplot.roc_curve(y_true, probas, labels=["cat", "dog"]),
                     "charts/bar": fplot.bar(figlog.Table(columns=["label", "value"],
                                                          data=[["a", 3], ["b", 5], ["c", 2]]),
                                             "label", "value", title="bars")})
    ids["alpha"] = "alpha"
    with figlog.init(project="demo", name="beta", id="beta", dir=root,
                     config={"lr": 0.01, "batch": 64, "model": "mlp"}) as run:
        for step in range(60):
            loss = 2.0 * math.exp(-step / 25) + 0.1
            run.log({"loss": loss, "acc": 1 - loss / 2.2})
    ids["beta"] = "beta"
    return ids


def make_big_table_store(root: Path, nrows: int = 1_000_000) -> None:
    """A run ``big`` whose key ``big`` is a table of ``nrows`` rows (id, value, label, flag)."""
    rng = np.random.default_rng(0)
    labels = np.array(["cat", "dog", "bird", "fish"])
    with figlog.init(project="big", name="big", id="big", dir=root) as run:
        ids = np.arange(nrows)
        table = figlog.Table()
        table.add_column("id", ids)
        table.add_column("value", rng.random(nrows))
        table.add_column("label", labels[rng.integers(0, 4, nrows)])
        table.add_column("flag", ids % 3 == 0)
        run.log({"big": table})
