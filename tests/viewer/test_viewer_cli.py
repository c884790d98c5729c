"""The ``figlog`` command line: export, demo, errors."""

from __future__ import annotations

import textwrap

import pytest

from figlog.cli import main, run_examples


def test_export_by_id_and_by_name(sample_store, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["export", "alpha", "-o", str(out), "--dir", str(sample_store)]) == 0
    assert out.exists() and "wrote" in capsys.readouterr().out
    assert main(["export", "beta", "-o", str(tmp_path / "b.html"), "--dir", str(sample_store)]) == 0


def test_export_unknown_run_says_so(sample_store, tmp_path, capsys):
    assert main(["export", "nope", "-o", str(tmp_path / "x.html"), "--dir", str(sample_store)]) == 1
    assert "no run with id or name 'nope'" in capsys.readouterr().err


def test_ui_without_a_store_says_so(tmp_path, capsys):
    assert main(["ui", "--dir", str(tmp_path / "none")]) == 1
    assert "no figlog store" in capsys.readouterr().err


def test_ui_binds_localhost_by_default():
    from figlog.cli import _parser

    args = _parser().parse_args(["ui"])
    assert (args.host, args.port) == ("127.0.0.1", 8765)


def test_demo_runs_each_example_and_reports_failures(tmp_path, capsys):
    ex = tmp_path / "examples"
    ex.mkdir()
    (ex / "good.py").write_text(textwrap.dedent("""
        import figlog
        with figlog.init(project="demo") as run:
            run.log({"loss": 1.0})
    """))
    (ex / "bad.py").write_text("raise SystemExit('boom: missing data file')\n")
    store = tmp_path / "store"
    code = main(["demo", "--examples", str(ex), "--dir", str(store), "--no-serve"])
    captured = capsys.readouterr()
    assert code == 1
    assert "1/2 examples logged" in captured.out
    assert "FAILED bad.py" in captured.err and "boom: missing data file" in captured.err
    from figlog import open_store

    assert [r.project for r in open_store(store).runs()] == ["demo"]


def test_run_examples_times_out(tmp_path):
    script = tmp_path / "slow.py"
    script.write_text("import time; time.sleep(30)\n")
    (failure,) = run_examples([script], tmp_path / "s", timeout=0.5)
    assert failure[1] == -1 and "timed out" in failure[2]


@pytest.mark.parametrize("argv", [[], ["export"]])
def test_usage_errors(argv):
    with pytest.raises(SystemExit):
        if main(argv) == 2:
            raise SystemExit(2)


def test_ui_serves_on_localhost_and_prints_the_url(sample_store):
    import subprocess
    import sys
    import time
    import urllib.request

    from viewer_live import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "figlog.cli", "ui", "--dir", str(sample_store),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"figlog viewer: http://127.0.0.1:{port}/")
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/p/demo", timeout=5) as r:
                    assert r.status == 200 and b"alpha" in r.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(10)
