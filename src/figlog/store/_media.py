"""Content-addressed media files, and the JSON references that point at them.

A reference is a small dict stored in the history (or in a table cell) in place of the
media itself, e.g. ``{"_type": "image", "path": "media/3f/3f…a1.png", "width": 64, ...}``.
The same bytes logged at 1,000 steps or in 10 runs land on disk once.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..media import Html, Image, Media, Plotly
from ..tables import Table
from ..tables._arrow import from_arrow, to_arrow
from ._layout import atomic_write

__all__ = ["MediaFiles"]

# Rows per Parquet row group: a page of any table reads one or two groups, never the whole file.
ROW_GROUP = 65_536


class MediaFiles:
    """Reads and writes the content-addressed files under ``<root>/media``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    # ------------------------------------------------------------------ bytes
    def put(self, data: bytes, ext: str) -> str:
        """Store ``data`` once; return its path relative to the store root."""
        digest = hashlib.sha256(data).hexdigest()
        rel = f"media/{digest[:2]}/{digest}.{ext}"
        atomic_write(self.root / rel, data, exist_ok=True)
        return rel

    def read(self, rel: str) -> bytes:
        return self.path(rel).read_bytes()

    def path(self, rel: str) -> Path:
        """The absolute path of a stored media file; refuses anything outside ``media/``."""
        parts = Path(rel).parts
        if len(parts) != 3 or parts[0] != "media" or any(p in ("..", "") for p in parts) \
                or Path(rel).is_absolute():
            msg = f"not a media path of this store: {rel!r}"
            raise ValueError(msg)
        return self.root / rel

    # ------------------------------------------------------------------ values
    def encode(self, value: Media | Table | Any) -> dict:
        """Write a media value, table or chart; return its reference."""
        if isinstance(value, Image):
            return {"_type": "image", "path": self.put(value.data, value.format),
                    "format": value.format, "width": value.width, "height": value.height,
                    "caption": value.caption}
        if isinstance(value, Html):
            return self.encode_html(value)
        if isinstance(value, Plotly):
            return self._encode_plotly(value)
        if isinstance(value, Table):
            return self.encode_table(value)
        if _is_chart(value):
            record = value.to_record()
            return {"_type": "chart", "preset": value.preset,
                    "path": self.put(_json_bytes(record), "json"),
                    "table": self.encode_table(value.table)}
        msg = f"cannot store a {type(value).__name__}"
        raise TypeError(msg)

    def encode_html(self, value: Html) -> dict:
        """Store an Html page with each library bundle it holds kept once per store.

        The page is stored with tokens in place of its bundles (see ``_bundles``); the
        reference lists the bundle paths under ``"bundles"``.
        """
        from ._bundles import store_html

        text, bundles = store_html(value.html, self)
        ref = {"_type": "html", "path": self.put(text.encode("utf-8", "surrogatepass"), "html"),
               "source": value.source, "meta": value.meta}
        if bundles:
            ref["bundles"] = bundles
        return ref

    def _encode_plotly(self, value: Plotly) -> dict:
        ref = {"_type": "plotly", "path": self.put(_json_bytes(value.figure), "plotly.json"),
               "complete": value.complete}
        if value.report is not None:
            ref["report"] = self.put(_json_bytes(value.report), "report.json")
        if value.png is not None:
            ref["png"] = self.put(value.png, "png")
        return ref

    def encode_table(self, table: Table) -> dict:
        data = to_arrow(table, self.encode)
        buf = pa.BufferOutputStream()
        pq.write_table(data, buf, row_group_size=ROW_GROUP, compression="zstd")
        return {"_type": "table", "path": self.put(buf.getvalue().to_pybytes(), "parquet"),
                "nrows": len(table), "columns": table.columns,
                "types": [table.column_types[c] for c in table.columns]}

    def decode(self, ref: dict) -> Any:
        """The logged object back from its reference.

        Images come back as PNG (or their stored format's) bytes, Plotly as the figure dict,
        Html as text, tables as ``Table``, charts as ``Chart``.
        """
        kind = ref.get("_type")
        if kind == "image":
            return self.read(ref["path"])
        if kind == "plotly":
            return json.loads(self.read(ref["path"]))
        if kind == "html":
            from ._bundles import read_html

            # Self-contained: the bundles kept once per store go back inside the page.
            return read_html(self, ref, mode="inline")
        if kind == "table":
            return self.load_table(ref)
        if kind == "chart":
            from ..charts import Chart

            return Chart.from_record(json.loads(self.read(ref["path"])),
                                     self.load_table(ref["table"]))
        msg = f"unknown media reference type {kind!r}"
        raise ValueError(msg)

    def load_media(self, ref: dict) -> Any:
        """A table cell back as a media value (``Image``, ``Html``, ``Plotly``)."""
        kind = ref.get("_type")
        if kind == "image":
            return Image.from_bytes(self.read(ref["path"]), caption=ref.get("caption"))
        if kind == "html":
            return Html.from_text(self.decode(ref), source=ref.get("source", "raw"),
                                  meta=ref.get("meta"))
        if kind == "plotly":
            report = json.loads(self.read(ref["report"])) if ref.get("report") else None
            png = self.read(ref["png"]) if ref.get("png") else None
            return Plotly.from_parts(self.decode(ref), report, png)
        return self.decode(ref)

    def load_table(self, ref: dict) -> Table:
        return from_arrow(pq.read_table(self.path(ref["path"])), self.load_media)

    def read_rows(self, ref: dict, start: int, stop: int) -> pa.Table:
        """Rows ``start:stop`` of a stored table, reading only the row groups that hold them."""
        pf = pq.ParquetFile(self.path(ref["path"]))
        md = pf.metadata
        start, stop = max(0, start), min(stop, md.num_rows)
        if stop <= start:
            return pf.schema_arrow.empty_table()
        groups, first, offset = [], None, 0
        for g in range(md.num_row_groups):
            n = md.row_group(g).num_rows
            if offset + n > start and offset < stop:
                groups.append(g)
                first = offset if first is None else first
            offset += n
        data = pf.read_row_groups(groups)
        return data.slice(start - first, stop - start)


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def _is_chart(value: Any) -> bool:
    from ..charts import Chart

    return isinstance(value, Chart)
