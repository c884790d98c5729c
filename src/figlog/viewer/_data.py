"""What the viewer shows, read from the store as JSON-able dicts.

These functions are shared by the web app (served as JSON) and by ``export`` (embedded in
one HTML file); they never build markup. Media come back as *items*: small dicts that
name their kind and the store files the browser fetches (``"file"``, ``"png"``, ...).
"""

from __future__ import annotations

import functools
import math
from typing import Any, Literal, TypedDict

from ..store import MediaFiles, RunRecord, Store

__all__ = [
    "Item",
    "KeyInfo",
    "chart_spec",
    "item_for_ref",
    "key_libraries",
    "panel_kind",
    "run_info",
    "run_keys",
    "runs_summary",
    "scalar_series",
    "step_payload",
]

PanelKind = Literal["scalar", "media", "text"]

#: Points per scalar series sent to the browser; longer series are thinned (see scalar_series).
MAX_POINTS = 4000


class KeyInfo(TypedDict):
    key: str
    kind: str            # the store's kind: number, bool, str, media, media_list
    panel: PanelKind


class Item(TypedDict, total=False):
    type: str            # image | plotly | html | table | chart | text | error
    file: str            # the main store file (media/ab/<sha>.<ext>)
    png: str | None      # plotly: exact rendering when the conversion was not complete
    report: str | None   # plotly: conversion report JSON
    complete: bool
    spec: dict           # chart: the Vega-Lite spec
    text: str


def panel_kind(kind: str) -> PanelKind:
    """The panel a key of store kind ``kind`` gets: numbers and booleans are charted over steps."""
    if kind in ("number", "bool"):
        return "scalar"
    if kind == "str":
        return "text"
    return "media"


def run_info(run: RunRecord) -> dict[str, Any]:
    """Name, status, times and config of a run."""
    end = run.ended if run.ended is not None else run.updated
    return {"id": run.id, "name": run.name, "project": run.project, "status": run.status,
            "created": run.created, "updated": run.updated, "ended": run.ended,
            "duration": max(0.0, end - run.created), "config": run.config}


def run_keys(run: RunRecord) -> list[KeyInfo]:
    """Every key of a run, with the panel it gets, in key order."""
    return [{"key": k, "kind": kind, "panel": panel_kind(kind)}
            for k, kind in run.keys().items()]


#: The library a media type is drawn with (the rest need none).
_LIBRARY = {"plotly": "plotly", "chart": "vega"}


def key_libraries(run: RunRecord, keys: list[KeyInfo]) -> dict[str, list[str]]:
    """The JavaScript libraries (``"plotly"``, ``"vega"``) each media key's latest value
    needs, for keys that need any. The run page uses it to fetch and start evaluating
    plotly.js and Vega while the panels' data is still on its way. A hint only: a key whose
    type changes over its steps, or a table with Plotly cells, still loads the library
    when it draws."""
    out: dict[str, str] = {}
    for k in keys:
        if k["kind"] not in ("media", "media_list"):
            continue
        try:
            _, kind, value = run.ref(k["key"])
        except KeyError:
            continue
        refs = value if isinstance(value, list) else [value]
        libs = {_LIBRARY.get(r.get("_type")) for r in refs if isinstance(r, dict)} - {None}
        if libs:
            out[k["key"]] = sorted(libs)
    return out


def runs_summary(runs: list[RunRecord], max_values: int = 6) -> tuple[list[dict], list[str]]:
    """Each run's info plus the last value of the project's most common numeric keys.

    Returns the runs (each with a ``"last"`` dict) and the keys shown, most common first.
    """
    keysets = [(r, r.keys()) for r in runs]
    counts: dict[str, int] = {}
    for _, keys in keysets:
        for k, kind in keys.items():
            if kind in ("number", "bool"):
                counts[k] = counts.get(k, 0) + 1
    shown = sorted(counts, key=lambda k: (-counts[k], k))[:max_values]
    out = []
    for run, keys in keysets:
        info = run_info(run)
        last = {}
        for k in shown:
            if k in keys:
                _, _, v = run.ref(k)
                last[k] = _finite(v)
        info["last"] = last
        info["nkeys"] = len(keys)
        out.append(info)
    return out, shown


def scalar_series(run: RunRecord, key: str, kinds: dict[str, str] | None = None, *,
                  max_points: int | None = MAX_POINTS) -> dict[str, Any]:
    """Steps, values (NaN/inf as None) and wall times of a numeric or boolean key.

    Parameters
    ----------
    kinds : ``run.keys()`` when the caller already has it (it costs a scan of the run).
    max_points : int or None
        Longer series are thinned to about this many points, keeping in each bucket of
        steps the first, last, lowest and highest values and every NaN, so the drawn line
        keeps its extremes; ``"total"`` then says how many points there were. None: all.
    """
    kinds = run.keys() if kinds is None else kinds
    if kinds.get(key) == "bool":
        rows = [(r["_step"], float(r[key]), r["_timestamp"]) for r in run.history([key])]
    elif kinds.get(key) == "number":
        rows = run.scalars(key)
    else:
        msg = f"run {run.id!r} has no numeric key {key!r}"
        raise KeyError(msg)
    total = len(rows)
    if max_points is not None and total > max_points:
        rows = _thin(rows, max(1, max_points // 4))
    out: dict[str, Any] = {"steps": [r[0] for r in rows],
                           "values": [_finite(r[1]) for r in rows],
                           "times": [r[2] for r in rows]}
    if len(rows) < total:
        out["total"] = total
    return out


def _thin(rows: list[tuple], buckets: int) -> list[tuple]:
    size = -(-len(rows) // buckets)
    keep: list[tuple] = []
    for b in range(0, len(rows), size):
        chunk = rows[b:b + size]
        finite = [i for i, r in enumerate(chunk) if math.isfinite(r[1])]
        picked = {0, len(chunk) - 1}
        picked.update(i for i, r in enumerate(chunk) if not math.isfinite(r[1]))
        if finite:
            picked.add(min(finite, key=lambda i: chunk[i][1]))
            picked.add(max(finite, key=lambda i: chunk[i][1]))
        keep.extend(chunk[i] for i in sorted(picked))
    return keep


def step_payload(store: Store, run: RunRecord, key: str, step: int | None) -> dict[str, Any]:
    """The value of a media or text key at one step (the latest when None), as items."""
    s, kind, value = run.ref(key, step)
    if kind == "media":
        items = [item_for_ref(store.media, value)]
    elif kind == "media_list":
        items = [item_for_ref(store.media, v) for v in value]
    else:
        items = [{"type": "text", "text": str(value)}]
    return {"step": s, "kind": kind, "items": items}


def item_for_ref(media: MediaFiles, ref: dict) -> Item:
    """The item the browser draws for a media reference (history value or table cell)."""
    kind = ref.get("_type")
    if kind == "image":
        return {"type": "image", "file": ref["path"], "width": ref.get("width"),
                "height": ref.get("height"), "caption": ref.get("caption")}
    if kind == "plotly":
        return {"type": "plotly", "file": ref["path"], "png": ref.get("png"),
                "report": ref.get("report"), "complete": bool(ref.get("complete", True))}
    if kind == "html":
        return {"type": "html", "file": ref["path"], "source": ref.get("source", "raw"),
                "bundles": list(ref.get("bundles", ()))}
    if kind == "table":
        return {"type": "table", "file": ref["path"], "nrows": ref["nrows"],
                "columns": ref["columns"], "types": ref["types"]}
    if kind == "chart":
        try:
            spec = chart_spec(media, ref["path"], ref["table"]["path"])
        except Exception as exc:  # a chart this figlog cannot rebuild still gets a panel
            return {"type": "error", "text": f"chart {ref.get('preset')!r}: {exc}"}
        return {"type": "chart", "file": ref["path"], "preset": ref.get("preset"), "spec": spec,
                "table": item_for_ref(media, ref["table"])}
    return {"type": "error", "text": f"unknown media type {kind!r}"}


@functools.lru_cache(maxsize=256)
def _chart_spec_cached(root: str, path: str, table_path: str) -> dict:
    # Keyed by content-addressed paths, so a cached spec can never go stale.
    from pathlib import Path

    media = MediaFiles(Path(root))
    ref = {"_type": "chart", "path": path,
           "table": {"_type": "table", "path": table_path}}
    chart = media.decode(ref)
    return chart.to_vega_lite()


def chart_spec(media: MediaFiles, path: str, table_path: str) -> dict:
    """The Vega-Lite spec of a stored chart (``Chart.to_vega_lite()``)."""
    return _chart_spec_cached(str(media.root), path, table_path)


def _finite(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v
