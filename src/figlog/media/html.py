"""``figlog.Html``: an HTML document held as text, with only local markup injected."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from ._base import Media

__all__ = ["Html", "MAX_HTML_BYTES"]

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


class Html(Media):
    """An HTML document to log (a page, a Plotly/Bokeh export, a Panel app).

    Parameters
    ----------
    data : str, pathlib.Path, or file-like
        HTML text; a ``Path``, or a ``str`` ending in ``.html``/``.htm`` that names an
        existing file; or an object with ``read()``.
    inject : bool
        Add ``<base target="_blank">`` and a small inline stylesheet to ``<head>``. Only
        local markup is added, never a remote URL.

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
        html, source, meta = _read(data)
        self._init(html=_inject(html) if inject else html, source=source, meta=meta)

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

    def __repr__(self) -> str:
        return f"Html({len(self.html)} chars, source={self.source!r})"


def _read(data: Any) -> tuple[str, str, dict]:
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
        msg = f"Html(data=<file object>).read() returned {type(content).__name__}; expected str or bytes"
        raise TypeError(msg)
    msg = (
        "Html(data=...) expects HTML text, a path to an .html file, or a file-like object, "
        f"got {type(data).__module__}.{type(data).__qualname__}"
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
            f"Html({what}) is {n / 2**20:.1f} MB, over the {MAX_HTML_BYTES / 2**20:.0f} MB limit. "
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
    if _INJECT in html:
        return html
    head = _HEAD_OPEN.search(html)
    if head:
        return html[: head.end()] + _INJECT + html[head.end():]
    root = _HTML_OPEN.search(html)
    if root:
        return html[: root.end()] + "<head>" + _INJECT + "</head>" + html[root.end():]
    return _INJECT + html
