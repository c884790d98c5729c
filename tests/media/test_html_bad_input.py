"""Bad input to Html: a clear error naming the argument, and nothing written to the store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bokeh.plotting import figure

import figlog
from figlog.media import Html
from figlog.media import html as html_module


def _bad_values(tmp_path: Path):
    (tmp_path / "folder.html").mkdir()
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.html").write_bytes("<p>caf\u00e9</p>".encode("latin-1"))
    return [
        (lambda: str(tmp_path / "missing.html"), FileNotFoundError,
         r"Html\(data='.*missing\.html'\): no such file"),
        (lambda: tmp_path / "missing.html", FileNotFoundError,
         r"Html\(data='.*missing\.html'\): no such file"),
        (lambda: tmp_path / "folder.html", IsADirectoryError,
         r"Html\(data='.*folder\.html'\) is a directory; expected an \.html file"),
        (lambda: tmp_path / "binary.html", ValueError,
         r"Html\(data='.*binary\.html'\) holds binary data \(NUL bytes\), not HTML text"),
        (lambda: tmp_path / "latin1.html", ValueError,
         r"Html\(data='.*latin1\.html'\) is not valid UTF-8 .* declares no charset"),
        (lambda: b"\xff\xfe<p>\x00", ValueError, r"Html\(data=<bytes>\) holds binary data"),
        (lambda: io.BytesIO(b"\xc3\x28 <p>"), ValueError,
         r"Html\(data=<file object>\) is not valid UTF-8"),
        (lambda: object(), TypeError,
         r"Html\(data=...\) expects HTML text, a path to an \.html file, a file-like object, or "
         r"a Plotly figure, Bokeh model/layout/Document, HoloViews object or Panel object; "
         r"got builtins\.object"),
        (lambda: {"not": "a figure"}, TypeError, r"got builtins\.dict"),
    ]


def test_each_bad_input_is_a_clear_error_naming_the_argument(tmp_path):
    for make, error, match in _bad_values(tmp_path):
        with pytest.raises(error, match=match):
            Html(make())


def test_a_bad_html_fails_its_log_call_and_writes_nothing(tmp_path):
    store = tmp_path / "runs"
    with figlog.init(project="bad", dir=store) as run:
        run.log({"ok": 1})
        before = sorted(p.name for p in (store / "media").rglob("*") if p.is_file())
        with pytest.raises(FileNotFoundError, match="no such file"):
            run.log({"page": Html(str(tmp_path / "nope.html")), "x": 2})
        after = sorted(p.name for p in (store / "media").rglob("*") if p.is_file())
    assert after == before
    rec = figlog.open_store(store).runs("bad")[0]
    assert [sorted(k for k in row if not k.startswith("_")) for row in rec.history()] == [["ok"]]


def test_documents_over_the_limit_are_refused_whatever_their_origin(tmp_path, monkeypatch):
    monkeypatch.setattr(html_module, "MAX_HTML_BYTES", 2**18)
    big = "<p>" + "x" * 300_000 + "</p>"
    (tmp_path / "big.html").write_text(big)
    with pytest.raises(ValueError, match=r"Html\(data\) is 0\.3 MB, over the 0\.25 MB limit\. "
                                         r"Raise it with the FIGLOG_MAX_HTML_MB"):
        Html(big)
    with pytest.raises(ValueError, match=r"Html\(data='.*big\.html'\) is 0\.3 MB, over"):
        Html(tmp_path / "big.html")
    p = figure()
    p.line([1, 2], [1, 2])
    # A rendered Bokeh page holds BokehJS (over a megabyte): over this limit too.
    with pytest.raises(ValueError, match=r"Html\(obj\) is 1\.\d MB, over the 0\.25 MB limit"):
        Html.from_bokeh(p)


def test_objects_from_an_unknown_library_are_refused_by_log(tmp_path):
    class Chart:  # looks like a figure to a type-name check, but no library knows it
        __module__ = "bokeh.fake"

    with figlog.init(project="bad", dir=tmp_path) as run, pytest.raises(TypeError):
        run.log({"c": Chart()})
