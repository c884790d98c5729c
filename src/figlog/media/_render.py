"""Plotly, Bokeh, HoloViews and Panel objects → one HTML page, each with its library's own API.

Each renderer returns ``(html, meta)``. JavaScript is inline by default (``js="inline"``), so
the page renders with no network; ``js="cdn"`` gives the small page the library writes by
default, which a store makes offline again by serving the same bundle from the installed
package. Nothing is written to disk: Panel saves into a ``StringIO``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any, Literal

from .._optional import loaded, require
from ._rewrite import localize

__all__ = ["JS", "library_of", "render", "render_bokeh", "render_holoviews", "render_panel",
           "render_plotly"]

JS = Literal["inline", "cdn"]
_JS_VALUES = ("inline", "cdn")


def library_of(obj: Any) -> str | None:
    """``"panel"``, ``"holoviews"``, ``"bokeh"`` or ``"plotly"`` for an object of that
    library (or a Plotly figure dict), else None. Never imports a library: an object can only
    belong to one that is already imported."""
    if (pn := loaded("panel.viewable")) is not None and isinstance(obj, pn.Viewable):
        return "panel"
    if (hv := loaded("holoviews.core.dimension")) is not None and isinstance(obj, hv.Dimensioned):
        return "holoviews"
    if (bk := loaded("bokeh.model")) is not None and isinstance(obj, bk.Model):
        return "bokeh"
    if (bd := loaded("bokeh.document")) is not None and isinstance(obj, bd.Document):
        return "bokeh"
    if (pb := loaded("plotly.basedatatypes")) is not None and isinstance(obj, pb.BaseFigure):
        return "plotly"
    if isinstance(obj, Mapping) and isinstance(obj.get("data"), (list, tuple)) \
            and set(obj) <= {"data", "layout", "frames", "config"}:
        return "plotly"
    return None


def render(obj: Any, *, js: JS = "inline") -> tuple[str, str, dict]:
    """``(html, library, meta)`` for any object ``library_of`` knows.

    Raises
    ------
    TypeError
        ``obj`` belongs to none of Plotly, Bokeh, HoloViews, Panel.
    """
    library = library_of(obj)
    if library is None:
        msg = (
            "Html(data=...) expects HTML text, a path to an .html file, a file-like object, or "
            "a Plotly figure, Bokeh model/layout/Document, HoloViews object or Panel object; "
            f"got {type(obj).__module__}.{type(obj).__qualname__}"
        )
        raise TypeError(msg)
    renderer = {"plotly": render_plotly, "bokeh": render_bokeh,
                "holoviews": render_holoviews, "panel": render_panel}[library]
    html, meta = renderer(obj, js=js)
    return html, library, meta


def _check_js(js: str, where: str) -> None:
    if js not in _JS_VALUES:
        msg = f"{where}(js={js!r}) is not supported; supported: 'inline', 'cdn'"
        raise ValueError(msg)


def render_plotly(fig: Any, *, js: JS = "inline", auto_play: bool = False) -> tuple[str, dict]:
    """A Plotly figure (or figure dict) through ``plotly.io.to_html``.

    ``auto_play=False`` by default: an animated figure in a table should not play by itself.
    """
    _check_js(js, "Html.from_plotly")
    pio = require("plotly.io", extra="html", purpose="rendering a Plotly figure to HTML")
    html = pio.to_html(fig, include_plotlyjs=True if js == "inline" else "cdn",
                       full_html=True, auto_play=auto_play, validate=True)
    return html, {"library": "plotly", "version": _version("plotly")}


def render_bokeh(obj: Any, *, js: JS = "inline", title: str | None = None) -> tuple[str, dict]:
    """A Bokeh model, layout or Document through ``bokeh.embed.file_html``."""
    _check_js(js, "Html.from_bokeh")
    embed = require("bokeh.embed", extra="html", purpose="rendering a Bokeh model to HTML")
    resources = require("bokeh.resources", extra="html")
    res = resources.INLINE if js == "inline" else resources.CDN
    html = embed.file_html(obj, resources=res, title=title or "Bokeh Plot")
    if js == "inline":
        # With panel imported, Bokeh names Panel's extension scripts by a server-relative
        # path even with INLINE resources; take them from the installed panel package.
        html = localize(html)
    return html, {"library": "bokeh", "version": _version("bokeh")}


def render_holoviews(obj: Any, *, js: JS = "inline", title: str | None = None) -> tuple[str, dict]:
    """A HoloViews object through Panel's HoloViews pane (widgets for HoloMaps included),
    drawn with the Bokeh backend."""
    _check_js(js, "Html.from_holoviews")
    pn = require("panel", extra="html", purpose="rendering a HoloViews object to HTML")
    pane = pn.pane.HoloViews(obj, backend="bokeh")
    html, meta = render_panel(pane, js=js, title=title)
    return html, {"library": "holoviews", "version": _version("holoviews"),
                  "panel": meta["version"]}


def render_panel(obj: Any, *, js: JS = "inline", title: str | None = None) -> tuple[str, dict]:
    """A Panel object through its ``save`` into memory.

    With ``resources=INLINE`` Panel still names its stylesheets (and icons) by CDN URL; those
    are replaced by the files of the installed panel package, so the page is offline.
    """
    _check_js(js, "Html.from_panel")
    require("panel", extra="html", purpose="rendering a Panel object to HTML")
    resources = require("bokeh.resources", extra="html")
    buf = io.StringIO()
    obj.save(buf, title=title or "Panel", progress=False,
             resources=resources.INLINE if js == "inline" else resources.CDN)
    html = buf.getvalue()
    if js == "inline":
        html = localize(html)
    return html, {"library": "panel", "version": _version("panel")}


def _version(dist: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None
