"""The seed's HTML examples render offline in headless Chromium, and no request leaves the machine.

Chromium is Debian's (/usr/bin/chromium, ``make chromium``), driven by Playwright with
``executable_path``; Playwright never downloads a browser. Every request a page makes is
recorded, anything that is not ``data:``/``blob:``/``about:`` or 127.0.0.1 is aborted, and
the test fails on it.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import figlog
from figlog.store._bundles import bundle_mime, read_html

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LOCAL = ("data:", "blob:", "about:", "http://127.0.0.1")

# Every canvas in the page, shadow roots included (Bokeh draws inside them), with how many
# of its pixels are neither transparent nor white.
CANVASES = """() => {
  const found = [];
  const walk = (root) => { for (const el of root.querySelectorAll('*')) {
    if (el.tagName === 'CANVAS') found.push(el);
    if (el.shadowRoot) walk(el.shadowRoot); } };
  walk(document);
  return found.map((c) => {
    const ctx = c.getContext('2d');  // null for a canvas that already holds a WebGL context
    if (ctx === null || c.width === 0 || c.height === 0) return 0;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4)
      if (d[i + 3] > 0 && (d[i] < 250 || d[i + 1] < 250 || d[i + 2] < 250)) ink++;
    return ink; });
}"""
DEEP_COUNT = """(tag) => {
  let n = 0;
  const walk = (root) => { for (const el of root.querySelectorAll('*')) {
    if (el.tagName === tag) n++;
    if (el.shadowRoot) walk(el.shadowRoot); } };
  walk(document); return n; }"""


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    """Both seed HTML examples run as scripts, in a scratch directory with its own store."""
    work = tmp_path_factory.mktemp("seed")
    env = {**os.environ, "FIGLOG_DIR": str(work / "runs"), "MPLBACKEND": "Agg"}
    for script in ("plotly_html_table.py", "audio_spectrogram.py"):
        done = subprocess.run([sys.executable, str(EXAMPLES / script)], cwd=work, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{script} failed:\n{done.stderr[-3000:]}"
    return work


class Pages:
    """Fresh browser pages (one per document: ``set_content`` keeps the window's globals, so
    a second Bokeh page in the same window would meet the first one's BokehJS) that record
    every request and let only local ones through."""

    def __init__(self, browser):
        self.browser = browser
        self.page = None
        self.requests: list[str] = []
        self.errors: list[str] = []

    def open(self, html: str | None = None):
        self.close()
        self.page = self.browser.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", lambda route: route.continue_()
                        if route.request.url.startswith(LOCAL) else route.abort())
        if html is not None:
            self.page.set_content(html, wait_until="load")
        return self.page

    @property
    def remote(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL)]

    def close(self):
        if self.page is not None:
            self.page.close()
            self.page = None


@pytest.fixture
def page(browser):
    p = Pages(browser)
    yield p
    p.close()


def _table_cells(store_dir: Path, project: str) -> list[str]:
    """The Html cells of the run's one table, read back (self-contained)."""
    run = figlog.open_store(store_dir).runs(project)[0]
    table = run.get(next(iter(run.keys())))
    return [row[0].html for _, row in table.iterrows()]


def test_plotly_html_cells_draw_offline(seed_store, page):
    cells = _table_cells(seed_store / "runs", "log-plotly-fig-tables")
    assert len(cells) == 3
    for html in cells:
        tab = page.open(html)
        tab.wait_for_selector(".main-svg", timeout=30_000)
        assert tab.locator(".scatterlayer .trace").count() == 1
        assert tab.locator(".scatterlayer .point").count() == 5
    assert page.remote == []
    assert page.errors == []


def test_audio_spectrogram_draws_offline(seed_store, page):
    cells = _table_cells(seed_store / "runs", "audio_test")
    assert len(cells) == 2
    tab = page.open(cells[0])
    tab.wait_for_function(f"({CANVASES})().some((ink) => ink > 1000)", timeout=30_000)
    assert tab.evaluate(DEEP_COUNT, "AUDIO") == 1
    assert page.remote == []
    assert page.errors == []


def test_the_unrewritten_seed_file_would_go_to_the_cdn(seed_store, page):
    # The control: Panel's default save() asks the CDN, so the recorder above does see it.
    raw = (seed_store / "audio_with_plot.html").read_text()
    page.open(raw)
    assert any("cdn.bokeh.org" in u for u in page.remote)


def test_bokeh_holoviews_and_panel_objects_draw_offline(tmp_path, page):
    import holoviews as hv
    import numpy as np
    import panel as pn
    from bokeh.plotting import figure

    p = figure(width=300, height=200)
    p.line([1, 2, 3], [3, 1, 2], line_width=3)
    image = hv.Image(np.random.default_rng(0).random((8, 8)))
    with figlog.init(project="objects", dir=tmp_path) as run:
        run.log({"bokeh": p, "bokeh_cdn": figlog.Html.from_bokeh(p, js="cdn"),
                 "hv": image, "panel": pn.Row(pn.widgets.FloatSlider(end=3), image)})
    rec = figlog.open_store(tmp_path).runs("objects")[0]
    for key in ("bokeh", "bokeh_cdn", "hv", "panel"):
        tab = page.open(rec.get(key))
        tab.wait_for_function(f"({CANVASES})().some((ink) => ink > 100)", timeout=30_000)
    assert page.remote == []
    assert page.errors == []


class _StoreHandler(http.server.BaseHTTPRequestHandler):
    """Serves ``/page.html`` from memory and ``/media/...`` from a store, as a viewer would."""

    def __init__(self, *args, store, pages, **kwargs):
        self.store, self.pages = store, pages
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = self.path.lstrip("/")
        if path in self.pages:
            body, mime = self.pages[path].encode(), "text/html; charset=utf-8"
        else:
            try:
                body, mime = self.store.media.read(path), bundle_mime(path)
            except (ValueError, OSError):
                self.send_error(404)
                return
        self.send_response(200)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_urls_mode_serves_each_bundle_from_the_store(seed_store, page):
    store = figlog.open_store(seed_store / "runs")
    pages: dict[str, str] = {}
    handler = functools.partial(_StoreHandler, store=store, pages=pages)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for project, key in (("log-plotly-fig-tables", "test_table"),
                             ("audio_test", "audio_table")):
            rec = store.runs(project)[0]
            (cell_ref,) = next(rec.iter_table_rows(key, stop=1))
            assert cell_ref["_type"] == "html" and cell_ref["bundles"]
            pages[f"{project}.html"] = read_html(store.media, cell_ref, mode="urls",
                                                 url_for=lambda p: f"{base}/{p}")
            assert "figlog-bundle:" not in pages[f"{project}.html"]
        page.open().goto(f"{base}/log-plotly-fig-tables.html")
        page.page.wait_for_selector(".main-svg", timeout=30_000)
        page.open().goto(f"{base}/audio_test.html")
        page.page.wait_for_function(f"({CANVASES})().some((ink) => ink > 1000)", timeout=30_000)
    finally:
        server.shutdown()
    assert page.remote == []
    assert any(u.endswith(".js") and "/media/" in u for u in page.requests)
