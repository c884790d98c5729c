"""Foundation benchmarks: figlog vs wandb (offline), side by side in one run.

Run with an environment that has both figlog and wandb 0.31 (wandb is a benchmark-only
dependency, never one of figlog's):

    python3 -m venv .cache/wandb-venv
    .cache/wandb-venv/bin/pip install 'wandb==0.31.*' -e .
    .cache/wandb-venv/bin/python benchmarks/foundation.py

Measures
  1. log() of a 10-scalar dict: microseconds per call (figlog: durable on return).
  2. a 1,000,000-row x 5-column table: log time, bytes on disk, and the time to read rows
     500,000-500,050 back. wandb caps tables at 200,000 rows, so it is also measured at 200k.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

N_LOG = 3000
ROWS = 1_000_000
WANDB_ROWS = 200_000


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _rows(n: int) -> list[list]:
    rng = np.random.default_rng(0)
    a = rng.random(n)
    return [[i, float(a[i]), f"item-{i % 1000}", bool(i % 2), float(i) * 0.5] for i in range(n)]


COLUMNS = ["id", "score", "label", "flag", "half"]


def bench_figlog(tmp: Path) -> dict:
    import figlog

    out: dict = {}
    for n in (WANDB_ROWS, ROWS):
        rows = _rows(n)
        t0 = time.perf_counter()
        table = figlog.Table(columns=COLUMNS, data=rows)
        build = time.perf_counter() - t0
        root = tmp / f"figlog-{n}"
        run = figlog.init(project="bench", dir=root)
        t0 = time.perf_counter()
        run.log({"t": table})
        out[f"table{n}_log_s"] = time.perf_counter() - t0
        out[f"table{n}_build_s"] = build
        run.finish()
        out[f"table{n}_bytes"] = _du(root / "media")
        rec = figlog.open_store(root).run(run.id)
        lo = n // 2
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            page = list(rec.iter_table_rows("t", start=lo, stop=lo + 50))
            times.append(time.perf_counter() - t0)
        assert page[0][0] == lo and len(page) == 50
        out[f"table{n}_page_ms"] = statistics.median(times) * 1e3
    return out


def bench_wandb(tmp: Path) -> dict:
    import wandb

    out: dict = {"version": wandb.__version__}
    for n in (WANDB_ROWS, ROWS):
        rows = _rows(n)
        root = tmp / f"wandb-{n}"
        root.mkdir()
        run = wandb.init(project="bench", dir=str(root))
        try:
            t0 = time.perf_counter()
            table = wandb.Table(columns=COLUMNS, data=rows)
            run.log({"t": table})
            out[f"table{n}_log_s"] = time.perf_counter() - t0
            run.finish()
            files = list(root.rglob("*.table.json"))
            out[f"table{n}_bytes"] = sum(f.stat().st_size for f in files)
            # wandb keeps a logged table as one JSON file: reading any page parses all of it.
            # It stores fewer rows than it was given, so read from the middle of what it kept.
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                data = json.loads(files[0].read_text())["data"]
                lo = len(data) // 2
                page = data[lo:lo + 50]
                times.append(time.perf_counter() - t0)
            out[f"table{n}_stored_rows"] = len(data)
            out[f"table{n}_page_ms"] = statistics.median(times) * 1e3 if page else None
        except Exception as exc:  # report what wandb does with 1M rows
            out[f"table{n}_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
            try:
                run.finish()
            except Exception:
                pass
    return out


def bench_log(tmp: Path) -> tuple[dict, dict]:
    """log() of a 10-scalar dict, figlog and wandb in alternating blocks (fair under load)."""
    import figlog

    os.environ.update(WANDB_MODE="offline", WANDB_SILENT="true", WANDB_DIR=str(tmp / "wandb"))
    (tmp / "wandb").mkdir(exist_ok=True)
    import wandb

    fl_run = figlog.init(project="bench", dir=tmp / "figlog")
    wb_run = wandb.init(project="bench", dir=str(tmp / "wandb"))
    payload = {f"m{i}": 0.0 for i in range(10)}
    blocks = 10
    per_block = N_LOG // blocks
    times: dict[str, list[float]] = {"figlog": [], "wandb": []}
    for run in (fl_run, wb_run):  # warm-up
        for _ in range(50):
            run.log(payload)
    for _ in range(blocks):
        for name, run in (("figlog", fl_run), ("wandb", wb_run)):
            t0 = time.perf_counter()
            for s in range(per_block):
                payload["m0"] = float(s)
                run.log(payload)
            times[name].append((time.perf_counter() - t0) / per_block * 1e6)
    fl_run.finish()
    t0 = time.perf_counter()
    wb_run.finish()
    finish_s = time.perf_counter() - t0
    wb_us = statistics.median(times["wandb"])
    return ({"log_us": statistics.median(times["figlog"])},
            {"log_us": wb_us, "finish_s": finish_s,
             "log_us_incl_finish": wb_us + finish_s / N_LOG * 1e6})


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="figlog-bench-"))
    try:
        try:
            fl_log, wb_log = bench_log(tmp)
        except ImportError:
            print("wandb is not installed here; see the module docstring", file=sys.stderr)
            raise
        fl = {**fl_log, **bench_figlog(tmp)}
        wb = {**wb_log, **bench_wandb(tmp)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps({"figlog": fl, "wandb": wb}, indent=2))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print()
    print(f"{'measure':44} {'figlog':>12} {'wandb':>12} {'ratio':>8}")

    def row(name, a, b, fmt="{:.1f}"):
        sa = fmt.format(a) if a is not None else "-"
        sb = fmt.format(b) if isinstance(b, (int, float)) else (b or "-")
        ratio = f"{a / b:.3f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "-"
        print(f"{name:44} {sa:>12} {sb:>12} {ratio:>8}")

    row("log() 10 scalars, us/call, median", fl["log_us"], wb.get("log_us"))
    row("  wandb incl. finish() flush, us/call", fl["log_us"], wb.get("log_us_incl_finish"))
    for n in (WANDB_ROWS, ROWS):
        row(f"{n:,}-row table: log s", fl[f"table{n}_log_s"], wb.get(f"table{n}_log_s"), "{:.3f}")
        row(f"{n:,}-row table: bytes on disk", fl[f"table{n}_bytes"], wb.get(f"table{n}_bytes"),
            "{:,.0f}")
        row(f"{n:,}-row table: read 50 rows mid-table, ms", fl[f"table{n}_page_ms"],
            wb.get(f"table{n}_page_ms"), "{:.2f}")
        if wb.get(f"table{n}_error"):
            print(f"  wandb at {n:,} rows: {wb[f'table{n}_error']}")
        if wb.get(f"table{n}_stored_rows") not in (None, n):
            print(f"  wandb stored {wb[f'table{n}_stored_rows']:,} of {n:,} rows")
        print(f"  (figlog Table() build from Python rows: {fl[f'table{n}_build_s']:.3f} s)")


if __name__ == "__main__":
    main()
