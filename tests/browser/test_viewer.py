"""The viewer in headless Chromium: every panel kind draws, nothing leaves 127.0.0.1, logged
HTML stays in its sandbox, a million-row table pages, sorts and filters.

Screenshots of each panel kind are written to docs/img/viewer/ (docs/viewer.md shows them).
"""

from __future__ import annotations

import http.client
import os
import re
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "viewer"))

from viewer_live import RequestLog, chromium, load_all_panels, serve  # noqa: E402
from viewer_samples import make_big_table_store, make_store  # noqa: E402

pytestmark = [pytest.mark.browser]

# The screenshots in docs/viewer.md are taken by these tests. They land in docs/img/viewer/
# only when FIGLOG_UPDATE_SCREENSHOTS=1, so that `make test` leaves the checkout clean.
SHOTS = (Path(__file__).parents[2] / "docs" / "img" / "viewer"
         if os.environ.get("FIGLOG_UPDATE_SCREENSHOTS") == "1"
         else Path(tempfile.gettempdir()) / "figlog-viewer-screenshots")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("viewer-store")
    make_store(root)
    make_big_table_store(root)
    return root


HITS: list[str] = []


@pytest.fixture(scope="module")
def base(store_dir):
    with serve(store_dir, hits=HITS) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def ctx(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    log = RequestLog(context)
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    yield context, log, errors
    context.close()
    assert log.foreign() == [], "requests left 127.0.0.1"


def _panel(page, key):
    return page.locator(f'.panel[data-key="{key}"]')


def _shot(locator, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=str(SHOTS / f"{name}.png"))


def _frame_of(page, iframe_locator):
    handle = iframe_locator.element_handle()
    return handle.content_frame()


def test_every_panel_kind_renders(ctx, base):
    context, log, errors = ctx
    page = context.new_page()
    page.goto(f"{base}/r/alpha")
    n = load_all_panels(page)
    assert n == page.locator(".panel.ready").count()
    assert page.locator(".panel.failed").count() == 0, page.locator(".panel.failed").all_inner_texts()

    # scalar charts: one SVG line per key, a gap at the NaN of step 7
    loss = _panel(page, "loss")
    assert loss.locator("svg.fl-chart path.line").count() == 1
    assert loss.locator("svg.fl-chart path.line").get_attribute("d").count("M") == 2
    assert loss.locator("svg.fl-chart").get_attribute("data-points") == "60"
    loss.scroll_into_view_if_needed()
    box = loss.locator("svg.fl-chart").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] + box["width"] / 2 + 3, box["y"] + box["height"] / 2)
    assert re.match(r"step \d+\s+loss: ", loss.locator(".fl-tip").inner_text())
    # a Plotly figure with typed arrays (plotly >= 6): a scatter and a bar trace
    fig = _panel(page, "plotly/fig")
    fig.locator(".barlayer .trace").first.wait_for()
    assert fig.locator(".scatterlayer .trace").count() == 1
    assert fig.locator(".barlayer .trace .point").count() == 6
    # converted matplotlib with an incomplete report: badge, report on click, PNG toggle
    approx = _panel(page, "plotly/approx")
    approx.locator(".badge.approx").click()
    approx.locator(".report pre").wait_for()
    assert "PolyCollection" in approx.locator(".report pre").inner_text()
    approx.locator(".badge.approx").click()
    approx.locator("button.toggle-png").click()
    png = approx.locator("img.png-render")
    png.wait_for(state="visible")
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=png.element_handle())
    _shot(approx, "plotly-approximate-png")
    approx.locator("button.toggle-png").click()
    # preset charts through vega-embed from vl-convert's bundle
    for key in ("charts/roc", "charts/bar"):
        chart = _panel(page, key)
        chart.locator(".vega-box svg").first.wait_for()
        assert chart.locator(".vega-box svg path, .vega-box svg rect").count() > 3
    # images and lists of images
    image = _panel(page, "samples/image").locator("img.media-image")
    page.wait_for_function("(img) => img.complete && img.naturalWidth === 48",
                           arg=image.element_handle())
    grid = _panel(page, "samples/grid").locator("img.media-image")
    assert grid.count() == 3
    # Html media in a sandboxed iframe, sized to its content
    html = _panel(page, "html/page").locator("iframe.logged-html")
    assert html.get_attribute("sandbox") == "allow-scripts"
    frame = _frame_of(page, html)
    frame.wait_for_selector("#hello")
    assert frame.inner_text("#dyn") == "script ran"
    page.wait_for_function("(f) => f.getBoundingClientRect().height > 420",
                           arg=html.element_handle())
    # text keys
    assert _panel(page, "note").locator("pre.text-value").inner_text() == "note at step 3"
    # tables: media cells drawn in place
    mixed = _panel(page, "tables/mixed")
    assert mixed.locator("table.data tbody tr").count() == 8
    cells = mixed.locator(".cell-media img.media-image")
    assert cells.count() == 8
    page.wait_for_function(
        "(t) => [...t.querySelectorAll('.cell-media img')].every(i => i.complete && i.naturalWidth === 32)",
        arg=mixed.element_handle())
    mixed.locator(".cell-media .main-svg").first.wait_for()
    assert mixed.locator(".cell-media .js-plotly-plot").count() == 8
    cell_frame = _frame_of(page, mixed.locator("iframe.logged-html").first)
    cell_frame.wait_for_selector("b")
    assert cell_frame.inner_text("b") == "cell 0"
    # Plotly exported as HTML: plotly.js comes once from /bundle/, each cell draws
    plot_html = _panel(page, "html/plotly").locator("iframe.logged-html")
    _frame_of(page, plot_html).wait_for_selector(".main-svg .barlayer .trace")
    cells = _panel(page, "tables/plotly_html").locator("iframe.logged-html")
    assert cells.count() == 3
    for i in range(3):
        _frame_of(page, cells.nth(i)).wait_for_selector(".main-svg .scatterlayer .trace")
    assert len({u for u in log.urls("/bundle/")}) == 1
    assert errors == []

    for key, name in [("loss", "scalar"), ("plotly/fig", "plotly"), ("plotly/approx", "plotly-approximate"),
                      ("charts/roc", "chart-roc"), ("charts/bar", "chart-bar"),
                      ("samples/image", "image"), ("samples/grid", "image-list"),
                      ("html/page", "html"), ("html/plotly", "html-plotly"), ("note", "text"),
                      ("tables/mixed", "table"), ("tables/plotly_html", "table-html-cells")]:
        _shot(_panel(page, key), name)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / "run-page.png"))


def test_slider_fetches_one_step(ctx, base):
    context, log, _ = ctx
    page = context.new_page()
    page.goto(f"{base}/r/alpha")
    panel = _panel(page, "samples/image")
    panel.scroll_into_view_if_needed()
    panel.locator("img.media-image").wait_for()
    before = len(log.urls("/value?"))
    panel.locator(".stepper button[title='first step']").click()
    page.wait_for_function("(p) => p.querySelector('figcaption').textContent === 'sample 0'",
                           arg=panel.element_handle())
    fetched = log.urls("/value?")[before:]
    assert len(fetched) == 1 and "step=60" in fetched[0] and "samples%2Fimage" in fetched[0]
    assert "step 60 (1/4)" in panel.locator(".step-label").inner_text()


def test_filter_box_and_expand(ctx, base):
    context, _, _ = ctx
    page = context.new_page()
    page.goto(f"{base}/r/alpha")
    page.fill("#panel-filter", "samples")
    visible = page.locator(".panel:not([hidden])")
    assert sorted(visible.evaluate_all("ps => ps.map(p => p.dataset.key)")) == ["samples/grid", "samples/image"]
    page.fill("#panel-filter", "/^(loss|acc)$/")
    assert page.locator(".panel:not([hidden])").count() == 2
    page.fill("#panel-filter", "")
    loss = _panel(page, "loss")
    width = loss.bounding_box()["width"]
    loss.locator("button.expand").click()
    assert loss.bounding_box()["width"] > 2 * width


def test_hostile_html_achieves_nothing(ctx, base):
    context, log, _ = ctx
    page = context.new_page()
    page.goto(f"{base}/r/alpha")
    page.evaluate("localStorage.setItem('viewer', 'mine'); document.cookie = 'viewer=mine; path=/'")
    title = page.title()
    panel = _panel(page, "tables/hostile")
    panel.scroll_into_view_if_needed()
    frames = panel.locator("iframe.logged-html")
    frames.nth(4).wait_for()
    for i in range(5):
        _frame_of(page, frames.nth(i)).wait_for_selector("p")
    page.wait_for_timeout(800)  # let every script run its attempts
    assert page.url == f"{base}/r/alpha"
    assert page.title() == title
    assert "PWNED" not in page.inner_text("body")
    assert len(context.pages) == 1, "a hostile cell opened a window"
    assert page.evaluate("localStorage.getItem('pwned')") is None
    assert page.evaluate("localStorage.getItem('viewer')") == "mine"
    assert "pwned" not in page.evaluate("document.cookie")
    assert {c["name"] for c in context.cookies()} == {"viewer"}
    # nothing the cells asked for reached the viewer's API or left the machine: the
    # browser blocked every such request (CSP, sandbox) and the server never saw one
    main = page.main_frame
    from_cells = [u for u, f in log.requests
                  if f is not main and "/html/" not in u and "/bundle/" not in u]
    assert set(from_cells) <= set(log.blocked()), (from_cells, log.failed)
    assert [h for h in HITS if h == "/api/runs/alpha" or "pwned" in h] == []
    # the fetch cell could not read the API: its title was never set
    fetch_frame = _frame_of(page, frames.nth(2))
    assert not fetch_frame.title().startswith("GOT")
    for i in range(5):
        assert frames.nth(i).get_attribute("sandbox") == "allow-scripts"
    _shot(panel, "hostile-html")


def test_html_route_is_sandboxed_even_top_level(ctx, base):
    """Opened directly, logged HTML still runs in an opaque origin (CSP sandbox)."""
    context, _, _ = ctx
    page = context.new_page()
    page.goto(f"{base}/r/alpha")
    src = _panel(page, "tables/hostile")
    src.scroll_into_view_if_needed()
    url = src.locator("iframe.logged-html").first.get_attribute("src")
    page.goto(base + url)
    assert page.evaluate("origin") == "null"
    assert page.evaluate("(() => { try { return localStorage.length } catch (e) { return 'blocked' } })()") == "blocked"


def test_path_traversal_is_404_on_every_file_route(base, store_dir):
    outside = store_dir.parent / "secret.txt"
    outside.write_text("secret")
    link_dir = store_dir / "media" / "ab"
    link_dir.mkdir(parents=True, exist_ok=True)
    link = link_dir / ("ab" + "0" * 62 + ".png")
    if not link.exists():
        os.symlink(outside, link)
    attempts = [
        "../figlog.json", "..%2ffiglog.json", "%2e%2e/figlog.json", "%2e%2e%2ffiglog.sqlite",
        "media/../figlog.json", "media/..%2f..%2fsecret.txt", "..%252f..%252fetc%252fpasswd",
        "/etc/passwd", "%2fetc%2fpasswd", "media/ab/ab" + "0" * 62 + ".png",
        "media/zz/" + "f" * 64 + ".png", "figlog.sqlite", "media/ab/..%5c..%5cfiglog.json",
    ]
    host = base.split("//")[1]
    for route in ("/files/", "/html/", "/api/table/", "/download/csv/"):
        for a in attempts:
            conn = http.client.HTTPConnection(host, timeout=10)
            conn.request("GET", route + a)  # sent as is: no client-side normalisation
            resp = conn.getresponse()
            body = resp.read()
            assert resp.status in (404, 400), (route + a, resp.status)
            assert b"secret" not in body and b"SQLite" not in body
            conn.close()
    conn = http.client.HTTPConnection(host, timeout=10)
    conn.request("GET", "/r/no-such-run")
    assert conn.getresponse().status == 404


def test_answers_only_on_the_bound_host(base):
    host = base.split("//")[1]
    conn = http.client.HTTPConnection(host, timeout=10)
    conn.request("GET", "/", headers={"Host": "evil.example:80"})
    assert conn.getresponse().status == 421


def test_million_row_table_pages_sorts_filters(ctx, base):
    context, _, _ = ctx
    page = context.new_page()
    page.goto(f"{base}/r/big")
    panel = _panel(page, "big")
    info = panel.locator(".table-tools .meta")
    info.wait_for()
    page.wait_for_function("(e) => e.textContent.includes('of 1,000,000')", arg=info.element_handle())
    first_ids = lambda: panel.locator("table.data tbody tr td:nth-child(2)").all_inner_texts()  # noqa: E731
    assert first_ids()[:3] == ["0", "1", "2"]
    panel.locator("button", has_text="next").click()
    page.wait_for_function("(e) => e.textContent.startsWith('rows 51–100')", arg=info.element_handle())
    assert first_ids()[0] == "50"
    # sort by value, descending (second click)
    header = panel.locator("th[data-col='value']")
    header.click()
    page.wait_for_function("(e) => e.textContent.startsWith('rows 1–50')", arg=info.element_handle())
    header = panel.locator("th[data-col='value']")
    header.click()
    page.wait_for_function("(t) => t.querySelector(\"th[data-col='value']\").textContent.endsWith('▼')",
                           arg=panel.element_handle())
    values = [float(v) for v in panel.locator("table.data tbody tr td:nth-child(3)").all_inner_texts()]
    assert values == sorted(values, reverse=True) and values[0] > 0.9999
    # column filter: label contains "cat" (about a quarter of the rows)
    panel.locator(".table-tools select").select_option("label")
    panel.locator(".table-tools input[type=search]").fill("cat")
    page.wait_for_function("(e) => e.textContent.includes('filtered from 1,000,000')", arg=info.element_handle())
    total = int(re.search(r"of ([\d,]+)", info.inner_text()).group(1).replace(",", ""))
    assert 240_000 < total < 260_000
    assert set(panel.locator("table.data tbody tr td:nth-child(4)").all_inner_texts()) == {"cat"}
    # numeric filter with a comparison
    panel.locator(".table-tools select").select_option("value")
    panel.locator(".table-tools input[type=search]").fill(">0.999")
    page.wait_for_function("(e) => /of \\d{3,4} \\(filtered/.test(e.textContent)", arg=info.element_handle())
    _shot(panel, "table-million-rows")


def test_compare_overlays_runs(ctx, base):
    context, _, _ = ctx
    page = context.new_page()
    page.goto(f"{base}/p/demo")
    rows = page.locator("#runs-table tbody tr")
    assert rows.count() == 2
    page.fill("#run-filter", "model=\"mlp\"")
    assert page.locator("#runs-table tbody tr:not([hidden])").count() == 1
    page.fill("#run-filter", "")
    page.locator("th", has_text="Name").click()
    assert page.locator("#runs-table tbody tr td:nth-child(2) a").all_inner_texts() == ["alpha", "beta"]
    page.locator("th", has_text="Name").click()
    assert page.locator("#runs-table tbody tr td:nth-child(2) a").all_inner_texts() == ["beta", "alpha"]
    page.screenshot(path=str(SHOTS / "runs-page.png"))
    for cb in page.locator("input.pick").all():
        cb.check()
    page.click("#compare-btn")
    page.wait_for_url(re.compile(r".*/compare\?runs="))
    load_all_panels(page)
    loss = _panel(page, "loss")
    assert loss.locator("svg.fl-chart path.line").count() == 2
    assert sorted(loss.locator(".fl-legend").inner_text().split()) == ["alpha", "beta"]
    page.fill("#smoothing", "0.8")
    page.dispatch_event("#smoothing", "input")
    page.wait_for_function("(p) => p.querySelectorAll('svg.fl-chart path.line').length === 4",
                           arg=loss.element_handle())
    _shot(loss, "compare")


def test_running_run_refreshes_by_itself(ctx, tmp_path):
    import figlog

    context, _, _ = ctx
    run = figlog.init(project="live", name="live", id="live", dir=tmp_path)
    try:
        for s in range(5):
            run.log({"loss": 1 / (s + 1)})
        with serve(tmp_path) as url:
            page = context.new_page()
            page.goto(f"{url}/r/live")
            assert page.locator(".status.running").count() == 1
            load_all_panels(page)
            count = "(p) => +p.querySelector('svg.fl-chart').dataset.points"
            loss = _panel(page, "loss")
            assert loss.evaluate(count) == 5
            for s in range(5, 20):
                run.log({"loss": 1 / (s + 1), "new_key": s})
            page.wait_for_function("document.body.dataset.refreshed >= 1", timeout=15000)
            page.wait_for_function(f"(p) => ({count})(p) === 20", arg=loss.element_handle(),
                                   timeout=15000)
            _panel(page, "new_key").wait_for()
            run.finish()
            page.wait_for_selector(".status.finished", timeout=15000)
    finally:
        run.finish()


def test_export_is_one_offline_file(browser, store_dir, tmp_path):
    from figlog import open_store
    from figlog.viewer import export_run

    out = tmp_path / "report.html"
    export_run(open_store(store_dir), "alpha", out)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    log = RequestLog(context)
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    page = context.new_page()
    page.goto(out.as_uri())
    load_all_panels(page)
    assert page.locator(".panel.failed").count() == 0
    assert _panel(page, "plotly/fig").locator(".barlayer .trace").count() == 1
    _panel(page, "charts/roc").locator(".vega-box svg").first.wait_for()
    img = _panel(page, "samples/image").locator("img.media-image")
    page.wait_for_function("(i) => i.complete && i.naturalWidth === 48", arg=img.element_handle())
    frame = _frame_of(page, _panel(page, "html/page").locator("iframe.logged-html"))
    frame.wait_for_selector("#hello")
    assert frame.inner_text("#dyn") == "script ran"
    cells = _panel(page, "tables/plotly_html").locator("iframe.logged-html")
    for i in range(3):
        _frame_of(page, cells.nth(i)).wait_for_selector(".main-svg .scatterlayer .trace")
    big = _panel(page, "tables/mixed")
    assert big.locator("table.data tbody tr").count() == 8
    panel = _panel(page, "samples/image")
    panel.locator(".stepper button[title='first step']").click()
    page.wait_for_function("(p) => p.querySelector('figcaption').textContent === 'sample 0'",
                           arg=panel.element_handle())
    # the hostile cells' attempts (example.com) were blocked by the page's CSP before any
    # network; nothing else even tried to leave the file
    assert log.foreign() == []
    tried = [u for u, _ in log.requests if u.split(":", 1)[0] not in ("file", "blob", "data", "about")]
    assert set(tried) <= set(log.blocked()), tried
    assert errors == []
    context.close()


def test_notebook_output_renders_offline(browser, tmp_path):
    """A Table's notebook output draws its Plotly, image and HTML cells with nothing fetched."""
    import numpy as np
    import plotly.graph_objects as go

    import figlog
    from figlog.viewer import notebook

    t = figlog.Table(columns=["i", "img", "fig", "page"])
    for i in range(2):
        fig = go.Figure(go.Bar(y=[i, 1, 2]))
        t.add_data(i, figlog.Image(np.full((4, 4), 200, dtype=np.uint8)), figlog.Plotly(fig),
                   figlog.Html(fig))
    chart = figlog.plot.bar(figlog.Table(columns=["l", "v"], data=[["a", 1], ["b", 2]]), "l", "v")
    out = tmp_path / "nb.html"
    out.write_text("<!doctype html><html><body>" + notebook.table_html(t)
                   + notebook.chart_html(chart) + "</body></html>", encoding="utf-8")
    context = browser.new_context()
    log = RequestLog(context)
    page = context.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector(".figlog-plotly .main-svg .barlayer .trace")
    assert page.locator(".figlog-plotly.js-plotly-plot").count() == 2
    page.wait_for_selector(".figlog-vega svg")
    frames = page.locator("iframe.figlog-frame")
    assert frames.count() == 2
    for i in range(2):
        _frame_of(page, frames.nth(i)).wait_for_selector(".main-svg .barlayer .trace")
    assert log.foreign() == []
    context.close()


def test_ten_thousand_steps_fetch_one_step_per_look(ctx, tmp_path):
    import figlog

    context, log, _ = ctx
    with figlog.init(project="long", id="long", dir=tmp_path) as run:
        for s in range(10_000):
            run.log({"caption": f"text at step {s}"})
    hits: list[str] = []
    with serve(tmp_path, hits=hits) as url:
        page = context.new_page()
        page.goto(f"{url}/r/long")
        panel = _panel(page, "caption")
        panel.locator("pre.text-value").wait_for()
        assert panel.locator("pre.text-value").inner_text() == "text at step 9999"
        assert "step 9999 (10000/10000)" in panel.locator(".step-label").inner_text()
        slider = panel.locator("input[type=range]")
        for value in (1000, 2500, 5000):  # a drag: several input events, one fetch at rest
            slider.evaluate(f"(s) => {{ s.value = {value}; s.dispatchEvent(new Event('input')); }}")
        page.wait_for_function("(p) => p.querySelector('pre.text-value').textContent === 'text at step 5000'",
                               arg=panel.element_handle())
        # one request for the steps and the last value, then one for the step looked at
        assert len([h for h in hits if h.startswith("/api/runs/long/first")]) == 1
        values = [h for h in hits if h.startswith("/api/runs/long/value")]
        assert len(values) == 1 and values[0].endswith("step=5000")


def test_panels_download_what_they_are(ctx, base):
    context, _, _ = ctx
    page = context.new_page()
    page.goto(f"{base}/r/alpha")

    def download(key, label):
        panel = _panel(page, key)
        panel.scroll_into_view_if_needed()
        panel.locator(".dl-menu summary").wait_for()
        panel.locator(".dl-menu summary").click()
        with page.expect_download() as info:
            panel.locator(".dl-list button", has_text=label).first.click()
        d = info.value
        return d.suggested_filename, Path(d.path()).read_bytes()

    name, data = download("loss", "CSV")
    assert name == "loss.csv" and data.startswith(b"run,step,value,timestamp\nalpha,0,")
    name, data = download("loss", "SVG")
    assert name == "loss.svg" and b"<svg" in data
    name, data = download("loss", "PNG")
    assert name == "loss.png" and data[:4] == b"\x89PNG"
    name, data = download("plotly/fig", "Plotly JSON")
    assert name.endswith(".json") and b'"data"' in data
    name, data = download("tables/mixed", "CSV")
    assert name == "tables_mixed_step66.csv"
    assert data.splitlines()[0] == b"id,name,score,image,html,plot"
    name, data = download("charts/roc", "Vega-Lite spec")
    assert name.endswith(".vl.json") and b'"$schema"' in data
    name, data = download("samples/image", "image")
    assert data[:4] == b"\x89PNG"
    name, data = download("html/page", "HTML")
    assert b"Hello from logged HTML" in data
