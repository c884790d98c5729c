"""matplotlib's own gallery as a test corpus: fetch, pick, run headless, convert.

Shared by ``test_gallery.py`` (a fixed sample) and ``benchmarks/gallery.py`` (everything).
The sdist of the *installed* matplotlib comes from the package index pip is configured
with (its simple page lists the file with its sha256, which is checked); it is cached
under ``.cache/`` at the repository root and never committed.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
VERSION = matplotlib.__version__
SDIST = f"matplotlib-{VERSION}.tar.gz"
EXAMPLES = CACHE / f"matplotlib-{VERSION}" / "galleries" / "examples"

# Why a script cannot run here, by what it contains. Checked in order; first match wins.
SKIP_RULES: list[tuple[str, str]] = [
    (r"^\s*(import|from)\s+(tkinter|wx|gi|PyQt[56]|PySide[26]|matplotlib\.backends\.qt_compat)\b",
     "needs a GUI toolkit"),
    (r"backend_(tkagg|gtk[34]agg|gtk[34]cairo|qtagg|qt5agg|wxagg|wx|macosx|gtk4|tk)\b",
     "needs a GUI toolkit"),
    (r"(text\.usetex|usetex\s*=\s*True|'usetex'|\"usetex\")", "needs LaTeX"),
    (r"(FFMpegWriter|ffmpeg|\.to_html5_video|ImageMagick)", "needs ffmpeg/ImageMagick"),
    (r"^\s*(import|from)\s+(flask|cairo|gi\.repository|pyodide)\b", "needs a web/cairo stack"),
    (r"^\s*(import|from)\s+(basemap|cartopy|plotly|bokeh)\b", "needs an uninstalled library"),
]

_RUNNER = r"""
import sys
# `python -c` puts the working directory first on sys.path, where a gallery file named
# collections.py would shadow the standard library
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
import json, runpy, time, traceback, warnings
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
plt.show = lambda *a, **k: None  # the gallery calls show(); under Agg it does nothing
# records go to a file named on the command line: scripts may write anything to stdout
_out = open(sys.argv[3], "w", encoding="utf-8")
def report(line):
    _out.write(line + "\n"); _out.flush()
from figlog.converters import EmptyPlotError, to_plotly
script, validate = sys.argv[1], sys.argv[2] == "1"
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runpy.run_path(script, run_name="__main__")
except SystemExit:
    pass
except BaseException as exc:
    report("SCRIPT-ERROR " + json.dumps(f"{type(exc).__name__}: {exc}"[:300]))
for num in plt.get_fignums():
    fig = plt.figure(num)
    out = {"fig": num}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            conv = to_plotly(fig)
        out["complete"] = conv.report.complete
        out["problems"] = [[e.kind, e.status, e.reason[:120]] for e in conv.report.entries
                           if e.status in ("skipped", "approximated")]
        if validate:
            import plotly.graph_objects as go
            go.Figure(conv.figure)
            json.dumps(conv.figure, allow_nan=False)
    except EmptyPlotError as exc:
        out["empty"] = str(exc)[:200]
    except BaseException as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"[:300]
        out["trace"] = traceback.format_exc()[-1500:]
    report("FIGURE " + json.dumps(out))
"""


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)


def index_urls() -> list[str]:
    """The indexes pip is configured with: index-url (PyPI by default), then extras."""
    cmd = [sys.executable, "-m", "pip", "config", "list"]
    try:
        text = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        text = ""
    primary = os.environ.get("PIP_INDEX_URL") or "https://pypi.org/simple"
    extras: list[str] = []
    for line in text.splitlines():
        key, _, value = line.partition("=")
        value = value.strip().strip("'\"")
        if key.endswith(".index-url"):
            primary = value
        elif key.endswith(".extra-index-url"):
            extras.extend(value.split())
    return [primary, *extras]


def _sdist_link(index: str) -> tuple[str, str] | None:
    page = index.rstrip("/") + "/matplotlib/"
    with urllib.request.urlopen(page, timeout=60) as resp:  # noqa: S310 - configured index
        parser = _Links()
        parser.feed(resp.read().decode("utf-8", "replace"))
    for href in parser.hrefs:
        url, _, frag = href.partition("#")
        if url.rsplit("/", 1)[-1] == SDIST and frag.startswith("sha256="):
            return urllib.parse.urljoin(page, url), frag.split("=", 1)[1]
    return None


def fetch_gallery() -> Path:
    """The gallery examples of the installed matplotlib, downloading the sdist once."""
    if EXAMPLES.is_dir():
        return EXAMPLES
    CACHE.mkdir(exist_ok=True)
    archive = CACHE / SDIST
    errors = []
    for index in index_urls():
        try:
            found = _sdist_link(index)
        except OSError as exc:
            errors.append(f"{index}: {exc}")
            continue
        if found is None:
            errors.append(f"{index}: no {SDIST}")
            continue
        url, sha = found
        if not archive.exists() or hashlib.sha256(archive.read_bytes()).hexdigest() != sha:
            with urllib.request.urlopen(url, timeout=300) as resp:  # noqa: S310
                archive.write_bytes(resp.read())
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        if digest != sha:
            archive.unlink()
            msg = f"{SDIST} from {index}: sha256 {digest} differs from the index's {sha}"
            raise RuntimeError(msg)
        break
    else:
        msg = f"could not find {SDIST} on any configured index: " + "; ".join(errors)
        raise RuntimeError(msg)
    prefix = f"matplotlib-{VERSION}/galleries/examples/"
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(prefix) and m.isfile()]
        tar.extractall(CACHE, members=members, filter="data")
    return EXAMPLES


def all_scripts(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if not p.name.startswith("_"))


def sample(root: Path, per_section: int = 4) -> list[Path]:
    """A fixed spread: up to ``per_section`` evenly spaced scripts of each gallery section."""
    out = []
    for section in sorted(p for p in root.iterdir() if p.is_dir()):
        scripts = all_scripts(section)
        if not scripts:
            continue
        k = min(per_section, len(scripts))
        picks = sorted({round(i * (len(scripts) - 1) / max(1, k - 1)) for i in range(k)})
        out.extend(scripts[i] for i in picks)
    return out


def skip_reason(script: Path) -> str | None:
    text = script.read_text(encoding="utf-8", errors="replace")
    for pattern, reason in SKIP_RULES:
        if re.search(pattern, text, flags=re.MULTILINE):
            return reason
    return None


@dataclass
class ScriptResult:
    script: str
    skipped: str | None = None
    script_error: str | None = None
    timed_out: bool = False
    figures: list[dict] = field(default_factory=list)


def run_script(script: Path, *, timeout: float = 90, validate: bool = True) -> ScriptResult:
    """Run one example headless in a fresh interpreter and convert every figure it left."""
    rel = str(script.relative_to(script.parents[1]))
    reason = skip_reason(script)
    if reason:
        return ScriptResult(rel, skipped=reason)
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records.jsonl"
        try:
            proc = subprocess.run(
                [sys.executable, "-c", _RUNNER, str(script), "1" if validate else "0",
                 str(records)],
                capture_output=True, timeout=timeout, cwd=script.parent, env=env,
            )
        except subprocess.TimeoutExpired:
            return ScriptResult(rel, timed_out=True)
        lines = records.read_text(encoding="utf-8").splitlines() if records.exists() else []
    result = ScriptResult(rel)
    for line in lines:
        if line.startswith("FIGURE "):
            result.figures.append(json.loads(line[7:]))
        elif line.startswith("SCRIPT-ERROR "):
            result.script_error = json.loads(line[13:])
    if proc.returncode and not result.figures and not result.script_error:
        result.script_error = proc.stderr.decode("utf-8", "replace")[-300:]
    return result
