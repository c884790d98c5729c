"""figlog's matplotlib → Plotly converter against plotly's and mpld3's, on matplotlib's gallery.

Run by hand (takes minutes)::

    .venv/bin/python benchmarks/gallery.py [--limit N] [--workers 2] [--no-html]

For every script of the installed matplotlib's gallery (fetched as in the gallery test)
and every figure it leaves open, in a fresh headless interpreter:

- figlog ``to_plotly`` before anything draws the figure, as a user logs it (its report is
  the one counted, its JSON the one shown on the page);
- ``savefig`` to PNG at dpi 100, twice; the second (warm) time is the reference;
- figlog ``to_plotly`` again (the timed, warm call; whether its JSON differs from the first
  is counted), then mpld3 ``fig_to_dict``, then plotly ``mpl_to_plotly`` last, because it
  may close or change the figure;
- whether each raised, whether figlog's report is complete, whether plotly warned that it
  dropped something.

It prints the comparison table and what figlog still reports by artist kind, and writes
``benchmarks/out/results.jsonl`` and ``benchmarks/out/gallery.html`` (each figure's PNG
beside figlog's Plotly rendering; plotly.js inlined once from the plotly package).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.converters import _gallery  # noqa: E402

OUT = ROOT / "benchmarks" / "out"

_RUNNER = r"""
import sys
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import base64, io, json, runpy, time, warnings
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
plt.show = lambda *a, **k: None
# records go to a file named on the command line: scripts may write anything to stdout
_out = open(sys.argv[3], "w", encoding="utf-8")
def report(line):
    _out.write(line + "\n"); _out.flush()
from figlog.converters import to_plotly
script, keep = sys.argv[1], sys.argv[2] == "1"
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runpy.run_path(script, run_name="__main__")
except BaseException as exc:
    report("SCRIPT-ERROR " + json.dumps(f"{type(exc).__name__}: {exc}"[:200]))
figs = [plt.figure(n) for n in plt.get_fignums()]
for fig in figs:
    out = {"fig": fig.number}
    # first as a user logs it: converted before anything draws the figure
    first = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            first = to_plotly(fig)
            out["figlog_first_s"] = time.perf_counter() - t0
        out["figlog_complete"] = first.report.complete
        out["figlog_problems"] = [[e.kind, e.status, e.reason[:100]]
                                  for e in first.report.entries
                                  if e.status in ("skipped", "approximated")]
        if keep:
            text = json.dumps(first.figure, allow_nan=False)
            out["figlog_json"] = text if len(text) < 3_000_000 else None
    except BaseException as exc:
        key = "figlog_empty" if type(exc).__name__ == "EmptyPlotError" else "figlog_error"
        out[key] = f"{type(exc).__name__}: {exc}"[:200]
    try:
        buf = io.BytesIO(); t0 = time.perf_counter(); fig.savefig(buf, format="png", dpi=100)
        out["png_first_s"] = time.perf_counter() - t0
        buf = io.BytesIO(); t0 = time.perf_counter(); fig.savefig(buf, format="png", dpi=100)
        out["png_s"] = time.perf_counter() - t0
        if keep:
            out["png"] = base64.b64encode(buf.getvalue()).decode()
    except BaseException as exc:
        out["png_error"] = f"{type(exc).__name__}: {exc}"[:200]
    if first is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t0 = time.perf_counter()
                again = to_plotly(fig)
                out["figlog_s"] = time.perf_counter() - t0
            # a draw settles layout engines (constrained/tight) and lazy state; say when
            # the conversion of the drawn figure differs from the one logged before it
            out["figlog_changed_by_draw"] = json.dumps(again.figure, sort_keys=True,
                                                       default=str) != json.dumps(
                first.figure, sort_keys=True, default=str)
        except BaseException as exc:
            out["figlog_error_after_draw"] = f"{type(exc).__name__}: {exc}"[:200]
    try:
        import mpld3
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            mpld3.fig_to_dict(fig)
            out["mpld3_s"] = time.perf_counter() - t0
    except BaseException as exc:
        out["mpld3_error"] = f"{type(exc).__name__}: {exc}"[:200]
    try:
        import plotly.tools
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t0 = time.perf_counter()
            plotly.tools.mpl_to_plotly(fig)
            out["plotly_s"] = time.perf_counter() - t0
        out["plotly_warnings"] = len(caught)
    except BaseException as exc:
        out["plotly_error"] = f"{type(exc).__name__}: {exc}"[:200]
    report("FIGURE " + json.dumps(out))
"""


def _run(script: Path, keep: bool) -> dict:
    rel = str(script.relative_to(script.parents[1]))
    reason = _gallery.skip_reason(script)
    if reason:
        return {"script": rel, "skipped": reason, "figures": []}
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records.jsonl"
        try:
            subprocess.run([sys.executable, "-c", _RUNNER, str(script), "1" if keep else "0",
                            str(records)], capture_output=True, timeout=180, cwd=script.parent,
                           env=env)
        except subprocess.TimeoutExpired:
            return {"script": rel, "timeout": True, "figures": []}
        lines = records.read_text(encoding="utf-8").splitlines() if records.exists() else []
    figures = [json.loads(line[7:]) for line in lines if line.startswith("FIGURE ")]
    err = next((json.loads(line[13:]) for line in lines if line.startswith("SCRIPT-ERROR ")),
               None)
    return {"script": rel, "script_error": err, "figures": figures}


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f} %" if d else "   n/a"


def _ratio_stats(figs: list[dict], key: str, ref: str = "png_s") -> tuple[str, str]:
    ratios = sorted(f[key] / f[ref] for f in figs if key in f and f.get(ref))
    if not ratios:
        return "n/a", "n/a"
    p90 = ratios[min(len(ratios) - 1, int(0.9 * len(ratios)))]
    return f"{statistics.median(ratios):.3f}", f"{p90:.3f}"


def report(results: list[dict]) -> str:
    figs = [f for r in results for f in r["figures"] if "png_error" not in f]
    n = len(figs)
    ran = [r for r in results if not r.get("skipped")]
    lines = [
        f"matplotlib {_gallery.VERSION} gallery: {len(results)} scripts, {len(ran)} run "
        f"headless, {n} figures",
        "",
        "| converter | no exception | complete report | median time / savefig | p90 |",
        "|---|---|---|---|---|",
    ]
    for name, err, ok, t in (
        ("figlog to_plotly", "figlog_error", lambda f: f.get("figlog_complete"), "figlog_s"),
        ("plotly mpl_to_plotly", "plotly_error", lambda f: f.get("plotly_warnings") == 0,
         "plotly_s"),
        ("mpld3 fig_to_dict", "mpld3_error", None, "mpld3_s"),
    ):
        good = [f for f in figs if err not in f]
        comp = _pct(sum(1 for f in good if ok(f)), n) if ok else "   n/a"
        med, p90 = _ratio_stats(figs, t)
        lines.append(f"| {name} | {_pct(len(good), n)} | {comp} | {med} | {p90} |")
    kinds: Counter[str] = Counter()
    figs_by_kind: Counter[str] = Counter()
    for f in figs:
        seen = set()
        for kind, status, _ in f.get("figlog_problems", []):
            kinds[f"{kind} ({status})"] += 1
            seen.add(f"{kind} ({status})")
        figs_by_kind.update(seen)
    lines += ["", "What figlog still reports, by artist kind:", "",
              "| kind (status) | artists | figures |", "|---|---|---|"]
    lines += [f"| {k} | {v} | {figs_by_kind[k]} |" for k, v in kinds.most_common()]
    changed = [f"{r['script']}#{f['fig']}" for r in results for f in r["figures"]
               if f.get("figlog_changed_by_draw")]
    med, p90 = _ratio_stats(figs, "figlog_first_s", "png_first_s")
    lines += ["", f"figlog converts each figure first as a user logs it, before anything draws "
              f"it (completeness above is of that conversion; that first conversion's time / "
              f"the first savefig's time, both cold: median {med}, p90 {p90}), then again "
              f"after the PNG (the timed, warm call in the table). "
              f"{len(changed)} of {n} figures convert differently once drawn (layout engines "
              "and other state a draw settles)."]
    late = [(r["script"], f["figlog_error_after_draw"]) for r in results for f in r["figures"]
            if "figlog_error_after_draw" in f]
    if late:
        lines += ["figlog exceptions after a draw:"] + [f"  {s}: {e}" for s, e in late]
    empties = [r["script"] for r in results for f in r["figures"] if "figlog_empty" in f]
    if empties:
        lines += ["", f"{len(empties)} figures diagnosed as empty by design (EmptyPlotError: "
                  "nothing drawable, e.g. animations whose artists get data only per frame; "
                  "counted as no exception above): " + ", ".join(sorted(set(empties)))]
    errors = [(r["script"], f["figlog_error"]) for r in results for f in r["figures"]
              if "figlog_error" in f]
    if errors:
        lines += ["", "figlog exceptions:"] + [f"  {s}: {e}" for s, e in errors]
    skipped = Counter(r["skipped"] for r in results if r.get("skipped"))
    lines += ["", "skipped scripts: " + ", ".join(f"{v} {k}" for k, v in skipped.items())]
    broken = [r["script"] for r in results if r.get("script_error") or r.get("timeout")]
    lines += [f"scripts that failed on their own (not a converter): {len(broken)}"]
    return "\n".join(lines)


def write_html(results: list[dict], path: Path) -> None:
    import html

    import plotly

    js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()
    rows = []
    for r in results:
        for f in r["figures"]:
            if "png" not in f:
                continue
            fid = f"{r['script']}#{f['fig']}"
            status = ("exception: " + f["figlog_error"] if "figlog_error" in f else
                      f["figlog_empty"] if "figlog_empty" in f else
                      "complete" if f.get("figlog_complete") else
                      "; ".join(f"{k} {s}: {why}" for k, s, why in
                                f.get("figlog_problems", [])))
            spec = f.get("figlog_json") or "null"
            spec = spec.replace("</", "<\\/")  # JSON inside <script> must not close the tag
            rows.append(
                f'<section><h3>{html.escape(fid)}</h3><p>{html.escape(status)}</p>'
                f'<div class="pair"><img src="data:image/png;base64,{f["png"]}">'
                f'<div class="plot"></div><script type="application/json">{spec}</script>'
                f"</div></section>")
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>figlog gallery</title>
<style>body{{font-family:sans-serif}} .pair{{display:flex;gap:12px;align-items:flex-start}}
section{{border-bottom:1px solid #ccc;padding:8px}} p{{font-size:12px;color:#555}}</style>
<script>{js}</script></head><body><h1>matplotlib PNG (left) and figlog's Plotly (right)</h1>
{''.join(rows)}
<script>
const obs = new IntersectionObserver(items => items.forEach(it => {{
  if (!it.isIntersecting) return; obs.unobserve(it.target);
  const spec = JSON.parse(it.target.nextElementSibling.textContent);
  if (spec) Plotly.newPlot(it.target, spec.data, spec.layout);
}}), {{rootMargin: "400px"}});
document.querySelectorAll(".plot").forEach(el => obs.observe(el));
</script></body></html>"""
    path.write_text(page, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N scripts")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-html", action="store_true", help="skip the side-by-side page")
    ap.add_argument("--only", default="", help="substring filter on script paths")
    ap.add_argument("--from-results", action="store_true",
                    help="only print the table again from benchmarks/out/results.jsonl")
    args = ap.parse_args()
    if args.from_results:
        lines = (OUT / "results.jsonl").read_text().splitlines()
        print(report([json.loads(line) for line in lines]))
        return
    root = _gallery.fetch_gallery()
    scripts = [s for s in _gallery.all_scripts(root) if args.only in str(s)]
    if args.limit:
        scripts = scripts[: args.limit]
    OUT.mkdir(parents=True, exist_ok=True)
    keep = not args.no_html
    def safe(script: Path) -> dict:
        try:
            return _run(script, keep)
        except Exception as exc:  # noqa: BLE001 - one broken script must not end the run
            return {"script": str(script), "script_error": f"runner: {exc}"[:200],
                    "figures": []}

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(safe, scripts))
    with (OUT / "results.jsonl").open("w") as fh:
        for r in results:
            slim = {**r, "figures": [{k: v for k, v in f.items() if k not in ("png", "figlog_json")}
                                     for f in r["figures"]]}
            fh.write(json.dumps(slim) + "\n")
    if keep:
        write_html(results, OUT / "gallery.html")
    text = report(results)
    (OUT / "report.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
