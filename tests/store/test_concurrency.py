"""Several processes log into one store at once; every step of every process lands."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import figlog

_WORKER = textwrap.dedent("""
    import sys, figlog
    store, rank, steps, shared = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    if shared == "own":
        run = figlog.init(project="ddp", name=f"rank{rank}", dir=store, id=f"rank{rank}")
        for s in range(steps):
            run.log({"loss": rank + s / steps, "rank": rank})
    else:  # all ranks log distinct keys into one run id, at explicit steps
        run = figlog.init(project="ddp", dir=store, id="shared")
        for s in range(steps):
            run.log({f"loss/rank{rank}": float(s)}, step=s)
    run.finish()
""")


def _spawn(tmp_path, n, steps, mode):
    script = tmp_path / "worker.py"
    script.write_text(_WORKER)
    procs = [subprocess.Popen([sys.executable, str(script), str(tmp_path / "store"), str(r),
                               str(steps), mode], stderr=subprocess.PIPE, text=True)
             for r in range(n)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err


def test_eight_processes_two_thousand_steps_each(tmp_path):
    _spawn(tmp_path, 8, 2000, "own")
    store = figlog.open_store(tmp_path / "store")
    runs = {r.id: r for r in store.runs("ddp")}
    assert sorted(runs) == [f"rank{r}" for r in range(8)]
    for r in range(8):
        hist = runs[f"rank{r}"].history()
        assert [row["_step"] for row in hist] == list(range(2000))
        assert all(row["rank"] == r for row in hist)
        assert runs[f"rank{r}"].status == "finished"


def test_ranks_sharing_one_run_id_with_distinct_keys(tmp_path):
    _spawn(tmp_path, 4, 300, "shared")
    (run,) = figlog.open_store(tmp_path / "store").runs("ddp")
    hist = run.history()
    assert [row["_step"] for row in hist] == list(range(300))
    for row in hist:
        assert {k: row[k] for k in row if k.startswith("loss/")} == {
            f"loss/rank{r}": float(row["_step"]) for r in range(4)}
