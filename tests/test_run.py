"""Runs: init/log/finish, the step model, module-level calls, context manager, status."""

from __future__ import annotations

import math

import numpy as np
import pytest

import figlog


def _history(store_dir, project="p"):
    (run,) = figlog.open_store(store_dir).runs(project)
    return run, run.history()


def test_steps_count_from_zero_and_advance_per_log(tmp_path):
    with figlog.init(project="p", dir=tmp_path) as run:
        for i in range(3):
            run.log({"loss": 1.0 / (i + 1)})
        assert run.step == 3
    _, hist = _history(tmp_path)
    assert [r["_step"] for r in hist] == [0, 1, 2]
    assert [r["loss"] for r in hist] == [1.0, 0.5, 1.0 / 3]


def test_commit_false_merges_into_pending_step(tmp_path):
    with figlog.init(project="p", dir=tmp_path) as run:
        run.log({"a": 1}, commit=False)
        run.log({"b": 2}, commit=False)
        run.log({"c": 3})
        run.log({"a": 4})
    _, hist = _history(tmp_path)
    assert [{k: v for k, v in r.items() if k != "_timestamp"} for r in hist] == [
        {"_step": 0, "a": 1, "b": 2, "c": 3},
        {"_step": 1, "a": 4},
    ]


def test_explicit_step_may_repeat_and_skip_but_never_go_back(tmp_path):
    with figlog.init(project="p", dir=tmp_path) as run:
        run.log({"a": 1}, step=5)
        run.log({"b": 2}, step=5)       # same step: merges
        run.log({"a": 3}, step=10)
        with pytest.raises(ValueError, match=r"log\(step=7\) goes backwards: .* at step 10"):
            run.log({"a": 9}, step=7)
        run.log({"c": 1})               # no step: completes step 10, then moves on
        run.log({"d": 1})
    _, hist = _history(tmp_path)
    rows = [{k: v for k, v in r.items() if k != "_timestamp"} for r in hist]
    assert rows == [{"_step": 5, "a": 1, "b": 2}, {"_step": 10, "a": 3, "c": 1},
                    {"_step": 11, "d": 1}]


def test_nan_inf_numpy_scalars_and_bools_are_kept(tmp_path):
    with figlog.init(project="p", dir=tmp_path) as run:
        run.log({"nan": float("nan"), "inf": float("inf"), "ninf": -np.inf,
                 "f32": np.float32(0.5), "i64": np.int64(7), "b": np.bool_(True),
                 "zero_d": np.array(2.5), "big": 2**70, "s": "text"})
    _, (row,) = _history(tmp_path)
    assert math.isnan(row["nan"]) and row["inf"] == math.inf and row["ninf"] == -math.inf
    assert row["f32"] == 0.5 and row["i64"] == 7 and type(row["i64"]) is int
    assert row["b"] is True and row["zero_d"] == 2.5 and row["big"] == float(2**70)
    assert row["s"] == "text"


def test_nested_dicts_become_slash_keys(tmp_path):
    with figlog.init(project="p", dir=tmp_path) as run:
        run.log({"train": {"loss": 1.0, "acc": 0.5}, "lr": 0.1})
    run, (row,) = _history(tmp_path)
    assert set(run.keys()) == {"train/loss", "train/acc", "lr"}


def test_module_level_log_and_finish_need_a_run(tmp_path):
    figlog.finish() if figlog.run._current else None
    with pytest.raises(RuntimeError, match=r"figlog.log\(\) needs a run: call figlog.init"):
        figlog.log({"a": 1})
    with pytest.raises(RuntimeError, match=r"figlog.finish\(\) needs a run"):
        figlog.finish()
    figlog.init(project="p", dir=tmp_path)
    figlog.log({"a": 1})
    figlog.finish()
    run, hist = _history(tmp_path)
    assert run.status == "finished" and hist[0]["a"] == 1


def test_init_finishes_the_previous_current_run(tmp_path):
    first = figlog.init(project="p", dir=tmp_path)
    second = figlog.init(project="p", dir=tmp_path)
    statuses = {r.id: r.status for r in figlog.open_store(tmp_path).runs("p")}
    assert statuses == {first.id: "finished", second.id: "running"}
    second.finish()


def test_context_manager_marks_an_exception_as_crashed(tmp_path):
    with pytest.raises(ZeroDivisionError), figlog.init(project="p", dir=tmp_path) as run:
        run.log({"a": 1})
        1 / 0  # noqa: B018
    (rec,) = figlog.open_store(tmp_path).runs("p")
    assert rec.status == "crashed" and rec.ended is not None


def test_metadata_config_and_resume_by_id(tmp_path):
    import argparse

    ns = argparse.Namespace(lr=0.1, layers=[1, 2], dtype=np.dtype("float32"))
    with figlog.init(project="p", name="first", dir=tmp_path, config=ns, id="abc123") as run:
        run.log({"a": 1})
        run.log({"a": 2})
    with figlog.init(project="p", dir=tmp_path, id="abc123", config={"extra": True}) as run:
        assert run.resumed and run.name == "first" and run.step == 2
        run.log({"a": 3})
    (rec,) = figlog.open_store(tmp_path).runs("p")
    assert rec.id == "abc123" and rec.name == "first" and rec.project == "p"
    assert rec.config == {"lr": 0.1, "layers": [1, 2], "dtype": "float32", "extra": True}
    assert rec.created <= rec.ended and rec.status == "finished"
    assert [r["a"] for r in rec.history()] == [1, 2, 3]


def test_store_root_defaults_to_env_then_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FIGLOG_DIR", raising=False)
    figlog.init(project="cwd").finish()
    assert (tmp_path / "figlog-runs" / "figlog.json").exists()
    monkeypatch.setenv("FIGLOG_DIR", str(tmp_path / "env"))
    figlog.init(project="env").finish()
    assert figlog.open_store().projects() == ["env"]


def test_logging_after_finish_is_an_error(tmp_path):
    run = figlog.init(project="p", dir=tmp_path)
    run.finish()
    run.finish()  # harmless
    with pytest.raises(RuntimeError, match="is finished; start a new one"):
        run.log({"a": 1})
