"""figlog.Html from text, paths and file objects; injection is local markup only."""

from __future__ import annotations

import io
import re

import pytest

import figlog


def test_text_path_and_file_object_give_the_same_document(tmp_path):
    page = "<html><head></head><body>π</body></html>"
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    by_text, by_str, by_path = figlog.Html(page), figlog.Html(str(path)), figlog.Html(path)
    by_file = figlog.Html(io.StringIO(page))
    by_bytes = figlog.Html(io.BytesIO(page.encode()))
    assert by_text.html == by_str.html == by_path.html == by_file.html == by_bytes.html


def test_inject_adds_only_local_markup_inside_head():
    html = figlog.Html("<html><head><title>t</title></head><body></body></html>").html
    assert html.startswith('<html><head><base target="_blank"><style>')
    assert not re.search(r"https?://", html)
    assert figlog.Html("<p>x</p>", inject=False).html == "<p>x</p>"


def test_declared_charset_is_honoured_and_undecodable_bytes_are_an_error(tmp_path):
    latin = '<html><head><meta charset="latin-1"></head><body>caf\xe9</body></html>'
    (tmp_path / "l.html").write_bytes(latin.encode("latin-1"))
    assert "café" in figlog.Html(tmp_path / "l.html").html
    (tmp_path / "bad.html").write_bytes(b"<p>\xff\xfe</p>")
    with pytest.raises(ValueError, match=r"is not valid UTF-8 .* declares no charset"):
        figlog.Html(tmp_path / "bad.html")
    (tmp_path / "bin.html").write_bytes(b"\x00\x01\x02")
    with pytest.raises(ValueError, match="holds binary data"):
        figlog.Html(tmp_path / "bin.html")


def test_missing_files_directories_and_wrong_types(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"Html\(data='nope.html'\): no such file"):
        figlog.Html("nope.html")
    (tmp_path / "d.html").mkdir()
    with pytest.raises(IsADirectoryError, match="is a directory"):
        figlog.Html(tmp_path / "d.html")
    with pytest.raises(TypeError, match=r"Html\(data=...\) expects HTML text"):
        figlog.Html(42)
    with pytest.raises(TypeError, match=r"Html\(inject=...\) must be a bool"):
        figlog.Html("<p>", inject="yes")


def test_size_limit(monkeypatch):
    monkeypatch.setattr(figlog.media.html, "MAX_HTML_BYTES", 100)
    with pytest.raises(ValueError, match="over the .* limit. Raise it with the FIGLOG_MAX_HTML_MB"):
        figlog.Html("<p>" + "x" * 200 + "</p>")
