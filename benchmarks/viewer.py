"""Viewer benchmark (run by hand): ``python benchmarks/viewer.py [--rows 1000000]``.

1. Server time for one 50-row page of a 1M-row table: unsorted, sorted (first and cached),
   filtered; in process (``_tables.page``) and over HTTP through the app. Goal: <= 50 ms.
2. Time to a fully rendered run page with 50 panels (20 scalar charts, 10 images, 10 Plotly
   figures, 5 Vega charts, 5 HTML documents) in headless Chromium. Goal: <= 2 s. Measured
   on a first visit with all 50 in view (a 12,000 px viewport) and for the first screen
   (900 px), and on returning visits in a persistent browser profile (where V8's code
   cache works); each with the machine's load average, since the timings follow it.
3. Size of ``figlog export`` for that run against the sum of its parts.

Stores are written under benchmarks/out/ (ignored by git).
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "viewer"))

import figlog  # noqa: E402
from figlog import open_store  # noqa: E402


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1e3:7.1f} ms  max {max(samples) * 1e3:7.1f} ms"


def big_table(root: Path, rows: int) -> None:
    rng = np.random.default_rng(0)
    labels = np.array(["cat", "dog", "bird", "fish"])
    with figlog.init(project="bench", name="big", id="big", dir=root) as run:
        t = figlog.Table()
        ids = np.arange(rows)
        t.add_column("id", ids)
        t.add_column("value", rng.random(rows))
        t.add_column("label", labels[rng.integers(0, 4, rows)])
        t.add_column("note", np.char.add("row ", ids.astype(str)))
        run.log({"big": t})


def bench_table(root: Path, rows: int) -> None:
    from starlette.testclient import TestClient

    from figlog.viewer import create_app
    from figlog.viewer._tables import TableQuery, _orders, _tables, page

    store = open_store(root)
    _, _, ref = store.run("big").ref("big")
    print(f"\n1. one 50-row page of a {rows:,}-row table (goal <= 50 ms)")
    rng = np.random.default_rng(1)
    offsets = [int(o) for o in rng.integers(0, rows - 50, 30)]
    t = []
    for o in offsets:
        t0 = time.perf_counter()
        page(store.media, ref, TableQuery(offset=o))
        t.append(time.perf_counter() - t0)
    print(f"   unsorted page, in process        {_ms(t)}")
    _tables.items.clear()
    _orders.items.clear()
    t0 = time.perf_counter()
    page(store.media, ref, TableQuery(sort="value", descending=True))
    print(f"   first sorted page (loads + sorts) {(time.perf_counter() - t0) * 1e3:7.1f} ms")
    t = []
    for o in offsets:
        t0 = time.perf_counter()
        page(store.media, ref, TableQuery(offset=o, sort="value", descending=True))
        t.append(time.perf_counter() - t0)
    print(f"   sorted page, order cached         {_ms(t)}")
    t0 = time.perf_counter()
    page(store.media, ref, TableQuery(filter_column="label", filter="cat"))
    print(f"   first filtered page (label~cat)   {(time.perf_counter() - t0) * 1e3:7.1f} ms")
    with TestClient(create_app(root), base_url="http://127.0.0.1:8765") as client:
        url = f"/api/table/{ref['path']}"
        client.get(url)
        t = []
        for o in offsets:
            t0 = time.perf_counter()
            r = client.get(url, params={"offset": o, "limit": 50})
            t.append(time.perf_counter() - t0)
            assert r.status_code == 200 and len(r.json()["rows"]) == 50
        print(f"   unsorted page over HTTP (app)     {_ms(t)}")
        t = []
        for o in offsets:
            t0 = time.perf_counter()
            client.get(url, params={"offset": o, "limit": 50, "sort": "value", "desc": "1"})
            t.append(time.perf_counter() - t0)
        print(f"   sorted page over HTTP (cached)    {_ms(t)}")


def fifty_panels(root: Path) -> None:
    import plotly.graph_objects as go

    rng = np.random.default_rng(2)
    with figlog.init(project="bench", name="fifty", id="fifty", dir=root) as run:
        for step in range(1000):
            run.log({f"scalars/s{k:02d}": math.exp(-step / (100 + 10 * k)) + 0.01 * rng.random()
                     for k in range(20)})
        for step in range(5):
            data = {}
            for k in range(10):
                img = (rng.random((64, 64, 3)) * 255).astype(np.uint8)
                data[f"images/i{k:02d}"] = figlog.Image(img)
                x = np.linspace(0, 10, 200)
                data[f"plotly/p{k:02d}"] = go.Figure(go.Scatter(x=x, y=np.sin(x + k + step)))
            run.log(data)
        tbl = figlog.Table(columns=["label", "value"], data=[["a", 1], ["b", 3], ["c", 2]])
        y_true = rng.integers(0, 2, 200)
        probas = np.c_[1 - rng.random(200), rng.random(200)]
        run.log({"charts/c0": figlog.plot.bar(tbl, "label", "value"),
                 "charts/c1": figlog.plot.roc_curve(y_true, probas),
                 "charts/c2": figlog.plot.pr_curve(y_true, probas),
                 "charts/c3": figlog.plot.histogram(
                     figlog.Table(columns=["v"], data=[[float(v)] for v in rng.normal(size=300)]),
                     "v"),
                 "charts/c4": figlog.plot.line_series([[0, 1, 2, 3]] * 2, [[1, 2, 1, 3], [2, 1, 3, 1]])})
        run.log({f"html/h{k}": figlog.Html(f"<h3>document {k}</h3><p>{'text ' * 50}</p>")
                 for k in range(5)})


_ALL_DRAWN = """() => {
  const ps = [...document.querySelectorAll('.panel')].filter(p => {
    const r = p.getBoundingClientRect();
    return r.top < innerHeight + 300 && r.bottom > -300; });
  return ps.length > 0 && ps.every(p => p.classList.contains('ready')) &&
    [...document.querySelectorAll('img.media-image')].every(i => i.complete && i.naturalWidth > 0);
}"""
_BY_KIND = """() => { const o = {};
  for (const p of document.querySelectorAll('.panel.ready')) {
    const k = p.dataset.key.split('/')[0];
    o[k] = Math.max(o[k] || 0, +p.dataset.readyAt); }
  return o; }"""


def _visit(ctx, url: str) -> tuple[float, int, dict, float]:
    """Open the run page in ``ctx`` and wait until it is fully rendered: every panel in view
    has drawn (plotly svg, vega svg, <img> decoded, iframe reported its height). Returns
    (seconds, panels drawn, last panel drawn by kind in ms, load average before)."""
    import os

    load = os.getloadavg()[0]
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(f"{url}/r/fifty")
    page.wait_for_function(_ALL_DRAWN, timeout=60000, polling=20)
    dt = time.perf_counter() - t0
    n = int(page.evaluate("document.body.dataset.panelsLoaded"))
    kinds = page.evaluate(_BY_KIND)
    page.close()
    return dt, n, kinds, load


def bench_page(root: Path, repeats: int) -> None:
    import os
    import tempfile

    from playwright.sync_api import sync_playwright
    from viewer_live import BENCH_ARGS, CHROMIUM, serve_process

    print("\n2. run page with 50 panels, headless Chromium (goal <= 2 s)")
    print(f"   load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with serve_process(root) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BENCH_ARGS)

        def report(label: str, runs: list[tuple[float, int, dict, float]]) -> None:
            times = [r[0] for r in runs]
            loads = [r[3] for r in runs]
            print(f"   {label:34s} ({runs[0][1]} panels drawn)  {_ms(times)}"
                  f"  load {min(loads):.1f}-{max(loads):.1f}")
            kinds: dict[str, list[float]] = {}
            for r in runs:
                for k, v in r[2].items():
                    kinds.setdefault(k, []).append(v)
            print("      last panel drawn, by kind (ms after navigation start): " + ", ".join(
                f"{k} {statistics.median(v):.0f}" for k, v in sorted(kinds.items())))

        # A first visit: a fresh browser context each time (empty HTTP cache, no compiled
        # code). The first load of each case also warms the server (SQLite pages, chart
        # specs, gzip of the libraries): not counted.
        for label, height in (("first visit, all 50 panels in view", 12000),
                              ("first visit, first screen (lazy)", 900)):
            runs = []
            for i in range(repeats + 1):
                ctx = browser.new_context(viewport={"width": 1400, "height": height})
                r = _visit(ctx, url)
                ctx.close()
                if i:
                    runs.append(r)
            report(label, runs)
        # A returning visit, as in a user's browser: a persistent profile. Playwright's
        # browser contexts are off the record, and Chromium keeps no V8 code cache there,
        # so a "second visit" in one of them compiles plotly.js again. In a profile on
        # disk, the second load of a library makes V8's code cache and later loads use it.
        with tempfile.TemporaryDirectory() as profile:
            ctx = pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=BENCH_ARGS, headless=True,
                viewport={"width": 1400, "height": 12000})
            runs = [_visit(ctx, url) for _ in range(repeats + 2)]
            ctx.close()
        report("first visit in a new profile", runs[:1])
        report("second visit (makes the code cache)", runs[1:2])
        report("later visits, all 50 in view", runs[2:])
        # plotly.js alone, for scale: evaluating the library before drawing anything
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(f"{url}/")
        t = page.evaluate("""() => new Promise((ok) => { const t0 = performance.now();
            const s = document.createElement('script'); s.src = '/static/plotly.min.js';
            s.onload = () => ok(performance.now() - t0); document.head.append(s); })""")
        print(f"   loading + evaluating plotly.min.js alone: {t:.0f} ms")
        ctx.close()
        browser.close()
    print(f"   load average {os.getloadavg()[0]:.1f}")


def bench_export(root: Path) -> None:
    from figlog.viewer import export_run
    from figlog.viewer._assets import plotly_js_path, static_text, vega_js_path

    print("\n3. figlog export of the 50-panel run")
    store = open_store(root)
    out = root.parent / "fifty.html"
    t0 = time.perf_counter()
    size = export_run(store, "fifty", out)
    dt = time.perf_counter() - t0
    run = store.run("fifty")
    media: set[str] = set()
    for key, kind in run.keys().items():
        if kind not in ("media", "media_list"):
            continue
        for step in run.steps(key):
            _, _, ref = run.ref(key, step)
            for r in ref if isinstance(ref, list) else [ref]:
                media.add(r["path"])
                if r.get("table"):
                    media.add(r["table"]["path"])
                media.update(r.get("bundles", []))
    media_bytes = sum((store.root / p).stat().st_size for p in media)
    libs = (plotly_js_path().stat().st_size + vega_js_path().stat().st_size
            + len(static_text("viewer.js").encode()) + len(static_text("viewer.css").encode()))
    scalars = 20 * 1000 * 3 * 8  # step, value, timestamp as 8-byte numbers
    parts = media_bytes + libs + scalars
    print(f"   export written in {dt:.2f} s: {size / 1e6:.2f} MB")
    print(f"   parts: media files {media_bytes / 1e6:.2f} MB ({len(media)} files), libraries "
          f"{libs / 1e6:.2f} MB, scalars {scalars / 1e6:.2f} MB (as binary) = {parts / 1e6:.2f} MB")
    print(f"   export / sum of parts = {size / parts:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "viewer")
    ap.add_argument("--page-only", action="store_true", help="only part 2, the run page")
    args = ap.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    table_root, page_root = args.out / "table", args.out / "fifty"
    t0 = time.perf_counter()
    if not args.page_only:
        big_table(table_root, args.rows)
    fifty_panels(page_root)
    print(f"stores written in {time.perf_counter() - t0:.1f} s under {args.out}")
    if not args.page_only:
        bench_table(table_root, args.rows)
    bench_page(page_root, args.repeats)
    if not args.page_only:
        bench_export(page_root)


if __name__ == "__main__":
    main()
