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

__all__ = ["STATIC_DIR", "TEMPLATE_DIR", "asset_version", "plotly_js_path", "static_text",
           "vega_js_path"]

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
