"""Library bundles in logged HTML are stored once per store and come back inlined."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import panel as pn
import plotly.express as px
import pytest
from bokeh.embed import file_html
from bokeh.plotting import figure
from bokeh.resources import CDN, INLINE

import figlog
from figlog.media import Html
from figlog.media._assets import scan
from figlog.media._rewrite import TOKEN, externalize, localize, resolve
from figlog.store._bundles import bundle_mime, resolve_html, store_html
from figlog.store._media import MediaFiles


class Sources(HTMLParser):
    """``src``/``href`` of every script and link tag."""

    def __init__(self, text: str):
        super().__init__()
        self.urls: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and "src" in a:
            self.urls.append(a["src"])
        if tag == "link":
            self.urls.append(a.get("href") or "")

    @property
    def remote(self) -> list[str]:
        return [u for u in self.urls if re.match(r"(https?:)?//", u)]


def media_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "media").rglob("*") if p.is_file())


def store_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def plotly_pages(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = tmp_path / f"fig{i}.html"
        px.scatter(x=[0, 1, 2, 3, 4], y=[0, 1, 4 + i, 9, 16]).write_html(path, auto_play=False)
        paths.append(path)
    return paths


def bokeh_page(resources) -> str:
    p = figure(width=200, height=150)
    p.line([1, 2, 3], [3, 1, 2])
    return file_html(p, resources=resources, title="b")


def test_a_table_of_plotly_write_html_files_keeps_plotly_js_once(tmp_path):
    paths = plotly_pages(tmp_path, 20)
    store = tmp_path / "runs"
    table = figlog.Table(columns=["plotly_figure"])
    for path in paths:
        table.add_data(figlog.Html(str(path)))
    with figlog.init(project="t", dir=store) as run:
        run.log({"test_table": table})
    size = store_bytes(store)
    one_page = paths[0].stat().st_size
    assert one_page > 4_000_000                       # plotly.js is in every file ...
    assert size < one_page + 20 * 40_000              # ... and in the store once
    big = [p for p in media_files(store) if p.stat().st_size > 1_000_000]
    assert len(big) == 1 and big[0].suffix == ".js"
    back = figlog.open_store(store).runs("t")[0].get("test_table")
    for (_, (cell,)), path in zip(back.iterrows(), paths):
        assert cell.html == figlog.Html(str(path)).html  # self-contained, as logged
        assert cell.source == "file" and cell.meta["offline"] is True


def test_same_bundle_from_cdn_inline_bokeh_and_panel_is_one_file(tmp_path):
    media = MediaFiles(tmp_path)
    _, inline = store_html(bokeh_page(INLINE), media)
    n = len(media_files(tmp_path))
    _, cdn = store_html(bokeh_page(CDN), media)       # CDN URL → the installed package's file
    assert len(media_files(tmp_path)) == n
    assert set(cdn) == set(inline)
    _, panel = store_html(Html(pn.pane.Markdown("x")).html, media)
    # BokehJS as Bokeh's INLINE resources, the CDN and Panel's save write it: one file.
    assert set(inline) <= set(panel)
    bokeh_js = max(inline, key=lambda p: media.path(p).stat().st_size)
    sizes = [p.stat().st_size for p in media_files(tmp_path) if p.suffix == ".js"]
    assert sizes.count(media.path(bokeh_js).stat().st_size) == 1


def test_get_returns_self_contained_html_for_a_cdn_page(tmp_path):
    page = bokeh_page(CDN)
    assert Sources(page).remote
    with figlog.init(project="t", dir=tmp_path) as run:
        run.log({"page": Html(page)})
    rec = figlog.open_store(tmp_path).runs("t")[0]
    back = rec.get("page")
    assert Sources(back).remote == []
    assert TOKEN not in back
    assert len(back) > 1_000_000
    ref = rec.history()[0]["page"]
    assert ref["bundles"] and all(b.startswith("media/") for b in ref["bundles"])
    stored = (tmp_path / ref["path"]).read_text()
    assert len(stored) < 20_000 and TOKEN in stored


def test_a_version_the_package_does_not_ship_is_stored_as_it_is(tmp_path):
    page = '<script src="https://cdn.bokeh.org/bokeh/release/bokeh-2.4.3.min.js"></script><p>x'
    with pytest.warns(figlog.media.OfflineWarning):
        h = Html(page, inject=False)
    media = MediaFiles(tmp_path)
    text, bundles = store_html(h.html, media)
    assert text == page and bundles == []


def test_embedded_bundles_of_other_versions_are_kept_and_still_stored_once(tmp_path):
    fake = "/* BokehJS 0.0.1 */" + "var x = 1;\n" * 5_000 + "var y = 2;"
    page = f"<html><head><script>{fake}</script></head><body><p>v</p></body></html>"
    media = MediaFiles(tmp_path)
    a, _ = store_html(page, media)
    b, _ = store_html(page.replace("<p>v</p>", "<p>w</p>"), media)
    assert a != b
    assert len([p for p in media_files(tmp_path) if p.suffix == ".js"]) == 1
    assert resolve_html(a, media) == page


def test_resolve_in_urls_mode_names_store_paths(tmp_path):
    media = MediaFiles(tmp_path)
    text, bundles = store_html(bokeh_page(CDN), media)
    served = resolve_html(text, media, mode="urls", url_for=lambda p: f"http://127.0.0.1:1/{p}",
                          bundles=bundles)
    srcs = [u for u in Sources(served).urls if u]
    assert srcs and all(u.startswith("http://127.0.0.1:1/media/") for u in srcs)
    for u in srcs:
        assert media.path(u.split("/", 3)[3]).is_file()
    assert bundle_mime(srcs[0]) == "text/javascript; charset=utf-8"
    with pytest.raises(TypeError, match="needs url_for="):
        resolve_html(text, media, mode="urls")
    with pytest.raises(ValueError, match="resolve\\(mode='pdf'\\) is not supported"):
        resolve_html(text, media, mode="pdf")
    with pytest.raises(ValueError, match="may not hold quotes"):
        resolve_html(text, media, mode="urls", url_for=lambda p: f'x"{p}')


def test_only_the_references_own_bundles_are_resolved(tmp_path):
    media = MediaFiles(tmp_path)
    secret = media.put(b"private bytes of another run", "png")
    # A logged page that names another media file with the token prefix gets it not inlined.
    page = f'<img src="{TOKEN}{secret}">'
    with figlog.init(project="t", dir=tmp_path) as run:
        run.log({"page": Html(page, inject=False)})
    rec = figlog.open_store(tmp_path).runs("t")[0]
    assert rec.get("page") == page


def test_panel_stylesheets_in_json_become_data_urls_inline_and_store_urls_served(tmp_path):
    buf_page = Html.from_panel(pn.pane.Markdown("x"), js="cdn", inject=False).html
    assert "cdn.holoviz.org/panel/" in buf_page
    media = MediaFiles(tmp_path)
    text, bundles = store_html(buf_page, media)
    assert "cdn.holoviz.org" not in text and "cdn.bokeh.org" not in text
    inline = resolve_html(text, media, bundles=bundles)
    assert "data:text/css;base64," in inline
    assert '"url":"data:text/css;base64,' in inline.replace(" ", "")
    json.dumps(inline)  # still a str that survives JSON


def test_data_urls_round_trip_exactly_and_dedupe(tmp_path):
    blob = "data:audio/wav;base64," + "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQ" * 200
    page = f'<audio src="{blob}"></audio><script>var a = "{blob}";</script>'
    media = MediaFiles(tmp_path)
    text, bundles = store_html(page, media)
    assert len(bundles) == 1 and len(text) < 300
    assert resolve_html(text, media, bundles=bundles) == page


def test_plotly_page_round_trips_exactly(tmp_path):
    (path,) = plotly_pages(tmp_path, 1)
    page = path.read_text()
    media = MediaFiles(tmp_path / "s")
    text, bundles = store_html(page, media)
    assert len(text) < 20_000 and len(bundles) == 1
    assert resolve_html(text, media, bundles=bundles) == page


def test_vega_cdn_scripts_become_one_local_bundle():
    page = ('<script src="https://cdn.jsdelivr.net/npm/vega@5"></script>'
            '<script src="https://cdn.jsdelivr.net/npm/vega-lite@5.20.1"></script>'
            '<script src="https://cdn.jsdelivr.net/npm/vega-embed@6"></script>'
            '<div id="vis"></div><script>vegaEmbed("#vis", {});</script>')
    assert Html(page).meta["offline"] is True
    bundles: dict[str, bytes] = {}

    def put(data: bytes, ext: str) -> str:
        key = f"k{len(bundles)}.{ext}"
        bundles[key] = data
        return key

    text, keys = externalize(page, put)
    assert len(keys) == 3
    sizes = sorted(len(bundles[k]) for k in keys)
    assert sizes[0] < 200 and sizes[1] < 200 and sizes[2] > 500_000   # one bundle, two stubs
    inline = resolve(text, bundles.__getitem__, keys=keys)
    assert Sources(inline).remote == [] and "window.vegaEmbed" in inline


def test_localize_inlines_cdn_scripts_without_a_store():
    page = bokeh_page(CDN)
    local = localize(page)
    assert Sources(local).remote == []
    assert TOKEN not in local


def test_logging_a_hundred_plotly_cells_is_quick_and_small(tmp_path):
    paths = plotly_pages(tmp_path, 5)
    cells = [figlog.Html(str(paths[i % 5])) for i in range(100)]
    # 100 distinct pages: the figure's div id differs in each.
    cells = [Html(c.html.replace("<body>", f"<body><!-- {i} -->", 1)) for i, c in enumerate(cells)]
    table = figlog.Table(columns=["fig"], data=[[c] for c in cells])
    store = tmp_path / "runs"
    start = time.perf_counter()
    with figlog.init(project="t", dir=store) as run:
        run.log({"table": table})
    elapsed = time.perf_counter() - start
    assert store_bytes(store) < 6 * 2**20
    assert elapsed < 10, f"logging 100 cells took {elapsed:.1f} s"
    media = np.array([p.stat().st_size for p in media_files(store)])
    assert (media > 1_000_000).sum() == 1


def test_plotly_cdn_and_holoviews_save_pages_come_back_self_contained(tmp_path):
    import holoviews as hv

    fig = px.scatter(x=[0, 1], y=[1, 0])
    fig.write_html(tmp_path / "cdn.html", include_plotlyjs="cdn")
    hv.save(hv.Curve([1, 3, 2]), tmp_path / "hv.html", backend="bokeh")  # loads from CDNs
    assert Sources((tmp_path / "hv.html").read_text()).remote
    with figlog.init(project="t", dir=tmp_path / "runs") as run:
        run.log({"cdn": Html(tmp_path / "cdn.html"), "hv": Html(tmp_path / "hv.html")})
    rec = figlog.open_store(tmp_path / "runs").runs("t")[0]
    for key in ("cdn", "hv"):
        back = rec.get(key)
        assert Sources(back).remote == [], key
        # Nothing left outside the bundles' own code that names a CDN (Panel's stylesheets
        # in the Bokeh document's JSON included).
        found = scan(back)
        assert found.local == [] and found.missing == [], key


def test_module_scripts_stay_in_the_page(tmp_path):
    body = "export const x = 1;\n" * 2_000
    page = f'<script type="module">{body}</script>'
    text, bundles = store_html(page, MediaFiles(tmp_path))
    assert text == page and bundles == []


def test_plotly_js_beside_the_page_comes_from_the_package(tmp_path):
    # include_plotlyjs="directory" names ./plotly.min.js, which a stored page has not got.
    px.scatter(x=[0, 1], y=[1, 0]).write_html(tmp_path / "dir.html", include_plotlyjs="directory")
    assert Sources((tmp_path / "dir.html").read_text()).urls == ["plotly.min.js"]
    media = MediaFiles(tmp_path / "s")
    text, bundles = store_html((tmp_path / "dir.html").read_text(), media)
    back = resolve_html(text, media, bundles=bundles)
    assert Sources(back).urls == [] and "plotly.js v" in back
