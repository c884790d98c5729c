"""A process killed with SIGKILL at random moments keeps every step whose log() returned."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import figlog

# The child prints the step number after each log() returns; whatever it printed must be
# readable afterwards. It logs scalars, an image and a small table so that media files and
# database rows are both in flight when the kill lands.
_CHILD = textwrap.dedent("""
    import sys, numpy as np, figlog
    run = figlog.init(project="crash", dir=sys.argv[1], id=sys.argv[2])
    start = run.step
    for step in range(start, start + 100000):
        value = {"loss": 1.0 / (step + 1), "step_copy": step}
        if step % 3 == 0:
            value["img"] = figlog.Image(np.full((8, 8), step % 256, dtype=np.uint8))
        if step % 7 == 0:
            value["t"] = figlog.Table(columns=["s"], data=[[step]])
        run.log(value)
        print(step, flush=True)
""")


def test_sigkill_at_random_moments_loses_nothing_that_returned(tmp_path):
    rng = random.Random(1234)
    script = tmp_path / "child.py"
    script.write_text(_CHILD)
    store = tmp_path / "store"
    confirmed: set[int] = set()
    kills = 0
    for attempt in range(24):
        proc = subprocess.Popen([sys.executable, str(script), str(store), "r1"],
                                stdout=subprocess.PIPE, text=True)
        # Wait for the child to start logging, then kill it at a random moment.
        first = proc.stdout.readline()
        assert first.strip().isdigit(), f"attempt {attempt}: child did not start: {first!r}"
        confirmed.add(int(first))
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        confirmed.update(int(line) for line in out.split() if line.strip().isdigit())
        assert proc.returncode == -signal.SIGKILL
        kills += 1
    assert kills >= 20

    rec = figlog.open_store(store).run("r1")
    assert rec.status == "crashed"
    hist = {row["_step"]: row for row in rec.history()}
    missing = sorted(confirmed - hist.keys())
    assert not missing, f"steps whose log() returned but are gone: {missing[:10]}"
    for step in confirmed:
        row = hist[step]
        assert row["step_copy"] == step and row["loss"] == 1.0 / (step + 1)
        if step % 3 == 0:
            png = rec.get("img", step=step)
            assert png[:4] == b"\x89PNG"
        if step % 7 == 0:
            assert rec.get("t", step=step).get_column("s") == [step]


def test_a_live_run_reads_as_running_and_a_finished_one_as_finished(tmp_path):
    run = figlog.init(project="p", dir=tmp_path)
    assert figlog.open_store(tmp_path).run(run.id).status == "running"
    run.finish()
    assert figlog.open_store(tmp_path).run(run.id).status == "finished"


def test_a_process_that_exits_without_finish_is_finished_or_crashed(tmp_path):
    ok = "import figlog, sys; r = figlog.init(project='p', dir=sys.argv[1], id='ok'); r.log({'a': 1})"
    boom = ("import figlog, sys; r = figlog.init(project='p', dir=sys.argv[1], id='boom'); "
            "r.log({'a': 1}); raise SystemExit(__import__('os').kill(__import__('os').getpid(), 9))")
    err = "import figlog, sys; r = figlog.init(project='p', dir=sys.argv[1], id='err'); 1/0"
    subprocess.run([sys.executable, "-c", ok, str(tmp_path)], check=True)
    subprocess.run([sys.executable, "-c", boom, str(tmp_path)], check=False)
    subprocess.run([sys.executable, "-c", err, str(tmp_path)], check=False,
                   stderr=subprocess.DEVNULL)
    status = {r.id: r.status for r in figlog.open_store(tmp_path).runs("p")}
    assert status == {"ok": "finished", "boom": "crashed", "err": "crashed"}
