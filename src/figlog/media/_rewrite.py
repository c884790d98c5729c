"""Pulling library bundles out of an HTML page, and putting them back.

``externalize`` replaces each bundle with a *token*, ``figlog-bundle:<key>``, and hands the
bundle's bytes to a ``put(data, ext) -> key`` callable; ``resolve`` turns tokens back into
inline content (a self-contained page) or into URLs. The key is whatever ``put`` returns: a
store passes ``MediaFiles.put`` (so the key is ``media/ab/<sha256>.js`` and a bundle used by
a thousand cells is one file), and ``localize`` passes a dict for in-memory rewriting.

What becomes a token:

* an inline ``<script>`` whose body is at least ``min_script`` characters (plotly.js in
  ``write_html`` defaults, BokehJS and Panel in ``resources=INLINE``): the tag keeps its
  attributes and gains ``src="figlog-bundle:…"``. Leading and trailing whitespace of the
  body is dropped, so the same bundle written by Bokeh and by Panel (indented differently)
  is one bundle.
* a CDN URL of a library whose installed version matches (``_assets.match_url``), anywhere in
  the page: in a ``src``/``href`` attribute or in a Bokeh document's JSON.
* a ``data:<mime>;base64,…`` URL of at least ``min_data`` characters (Panel's audio, images).

Pure: no file or network access beyond reading installed packages' bundles.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from ._assets import EXT_FOR_MIME, KNOWN_URL, LocalAsset, match_url, mime_for, script_spans

__all__ = ["TOKEN", "externalize", "localize", "resolve", "tokens_in"]

TOKEN = "figlog-bundle:"
_KEY = r"[A-Za-z0-9_./\-]+"
_TOKEN_RE = re.compile(re.escape(TOKEN) + f"({_KEY})")
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
# Classic scripts only: a module script loaded by URL from a sandboxed (opaque-origin) cell
# would need CORS headers, and an import map or JSON block is not a bundle.
_JS_TYPES = {"", "text/javascript", "application/javascript", "text/ecmascript"}
_TYPE_ATTR = re.compile(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SRC_ATTR = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_DATA_URL = re.compile(r"data:([a-z]+/[a-z0-9.+\-]+);base64,([A-Za-z0-9+/]+={0,2})")
# A stub for the vega and vega-embed script tags: the one Vega bundle defines all three.
_VEGA_STUB = b"/* vega, vega-lite and vega-embed: defined by the figlog Vega bundle */\n"

Put = Callable[[bytes, str], str]


def externalize(text: str, put: Put, *, min_script: int = 20_000, min_data: int = 4_096,
                scripts: bool = True, data_urls: bool = True) -> tuple[str, list[str]]:
    """Replace bundles in ``text`` by tokens; return the new text and the keys used.

    Parameters
    ----------
    text : str
        An HTML page.
    put : callable ``(data: bytes, ext: str) -> str``
        Stores one bundle and returns its key (letters, digits, ``_./-``).
    min_script, min_data : int
        Inline scripts and ``data:`` URLs shorter than these stay in the page.
    scripts, data_urls : bool
        Whether inline scripts / ``data:`` URLs are pulled out at all (CDN URLs always are).
    """
    keys: dict[str, None] = {}

    def _put(data: bytes, ext: str) -> str:
        key = put(data, ext)
        if not re.fullmatch(_KEY, key):
            msg = f"bundle key {key!r} has characters a token cannot carry"
            raise ValueError(msg)
        keys.setdefault(key, None)
        return TOKEN + key

    if scripts:
        text = _externalize_scripts(text, _put, min_script)
    text = _externalize_urls(text, _put)
    if data_urls:
        text = _externalize_data(text, _put, min_data)
    return text, list(keys)


def _externalize_scripts(text: str, put: Callable[[bytes, str], str], min_len: int) -> str:
    out, pos = [], 0
    for span in script_spans(text):
        kind = _TYPE_ATTR.search(span.attrs)
        if span.size < min_len or _SRC_ATTR.search(" " + span.attrs) \
                or (kind is not None and kind[1].lower() not in _JS_TYPES):
            continue
        body = _bundle_body(text[span.body_start: span.body_end])
        token = put(_encoded(body), "js")
        out.append(text[pos: span.start])
        out.append(f'<script{span.attrs.rstrip()} src="{token}"></script>')
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


# The last few bundles encoded, so that a hundred pages embedding the same plotly.js encode
# it once: comparing two equal strings costs a memcmp, encoding 4.8 MB of it ten times more.
# Handing back the same bytes object also lets the store skip hashing it again.
_ENCODED: OrderedDict[tuple[int, str], tuple[str, bytes]] = OrderedDict()
_ENCODED_LOCK = threading.Lock()
_ENCODED_MAX = 12 * 2**20


def _encoded(body: str) -> bytes:
    key = (len(body), body[:64] + body[-64:])
    with _ENCODED_LOCK:
        hit = _ENCODED.get(key)
        if hit is not None and hit[0] == body:
            _ENCODED.move_to_end(key)
            return hit[1]
    data = body.encode("utf-8", "surrogatepass")
    with _ENCODED_LOCK:
        _ENCODED[key] = (body, data)
        # Room for plotly.js, or BokehJS with all of Panel's bundles; not more.
        while len(_ENCODED) > 1 and sum(len(d) for _, d in _ENCODED.values()) > _ENCODED_MAX:
            _ENCODED.popitem(last=False)
    return data


def _bundle_body(body: str) -> str:
    """The bundle without surrounding whitespace or the ``/* BEGIN f */ … /* END f */`` lines
    that Bokeh's INLINE resources wrap around each file: the same bytes as the package file,
    so an INLINE page and a CDN page share one stored copy."""
    body = body.strip()
    if body.startswith("/* BEGIN "):
        first = body.find(" */", 9)
        name = body[9:first]
        end = f"/* END {name} */"
        if first > 0 and "\n" not in name and body.endswith(end):
            body = body[first + 3: -len(end)].strip()
    return body


def _externalize_urls(text: str, put: Callable[[bytes, str], str]) -> str:
    placed: dict[tuple, str] = {}
    vega_done = False

    def sub(m: re.Match) -> str:
        nonlocal vega_done
        ref = match_url(m[0])
        if ref is None or ref.asset is None:
            return m[0]
        asset: LocalAsset = ref.asset
        if asset.library == "vega":
            # vega, vega-lite, vega-embed: the first tag gets the bundle, the others a stub.
            if vega_done:
                return put(_VEGA_STUB, "js")
            vega_done = True
            if asset.vl_version is None:
                asset = LocalAsset("vega", "bundle", "js", None, _default_vl(text))
        if asset.key not in placed:
            data = asset.read()
            if asset.ext == "js":
                data = _bundle_body(data.decode("utf-8", "surrogateescape")).encode(
                    "utf-8", "surrogateescape")
            placed[asset.key] = put(data, asset.ext)
        return placed[asset.key]

    return KNOWN_URL.sub(sub, text)


def _default_vl(text: str) -> str | None:
    # The page names vega and vega-embed before (or without) vega-lite: pick its vega-lite.
    for m in KNOWN_URL.finditer(text):
        ref = match_url(m[0])
        if ref is not None and ref.asset is not None and ref.asset.vl_version:
            return ref.asset.vl_version
    return None


def _externalize_data(text: str, put: Callable[[bytes, str], str], min_len: int) -> str:
    def sub(m: re.Match) -> str:
        ext = EXT_FOR_MIME.get(m[1].lower())
        if ext is None or len(m[2]) < min_len or mime_for(ext) != m[1]:
            return m[0]
        try:
            data = base64.b64decode(m[2], validate=True)
        except (binascii.Error, ValueError):
            return m[0]
        # Only when putting it back gives these very characters.
        if base64.b64encode(data).decode("ascii") != m[2]:
            return m[0]
        return put(data, ext)

    return _DATA_URL.sub(sub, text)


def tokens_in(text: str) -> list[str]:
    """The keys of the tokens in ``text``, in order of first appearance."""
    return list(dict.fromkeys(_TOKEN_RE.findall(text)))


_SCRIPT_TOKEN = re.compile(
    r"<script\b([^>]*?)\s+src=[\"']" + re.escape(TOKEN) + f"({_KEY})[\"']([^>]*)>\\s*</script\\s*>",
    re.IGNORECASE)
_LINK_TOKEN = re.compile(
    r"<link\b([^>]*?)\s+href=[\"']?" + re.escape(TOKEN) + f"({_KEY})[\"']?([^>]*)>",
    re.IGNORECASE)


def resolve(text: str, read: Callable[[str], bytes], *, mode: str = "inline",
            url_for: Callable[[str], str] | None = None,
            keys: Iterable[str] | None = None) -> str:
    """Turn tokens back into content (``mode="inline"``) or URLs (``mode="urls"``).

    Parameters
    ----------
    text : str
        A page as ``externalize`` left it.
    read : callable ``(key) -> bytes``
        The bundle's bytes (used in inline mode).
    mode : {"inline", "urls"}
        ``"inline"``: scripts and stylesheets go back inside their tags, other tokens become
        ``data:`` URLs; the page is self-contained. ``"urls"``: each token becomes
        ``url_for(key)``.
    url_for : callable ``(key) -> str``
        Required for ``mode="urls"``. The URL must not contain quotes or backslashes (it
        may land inside an attribute or a JSON string).
    keys : iterable of str, optional
        Resolve only these keys; other tokens are left as text (a page that happened to
        contain the token prefix is not read from the store).
    """
    if mode not in ("inline", "urls"):
        msg = f"resolve(mode={mode!r}) is not supported; supported: 'inline', 'urls'"
        raise ValueError(msg)
    if mode == "urls" and url_for is None:
        msg = "resolve(mode='urls') needs url_for=, a callable from bundle key to URL"
        raise TypeError(msg)
    allowed = None if keys is None else set(keys)
    if TOKEN not in text:
        return text

    def ok(key: str) -> bool:
        return allowed is None or key in allowed

    if mode == "urls":
        def url(m: re.Match) -> str:
            if not ok(m[1]):
                return m[0]
            target = url_for(m[1])
            if any(c in target for c in "\"'\\<> "):
                msg = (f"url_for({m[1]!r}) returned {target!r}; URLs may not hold quotes, "
                       "backslashes, <, > or spaces")
                raise ValueError(msg)
            return target
        return _TOKEN_RE.sub(url, text)

    cache: dict[str, bytes] = {}

    def content(key: str) -> bytes:
        if key not in cache:
            cache[key] = read(key)
        return cache[key]

    def script(m: re.Match) -> str:
        key = m[2]
        if not ok(key):
            return m[0]
        body = content(key).decode("utf-8", "surrogatepass")
        if _SCRIPT_CLOSE.search(body) or "<!--" in body:
            return m[0].replace(TOKEN + key, _data_url(key, content(key)))
        return f"<script{m[1]}{m[3]}>{body}</script>"

    def link(m: re.Match) -> str:
        key = m[2]
        attrs = m[1] + m[3]
        if not ok(key) or not key.endswith(".css") or "stylesheet" not in attrs.lower():
            return m[0]
        body = content(key).decode("utf-8", "replace")
        if "</style" in body.lower():
            return m[0].replace(TOKEN + key, _data_url(key, content(key)))
        return f"<style>{body}</style>"

    def other(m: re.Match) -> str:
        return _data_url(m[1], content(m[1])) if ok(m[1]) else m[0]

    text = _SCRIPT_TOKEN.sub(script, text)
    text = _LINK_TOKEN.sub(link, text)
    return _TOKEN_RE.sub(other, text)


def _data_url(key: str, data: bytes) -> str:
    return f"data:{mime_for(key)};base64,{base64.b64encode(data).decode('ascii')}"


def localize(text: str) -> str:
    """``text`` with every CDN URL figlog can serve locally inlined (scripts, stylesheets)
    or turned into a ``data:`` URL: a page that renders offline with no store behind it."""
    bundles: dict[str, bytes] = {}

    def put(data: bytes, ext: str) -> str:
        key = f"m{len(bundles)}.{ext}"
        bundles[key] = data
        return key

    text, keys = externalize(text, put, scripts=False, data_urls=False)
    return resolve(text, bundles.__getitem__, keys=keys) if keys else text
