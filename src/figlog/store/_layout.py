"""Where things live under a store root, and the store's format version.

::

    <root>/
      figlog.json               {"format_version": 1}
      figlog.sqlite             runs and history (SQLite, WAL mode)
      media/ab/<sha256>.<ext>   content-addressed media: images, Plotly JSON, HTML, Parquet
      locks/<run id>.lock       held (flock) by every live process that logs to the run
      presets/<name>.json       user Vega-Lite presets ("team/chart" -> presets/team/chart.json)
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

__all__ = ["FORMAT_VERSION", "StoreFormatError", "atomic_write", "ensure_root", "resolve_root"]

FORMAT_VERSION = 1
_MARKER = "figlog.json"


class StoreFormatError(RuntimeError):
    """The directory holds a figlog store of a format this version cannot read."""


def resolve_root(dir: str | os.PathLike | None) -> Path:
    """``dir``, else ``$FIGLOG_DIR``, else ``./figlog-runs``, as an absolute path."""
    if dir is not None and not isinstance(dir, (str, os.PathLike)):
        msg = f"dir must be a path (str or os.PathLike), got {type(dir).__name__}"
        raise TypeError(msg)
    chosen = dir if dir is not None else os.environ.get("FIGLOG_DIR") or "figlog-runs"
    return Path(chosen).expanduser().absolute()


def ensure_root(root: Path) -> None:
    """Create the store layout if needed and check its format version."""
    marker = root / _MARKER
    if marker.exists():
        check_format(root)
        return
    if root.exists() and not root.is_dir():
        msg = f"store directory {str(root)!r} exists and is not a directory"
        raise NotADirectoryError(msg)
    for sub in ("media", "locks", "presets"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"format_version": FORMAT_VERSION, "kind": "figlog-store"}).encode()
    atomic_write(marker, payload, exist_ok=True)


def check_format(root: Path) -> None:
    marker = root / _MARKER
    try:
        info = json.loads(marker.read_text())
        version = int(info["format_version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        msg = f"{str(marker)!r} is not a readable figlog store marker: {exc}"
        raise StoreFormatError(msg) from exc
    if version > FORMAT_VERSION:
        msg = (
            f"store {str(root)!r} has format_version {version}; this figlog reads up to "
            f"{FORMAT_VERSION}. Upgrade figlog to read it."
        )
        raise StoreFormatError(msg)


def atomic_write(path: Path, data: bytes, *, exist_ok: bool = False) -> bool:
    """Write ``data`` to ``path`` via a temp file and ``os.replace``; False if it existed.

    With ``exist_ok`` an existing file is left alone (content-addressed files never change).
    """
    if exist_ok and path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True
