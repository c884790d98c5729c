"""Every script in examples/ runs from a fresh interpreter and logs into the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import figlog

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs_and_logs(script, tmp_path):
    env = {**os.environ, "FIGLOG_DIR": str(tmp_path / "store"), "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    store = figlog.open_store(tmp_path / "store")
    runs = store.runs()
    assert runs, f"{script.name} logged no run"
    assert all(r.status == "finished" for r in runs), [(r.name, r.status) for r in runs]
    assert all(r.keys() for r in runs), "every run logged something"


def test_quickstart_reads_back_what_it_logged(tmp_path):
    env = {**os.environ, "FIGLOG_DIR": str(tmp_path / "store"), "MPLBACKEND": "Agg"}
    script = Path(__file__).parent.parent / "examples" / "quickstart.py"
    out = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300, check=True).stdout
    (run,) = figlog.open_store(tmp_path / "store").runs("quickstart")
    assert set(run.keys()) == {"train/loss", "train/acc", "lr", "chart", "weights", "samples"}
    assert len(run.history(keys=["train/loss"])) == 20
    assert isinstance(run.get("samples"), figlog.Table) and len(run.get("samples")) == 3
    assert f"run {run.name} ({run.id}) is finished" in out
