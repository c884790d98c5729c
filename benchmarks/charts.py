"""PR curve, ROC curve and confusion matrix: figlog vs wandb 0.31 vs scikit-learn.

Run by hand: ``.venv/bin/python benchmarks/charts.py [--wandb-python PATH] [--n N] [--runs R]``.

Side by side in one run, on 1M binary scores and on 1M x 10-class probabilities (fixed
seed), it measures the time of each call, the points each stores, and the largest distance
(in the [0, 1] x [0, 1] plane) between the stored curve and the exact one scikit-learn
computes from all the data, both ways round (Hausdorff). With ``--runs R`` it repeats the
whole measurement R times and reports each case's median figlog/wandb ratio (and the
range) over the runs, since one run on a shared machine can be off by a factor of two.
wandb runs in a child process
from its own virtualenv (``WANDB_MODE=offline``), so it is never installed beside figlog:

    python3 -m venv .cache/bench-venv
    .cache/bench-venv/bin/pip install "wandb==0.31.*" numpy scikit-learn pandas
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WANDB_PYTHON = ROOT / ".cache" / "bench-venv" / "bin" / "python"
REPEAT = 3


def make_data(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """1-D binary scores and (n, 10) class probabilities, with ties and overlap."""
    rng = np.random.default_rng(seed)
    y_bin = (rng.random(n) < 0.3).astype(np.int64)
    s_bin = np.round(1 / (1 + np.exp(-rng.normal(1.2 * y_bin - 0.6, 1.0))), 6)
    y_10 = rng.integers(0, 10, n)
    logits = rng.normal(0, 1, (n, 10)) + 1.5 * np.eye(10)[y_10]
    p_10 = np.exp(logits)
    p_10 /= p_10.sum(axis=1, keepdims=True)
    return {"y_bin": y_bin, "s_bin": s_bin, "y_10": y_10, "p_10": p_10}


def _best(fn, repeat: int = REPEAT) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


# ---------------------------------------------------------------------------- wandb side
def wandb_worker(data_path: str, out_path: str) -> None:
    """Runs in wandb's virtualenv: time wandb.plot.* and dump the tables they keep."""
    os.environ["WANDB_MODE"] = "offline"
    os.environ["WANDB_SILENT"] = "true"
    import wandb

    d = np.load(data_path)
    binary_2col = np.stack([1 - d["s_bin"], d["s_bin"]], axis=1)  # wandb needs (n, 2)
    calls = {
        "pr binary": lambda: wandb.plot.pr_curve(d["y_bin"], binary_2col),
        "roc binary": lambda: wandb.plot.roc_curve(d["y_bin"], binary_2col),
        "cm binary": lambda: wandb.plot.confusion_matrix(
            y_true=d["y_bin"].tolist(), probs=binary_2col
        ),
        "pr 10-class": lambda: wandb.plot.pr_curve(d["y_10"], d["p_10"]),
        "roc 10-class": lambda: wandb.plot.roc_curve(d["y_10"], d["p_10"]),
        "cm 10-class": lambda: wandb.plot.confusion_matrix(
            y_true=d["y_10"].tolist(), probs=d["p_10"]
        ),
    }
    # Warm up: wandb imports pandas and scikit-learn lazily on the first call.
    wandb.plot.pr_curve(d["y_bin"][:100], binary_2col[:100])
    wandb.plot.roc_curve(d["y_bin"][:100], binary_2col[:100])
    wandb.plot.confusion_matrix(y_true=d["y_bin"][:100].tolist(), probs=binary_2col[:100])
    results = {}
    for name, call in calls.items():
        seconds, chart = _best(call, repeat=1)
        table = chart.table
        results[name] = {
            "seconds": seconds,
            "points": len(table.data),
            "columns": list(table.columns),
            "rows": [[c.item() if hasattr(c, "item") else c for c in row] for row in table.data],
        }
    results["version"] = wandb.__version__
    Path(out_path).write_text(json.dumps(results))


# ---------------------------------------------------------------------------- deviation
def _densify(x: np.ndarray, y: np.ndarray, step: float = 2e-4) -> np.ndarray:
    """Points along the polyline no further apart than ``step``."""
    pts = [np.column_stack([x[:1], y[:1]])]
    seg = np.hypot(np.diff(x), np.diff(y))
    for i in np.flatnonzero(seg > step):
        k = int(np.ceil(seg[i] / step))
        t = np.linspace(0, 1, k + 1)[1:]
        pts.append(np.column_stack([x[i] + t * (x[i + 1] - x[i]), y[i] + t * (y[i + 1] - y[i])]))
    pts.append(np.column_stack([x, y]))
    return np.concatenate(pts)


def hausdorff(exact: tuple[np.ndarray, np.ndarray], stored: tuple[np.ndarray, np.ndarray]) -> float:
    """Symmetric Hausdorff distance between two polylines, to within 1e-4."""
    from scipy.spatial import cKDTree

    a = _densify(*exact)
    b = _densify(*stored)
    return float(max(cKDTree(b).query(a)[0].max(), cKDTree(a).query(b)[0].max()))


def exact_curves(kind: str, y: np.ndarray, scores: np.ndarray) -> dict[int, tuple]:
    from sklearn import metrics as skm

    out = {}
    cols = [1] if scores.ndim == 1 else range(scores.shape[1])
    for j in cols:
        s = scores if scores.ndim == 1 else scores[:, j]
        if kind == "roc":
            fpr, tpr, _ = skm.roc_curve(y == j, s)
            out[j] = (fpr, tpr)
        else:
            p, r, _ = skm.precision_recall_curve(y == j, s)
            out[j] = (r[::-1], p[::-1])
    return out


def stored_curves(rows: list[list[Any]], columns: list[str], x: str, y: str) -> dict[str, tuple]:
    ci, xi, yi = columns.index("class"), columns.index(x), columns.index(y)
    out: dict[str, list] = {}
    for row in rows:
        out.setdefault(str(row[ci]), []).append((row[xi], row[yi]))
    curves = {}
    for k, pts in out.items():
        # wandb's ROC table is resampled and re-sorted: draw it as its viewer does, by x
        pts = sorted(pts) if x == "fpr" else pts
        arr = np.array(pts, dtype=float)
        curves[k] = (arr[:, 0], arr[:, 1])
    return curves


def max_deviation(exact: dict[int, tuple], stored: dict[str, tuple], names: dict[int, str]) -> float:
    return max(hausdorff(exact[j], stored[names[j]]) for j in exact if names[j] in stored)


# ---------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--wandb-python", default=str(DEFAULT_WANDB_PYTHON))
    ap.add_argument("--wandb-worker", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--runs", type=int, default=1, help="repeat everything; report median ratios")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    if args.wandb_worker:
        wandb_worker(*args.wandb_worker)
        return

    sys.path.insert(0, str(ROOT / "src"))
    import figlog.plot as plot
    from sklearn import metrics as skm

    data = make_data(args.n)
    y_bin, s_bin, y_10, p_10 = data["y_bin"], data["s_bin"], data["y_10"], data["p_10"]
    binary_2col = np.stack([1 - s_bin, s_bin], axis=1)

    # The data goes to disk once, not before every round: ~100 MB written per round only
    # adds I/O (and the kernel's flushing of it) to the timings that follow.
    tmp_dir = tempfile.TemporaryDirectory()
    data_path = Path(tmp_dir.name) / "data.npz"
    np.savez(data_path, **data)

    def run_wandb() -> dict[str, Any]:
        if not Path(args.wandb_python).exists():
            return {}
        out = Path(tmp_dir.name) / "wandb.json"
        subprocess.run(
            [args.wandb_python, __file__, "--wandb-worker", str(data_path), str(out)],
            check=True, env={**os.environ, "WANDB_MODE": "offline"},
        )
        return json.loads(out.read_text())

    if not Path(args.wandb_python).exists():
        print(f"wandb skipped: no interpreter at {args.wandb_python}", file=sys.stderr)

    def sk_pr(y, s):
        cols = [s] if s.ndim == 1 else [s[:, j] for j in range(s.shape[1])]
        pos = [1] if s.ndim == 1 else range(s.shape[1])
        return [(skm.precision_recall_curve(y == j, c), skm.average_precision_score(y == j, c))
                for j, c in zip(pos, cols)]

    def sk_roc(y, s):
        cols = [s] if s.ndim == 1 else [s[:, j] for j in range(s.shape[1])]
        pos = [1] if s.ndim == 1 else range(s.shape[1])
        return [(skm.roc_curve(y == j, c), skm.roc_auc_score(y == j, c))
                for j, c in zip(pos, cols)]

    cases = [
        # name, figlog call, sklearn call, exact kind, y, scores for the exact curve, x, y cols
        ("pr binary", lambda: plot.pr_curve(y_bin, binary_2col), lambda: sk_pr(y_bin, binary_2col),
         "pr", y_bin, binary_2col, "recall", "precision"),
        ("roc binary", lambda: plot.roc_curve(y_bin, binary_2col),
         lambda: sk_roc(y_bin, binary_2col), "roc", y_bin, binary_2col, "fpr", "tpr"),
        ("cm binary", lambda: plot.confusion_matrix(probs=binary_2col, y_true=y_bin),
         lambda: skm.confusion_matrix(y_bin, binary_2col.argmax(1)), None, None, None, None, None),
        ("pr 10-class", lambda: plot.pr_curve(y_10, p_10), lambda: sk_pr(y_10, p_10),
         "pr", y_10, p_10, "recall", "precision"),
        ("roc 10-class", lambda: plot.roc_curve(y_10, p_10), lambda: sk_roc(y_10, p_10),
         "roc", y_10, p_10, "fpr", "tpr"),
        ("cm 10-class", lambda: plot.confusion_matrix(probs=p_10, y_true=y_10),
         lambda: skm.confusion_matrix(y_10, p_10.argmax(1)), None, None, None, None, None),
    ]
    extra = [
        ("pr binary 1-D", lambda: plot.pr_curve(y_bin, s_bin)),
        ("roc binary 1-D", lambda: plot.roc_curve(y_bin, s_bin)),
    ]

    # Rounds: wandb does every case once (in its interpreter), then figlog and sklearn do;
    # the best of the rounds counts. Interleaving spreads the load of a shared machine
    # over all three instead of landing on one. With --runs, all of it is repeated.
    ratios: dict[str, list[float]] = {}
    for _run in range(args.runs):
        best: dict[str, dict[str, Any]] = {}
        wb: dict[str, Any] = {}
        for _ in range(REPEAT):
            for name, w in run_wandb().items():
                if name == "version":
                    wb["version"] = w
                elif name not in wb or w["seconds"] < wb[name]["seconds"]:
                    wb[name] = w
            for name, fig_call, sk_call, *_ in cases:
                fig_s, chart = _best(fig_call, repeat=1)
                sk_s, _ = _best(sk_call, repeat=1)
                b = best.setdefault(name, {"figlog_s": fig_s, "sklearn_s": sk_s, "chart": chart})
                b["figlog_s"] = min(b["figlog_s"], fig_s)
                b["sklearn_s"] = min(b["sklearn_s"], sk_s)
        for name in best:
            if name in wb:
                ratios.setdefault(name, []).append(best[name]["figlog_s"] / wb[name]["seconds"])
        if args.runs > 1:
            print(f"run {_run + 1}: " + ", ".join(
                f"{k} {v[-1]:.3f}" for k, v in ratios.items()), file=sys.stderr)

    results = []
    for name, _f, _s, kind, y, scores, xcol, ycol in cases:
        fig_s, sk_s, chart = best[name]["figlog_s"], best[name]["sklearn_s"], best[name]["chart"]
        row: dict[str, Any] = {
            "case": name, "figlog_s": fig_s, "sklearn_s": sk_s, "figlog_points": len(chart.table),
        }
        w = wb.get(name)
        if w:
            row.update(wandb_s=w["seconds"], wandb_points=w["points"],
                       ratio=fig_s / w["seconds"])
        if name in ratios:
            row["ratios"] = ratios[name]
        if kind:
            exact = exact_curves(kind, y, scores)
            fcurves = stored_curves(
                [r for _, r in chart.table.iterrows()], chart.table.columns, xcol, ycol
            )
            row["figlog_dev"] = max_deviation(exact, fcurves, {j: str(j) for j in exact})
            row["figlog_class_max"] = max(len(c[0]) for c in fcurves.values())
            if w:
                wcurves = stored_curves(w["rows"], w["columns"], xcol, ycol)
                row["wandb_dev"] = max_deviation(exact, wcurves, {j: str(j) for j in exact})
        results.append(row)
    for name, fig_call in extra:
        fig_s, chart = _best(fig_call)
        results.append({"case": name, "figlog_s": fig_s, "figlog_points": len(chart.table)})

    runs = f"; last of {args.runs} runs, ratio = median over the runs (range)" * (args.runs > 1)
    print(f"n = {args.n:,}; best of {REPEAT} interleaved rounds{runs}; "
          f"wandb {wb.get('version', '-')}; "
          f"deviation = Hausdorff distance to the exact curve in the unit square")
    head = ("case", "figlog s", "wandb s", "sklearn s", "figlog/wandb", "figlog pts",
            "max pts/class", "wandb pts", "figlog dev", "wandb dev")

    def ratio(r: dict[str, Any]) -> str:
        rs = r.get("ratios")
        if not rs or len(rs) == 1:
            return f(r.get("ratio"), ".3f")
        return f"{float(np.median(rs)):.3f} ({min(rs):.3f}-{max(rs):.3f})"
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))

    def f(v: Any, fmt: str) -> str:
        return "-" if v is None else format(v, fmt)

    for r in results:
        print("| " + " | ".join([
            r["case"], f(r.get("figlog_s"), ".3f"), f(r.get("wandb_s"), ".3f"),
            f(r.get("sklearn_s"), ".3f"), ratio(r),
            f(r.get("figlog_points"), "d"), f(r.get("figlog_class_max"), "d"),
            f(r.get("wandb_points"), "d"),
            f(r.get("figlog_dev"), ".4f"), f(r.get("wandb_dev"), ".4f"),
        ]) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
