"""Where logged files are allowed to come from, and how logged HTML is kept in its box.

Every route that reads a store file goes through ``media_file``: only content-addressed
names under ``<root>/media`` pass, after symlinks are resolved. Logged HTML is served with
``HTML_CSP`` (an opaque-origin sandbox that may run scripts but not connect, navigate the top
page, open windows or submit forms) and shown in ``<iframe sandbox="allow-scripts">``.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = [
    "AUTOSIZE_SCRIPT",
    "FILE_CSP",
    "HTML_CSP",
    "html_csp",
    "VIEWER_CSP",
    "IFRAME_SANDBOX",
    "media_file",
    "with_autosize",
]

# media/<2 hex>/<64 hex>.<ext>: exactly what MediaFiles.put writes, nothing else.
_MEDIA_NAME = re.compile(r"media/([0-9a-f]{2})/\1[0-9a-f]{62}\.[a-z0-9]{1,8}(\.[a-z0-9]{1,8})?")

IFRAME_SANDBOX = "allow-scripts"

# Logged HTML: scripts and inline styles may run (Plotly/Bokeh exports need them) and the
# library bundles of the store may load from ``bundles`` (a URL prefix: /bundle/ only, not
# the API), but nothing may be fetched, framed, submitted or navigated, and the CSP sandbox
# keeps the origin opaque even when the URL is opened directly as a top-level page.
def html_csp(bundles: str = "") -> str:
    """The Content-Security-Policy of a logged HTML document."""
    b = f" {bundles}" if bundles else ""
    return (
        "sandbox allow-scripts; default-src 'none'; "
        f"script-src 'unsafe-inline' 'unsafe-eval' blob: data:{b}; "
        f"style-src 'unsafe-inline' data:{b}; img-src data: blob:{b}; font-src data:{b}; "
        f"media-src data: blob:{b}; connect-src 'none'; frame-src 'none'; worker-src blob:; "
        "form-action 'none'; base-uri 'none'"
    )


HTML_CSP = html_csp()

# Raw store files (images, JSON, Parquet, and HTML offered as a download) never render
# as an active page on the viewer's origin.
FILE_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"

# The viewer's own pages: everything from 127.0.0.1 itself, nothing from anywhere else, and
# no inline script (the pages have none). 'unsafe-eval' because Vega compiles its
# expressions with Function().
VIEWER_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; worker-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

# Reports the document height to the parent, which sizes the iframe (it matches the
# message's source window, so a cell can only ever resize its own frame). The root's
# scrollHeight never drops below the frame's height (and in quirks mode, pages without a
# doctype, neither does the body's), so the extent of the body's contents is measured; when
# the page overflows the frame (content laid out out of flow, as Bokeh's), it grows to fit.
AUTOSIZE_SCRIPT = (
    "<script>(function(){var last=0;function send(){try{var d=document.documentElement,"
    "b=document.body,r=document.createRange();r.selectNodeContents(b);"
    "var h=r.getBoundingClientRect().bottom+(window.scrollY||0);"
    "if(document.compatMode==='CSS1Compat'){h=Math.max(h,d.getBoundingClientRect().height);}"
    "if(d.scrollHeight>innerHeight+1){h=Math.max(h,d.scrollHeight);}h=Math.ceil(h);if(h!==last){last=h;parent.postMessage({figlogHeight:h},'*');}}"
    "catch(e){}}addEventListener('load',send);setTimeout(send,0);setTimeout(send,300);"
    "setTimeout(send,1500);if(window.ResizeObserver){new ResizeObserver(send)"
    ".observe(document.documentElement);}})();</script>"
)

_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)


def media_file(root: Path, rel: str) -> Path | None:
    """The file a route may serve for ``rel``, or None (the route answers 404).

    Refuses anything but a content-addressed media name: ``..``, absolute paths, encoded
    variants (they arrive decoded and fail the name check), other store files, and symlinks
    whose target leaves ``<root>/media``.
    """
    if not isinstance(rel, str) or not _MEDIA_NAME.fullmatch(rel):
        return None
    media_root = (root / "media").resolve()
    try:
        path = (root / rel).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(media_root) or not path.is_file():
        return None
    return path


def with_autosize(html: str) -> str:
    """``html`` with the height-reporting script added before ``</body>`` (or at the end)."""
    matches = list(_BODY_CLOSE.finditer(html))
    if matches:
        at = matches[-1].start()
        return html[:at] + AUTOSIZE_SCRIPT + html[at:]
    return html + AUTOSIZE_SCRIPT
