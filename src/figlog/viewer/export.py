"""``figlog export``: one run as one self-contained HTML file that works offline.

The file holds the viewer's script and styles, plotly.js and (when a chart needs it) the
Vega bundle once each, and every panel's data: scalar series, every step of every media
key, and the first rows of each table. Store files referenced several times (the same image
at many steps, the same table in two charts) are embedded once.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..store import MediaFiles, Store
from ..store._bundles import resolve_html
from ..tables._arrow import table_meta
from . import _data, pages
from ._assets import plotly_js_text, static_text, vega_js_path
from ._isolation import with_autosize

__all__ = ["EXPORT_CSP", "export_run", "export_html"]

Progress = Callable[[int, int, str], None]

# The exported page runs from a file: nothing may be fetched from anywhere; images and
# downloads are blob: URLs made from the embedded data; HTML cells are srcdoc frames.
EXPORT_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; media-src data: blob:; "
    "frame-src blob: data: about:; connect-src blob: data:; worker-src blob:"
)

_TEXT_TYPES = {"json": "application/json", "html": "text/html"}
_BINARY_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
                 "webp": "image/webp", "gif": "image/gif",
                 "parquet": "application/vnd.apache.parquet"}


def export_run(store: Store, run_id: str, out: str | os.PathLike, *,
               max_table_rows: int = 10_000, progress: Progress | None = None) -> int:
    """Write run ``run_id`` as one offline HTML file at ``out``; return its size in bytes.

    Parameters
    ----------
    store : Store
    run_id : str
    out : path
    max_table_rows : int
        Rows of each table embedded (the rest stay in the store; the page says so).
    progress : callable ``(done, total, what)``, optional
        Called as panels are gathered; ``figlog export`` draws a progress bar with it.

    Raises
    ------
    KeyError
        no run ``run_id``.
    """
    text = export_html(store, run_id, max_table_rows=max_table_rows, progress=progress)
    data = text.encode("utf-8")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    return len(data)


def export_html(store: Store, run_id: str, *, max_table_rows: int = 10_000,
                progress: Progress | None = None) -> str:
    """The exported page for run ``run_id`` as a string (see ``export_run``)."""
    run = store.run(run_id)
    info, keys = _data.run_info(run), _data.run_keys(run)
    kinds = {k["key"]: k["kind"] for k in keys}
    bundle = _Bundle(store, max_table_rows)
    plan: list[tuple[str, int | None]] = []
    steps: dict[str, list[int]] = {}
    for k in keys:
        if k["panel"] == "scalar":
            plan.append((k["key"], None))
        else:
            steps[k["key"]] = run.steps(k["key"])
            plan += [(k["key"], s) for s in steps[k["key"]]]
    scalars: dict[str, Any] = {}
    values: dict[str, dict[int, Any]] = {}
    for i, (key, step) in enumerate(plan):
        if progress is not None:
            progress(i, len(plan), key)
        if step is None:
            scalars[key] = _data.scalar_series(run, key, kinds)
            continue
        payload = _data.step_payload(store, run, key, step)
        for item in payload["items"]:
            bundle.add_item(item)
        values.setdefault(key, {})[step] = payload
    if progress is not None:
        progress(len(plan), len(plan), "done")
    export = {"scalars": scalars, "steps": steps, "values": values, "files": bundle.files,
              "tables": bundle.tables, "bundles": bundle.bundles}
    # Libraries go in once, before viewer.js (which then finds window.Plotly/vegaEmbed),
    # and only when a panel needs them.
    scripts: dict[str, str] = {}
    if bundle.needs_plotly:
        scripts["plotly.min.js"] = plotly_js_text()
    if bundle.needs_vega:
        scripts["vega.js"] = vega_js_path().read_text(encoding="utf-8")
    for name in pages.SCRIPTS:
        scripts[name] = static_text(name)
    names = list(scripts)
    inline = {"css": static_text("viewer.css"),
              "scripts": {n: _script_text(t) for n, t in scripts.items()}}
    return pages.run_page(info, keys, export=export, inline=inline, csp=EXPORT_CSP,
                          scripts=tuple(names))


def _script_text(text: str) -> str:
    # An inline script ends at the first "</script"; "<\/script" means the same to JavaScript.
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


class _Bundle:
    """The store files and tables an export embeds, each once."""

    def __init__(self, store: Store, max_table_rows: int) -> None:
        self.store = store
        self.max_rows = max_table_rows
        self.files: dict[str, dict] = {}
        self.tables: dict[str, dict] = {}
        self.bundles: dict[str, str] = {}
        self.needs_vega = False
        self.needs_plotly = False

    def add_item(self, item: dict) -> None:
        kind = item.get("type")
        if kind == "chart":
            self.needs_vega = True
            if item.get("table"):
                self.add_item(item["table"])
            return
        if kind == "html":
            self.add_html(item["file"], item.get("bundles", []))
            return
        if kind == "plotly":
            self.needs_plotly = True
        for field in ("file", "png", "report"):
            if item.get(field):
                self.add_file(item[field])
        if kind == "table":
            self.add_table(item)

    def add_file(self, rel: str) -> None:
        if rel in self.files:
            return
        ext = rel.rsplit(".", 1)[-1]
        if ext == "parquet":
            self.files[rel] = {"type": _BINARY_TYPES[ext], "b64": ""}  # rows are in tables
            return
        raw = self.store.media.read(rel)
        if ext in _TEXT_TYPES:
            self.files[rel] = {"type": _TEXT_TYPES[ext], "text": raw.decode("utf-8", "replace")}
        else:
            self.files[rel] = {"type": _BINARY_TYPES.get(ext, "application/octet-stream"),
                               "b64": base64.b64encode(raw).decode("ascii")}

    def add_html(self, rel: str, bundles: list[str]) -> None:
        """An HTML document whose library bundles are embedded once for the whole export:
        each bundle's place holds a marker that the page swaps for the body when it shows
        the document."""
        if rel in self.files:
            return
        raw = self.store.media.read(rel).decode("utf-8", "replace")
        text = resolve_html(raw, _MarkedBundles(self.store.media, self.bundles),
                            mode="inline", bundles=bundles)
        self.files[rel] = {"type": "text/html", "text": with_autosize(text)}

    def add_table(self, item: dict) -> None:
        rel = item["file"]
        if rel in self.tables:
            return
        pf = pq.ParquetFile(self.store.media.path(rel))
        meta = table_meta(pf.schema_arrow)
        n = pf.metadata.num_rows
        take = min(n, self.max_rows)
        data = self.store.media.read_rows({"path": rel}, 0, take)
        rows = []
        cols = []
        for name, ctype in zip(meta["columns"], meta["types"]):
            vals = data.column(name).to_pylist()
            if ctype == "media":
                vals = [None if v is None else _data.item_for_ref(self.store.media, json.loads(v))
                        for v in vals]
                for v in vals:
                    if v is not None:
                        self.add_item(v)
            elif ctype == "float":
                vals = [v if v is None or v == v and abs(v) != float("inf") else str(v)
                        for v in vals]
            cols.append(vals)
        rows = [list(r) for r in zip(*cols)] if cols else []
        self.tables[rel] = {"columns": meta["columns"], "types": meta["types"], "nrows": n,
                            "rows": rows, "truncated": take if take < n else None}


class _MarkedBundles:
    """Reads store files for ``resolve_html``, but answers a script or stylesheet bundle with
    a marker comment (``/*figlog-export-bundle:<path>*/``) and keeps its body in ``bodies``,
    so that a bundle shared by many documents is written into the export once."""

    MARK = "/*figlog-export-bundle:{}*/"

    def __init__(self, media: MediaFiles, bodies: dict[str, str]) -> None:
        self.media = media
        self.bodies = bodies

    def read(self, key: str) -> bytes:
        data = self.media.read(key)
        ext = key.rsplit(".", 1)[-1]
        if ext not in ("js", "css"):
            return data
        body = data.decode("utf-8", "replace")
        # A body that would end its own tag stays in the page the way resolve_html puts it.
        if "</script" in body.lower() or "</style" in body.lower():
            return data
        self.bodies.setdefault(key, body)
        return self.MARK.format(key).encode()
