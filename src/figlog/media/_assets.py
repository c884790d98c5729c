"""Library bundles figlog can supply from installed packages, and finding them in HTML.

Plotly, Bokeh, Panel and Vega pages either embed their JavaScript (``include_plotlyjs=True``,
``resources=INLINE``) or load it from a CDN (the default of Bokeh's, Panel's and HoloViews'
``save``). For a CDN reference whose version matches an installed package, the same file is
on this machine:

==========================================================  ====================================
CDN URL                                                     local file
==========================================================  ====================================
``cdn.plot.ly/plotly-<v>.min.js``                           ``plotly/package_data/plotly.min.js``
``cdn.bokeh.org/bokeh/release/bokeh[-gl|-widgets|…]-<v>.js``  ``bokeh/server/static/js/…``
``cdn.holoviz.org/panel/<v>/dist/<path>``                   ``panel/dist/<path>``
``cdn.jsdelivr.net/npm/vega[-lite|-embed]@<v>``             ``vl_convert.javascript_bundle()``
==========================================================  ====================================

Nothing here reads a library's private state; versions come from package metadata and the
bundles' own banners. Nothing here touches the network.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = [
    "BUNDLE_MIN",
    "EXT_FOR_MIME",
    "KNOWN_URL",
    "LocalAsset",
    "RemoteRef",
    "Scan",
    "ScriptSpan",
    "embedded_library",
    "find_remote",
    "match_url",
    "mime_for",
    "scan",
    "script_spans",
]

_MIMES = {
    "js": "text/javascript", "css": "text/css", "json": "application/json",
    "png": "image/png", "ico": "image/x-icon", "svg": "image/svg+xml", "gif": "image/gif",
    "jpg": "image/jpeg", "webp": "image/webp", "woff": "font/woff", "woff2": "font/woff2",
    "ttf": "font/ttf", "wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg",
    "mp4": "video/mp4", "webm": "video/webm",
}
#: extension for a mime type, for content pulled out of ``data:`` URLs.
EXT_FOR_MIME = {mime: ext for ext, mime in _MIMES.items()} | {
    "application/javascript": "js", "audio/x-wav": "wav", "audio/wave": "wav",
    "image/vnd.microsoft.icon": "ico",
}


def mime_for(ext: str) -> str:
    """The mime type of a file extension (``"js"`` → ``"text/javascript"``)."""
    return _MIMES.get(ext.rsplit(".", 1)[-1].lower(), "application/octet-stream")


@dataclass(frozen=True)
class LocalAsset:
    """A library file this machine can supply: from an installed package, or generated."""

    library: str          # "plotly.js", "bokeh", "panel", "vega"
    version: str
    ext: str              # "js", "css", "png", …
    path: Path | None = None
    vl_version: str | None = None   # for the generated Vega bundle

    @property
    def key(self) -> tuple:
        return (self.library, self.version, str(self.path), self.vl_version)

    def read(self) -> bytes:
        """The file's bytes (the Vega bundle is generated once per process)."""
        if self.path is not None:
            return _read_cached(self.path)
        return _vega_bundle(self.vl_version).encode("utf-8")


@dataclass(frozen=True)
class RemoteRef:
    """A URL in a page that points at a library figlog knows, and whether it is local."""

    url: str
    library: str
    version: str
    asset: LocalAsset | None
    reason: str = ""      # why there is no local copy, when asset is None


# ----------------------------------------------------------------------------- catalogue
_VER = r"\d+(?:\.\d+){1,3}(?:(?:\.|-)?(?:dev|rc|a|b)\.?\d+)?"
_BOKEH = re.compile(
    r"(?:https?:)?//cdn\.bokeh\.org/bokeh/(?:release|dev)/"
    rf"bokeh(?P<comp>-(?:api|gl|widgets|tables|mathjax))?-(?P<ver>{_VER})(?P<min>\.min)?\.js")
_PANEL = re.compile(
    r"(?:https?:)?//(?:cdn\.holoviz\.org/panel/|cdn\.jsdelivr\.net/npm/@holoviz/panel@)"
    rf"(?P<ver>{_VER})/dist/(?P<path>[\w@^.~+\-/]+?\.(?:js|css|png|ico|svg|woff2?|ttf|json))"
    r"(?P<query>\?[\w.=&\-]*)?(?=[\"'\s)\\<>]|$)")
# Bokeh pages written in a process that imported panel name Panel's extension files by a
# path relative to a Bokeh server; the installed panel holds them under dist/.
_PANEL_EXT = re.compile(
    r"static/extensions/panel/(?P<path>[\w@^.~+\-/]+?\.(?:js|css))(?P<query>\?[\w.=&\-]*)?")
# write_html(include_plotlyjs="directory") writes the installed plotly.js beside the page and
# names it by this relative path, which a logged page (a cell, a store) does not have.
_PLOTLY_DIR = re.compile(r"(?:\./)?plotly\.min\.js")
_PLOTLY = re.compile(
    r"(?:https?:)?//cdn\.plot\.ly/plotly-(?P<ver>latest|[\w.\-]+?)(?P<min>\.min)?\.js")
_VEGA = re.compile(
    r"(?:https?:)?//cdn\.jsdelivr\.net/npm/(?P<lib>vega-lite|vega-embed|vega)"
    r"@(?P<ver>[\w.\-^~]+)(?P<path>/[\w.\-/]*)?(?=[\"'\s)\\<>]|$)")
#: every URL the patterns above can match, for one pass over a document.
KNOWN_URL = re.compile(
    r"(?:https?:)?//(?:cdn\.bokeh\.org/bokeh/|cdn\.holoviz\.org/panel/"
    r"|cdn\.jsdelivr\.net/npm/(?:@holoviz/panel@|vega)|cdn\.plot\.ly/plotly-)"
    r"[^\"'\s)\\<>]*"
    r"|(?<=[\"'])static/extensions/panel/[^\"'\s)\\<>]*"
    r"|(?<=src=[\"'])(?:\./)?plotly\.min\.js(?=[\"'])")


def match_url(url: str) -> RemoteRef | None:
    """What ``url`` asks for, and the local file that serves it (None: not a known library).

    Examples
    --------
    >>> ref = match_url("https://cdn.bokeh.org/bokeh/release/bokeh-0.1.0.min.js")
    >>> ref.library, ref.version, ref.asset
    ('bokeh', '0.1.0', None)
    """
    if m := _BOKEH.fullmatch(url):
        return _bokeh(url, m)
    if m := _PANEL.fullmatch(url):
        return _panel(url, m)
    if m := _PANEL_EXT.fullmatch(url):
        return _panel_extension(url, m)
    if m := _PLOTLY.fullmatch(url):
        return _plotly(url, m)
    if _PLOTLY_DIR.fullmatch(url):
        path = _plotly_js()
        have = _banner_version(path) if path else None
        if have is None:
            return RemoteRef(url, "plotly.js", "?", None, "plotly.js beside the page; plotly "
                             "is not installed")
        return RemoteRef(url, "plotly.js", have, LocalAsset("plotly.js", have, "js", path))
    if m := _VEGA.fullmatch(url):
        return _vega(url, m)
    return None


def _bokeh(url: str, m: re.Match) -> RemoteRef:
    want, comp = m["ver"], (m["comp"] or "")
    name = f"BokehJS{comp and ' ' + comp[1:]} {want}"
    have = _version("bokeh")
    if have is None:
        return RemoteRef(url, "bokeh", want, None, f"{name} is requested; bokeh is not installed")
    if have != want:
        return RemoteRef(url, "bokeh", want, None,
                         f"{name} is requested; the installed bokeh ships {have}")
    path = _package_dir("bokeh") / "server" / "static" / "js" / f"bokeh{comp}{m['min'] or ''}.js"
    if not path.is_file():
        return RemoteRef(url, "bokeh", want, None, f"{name}: no {path.name} in the bokeh package")
    return RemoteRef(url, "bokeh", want, LocalAsset("bokeh", want, "js", path))


def _panel(url: str, m: re.Match) -> RemoteRef:
    want, rel = m["ver"], m["path"]
    have = _version("panel")
    if have is None:
        return RemoteRef(url, "panel", want, None,
                         f"Panel {want} is requested; panel is not installed")
    if have != want:
        return RemoteRef(url, "panel", want, None,
                         f"Panel {want} is requested; the installed panel is {have}")
    dist = _package_dir("panel") / "dist"
    path = (dist / rel).resolve()
    if not path.is_relative_to(dist.resolve()) or not path.is_file():
        return RemoteRef(url, "panel", want, None,
                         f"Panel {want}: no dist/{rel} in the panel package")
    return RemoteRef(url, "panel", want, LocalAsset("panel", want, path.suffix[1:], path))


def _panel_extension(url: str, m: re.Match) -> RemoteRef:
    have = _version("panel")
    if have is None:
        return RemoteRef(url, "panel", "?", None, "a Panel extension file; panel is not installed")
    dist = _package_dir("panel") / "dist"
    path = (dist / m["path"]).resolve()
    if not path.is_relative_to(dist.resolve()) or not path.is_file():
        return RemoteRef(url, "panel", have, None, f"no dist/{m['path']} in the panel package")
    return RemoteRef(url, "panel", have, LocalAsset("panel", have, path.suffix[1:], path))


def _plotly(url: str, m: re.Match) -> RemoteRef:
    want = m["ver"]
    if want == "latest":
        # cdn.plot.ly/plotly-latest is frozen at plotly.js 1.58.5: no installed plotly matches.
        return RemoteRef(url, "plotly.js", want, None,
                         "plotly-latest.min.js is plotly.js 1.x; write the file with a current "
                         "plotly and include_plotlyjs=True")
    path = _plotly_js()
    have = _banner_version(path) if path else None
    if have is None:
        return RemoteRef(url, "plotly.js", want, None,
                         f"plotly.js {want} is requested; plotly is not installed")
    if have != want:
        return RemoteRef(url, "plotly.js", want, None,
                         f"plotly.js {want} is requested; the installed plotly ships {have}")
    return RemoteRef(url, "plotly.js", want, LocalAsset("plotly.js", want, "js", path))


def _vega(url: str, m: re.Match) -> RemoteRef:
    lib, want = m["lib"], m["ver"].lstrip("^~")
    if _version("vl-convert-python") is None:
        return RemoteRef(url, lib, want, None,
                         f"{lib} {want} is requested; vl-convert-python is not installed")
    if m["path"] and not m["path"].endswith(".js"):
        return RemoteRef(url, lib, want, None, f"{lib}{m['path']} is not a script figlog supplies")
    if lib != "vega-lite":
        # vega and vega-embed come inside the one bundle that vl_convert builds.
        return RemoteRef(url, lib, want, LocalAsset("vega", "bundle", "js", None, None))
    chosen = _vegalite_version(want)
    if chosen is None:
        return RemoteRef(url, lib, want, None,
                         f"vega-lite {want} is requested; vl-convert supplies "
                         f"{_vegalite_versions()}")
    return RemoteRef(url, lib, want, LocalAsset("vega", "bundle", "js", None, chosen))


@functools.cache
def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


@functools.cache
def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def _plotly_js() -> Path | None:
    if _version("plotly") is None:
        return None
    path = _package_dir("plotly") / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


@functools.cache
def _banner_version(path: Path) -> str | None:
    with path.open("rb") as fh:
        head = fh.read(256).decode("utf-8", "replace")
    m = re.search(r"plotly\.js v(\S+)", head)
    return m[1] if m else None


@functools.cache
def _vegalite_versions() -> tuple[str, ...]:
    import vl_convert

    return tuple(vl_convert.get_vegalite_versions())


def _vegalite_version(want: str) -> str | None:
    """The vl_convert Vega-Lite version for a requested one: same major, exact minor if any."""
    parts = want.split(".")
    same_major = [v for v in _vegalite_versions() if v.split(".")[0] == parts[0]]
    if not same_major:
        return None
    exact = [v for v in same_major if len(parts) > 1 and v.split(".")[1] == parts[1]]
    return (exact or same_major)[-1]


@functools.cache
def _vega_bundle(vl_version: str | None) -> str:
    import vl_convert

    # Defines window.vega, window.vegaLite and window.vegaEmbed (vl_convert's default snippet).
    return vl_convert.javascript_bundle(vl_version=vl_version)


@functools.lru_cache(maxsize=64)
def _read_cached(path: Path) -> bytes:
    return path.read_bytes()


# ----------------------------------------------------------------------------- scanning
_BANNERS = (
    (re.compile(r"plotly\.js v(\S+)"), "plotly.js"),
    (re.compile(r"/\* BEGIN (bokeh(?:-\w+)?|panel)\.min\.js \*/"), None),
    (re.compile(r"es-module-shims@([\w.\-]+)"), "es-module-shims"),
)
_REMOTE_ATTR = re.compile(
    r"<(?P<tag>script|link|img|iframe|audio|video|source|embed|track|object)\b[^>]*?\s"
    r"(?:src|href|data)\s*=\s*[\"']?(?P<url>(?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?(?P<url>(?:https?:)?//[^\"')\s]+)",
                         re.IGNORECASE)


def embedded_library(body: str) -> tuple[str, str | None] | None:
    """``(library, version)`` named by the banner of an inline script body, if any."""
    head = body[:400]
    for pattern, name in _BANNERS:
        if m := pattern.search(head):
            return (name, m[1]) if name else (m[1], None)
    return None


def find_remote(text: str) -> list[str]:
    """Remote URLs the page loads: ``src``/``href`` of loading tags, CSS ``@import``, and
    known library CDN URLs anywhere (Bokeh documents name Panel's stylesheets in JSON)."""
    seen: dict[str, None] = {}
    for m in _REMOTE_ATTR.finditer(text):
        if m["tag"].lower() == "link" and not _loads(m[0]):
            continue
        seen.setdefault(m["url"], None)
    for m in _CSS_IMPORT.finditer(text):
        seen.setdefault(m["url"], None)
    for m in KNOWN_URL.finditer(text):
        seen.setdefault(m[0], None)
    return list(seen)


def _loads(link_tag: str) -> bool:
    rel = re.search(r"\brel\s*=\s*[\"']?([^\"'>]+)", link_tag, re.IGNORECASE)
    return bool(rel) and bool(set(rel[1].lower().split()) & {
        "stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"})


@dataclass(frozen=True)
class Scan:
    """What a page needs from outside itself, and whether this machine can supply it."""

    libraries: dict[str, str | None]   # library → version, embedded or referenced
    local: list[RemoteRef]             # CDN references figlog will serve from packages
    missing: list[str]                 # "url: reason" for what will not load offline

    @property
    def offline(self) -> bool:
        return not self.missing

    def to_meta(self) -> dict:
        """The JSON-able summary kept in ``Html.meta``."""
        meta: dict = {"offline": self.offline}
        if self.libraries:
            meta["libraries"] = dict(self.libraries)
        if self.missing:
            meta["not_offline"] = list(self.missing)
        return meta


# Scripts shorter than this are page code, not library bundles.
BUNDLE_MIN = 20_000
_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script", re.IGNORECASE)


@dataclass(frozen=True)
class ScriptSpan:
    """One ``<script …>body</script>`` of a page, by offsets into the text."""

    start: int        # of "<script"
    body_start: int   # just after the opening tag's ">"
    body_end: int     # of "</script"
    end: int          # just after the closing tag's ">"
    attrs: str

    @property
    def size(self) -> int:
        return self.body_end - self.body_start


def script_spans(text: str) -> list[ScriptSpan]:
    """Every top-level script of a page, in order, without looking inside script bodies.

    After a lower-case ``<script`` the closing tag is found with ``str.find``: a
    case-insensitive regex over the 4.8 MB of plotly.js costs more than the rest of logging
    a cell. Generated pages write both tags in lower case; other openings use the regex.
    """
    spans, pos = [], 0
    while (m := _SCRIPT_OPEN.search(text, pos)) is not None:
        if m[0].startswith("<script"):
            body_end = text.find("</script", m.end())
        else:
            close_tag = _SCRIPT_CLOSE.search(text, m.end())
            body_end = -1 if close_tag is None else close_tag.start()
        if body_end < 0:
            break
        close = text.find(">", body_end)
        end = len(text) if close < 0 else close + 1
        spans.append(ScriptSpan(m.start(), m.end(), body_end, end, m[1]))
        pos = end
    return spans


def scan(text: str) -> Scan:
    """Find the libraries a page embeds or references, and what cannot load offline."""
    libraries: dict[str, str | None] = {}
    outside, pos = [], 0
    for span in script_spans(text):
        if span.size >= BUNDLE_MIN:
            found = embedded_library(text[span.body_start: span.body_start + 400].lstrip())
            if found:
                libraries.setdefault(*found)
            # URLs inside a bundle's code (license links, lazy CDN fallbacks) are not loads
            # the page makes; look at the page outside the big scripts only.
            outside.append(text[pos: span.body_start])
            pos = span.body_end
    outside.append(text[pos:])
    local: list[RemoteRef] = []
    missing: list[str] = []
    for url in find_remote("".join(outside)):
        ref = match_url(url)
        if ref is not None:
            libraries.setdefault(ref.library, ref.version)
        if ref is not None and ref.asset is not None:
            local.append(ref)
        elif ref is not None:
            missing.append(f"{url}: {ref.reason}")
        else:
            missing.append(f"{url}: a remote resource figlog has no local copy of")
    return Scan(libraries, local, missing)
