"""Bad input to the public functions: a specific error naming the argument, nothing written."""

from __future__ import annotations

import numpy as np
import pytest

import figlog


def _files(root):
    return sorted(p.relative_to(root) for p in (root / "media").rglob("*") if p.is_file())


@pytest.fixture
def run(tmp_path):
    r = figlog.init(project="bad", dir=tmp_path)
    r.log({"ok": 1})
    yield r
    r.finish()


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (object(), TypeError, r"log\(\) key 'bad': cannot log a object; accepted: numbers"),
        ({1, 2}, TypeError, r"key 'bad': cannot log a set"),
        ([1, 2], TypeError, r"key 'bad': item 0 of the list is a int; a list must hold only media"),
        ([], ValueError, r"key 'bad': an empty list has nothing to log"),
        (b"bytes", TypeError, r"key 'bad': cannot log a bytes"),
        (np.zeros(3), TypeError, r"key 'bad': cannot log a numpy.ndarray"),
    ],
)
def test_a_bad_value_fails_its_call_and_writes_nothing(run, value, error, match):
    before = _files(run.dir)
    img = figlog.Image(np.full((4, 4), 7, dtype=np.uint8))
    with pytest.raises(error, match=match):
        run.log({"good": 2.0, "img": img, "bad": value})
    rec = figlog.open_store(run.dir).run(run.id)
    assert rec.history() == [{"_step": 0, "_timestamp": rec.history()[0]["_timestamp"], "ok": 1}]
    assert _files(run.dir) == before, "no media file of the refused call was written"
    run.log({"ok": 2})  # the run carries on at the next step
    assert [r["_step"] for r in figlog.open_store(run.dir).run(run.id).history()] == [0, 1]


def test_an_empty_pyplot_fails_with_the_fix_in_the_message(run):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.close("all")
    with pytest.raises(figlog.EmptyPlotError, match=r"no open figure.*plt.show\(\).*log `fig`"):
        run.log({"chart": plt, "loss": 1.0})
    assert len(figlog.open_store(run.dir).run(run.id).history()) == 1


@pytest.mark.parametrize(
    ("data", "kwargs", "error", "match"),
    [
        ([("a", 1)], {}, TypeError, r"log\(data=...\) expects a dict of key -> value, got list"),
        ({1: 2}, {}, TypeError, r"log\(\) keys must be str, got int 1"),
        ({"_step": 2}, {}, ValueError, r"key '_step' is not allowed"),
        ({"": 2}, {}, ValueError, r"key '' is not allowed"),
        ({"a": 1}, {"step": -1}, ValueError, r"log\(step=...\) must be a non-negative int, got -1"),
        ({"a": 1}, {"step": 1.5}, TypeError, r"log\(step=...\) must be a non-negative int, got 1.5"),
        ({"a": 1}, {"step": True}, TypeError, r"log\(step=...\) must be a non-negative int"),
    ],
)
def test_bad_log_arguments(run, data, kwargs, error, match):
    with pytest.raises(error, match=match):
        run.log(data, **kwargs)
    assert len(figlog.open_store(run.dir).run(run.id).history()) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"project": 3}, TypeError, r"init\(project=...\) must be a non-empty str, got 3"),
        ({"project": " "}, ValueError, r"init\(project=...\) must be a non-empty str"),
        ({"name": ["x"]}, TypeError, r"init\(name=...\) must be a non-empty str"),
        ({"id": "a/b"}, ValueError, r"init\(id='a/b'\): ids use letters, digits"),
        ({"config": [1, 2]}, TypeError, r"init\(config=...\) expects a dict or argparse.Namespace"),
        ({"dir": 5}, TypeError, r"dir must be a path \(str or os.PathLike\), got int"),
    ],
)
def test_bad_init_arguments(tmp_path, kwargs, error, match):
    kwargs.setdefault("dir", tmp_path)
    with pytest.raises(error, match=match):
        figlog.init(**kwargs)


def test_resuming_an_id_under_another_project_is_refused(tmp_path):
    figlog.init(project="a", dir=tmp_path, id="same").finish()
    with pytest.raises(ValueError, match=r"that run belongs to project 'a', not 'b'; pass project='a'"):
        figlog.init(project="b", dir=tmp_path, id="same")


def test_store_dir_that_is_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(NotADirectoryError, match="exists and is not a directory"):
        figlog.init(project="p", dir=tmp_path / "f")


def test_open_store_runs_needs_a_str_project(tmp_path):
    figlog.init(project="p", dir=tmp_path).finish()
    with pytest.raises(TypeError, match=r"runs\(project=...\) must be a str"):
        figlog.open_store(tmp_path).runs(3)
    with pytest.raises(KeyError, match="no run with id 'zz'"):
        figlog.open_store(tmp_path).run("zz")
