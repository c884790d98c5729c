"""HTML media: figlog vs wandb 0.31 (offline), side by side in one run.

Two tables, as in the seed's "custom HTML in a table" section:

1. 100 distinct Plotly figures, each written by ``fig.write_html(path)`` with its defaults
   (plotly.js, 4.8 MB, embedded in every file), logged as ``Html(path)`` cells of one table.
2. 100 distinct Bokeh figures, each written by ``bokeh.embed.file_html(p, INLINE)``
   (BokehJS, 1.3 MB, embedded in every file), logged the same way.

For each: the seconds from the first ``Html(...)`` to ``finish()`` returning (median of
``--repeat`` runs, each into a fresh store), and the bytes
on disk after logging (figlog's whole store; wandb's whole offline run directory). figlog's
cells are then read back and checked to be self-contained (no remote script or stylesheet).

wandb is a benchmark-only dependency, in its own interpreter, never in figlog's:

    python3 -m venv .cache/wandb-venv
    .cache/wandb-venv/bin/pip install 'wandb==0.31.*'
    .venv/bin/python benchmarks/html_media.py [--n 100] [--json out.json]

Its half runs in a subprocess of that interpreter with ``WANDB_MODE=offline``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WANDB_PYTHON = ROOT / ".cache" / "wandb-venv" / "bin" / "python"
CASES = ("plotly", "bokeh")


def du(path: Path) -> tuple[int, int]:
    """(bytes, files) under ``path``."""
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def write_pages(out: Path, n: int) -> dict[str, list[str]]:
    """``n`` distinct Plotly pages (write_html defaults) and ``n`` Bokeh INLINE pages."""
    import numpy as np
    import plotly.express as px
    from bokeh.embed import file_html
    from bokeh.plotting import figure
    from bokeh.resources import INLINE

    rng = np.random.default_rng(0)
    pages: dict[str, list[str]] = {"plotly": [], "bokeh": []}
    for i in range(n):
        y = rng.random(50).cumsum()
        path = out / f"plotly_{i}.html"
        px.line(x=np.arange(50), y=y, title=f"figure {i}").write_html(path)
        pages["plotly"].append(str(path))
        p = figure(width=400, height=250, title=f"figure {i}")
        p.line(np.arange(50), y)
        path = out / f"bokeh_{i}.html"
        path.write_text(file_html(p, INLINE, f"figure {i}"))
        pages["bokeh"].append(str(path))
    return pages


def bench_figlog(pages: dict[str, list[str]], tmp: Path, repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "src"))
    import figlog

    results: dict[str, Any] = {}
    for case in CASES:
        times = []
        for r in range(repeat):  # a fresh store each time: every run pays for its bundles
            store = tmp / f"figlog-{case}-{r}"
            run = figlog.init(project="bench-html", name=case, dir=store)
            t0 = time.perf_counter()
            table = figlog.Table(columns=["figure"])
            for path in pages[case]:
                table.add_data(figlog.Html(path))
            run.log({"table": table})
            run.finish()
            times.append(time.perf_counter() - t0)
        seconds = statistics.median(times)
        size, files = du(store)
        back = figlog.open_store(store).runs("bench-html")[0].get("table")
        remote = sum(_remote_loads(cell.html) for _, (cell,) in back.iterrows())
        results[case] = {"seconds": seconds, "bytes": size, "files": files,
                         "cells_read_back": len(back), "remote_loads_in_cells": remote}
    return results


def _remote_loads(html: str) -> int:
    """Script/link tags in a page that load from http(s):// (0 for an offline page)."""
    return len(re.findall(r"<(?:script|link)\b[^>]*\s(?:src|href)=[\"']?(?:https?:)?//", html))


def wandb_worker(pages_json: str, case: str) -> None:
    """Runs in wandb's interpreter: one table through wandb.Html in wandb.Table; prints the
    seconds from the first wandb.Html to finish() returning."""
    import wandb

    pages = json.loads(Path(pages_json).read_text())
    run = wandb.init(project="bench-html", name=case, mode="offline")
    t0 = time.perf_counter()
    table = wandb.Table(columns=["figure"])
    for path in pages[case]:
        table.add_data(wandb.Html(path))
    run.log({"table": table})
    run.finish()
    print(json.dumps({"seconds": time.perf_counter() - t0, "version": wandb.__version__}))


def run_wandb(python: str, pages: dict[str, list[str]], tmp: Path,
              repeat: int) -> dict[str, Any]:
    """wandb's half, one subprocess per table. Every directory wandb writes to (the run,
    and the artifact staging area where a table's media are copied) is under one folder
    per table, and all of it is counted."""
    if not Path(python).exists():
        print(f"wandb skipped: no interpreter at {python}", file=sys.stderr)
        return {}
    (tmp / "pages.json").write_text(json.dumps(pages))
    results: dict[str, Any] = {}
    for case in CASES:
        times = []
        for r in range(repeat):
            work = tmp / f"wandb-{case}-{r}"
            work.mkdir()
            env = {**os.environ, "WANDB_MODE": "offline", "WANDB_SILENT": "true",
                   "WANDB_DIR": str(work), "WANDB_DATA_DIR": str(work / "data"),
                   "WANDB_CACHE_DIR": str(work / "cache"),
                   "WANDB_CONFIG_DIR": str(work / "config")}
            done = subprocess.run(
                [python, __file__, "--wandb-worker", str(tmp / "pages.json"), case],
                check=True, env=env, cwd=work, capture_output=True, text=True)
            out = json.loads(done.stdout.strip().splitlines()[-1])
            times.append(out["seconds"])
        size, files = du(work)
        results["version"] = out["version"]
        results[case] = {"seconds": statistics.median(times), "bytes": size, "files": files}
    return results


def report(n: int, figlog_r: dict, wandb_r: dict) -> str:
    lines = [f"HTML media, {n} distinct cells in one table "
             f"(wandb {wandb_r.get('version', 'not run')}, offline)", "",
             "| table | tool | log time (s, median) | on disk (MB) | files |",
             "| --- | --- | ---: | ---: | ---: |"]
    label = {"plotly": f"{n} Plotly write_html defaults", "bokeh": f"{n} Bokeh INLINE"}
    for case in CASES:
        for tool, r in (("figlog", figlog_r.get(case)), ("wandb", wandb_r.get(case))):
            if r:
                lines.append(f"| {label[case]} | {tool} | {r['seconds']:.2f} | "
                             f"{r['bytes'] / 2**20:.1f} | {r['files']} |")
    for case in CASES:
        r = figlog_r[case]
        lines.append(f"\nfiglog {case}: {r['cells_read_back']} cells read back, "
                     f"{r['remote_loads_in_cells']} remote script/stylesheet loads in them")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100, help="cells per table (default 100)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="log each table this many times; the median time is reported")
    ap.add_argument("--wandb-python", default=str(DEFAULT_WANDB_PYTHON))
    ap.add_argument("--wandb-worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    if args.wandb_worker:
        wandb_worker(*args.wandb_worker)
        return
    with tempfile.TemporaryDirectory(prefix="figlog-bench-html-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "pages").mkdir()
        pages = write_pages(tmp / "pages", args.n)
        page_mb = {c: sum(Path(p).stat().st_size for p in pages[c]) / 2**20 for c in CASES}
        figlog_r = bench_figlog(pages, tmp, args.repeat)
        wandb_r = run_wandb(args.wandb_python, pages, tmp, args.repeat)
    print(f"input pages: plotly {page_mb['plotly']:.0f} MB, bokeh {page_mb['bokeh']:.0f} MB")
    print(report(args.n, figlog_r, wandb_r))
    if args.json:
        Path(args.json).write_text(json.dumps({"figlog": figlog_r, "wandb": wandb_r,
                                               "input_mb": page_mb}, indent=2))


if __name__ == "__main__":
    main()
