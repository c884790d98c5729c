"""Html from Plotly, Bokeh, HoloViews and Panel objects: each library's own embedding, offline."""

from __future__ import annotations

import warnings
from html.parser import HTMLParser

import holoviews as hv
import numpy as np
import panel as pn
import plotly.graph_objects as go
import pytest
from bokeh.plotting import figure

import figlog
from figlog import _optional
from figlog.media import Html, OfflineWarning, Plotly, wrap


class Loads(HTMLParser):
    """What a page loads: script srcs, stylesheet/icon hrefs, media srcs, inline scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inline_scripts: list[int] = []
        self.base: list[dict] = []
        self.stylesheets: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in a
            if "src" in a:
                self.urls.append(a["src"])
        elif tag == "link":
            self.urls.append(a.get("href") or "")
            if "stylesheet" in (a.get("rel") or ""):
                self.stylesheets.append(a.get("href") or "")
        elif tag in ("img", "audio", "video", "source", "iframe", "embed"):
            self.urls.append(a.get("src") or "")
        elif tag == "base":
            self.base.append(a)

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(len(data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    @property
    def remote(self) -> list[str]:
        return [u for u in self.urls if u.startswith(("http://", "https://", "//"))]


def remote_in_json(text: str) -> list[str]:
    """Library CDN URLs anywhere in the page (Bokeh documents name stylesheets in JSON)."""
    from figlog.media._assets import KNOWN_URL

    return [m[0] for m in KNOWN_URL.finditer(text)]


@pytest.fixture
def plotly_fig():
    return go.Figure(go.Scatter(x=[0, 1, 2], y=[3, 1, 2], mode="markers"))


@pytest.fixture
def bokeh_fig():
    p = figure(width=200, height=150, title="b")
    p.line([1, 2, 3], [3, 1, 2])
    return p


def test_plotly_figure_renders_with_plotly_js_inline(plotly_fig):
    h = Html(plotly_fig)
    assert h.source == "plotly"
    page = Loads(h.html)
    assert page.remote == []
    assert max(page.inline_scripts) > 1_000_000          # plotly.js itself
    assert h.meta["offline"] is True
    assert h.meta["libraries"]["plotly.js"]
    assert h.meta["library"] == "plotly"


def test_plotly_cdn_page_is_small_and_still_offline_by_the_store(plotly_fig):
    h = Html.from_plotly(plotly_fig, js="cdn")
    (url,) = Loads(h.html).remote
    assert url.startswith("https://cdn.plot.ly/plotly-")
    assert len(h.html) < 20_000
    # The installed plotly ships exactly that plotly.js, so nothing is missing offline.
    assert h.meta["offline"] is True and "not_offline" not in h.meta


def test_plotly_figure_dict_and_auto_play(plotly_fig):
    h = Html.from_plotly(plotly_fig.to_dict(), auto_play=True)
    assert h.source == "plotly"
    assert Html.from_plotly(plotly_fig).html.count('"autoplay": false') <= 1


def test_bokeh_model_renders_inline(bokeh_fig):
    h = Html(bokeh_fig)
    assert h.source == "bokeh"
    page = Loads(h.html)
    assert page.remote == [] and remote_in_json(h.html) == []
    assert max(page.inline_scripts) > 500_000            # BokehJS
    assert h.meta["offline"] is True


def test_bokeh_document_and_layout(bokeh_fig):
    from bokeh.document import Document
    from bokeh.layouts import column

    other = figure(width=100, height=100)
    other.scatter([1], [1])
    doc = Document()
    doc.add_root(column(bokeh_fig, other))
    h = Html.from_bokeh(doc, title="two plots")
    assert "<title>two plots</title>" in h.html
    assert Loads(h.html).remote == []


def test_holoviews_object_renders_through_panel_offline():
    img = hv.Image(np.arange(16.0).reshape(4, 4))
    h = Html(img * hv.VLine(1))
    assert h.source == "holoviews"
    assert Loads(h.html).remote == [] and remote_in_json(h.html) == []
    assert h.meta["offline"] is True


def test_panel_object_renders_offline_with_its_stylesheets_from_the_package():
    row = pn.Row(pn.pane.Markdown("# hi"), pn.widgets.FloatSlider(end=3))
    h = Html(row)
    assert h.source == "panel"
    page = Loads(h.html)
    assert page.remote == []
    # Panel's INLINE save still names its CSS by CDN URL inside the Bokeh document; figlog
    # replaces each with the file of the installed panel package.
    assert remote_in_json(h.html) == []
    assert "data:text/css;base64," in h.html
    # The user's object is untouched and can be rendered again.
    assert Html(row).html.count("FloatSlider") == h.html.count("FloatSlider")


def test_cdn_option_for_panel_keeps_cdn_urls_that_the_store_can_serve():
    h = Html.from_panel(pn.pane.Markdown("x"), js="cdn")
    assert any("cdn.holoviz.org" in u or "cdn.bokeh.org" in u for u in Loads(h.html).remote)
    assert h.meta["offline"] is True


def test_wrap_turns_bokeh_holoviews_panel_into_html_and_plotly_into_plotly(bokeh_fig, plotly_fig):
    assert isinstance(wrap(bokeh_fig), Html)
    assert wrap(hv.Curve([1, 2])).source == "holoviews"
    assert wrap(pn.pane.Markdown("x")).source == "panel"
    assert isinstance(wrap(plotly_fig), Plotly)
    assert wrap(object()) is None


def test_table_cells_accept_raw_bokeh_objects(bokeh_fig):
    table = figlog.Table(columns=["plot"])
    table.add_data(bokeh_fig)
    (_, (cell,)), = table.iterrows()
    assert isinstance(cell, Html) and cell.source == "bokeh"


def test_inject_adds_only_local_markup(plotly_fig):
    plain = Html.from_plotly(plotly_fig, inject=False)
    injected = Html.from_plotly(plotly_fig)
    assert Loads(plain.html).base == []
    assert Loads(injected.html).base == [{"target": "_blank"}]
    assert Loads(injected.html).remote == Loads(plain.html).remote == []
    extra = len(injected.html) - len(plain.html)
    assert 0 < extra < 400


def test_named_constructors_check_the_library(bokeh_fig, plotly_fig):
    with pytest.raises(TypeError, match=r"Html.from_plotly\(fig=...\) expects a Plotly figure"):
        Html.from_plotly(bokeh_fig)
    with pytest.raises(TypeError, match=r"Html.from_bokeh\(obj=...\) expects a Bokeh model"):
        Html.from_bokeh(plotly_fig)
    with pytest.raises(TypeError, match=r"Html.from_holoviews\(obj=...\) expects a HoloViews"):
        Html.from_holoviews(bokeh_fig)
    with pytest.raises(TypeError, match=r"Html.from_panel\(obj=...\) expects a Panel object"):
        Html.from_panel(hv.Curve([1]))
    with pytest.raises(ValueError, match=r"from_bokeh\(js='remote'\) is not supported; "
                                         r"supported: 'inline', 'cdn'"):
        Html.from_bokeh(bokeh_fig, js="remote")
    with pytest.raises(TypeError, match="inject=...\\) must be a bool"):
        Html.from_bokeh(bokeh_fig, inject="yes")


def test_a_cdn_bokeh_version_the_package_does_not_ship_is_kept_and_flagged():
    page = ('<html><head><script src="https://cdn.bokeh.org/bokeh/release/bokeh-2.4.3.min.js">'
            "</script></head><body></body></html>")
    with pytest.warns(OfflineWarning, match=r"BokehJS 2\.4\.3 is requested; the installed bokeh "
                                            r"ships \d") as rec:
        h = Html(page)
    assert rec[0].filename == __file__               # points at the caller, not figlog
    assert h.meta["offline"] is False
    assert h.meta["not_offline"][0].startswith("https://cdn.bokeh.org/bokeh/release/bokeh-2.4.3")
    assert "bokeh-2.4.3.min.js" in h.html             # kept as the file has it


def test_an_unknown_remote_script_is_flagged():
    with pytest.warns(OfflineWarning, match="a remote resource figlog has no local copy of"):
        h = Html('<script src="https://example.com/lib.js"></script><p>x</p>')
    assert h.meta["not_offline"] == [
        "https://example.com/lib.js: a remote resource figlog has no local copy of"]


def test_links_and_remote_urls_in_text_are_not_loads():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = Html('<a href="https://example.com">docs</a><p>see https://example.com/x.js</p>')
    assert h.meta["offline"] is True


def test_require_names_the_extra():
    with pytest.raises(ImportError, match=r"pip install 'figlog\[html\]'") as info:
        _optional.require("figlog_no_such_module", extra="html", purpose="a test")
    assert "for a test" in str(info.value)
    assert _optional.require("json", extra="html").__name__ == "json"
