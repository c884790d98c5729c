"""Library bundles in logged HTML, stored once per store and put back when read.

At store time ``store_html`` rewrites a page so that each library bundle it embeds or names
by CDN URL (plotly.js, BokehJS and its gl/widgets/tables/mathjax bundles, Panel's JS and
CSS, the Vega bundle) becomes a token, ``figlog-bundle:media/ab/<sha256>.js``, and the
bundle one content-addressed media file. A hundred ``write_html`` pages cost one copy of
plotly.js plus a few kilobytes each. A CDN URL is replaced only when the installed package
ships that very version; anything else is left as it is (and ``Html.meta`` says so).

Reading back, ``resolve_html`` gives either the self-contained page (``mode="inline"``: what
``open_store().get()`` and table cells return) or a page whose bundles are URLs of the same
store (``mode="urls"``: for the viewer, so the browser caches one plotly.js for every cell).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..media._assets import BUNDLE_MIN, mime_for
from ..media._rewrite import TOKEN, externalize, resolve, tokens_in

if TYPE_CHECKING:
    from ._media import MediaFiles

__all__ = ["TOKEN", "bundle_mime", "read_html", "resolve_html", "store_html"]

# The bundle last stored in each store: ``_rewrite`` hands back the very same bytes object
# for a bundle it has seen, so a hundred cells with one plotly.js hash it once, not 100 times.
_LAST: dict[str, tuple[bytes, str]] = {}


def store_html(html_text: str, media: MediaFiles) -> tuple[str, list[str]]:
    """Put the page's bundles into the store; return the tokenised page and their paths.

    Parameters
    ----------
    html_text : str
        The page as logged (``Html.html``).
    media : MediaFiles
        The store's media files; bundles land at ``media/ab/<sha256>.<ext>``.

    Returns
    -------
    text : str
        The page with ``figlog-bundle:<path>`` tokens in place of the bundles.
    bundles : list of str
        The media paths the tokens name, to keep in the reference (``ref["bundles"]``).
    """
    root = str(media.root)

    def put(data: bytes, ext: str) -> str:
        last = _LAST.get(root)
        if last is not None and last[0] is data and media.path(last[1]).exists():
            return last[1]
        rel = media.put(data, ext)
        if len(data) >= BUNDLE_MIN:
            _LAST[root] = (data, rel)
        return rel

    return externalize(html_text, put)


def resolve_html(html_text: str, media: MediaFiles, *, mode: str = "inline",
                 url_for: Callable[[str], str] | None = None,
                 bundles: Iterable[str] | None = None) -> str:
    """A stored page with its bundle tokens resolved.

    Parameters
    ----------
    html_text : str
        The stored page (the bytes at ``ref["path"]``, decoded as UTF-8).
    media : MediaFiles
        The store's media files (``open_store(...).media``).
    mode : {"inline", "urls"}
        ``"inline"``: every bundle goes back inside the page (scripts in ``<script>``,
        stylesheets in ``<style>``, anything else as a ``data:`` URL); the page needs nothing
        else. ``"urls"``: every token becomes ``url_for(path)``, where ``path`` is the
        bundle's media path relative to the store root (``media/ab/<sha256>.js``).
    url_for : callable ``(path: str) -> str``
        For ``mode="urls"``. Return an absolute URL (``http://127.0.0.1:8765/media/...``):
        in a ``srcdoc`` or opaque-origin iframe a relative URL may not resolve where you
        expect. It must not contain quotes, backslashes, ``<``, ``>`` or spaces, since it may
        land inside an attribute or a JSON string. Serve the file with the type from
        ``bundle_mime(path)`` (a script served as ``text/plain`` with ``nosniff`` does not run);
        classic scripts and stylesheets load cross-origin without CORS headers.
    bundles : iterable of str, optional
        Only these paths are resolved (pass ``ref.get("bundles", [])``); default: every
        token that names a media path of this store.

    Examples
    --------
    In a viewer, with ``store = figlog.open_store(dir)`` and ``ref`` an html reference:

    >>> text = read_html(store.media, ref, mode="urls",                    # doctest: +SKIP
    ...                  url_for=lambda p: f"http://127.0.0.1:8765/{p}")
    """
    if bundles is None:
        bundles = [k for k in tokens_in(html_text) if _is_media_path(media, k)]
    return resolve(html_text, media.read, mode=mode, url_for=url_for, keys=bundles)


def read_html(media: MediaFiles, ref: Mapping[str, Any], *, mode: str = "inline",
              url_for: Callable[[str], str] | None = None) -> str:
    """The page of an html reference (``{"_type": "html", "path": ..., "bundles": [...]}``),
    resolved as ``resolve_html`` does."""
    text = media.read(ref["path"]).decode("utf-8")
    return resolve_html(text, media, mode=mode, url_for=url_for,
                        bundles=ref.get("bundles", ()))


def bundle_mime(path: str) -> str:
    """The ``Content-Type`` to serve a bundle with (``"text/javascript"`` for ``.js``)."""
    mime = mime_for(path)
    return f"{mime}; charset=utf-8" if mime.startswith("text/") else mime


def _is_media_path(media: MediaFiles, key: str) -> bool:
    try:
        return media.path(key).is_file()
    except ValueError:
        return False
