"""``figlog.Html``: an HTML document held as text, with only local markup injected."""

from __future__ import annotations

import os
import re
import sys
import warnings
from pathlib import Path
from typing import Any, Literal

from . import _render
from ._assets import scan
from ._base import Media

__all__ = ["Html", "MAX_HTML_BYTES", "OfflineWarning"]

#: Largest HTML document accepted, in bytes (``$FIGLOG_MAX_HTML_MB`` overrides; default 64 MB).
MAX_HTML_BYTES = int(float(os.environ.get("FIGLOG_MAX_HTML_MB", "64")) * 1024 * 1024)

Source = Literal["raw", "file", "plotly", "bokeh", "holoviews", "panel"]

# Local only: no remote stylesheet, ever (wandb injects one from its CDN).
_INJECT = (
    '<base target="_blank">'
    "<style>html,body{margin:0;padding:0;background:#fff;"
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}</style>"
)
_HEAD_OPEN = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)
_HTML_OPEN = re.compile(r"<html(\s[^>]*)?>", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class OfflineWarning(UserWarning):
    """An HTML document loads something figlog cannot supply locally: it will not fully
    render offline. ``Html.meta["not_offline"]`` lists each URL and why."""


class Html(Media):
    """An HTML document to log (a page, a Plotly/Bokeh export, a Panel app).

    Parameters
    ----------
    data : str, pathlib.Path, file-like, or a figure
        HTML text; a ``Path``, or a ``str`` ending in ``.html``/``.htm`` that names an
        existing file; an object with ``read()``; or a Plotly figure (or figure dict), a
        Bokeh model/layout/Document, a HoloViews object or a Panel object, rendered with
        the library's own embedding API and its JavaScript inline (see ``from_plotly``,
        ``from_bokeh``, ``from_holoviews``, ``from_panel`` for options).
    inject : bool
        Add ``<base target="_blank">`` and a small inline stylesheet to ``<head>``. Only
        local markup is added, never a remote URL.

    Attributes
    ----------
    html : str
        The document. Read back from a store it is self-contained: library bundles that the
        store keeps once (plotly.js, BokehJS, Panel, Vega) are inlined again.
    source : str
        ``"raw"``, ``"file"``, ``"plotly"``, ``"bokeh"``, ``"holoviews"`` or ``"panel"``.
    meta : dict
        ``offline`` (bool), ``libraries`` (library → version, embedded or referenced) and,
        when something will not load offline, ``not_offline`` ("url: reason" strings);
        ``path`` for files, ``library``/``version`` for rendered objects.

    Warns
    -----
    OfflineWarning
        The page loads a resource figlog cannot supply locally (a CDN script of a version
        the installed package does not ship, or any other remote URL).

    Raises
    ------
    FileNotFoundError, IsADirectoryError
        a path that is missing or is a directory.
    ValueError
        binary or undecodable bytes, or a document over ``MAX_HTML_BYTES``.
    TypeError
        an object none of the libraries knows.

    Examples
    --------
    >>> Html("<p>hello</p>").html.endswith("<p>hello</p>")
    True
    """

    kind = "html"
    __slots__ = ("html", "source", "meta")

    html: str
    source: str
    meta: dict

    def __init__(self, data: Any, *, inject: bool = True) -> None:
        if not isinstance(inject, bool):
            msg = f"Html(inject=...) must be a bool, got {type(inject).__name__}"
            raise TypeError(msg)
        library = None if isinstance(data, (str, bytes, bytearray, os.PathLike)) \
            else _render.library_of(data)
        if library is not None:
            html, library, meta = _render.render(data)
            self._finish(html, library, meta, inject=inject, what="data")
            return
        html, source, meta = _read(data)
        self._finish(html, source, meta, inject=inject, what="data")

    def _finish(self, html: str, source: str, meta: dict, *, inject: bool, what: str) -> None:
        if len(html) * 4 > MAX_HTML_BYTES:  # UTF-8 takes at most 4 bytes a character
            _check_size(len(html.encode("utf-8", "surrogatepass")), what)
        found = scan(html)
        meta = {**meta, **found.to_meta()}
        if not found.offline:
            shown = "; ".join(found.missing[:5])
            more = f" (and {len(found.missing) - 5} more)" if len(found.missing) > 5 else ""
            msg = (
                f"Html({what}=...) will not fully render offline: {shown}{more}. It is logged "
                "as it is; Html.meta['not_offline'] lists what is missing."
            )
            warnings.warn(msg, OfflineWarning, stacklevel=_caller_level())
        self._init(html=_inject(html) if inject else html, source=source, meta=meta)

    @classmethod
    def from_plotly(cls, fig: Any, *, js: _render.JS = "inline", auto_play: bool = False,
                    inject: bool = True) -> Html:
        """A Plotly figure (or figure dict) rendered by ``plotly.io.to_html``.

        Parameters
        ----------
        fig : plotly.graph_objects.Figure or dict
        js : {"inline", "cdn"}
            ``"inline"`` embeds plotly.js (the page works anywhere); ``"cdn"`` names it by
            URL, and a store serves it from the installed plotly package.
        auto_play : bool
            Start animations on load (off: a table of animated figures stays still).
        """
        if _render.library_of(fig) != "plotly":
            msg = ("Html.from_plotly(fig=...) expects a Plotly figure or figure dict, "
                   f"got {_name(fig)}")
            raise TypeError(msg)
        html, meta = _render.render_plotly(fig, js=js, auto_play=auto_play)
        return cls._made(html, "plotly", meta, inject=inject, what="fig")

    @classmethod
    def from_bokeh(cls, obj: Any, *, js: _render.JS = "inline", title: str | None = None,
                   inject: bool = True) -> Html:
        """A Bokeh model, layout or Document rendered by ``bokeh.embed.file_html``
        (``resources=INLINE`` for ``js="inline"``)."""
        if _render.library_of(obj) != "bokeh":
            msg = ("Html.from_bokeh(obj=...) expects a Bokeh model, layout or Document, "
                   f"got {_name(obj)}")
            raise TypeError(msg)
        html, meta = _render.render_bokeh(obj, js=js, title=title)
        return cls._made(html, "bokeh", meta, inject=inject, what="obj")

    @classmethod
    def from_holoviews(cls, obj: Any, *, js: _render.JS = "inline", title: str | None = None,
                       inject: bool = True) -> Html:
        """A HoloViews object drawn with the Bokeh backend, saved through Panel."""
        if _render.library_of(obj) != "holoviews":
            msg = f"Html.from_holoviews(obj=...) expects a HoloViews object, got {_name(obj)}"
            raise TypeError(msg)
        html, meta = _render.render_holoviews(obj, js=js, title=title)
        return cls._made(html, "holoviews", meta, inject=inject, what="obj")

    @classmethod
    def from_panel(cls, obj: Any, *, js: _render.JS = "inline", title: str | None = None,
                   inject: bool = True) -> Html:
        """A Panel object saved by its own ``save`` (into memory). With ``js="inline"`` the
        stylesheets Panel names by CDN URL come from the installed panel package."""
        if _render.library_of(obj) != "panel":
            msg = ("Html.from_panel(obj=...) expects a Panel object (pane, widget, layout), "
                   f"got {_name(obj)}")
            raise TypeError(msg)
        html, meta = _render.render_panel(obj, js=js, title=title)
        return cls._made(html, "panel", meta, inject=inject, what="obj")

    @classmethod
    def _made(cls, html: str, source: str, meta: dict, *, inject: bool, what: str) -> Html:
        if not isinstance(inject, bool):
            msg = f"Html(inject=...) must be a bool, got {type(inject).__name__}"
            raise TypeError(msg)
        self = object.__new__(cls)
        self._finish(html, source, meta, inject=inject, what=what)
        return self

    @classmethod
    def from_text(cls, html: str, *, source: str = "raw", meta: dict | None = None,
                  inject: bool = False) -> Html:
        """An Html around text that needs no reading (as read back from a store)."""
        _check_size(len(html.encode("utf-8", "surrogatepass")), "data")
        self = object.__new__(cls)
        self._init(html=_inject(html) if inject else html, source=source, meta=dict(meta or {}))
        return self

    @classmethod
    def from_file(cls, path: str | os.PathLike, *, inject: bool = True) -> Html:
        """Read an HTML file (UTF-8, or the charset its ``<meta>`` declares)."""
        return cls(Path(path), inject=inject)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Html) and self.html == other.html

    def __hash__(self) -> int:
        return hash(self.html)

    def _repr_html_(self) -> str:
        """Inline display in Jupyter, offline (the viewer builds it)."""
        from ..viewer.notebook import html_html

        return html_html(self)

    def __repr__(self) -> str:
        return f"Html({len(self.html)} chars, source={self.source!r})"


def _name(value: Any) -> str:
    return f"{type(value).__module__}.{type(value).__qualname__}"


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first frame outside figlog."""
    package = str(Path(__file__).resolve().parent.parent)
    frame, level = sys._getframe(1), 1
    while frame is not None and str(Path(frame.f_code.co_filename).resolve()).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _read(data: Any) -> tuple[str, str, dict]:
    if isinstance(data, os.PathLike) and not isinstance(data, Path):
        data = Path(os.fspath(data))
    if isinstance(data, Path):
        return _decode(_read_file(data), f"data={str(data)!r}"), "file", {"path": data.name}
    if isinstance(data, str):
        stripped = data.strip()
        looks_like_path = stripped.lower().endswith((".html", ".htm")) and "<" not in stripped
        if looks_like_path:
            path = Path(stripped)
            if not path.exists():
                msg = (
                    f"Html(data={data!r}): no such file. Pass an existing .html file, or HTML "
                    "text (which contains markup such as '<p>')."
                )
                raise FileNotFoundError(msg)
            return _decode(_read_file(path), f"data={data!r}"), "file", {"path": path.name}
        _check_size(len(data.encode("utf-8", "surrogatepass")), "data")
        return data, "raw", {}
    if isinstance(data, (bytes, bytearray)):
        _check_size(len(data), "data")
        return _decode(bytes(data), "data=<bytes>"), "raw", {}
    if hasattr(data, "read"):
        content = data.read()
        if isinstance(content, str):
            _check_size(len(content.encode("utf-8", "surrogatepass")), "data")
            return content, "raw", {}
        if isinstance(content, (bytes, bytearray)):
            _check_size(len(content), "data")
            return _decode(bytes(content), "data=<file object>"), "raw", {}
        msg = (f"Html(data=<file object>).read() returned {type(content).__name__}; "
               "expected str or bytes")
        raise TypeError(msg)
    msg = (
        "Html(data=...) expects HTML text, a path to an .html file, a file-like object, or a "
        "Plotly figure, Bokeh model/layout/Document, HoloViews object or Panel object; "
        f"got {_name(data)}"
    )
    raise TypeError(msg)


def _read_file(path: Path) -> bytes:
    if path.is_dir():
        msg = f"Html(data={str(path)!r}) is a directory; expected an .html file"
        raise IsADirectoryError(msg)
    if not path.exists():
        msg = f"Html(data={str(path)!r}): no such file"
        raise FileNotFoundError(msg)
    size = path.stat().st_size
    _check_size(size, f"data={str(path)!r}")
    return path.read_bytes()


def _check_size(n: int, what: str) -> None:
    if n > MAX_HTML_BYTES:
        msg = (
            f"Html({what}) is {n / 2**20:.1f} MB, over the {MAX_HTML_BYTES / 2**20:g} MB limit. "
            "Raise it with the FIGLOG_MAX_HTML_MB environment variable if this is intended."
        )
        raise ValueError(msg)


def _decode(raw: bytes, what: str) -> str:
    if b"\x00" in raw[:8192]:
        msg = f"Html({what}) holds binary data (NUL bytes), not HTML text"
        raise ValueError(msg)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        declared = _CHARSET.search(raw[:4096])
        if declared:
            try:
                return raw.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        msg = (
            f"Html({what}) is not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
            "and declares no charset that decodes it. Save it as UTF-8 or add "
            '<meta charset="..."> naming its encoding.'
        )
        raise ValueError(msg) from None


def _inject(html: str) -> str:
    # Injected once: it only ever lands at the very start, or right after <html>/<head>
    # (searching all of a 4.8 MB page for it would cost more than the rest of Html()).
    if html.startswith(_INJECT):
        return html
    head = _HEAD_OPEN.search(html)
    if head and html.startswith(_INJECT, head.end()):
        return html
    if head:
        # str.replace copies the page once; slicing and concatenating would copy it twice.
        return html.replace(head[0], head[0] + _INJECT, 1)
    root = _HTML_OPEN.search(html)
    if root:
        return html[: root.end()] + "<head>" + _INJECT + "</head>" + html[root.end():]
    return _INJECT + html
