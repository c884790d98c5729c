"""The viewer's web app: read-only Starlette routes over a figlog store.

Pages are rendered by ``pages``; data comes from ``_data`` as JSON; store files are served
only through ``_isolation.media_file``. Logged HTML gets its own route with a sandboxing
Content-Security-Policy and is only ever shown in ``<iframe sandbox="allow-scripts">``.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp

from ..store import Store, open_store
from ..tables._arrow import table_meta
from . import _data, pages
from ._assets import STATIC_DIR, plotly_js_text, vega_js_path
from ..store._bundles import bundle_mime, resolve_html
from ._isolation import FILE_CSP, VIEWER_CSP, html_csp, media_file, with_autosize
from ._tables import TableQuery, page

__all__ = ["create_app"]

_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
_MAX_KEYS = 200  # per batched request
_OWN_STATIC = ("common.js", "linechart.js", "viewer.js", "runs.js", "viewer.css")


class _NotFound(Exception):
    pass


def create_app(dir: str | os.PathLike | None = None, *, host: str = "127.0.0.1") -> ASGIApp:
    """The viewer as an ASGI app over the store at ``dir`` (``$FIGLOG_DIR`` or ``./figlog-runs``).

    Parameters
    ----------
    dir : path, optional
    host : str
        The address the server binds; requests naming another host in their ``Host`` header
        are refused (a page on another site cannot reach the viewer by DNS rebinding).

    Raises
    ------
    FileNotFoundError
        no figlog store at ``dir``.
    """
    root = open_store(dir).root  # fail now, with the store's own message, if there is none
    threading.Thread(target=_warm_assets, daemon=True).start()
    local = threading.local()

    def store() -> Store:
        # One connection per worker thread: sqlite3 cursors must not be shared across threads.
        st = getattr(local, "store", None)
        if st is None:
            st = local.store = open_store(root)
        return st

    def run_or_404(run_id: str):
        try:
            return store().run(run_id)
        except KeyError:
            raise _NotFound(f"no run {run_id!r}") from None

    def file_or_404(rel: str) -> Path:
        path = media_file(root, rel)
        if path is None:
            raise _NotFound("no such file")
        return path

    # ------------------------------------------------------------------ pages
    def projects(request: Request) -> Response:
        st = store()
        rows = []
        for name in st.projects():
            runs = st.runs(name)
            rows.append({"name": name, "runs": len(runs),
                         "running": sum(r.status == "running" for r in runs),
                         "updated": max((r.updated for r in runs), default=None)})
        return _html(pages.projects_page(rows, str(root)))

    def runs(request: Request) -> Response:
        project = request.path_params["project"]
        records = store().runs(project)
        if not records:
            raise _NotFound(f"no project {project!r}")
        rows, shown = _data.runs_summary(records)
        return _html(pages.runs_page(project, rows, shown))

    def run(request: Request) -> Response:
        rec = run_or_404(request.path_params["run_id"])
        keys = _data.run_keys(rec)
        return _html(pages.run_page(_data.run_info(rec), keys,
                                    libraries=_data.key_libraries(rec, keys)))

    def compare(request: Request) -> Response:
        ids = [i for i in request.query_params.get("runs", "").split(",") if i]
        if not ids:
            raise _NotFound("no runs to compare: /compare?runs=ID,ID")
        recs = [run_or_404(i) for i in ids]
        keys: dict[str, dict] = {}
        for rec in recs:
            for k in _data.run_keys(rec):
                if k["panel"] == "scalar":
                    keys.setdefault(k["key"], k)
        return _html(pages.compare_page([_data.run_info(r) for r in recs],
                                        [keys[k] for k in sorted(keys)]))

    # ------------------------------------------------------------------ JSON
    def api_run(request: Request) -> Response:
        rec = run_or_404(request.path_params["run_id"])
        return _json({"info": _data.run_info(rec), "keys": _data.run_keys(rec)})

    def api_scalars(request: Request) -> Response:
        """``?key=a&key=b[&full=1]``: ``{"series": {key: {steps, values, times[, total]}}}``;
        unknown keys are left out."""
        rec = run_or_404(request.path_params["run_id"])
        series = {}
        kinds = rec.keys()
        full = request.query_params.get("full") == "1"  # every point, for CSV downloads
        for key in request.query_params.getlist("key")[:_MAX_KEYS]:
            try:
                series[key] = _data.scalar_series(rec, key, kinds,
                                                  max_points=None if full else _data.MAX_POINTS)
            except KeyError:
                continue
        if not series:
            raise _NotFound("no such numeric key")
        return _json({"series": series})

    def api_first(request: Request) -> Response:
        """``?key=a&key=b``: each media/text key's steps and its value at the last one."""
        rec = run_or_404(request.path_params["run_id"])
        panels = {}
        for key in request.query_params.getlist("key")[:_MAX_KEYS]:
            steps = rec.steps(key)
            if steps:
                panels[key] = {"steps": steps,
                               "value": _data.step_payload(store(), rec, key, steps[-1])}
        if not panels:
            raise _NotFound("no such key")
        return _json({"panels": panels})

    def api_steps(request: Request) -> Response:
        rec = run_or_404(request.path_params["run_id"])
        steps = rec.steps(request.query_params.get("key", ""))
        if not steps:
            raise _NotFound("no such key")
        return _json({"steps": steps})

    def api_value(request: Request) -> Response:
        rec = run_or_404(request.path_params["run_id"])
        raw = request.query_params.get("step")
        try:
            step = None if raw in (None, "") else int(raw)
            return _json(_data.step_payload(store(), rec, request.query_params.get("key", ""),
                                            step))
        except (KeyError, ValueError) as exc:
            raise _NotFound(str(exc)) from None

    def api_table(request: Request) -> Response:
        path = file_or_404(request.path_params["path"])
        ref = _table_ref(request.path_params["path"], path)
        q = request.query_params
        try:
            query = TableQuery(offset=int(q.get("offset", 0)), limit=int(q.get("limit", 50)),
                               sort=q.get("sort") or None, descending=q.get("desc") == "1",
                               filter_column=q.get("fcol") or None, filter=q.get("q", ""))
            result = page(store().media, ref, query)
        except ValueError as exc:
            return _json({"error": str(exc)}, status=400)
        media = store().media
        rows = [[_data.item_for_ref(media, c) if isinstance(c, dict) else c for c in row]
                for row in result.rows]
        return _json({"columns": result.columns, "types": result.types, "total": result.total,
                      "nrows": result.nrows, "offset": result.offset, "rows": rows,
                      "index": result.index})

    def table_csv(request: Request) -> Response:
        rel = request.path_params["path"]
        path = file_or_404(rel)
        _table_ref(rel, path)  # 404 now for a file that is not a table, not mid-stream
        name = request.query_params.get("name", "table")
        return StreamingResponse(_csv_lines(path), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": _attachment(f"{name}.csv")})

    # ------------------------------------------------------------------ files
    def files(request: Request) -> Response:
        rel = request.path_params["path"]
        path = file_or_404(rel)
        headers = {"Content-Security-Policy": FILE_CSP, "X-Content-Type-Options": "nosniff",
                   "Cache-Control": "public, max-age=31536000, immutable"}
        media_type = _MEDIA_TYPES.get(_ext(rel), "application/octet-stream")
        if media_type == "text/html":
            # Never rendered on the viewer's origin: offered as a download only.
            media_type = "application/octet-stream"
            headers["Content-Disposition"] = _attachment(request.query_params.get(
                "name", path.name))
        elif "name" in request.query_params:
            headers["Content-Disposition"] = _attachment(request.query_params["name"])
        return FileResponse(path, media_type=media_type, headers=headers)

    def html(request: Request) -> Response:
        rel = request.path_params["path"]
        path = file_or_404(rel)
        if _ext(rel) != "html":
            raise _NotFound("not an HTML file")
        origin = f"{request.url.scheme}://{request.url.netloc}"
        # Library bundles (plotly.js, BokehJS, ...) stored once per store come from
        # /bundle/, so the browser caches one copy for every cell that uses it.
        text = resolve_html(path.read_text(encoding="utf-8", errors="replace"), store().media,
                            mode="urls", url_for=lambda p: f"{origin}/bundle/{p}")
        return HTMLResponse(with_autosize(text), headers={
            "Content-Security-Policy": html_csp(f"{origin}/bundle/"),
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store"})

    def bundle(request: Request) -> Response:
        rel = request.path_params["path"]
        path = file_or_404(rel)
        if _ext(rel) in ("html", "htm", "json", "parquet"):
            raise _NotFound("not a bundle")
        return FileResponse(path, media_type=bundle_mime(rel), headers={
            "Content-Security-Policy": FILE_CSP, "X-Content-Type-Options": "nosniff",
            "Cache-Control": "public, max-age=31536000, immutable"})

    def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _LIBRARIES and name not in _OWN_STATIC:
            raise _NotFound("no such asset")
        media_type = "text/css" if name.endswith(".css") else "text/javascript"
        # Pages ask for /static/<name>?v=<version>: a new version is a new URL.
        cache = "public, max-age=31536000, immutable" if "v" in request.query_params \
            else "no-cache"
        headers = {"Cache-Control": cache, "Vary": "Accept-Encoding"}
        if name in _OWN_STATIC:
            return FileResponse(STATIC_DIR / name, media_type=media_type, headers=headers)
        # The libraries (plotly.js 4.8 MB -> 1.5 MB) are compressed once, not per request.
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(_gzipped(name), media_type=media_type, headers=headers)
        return Response(_library_bytes(name), media_type=media_type, headers=headers)

    routes = [
        Route("/", projects),
        Route("/p/{project:path}", runs),  # project names may hold "/"
        Route("/r/{run_id}", run),
        Route("/compare", compare),
        Route("/api/runs/{run_id}", api_run),
        Route("/api/runs/{run_id}/scalars", api_scalars),
        Route("/api/runs/{run_id}/steps", api_steps),
        Route("/api/runs/{run_id}/first", api_first),
        Route("/api/runs/{run_id}/value", api_value),
        Route("/api/table/{path:path}", api_table),
        Route("/download/csv/{path:path}", table_csv),
        Route("/files/{path:path}", files),
        Route("/html/{path:path}", html),
        Route("/bundle/{path:path}", bundle),
        Route("/static/{name}", static),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return _html(pages.error_page(404, str(exc) or "not found"), status=404)

    # JSON, pages, logged HTML and CSV go out compressed (level 1: ~2.6x smaller for a few
    # ms per MB); images and Parquet are compressed already, and the large static files
    # come compressed from _gzipped.
    compress = Middleware(GZipMiddleware, minimum_size=1024, compresslevel=1,
                      exclude_content_types=_NO_GZIP)
    app = Starlette(routes=routes, exception_handlers={_NotFound: not_found, 404: not_found},
                    middleware=[compress])
    return _HostGuard(app, host)


_LIBRARIES = ("plotly.min.js", "vega.js")
_NO_GZIP = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/vnd.apache.parquet",
            "application/octet-stream")


@functools.cache
def _library_bytes(name: str) -> bytes:
    """plotly.js or the Vega bundle as served (cached: these change only with a new package
    version, which is a new ``library_version`` and a new process)."""
    if name == "plotly.min.js":
        return plotly_js_text().encode("utf-8")
    return vega_js_path().read_bytes()


@functools.cache
def _gzipped(name: str) -> bytes:
    return gzip.compress(_library_bytes(name), compresslevel=6, mtime=0)


def _warm_assets() -> None:
    # Build the Vega bundle (about a second, once per vl-convert version) and compress the
    # libraries before a page asks for them.
    try:
        for name in _LIBRARIES:
            _gzipped(name)
    except Exception:  # reported when the page asks for it
        pass


class _HostGuard:
    """Answers only requests addressed to the bound host, and sets the viewer's CSP."""

    def __init__(self, app: Starlette, host: str) -> None:
        self.app = app
        self.any_host = host not in _LOOPBACK
        self.allowed = _LOOPBACK | {host}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not self.any_host:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed:
                response = Response("unknown host", status_code=421, media_type="text/plain")
                await response(scope, receive, send)
                return

        async def send_with_csp(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", VIEWER_CSP.encode()))
                headers.append((b"x-frame-options", b"SAMEORIGIN"))
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, send_with_csp)


_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
                "webp": "image/webp", "gif": "image/gif", "json": "application/json",
                "html": "text/html", "parquet": "application/vnd.apache.parquet",
                "svg": "image/svg+xml"}


def _ext(rel: str) -> str:
    return rel.rsplit(".", 1)[-1]


def _attachment(name: str) -> str:
    from urllib.parse import quote

    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:120] or "download"
    return f"attachment; filename=\"{safe}\"; filename*=UTF-8''{quote(name[:120])}"


def _json(obj: Any, status: int = 200) -> Response:
    body = json.dumps(obj, separators=(",", ":"), allow_nan=False, default=str)
    return Response(body, status_code=status, media_type="application/json",
                    headers={"Cache-Control": "no-store"})


def _html(text: str, status: int = 200) -> Response:
    return HTMLResponse(text, status_code=status, headers={"Cache-Control": "no-store"})


_table_refs: dict[str, dict] = {}


def _table_ref(rel: str, path: Path) -> dict:
    """A table reference rebuilt from the Parquet file's own metadata (cached: files never change)."""
    ref = _table_refs.get(rel)
    if ref is None:
        try:
            pf = pq.ParquetFile(path)
        except Exception:
            raise _NotFound("not a table") from None
        meta = table_meta(pf.schema_arrow)
        ref = {"_type": "table", "path": rel, "nrows": pf.metadata.num_rows,
               "columns": meta["columns"], "types": meta["types"]}
        _table_refs[rel] = ref
    return ref


def _csv_lines(path: Path) -> Iterator[bytes]:
    pf = pq.ParquetFile(path)
    meta = table_meta(pf.schema_arrow)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(meta["columns"])
    for g in range(pf.metadata.num_row_groups):
        data = pf.read_row_group(g)
        cols = [data.column(c).to_pylist() for c in meta["columns"]]
        for row in zip(*cols):
            writer.writerow(row)
        yield buf.getvalue().encode("utf-8")
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue().encode("utf-8")
