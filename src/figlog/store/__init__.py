"""The on-disk store: runs, history, content-addressed media; and its read API."""

from __future__ import annotations

from ._layout import FORMAT_VERSION, StoreFormatError, resolve_root
from ._media import MediaFiles
from ._reader import RunRecord, Store, open_store
from ._writer import RunWriter, StepConflictError

__all__ = [
    "FORMAT_VERSION",
    "MediaFiles",
    "RunRecord",
    "RunWriter",
    "StepConflictError",
    "Store",
    "StoreFormatError",
    "open_store",
    "resolve_root",
]
