"""The JavaScript libraries the viewer serves, all taken from installed packages.

plotly.js ships inside the plotly package (``package_data/plotly.min.js``). Vega, Vega-Lite
and vega-embed come from vl-convert-python's ``javascript_bundle()``, built once per
vl-convert version and cached under the user's cache directory: never committed, never
fetched from a CDN.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

__all__ = ["STATIC_DIR", "TEMPLATE_DIR", "asset_version", "library_version", "plotly_js_path",
           "plotly_js_text", "static_text", "vega_js_path"]

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATE_DIR = Path(__file__).parent / "templates"


@functools.cache
def plotly_js_path() -> Path:
    """The minified plotly.js bundled with the installed plotly package."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        msg = f"plotly.min.js not found at {str(path)!r}; reinstall plotly (pip install plotly)"
        raise FileNotFoundError(msg)
    return path


# plotly.min.js is a UMD wrapper around one arrow function, the factory, that holds the whole
# library (4.8 MB). V8 compiles a function lazily, on the main thread when it is first called,
# unless it is wrapped in parentheses (the "PIFE" heuristic for functions called at once);
# then it is compiled with the script, on the background thread that compiles the script
# while it downloads. The factory is called at once, so the viewer adds those two
# parentheses: the same code, compiled off the main thread (-0.4 to -0.5 s of main-thread
# parsing per page load measured in Chromium 156; see docs/viewer.md, "Benchmarks").
_UMD_FACTORY = "this, () => {"
_UMD_END = "}));"


@functools.cache
def plotly_js_text() -> str:
    """plotly.min.js as the viewer serves and embeds it: the package's file with its UMD
    factory in parentheses (see ``_UMD_FACTORY``)."""
    return _parenthesize_factory(plotly_js_path().read_text(encoding="utf-8"))


def _parenthesize_factory(text: str) -> str:
    """``text`` with the UMD factory ``() => {...}`` written ``(() => {...})``; ``text``
    unchanged when its wrapper is not the one plotly.js 3 and 4 ship."""
    body = text.rstrip()
    head = body[:2000]
    if head.count(_UMD_FACTORY) != 1 or not body.endswith(_UMD_END):
        return text
    i = head.index(_UMD_FACTORY) + len(_UMD_FACTORY) - len("() => {")
    return text[:i] + "(" + body[i:-len(_UMD_END)] + "})" + _UMD_END[1:] + text[len(body):]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "figlog"


@functools.cache
def vega_js_path() -> Path:
    """A classic-script bundle of vega, vega-lite and vega-embed (globals ``vegaEmbed`` etc.)."""
    try:
        import vl_convert
    except ImportError as exc:
        msg = "the viewer needs vl-convert-python for Vega-Lite charts: pip install 'figlog[viewer]'"
        raise ImportError(msg) from exc
    version = getattr(vl_convert, "__version__", "unknown")
    path = _cache_dir() / f"vega-bundle-vlc{version}.js"
    if path.is_file():
        return path
    # The bundle is an ES module body with top-level const declarations; wrapped in a
    # function it becomes a classic script whose names cannot collide with plotly.js's.
    text = "(function(){\n" + vl_convert.javascript_bundle() + "\n})();\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def static_text(name: str) -> str:
    """The text of one of the viewer's own static files (``viewer.js``, ``viewer.css``)."""
    return (STATIC_DIR / name).read_text(encoding="utf-8")


@functools.cache
def library_version() -> str:
    """A short tag for the URLs of plotly.js and the Vega bundle. It changes only with the
    plotly or vl-convert version (not with the viewer's own files), so a browser keeps its
    cached copy, and V8 its compiled code, across viewer updates."""
    import hashlib

    import plotly

    parts = ["umd-paren", getattr(plotly, "__version__", "")]
    try:
        import vl_convert

        parts.append(getattr(vl_convert, "__version__", ""))
    except ImportError:
        pass
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


@functools.cache
def asset_version() -> str:
    """A short tag that changes whenever a served asset may change; the pages put it in
    the asset URLs, so browsers can cache the (large) libraries and their compiled code."""
    import hashlib

    import plotly

    parts = [getattr(plotly, "__version__", "")]
    try:
        import vl_convert

        parts.append(getattr(vl_convert, "__version__", ""))
    except ImportError:
        pass
    for name in sorted(p.name for p in STATIC_DIR.iterdir()):
        st = (STATIC_DIR / name).stat()
        parts.append(f"{st.st_mtime_ns}:{st.st_size}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]
