"""The viewer's pages as functions from data to HTML strings (no server needed to test them).

Markup lives in ``templates/``; these functions only shape the data. JSON handed to the
page's script is escaped so that no value can close its ``<script>`` tag.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
from typing import Any

import jinja2

from ._assets import TEMPLATE_DIR, asset_version, library_version

__all__ = [
    "compare_page",
    "error_page",
    "group_panels",
    "projects_page",
    "run_page",
    "runs_page",
    "script_json",
]

# plotly.min.js and vega.js are not listed: common.js loads each when a panel first needs it
# (a run page whose keys need them preloads them, see run_page).
SCRIPTS = ("common.js", "linechart.js", "viewer.js")
LIBRARY_FILES = {"plotly": "plotly.min.js", "vega": "vega.js"}
LIST_SCRIPTS = ("common.js", "runs.js")


def script_json(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` and the
    JavaScript line separators are escaped, so ``</script>`` in a value cannot end the tag."""
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
                      default=str)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _datetime(ts: float | None) -> str:
    if ts is None:
        return ""
    return _dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M:%S")


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s"
    return f"{s // 3600}h {s % 3600 // 60:02d}m"


def _number(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)
        return f"{v:.4g}"
    return str(v)


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["datetime"] = _datetime
    env.filters["duration"] = _duration
    env.filters["number"] = _number
    return env


def _render(name: str, **context: Any) -> str:
    context.setdefault("csp", None)
    context.setdefault("inline", None)
    context.setdefault("home", "/")
    context.setdefault("scripts", SCRIPTS)
    context.setdefault("preload", ())
    context.setdefault("version", asset_version())
    context.setdefault("library_version", library_version())
    return _env().get_template(name).render(**context)


def projects_page(projects: list[dict], root: str) -> str:
    """The start page: one row per project (``name``, ``runs``, ``running``, ``updated``)."""
    return _render("projects.html", projects=projects, root=root, scripts=LIST_SCRIPTS)


def _config_text(config: dict) -> str:
    return " ".join(f"{k}={json.dumps(v, default=str)}" for k, v in config.items())


def runs_page(project: str, runs: list[dict], shown: list[str]) -> str:
    """A project's runs: ``runs`` as from ``_data.runs_summary`` (info plus ``last``)."""
    rows = [dict(r, config_text=_config_text(r["config"])) for r in runs]
    return _render("runs.html", project=project, runs=rows, shown=shown,
                   any_running=any(r["status"] == "running" for r in runs),
                   scripts=LIST_SCRIPTS)


def group_panels(keys: list[dict]) -> list[dict]:
    """Panels grouped into sections: by the part of the key before its first ``/``; keys
    without one go to "Scalars" or "Media" (everything else)."""
    sections: dict[str, list[dict]] = {}
    for k in keys:
        key = k["key"]
        if "/" in key:
            name = key.split("/", 1)[0]
        else:
            name = "Scalars" if k["panel"] == "scalar" else "Media"
        sections.setdefault(name, []).append(k)
    order = sorted(sections, key=lambda n: (n not in ("Scalars", "Media"), n != "Scalars", n))
    return [{"name": n, "panels": sections[n]} for n in order]


def run_page(info: dict, keys: list[dict], *, export: dict | None = None,
             inline: dict | None = None, csp: str | None = None,
             scripts: tuple[str, ...] = SCRIPTS, libraries: dict[str, list[str]] | None = None
             ) -> str:
    """A run's page: a panel per key, filled in by ``viewer.js`` as panels scroll into view.

    Parameters
    ----------
    info : dict from ``_data.run_info``
    keys : list of ``KeyInfo``
    export : dict, optional
        Everything the panels need, embedded (``figlog export``): the page then reads no URL.
    inline : dict, optional
        ``{"css": ..., "scripts": {name: text}}`` to inline the assets instead of linking them.
    csp : str, optional
        A Content-Security-Policy for a ``<meta>`` tag (exports have no server to send one).
    scripts : names of the scripts the page loads, in order.
    libraries : dict, optional
        ``{key: ["plotly" | "vega", ...]}`` from ``_data.key_libraries``: the page preloads
        those libraries (``<link rel="preload">``, fetched in parallel with everything
        else) and a panel starts evaluating its library as soon as it starts loading,
        while its data is still on the way.
    """
    libraries = libraries or {}
    page = {"mode": "export" if export is not None else "run", "runs": [info["id"]],
            "names": {info["id"]: info["name"]}, "status": {info["id"]: info["status"]},
            "updated": {info["id"]: info["updated"]}, "keys": keys, "libs": libraries}
    needed = {lib for libs in libraries.values() for lib in libs}
    preload = () if inline else tuple(LIBRARY_FILES[n] for n in ("vega", "plotly") if n in needed)
    return _render("run.html", title=f"{info['project']} / {info['name']}", crumb=info["name"],
                   project=info["project"], runs=[info], sections=group_panels(keys),
                   page_json=script_json(page), exported=export is not None,
                   export_json=script_json(export) if export is not None else None,
                   inline=inline, csp=csp, home="#" if export is not None else "/",
                   scripts=scripts, preload=preload)


def compare_page(infos: list[dict], keys: list[dict]) -> str:
    """Several runs' scalar keys, each chart overlaying every run that logged the key."""
    names = " vs ".join(i["name"] for i in infos)
    project = infos[0]["project"] if infos else ""
    page = {"mode": "compare", "runs": [i["id"] for i in infos],
            "names": {i["id"]: i["name"] for i in infos},
            "status": {i["id"]: i["status"] for i in infos},
            "updated": {i["id"]: i["updated"] for i in infos}, "keys": keys}
    return _render("run.html", title=f"compare: {names}", crumb=f"compare {len(infos)} runs",
                   project=project, runs=infos,
                   sections=group_panels(keys), page_json=script_json(page), exported=False,
                   export_json=None)


def error_page(status: int, message: str) -> str:
    return _render("error.html", status=status, message=message, scripts=())
