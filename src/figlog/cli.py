"""The ``figlog`` command: ``ui`` serves the viewer, ``export`` writes one offline HTML file,
``demo`` logs every example script into the default store and then serves it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``figlog`` console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except FileNotFoundError as exc:
        print(f"figlog {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyError as exc:
        print(f"figlog {args.command}: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="figlog", description=__doc__)
    sub = p.add_subparsers(dest="command")

    ui = sub.add_parser("ui", help="serve the viewer for a store (127.0.0.1 by default)")
    _serve_args(ui)
    ui.set_defaults(func=_cmd_ui)

    ex = sub.add_parser("export", help="write one run as a self-contained offline HTML file")
    ex.add_argument("run", help="run id (or a unique name)")
    ex.add_argument("-o", "--output", required=True, help="the HTML file to write")
    ex.add_argument("--dir", help="store directory (default: $FIGLOG_DIR or ./figlog-runs)")
    ex.add_argument("--max-table-rows", type=int, default=10_000,
                    help="rows of each table to include (default 10000)")
    ex.set_defaults(func=_cmd_export)

    demo = sub.add_parser("demo", help="log every script in examples/ into the store, then serve")
    _serve_args(demo)
    demo.add_argument("--examples", default=None,
                      help="directory of example scripts (default: ./examples)")
    demo.add_argument("--no-serve", action="store_true", help="log the examples only")
    demo.set_defaults(func=_cmd_demo)
    return p


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dir", help="store directory (default: $FIGLOG_DIR or ./figlog-runs)")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help="address to bind (default 127.0.0.1; others expose your runs)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 8765)")


def _cmd_ui(args: argparse.Namespace) -> int:
    import uvicorn

    from .store import resolve_root
    from .viewer import create_app

    app = create_app(args.dir, host=args.host)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"figlog viewer: http://{shown}:{args.port}/  (store {resolve_root(args.dir)})",
          flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: bound to {args.host}: anyone who can reach this address can see "
              "your runs", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .store import open_store
    from .viewer.export import export_run

    store = open_store(args.dir)
    run = _find_run(store, args.run)
    out = Path(args.output)
    bar = _ProgressBar(sys.stderr)
    size = export_run(store, run.id, out, max_table_rows=args.max_table_rows,
                      progress=bar.update)
    bar.close()
    print(f"wrote {out} ({size / 1e6:.1f} MB): run {run.project}/{run.name} ({run.id})")
    return 0


def _find_run(store, ident: str):
    try:
        return store.run(ident)
    except KeyError:
        pass
    matches = [r for r in store.runs() if r.name == ident]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(r.id for r in matches)
        msg = f"several runs are named {ident!r} ({ids}); pass the id"
        raise KeyError(msg)
    msg = f"no run with id or name {ident!r} in the store at {str(store.root)!r}"
    raise KeyError(msg)


class _ProgressBar:
    """A one-line progress bar on a terminal; plain lines when the stream is not a tty."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.last = -1

    def update(self, done: int, total: int, what: str) -> None:
        pct = 100 if total == 0 else int(100 * done / total)
        if self.tty:
            filled = pct * 30 // 100
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {pct:3d}% {what[:40]:<40}")
            self.stream.flush()
        elif pct // 10 != self.last // 10:
            self.stream.write(f"export: {pct}% {what}\n")
        self.last = pct

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def _cmd_demo(args: argparse.Namespace) -> int:
    from .store import resolve_root

    examples = Path(args.examples) if args.examples else Path.cwd() / "examples"
    root = resolve_root(args.dir)
    scripts = sorted(examples.glob("*.py")) if examples.is_dir() else []
    if not scripts:
        print(f"figlog demo: no example scripts in {examples}", file=sys.stderr)
    failures = run_examples(scripts, root)
    print(f"figlog demo: {len(scripts) - len(failures)}/{len(scripts)} examples logged to {root}")
    for script, code, tail in failures:
        print(f"  FAILED {script.name} (exit {code}):\n{_indent(tail)}", file=sys.stderr)
    if args.no_serve:
        return 1 if failures else 0
    if not (root / "figlog.json").exists():
        print(f"figlog demo: nothing was logged to {root}; not starting the viewer",
              file=sys.stderr)
        return 1
    args.dir = str(root)
    return _cmd_ui(args)


def run_examples(scripts: Sequence[Path], root: Path, *, timeout: float = 300.0
                 ) -> list[tuple[Path, int, str]]:
    """Run each script in its own process with ``FIGLOG_DIR=root``; return the failures as
    ``(script, exit code, last lines of its output)``."""
    env = dict(os.environ, FIGLOG_DIR=str(root), MPLBACKEND="Agg")
    failures = []
    for script in scripts:
        t0 = time.perf_counter()
        print(f"  running {script.name} ...", end="", flush=True)
        try:
            # A scratch working directory: the seed's examples write files next to
            # themselves (hello.wav, plotly_figure_0.html) that do not belong in the repo.
            with tempfile.TemporaryDirectory(prefix="figlog-demo-") as cwd:
                proc = subprocess.run([sys.executable, str(script.resolve())], cwd=cwd,
                                      env=env, capture_output=True, text=True,
                                      timeout=timeout)
            code, output = proc.returncode, proc.stdout + proc.stderr
        except subprocess.TimeoutExpired as exc:
            code, output = -1, f"timed out after {timeout:.0f}s\n{exc.stdout or ''}{exc.stderr or ''}"
        dt = time.perf_counter() - t0
        print(f" {'ok' if code == 0 else 'FAILED'} ({dt:.1f}s)", flush=True)
        if code != 0:
            tail = "\n".join(str(output).strip().splitlines()[-15:])
            failures.append((script, code, tail))
    return failures


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


if __name__ == "__main__":
    raise SystemExit(main())
