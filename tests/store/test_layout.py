"""The store's format version, table paging and the refusal of foreign paths."""

from __future__ import annotations

import json

import pytest

import figlog
from figlog.store import FORMAT_VERSION, StoreFormatError


def test_store_carries_its_format_version(tmp_path):
    figlog.init(project="p", dir=tmp_path).finish()
    assert json.loads((tmp_path / "figlog.json").read_text())["format_version"] == FORMAT_VERSION


def test_newer_format_is_refused_with_a_clear_error(tmp_path):
    figlog.init(project="p", dir=tmp_path).finish()
    (tmp_path / "figlog.json").write_text(json.dumps({"format_version": FORMAT_VERSION + 1}))
    with pytest.raises(StoreFormatError, match="Upgrade figlog"):
        figlog.open_store(tmp_path)


def test_open_store_without_a_store_says_where_it_looked(tmp_path):
    with pytest.raises(FileNotFoundError, match="no figlog store at"):
        figlog.open_store(tmp_path / "nothing")


def test_table_pages_read_only_their_rows(tmp_path):
    n = 200_000
    table = figlog.Table(columns=["i", "sq"], data=[[i, i * i] for i in range(n)])
    with figlog.init(project="p", dir=tmp_path) as run:
        run.log({"t": table})
    rec = figlog.open_store(tmp_path).runs("p")[0]
    rows = list(rec.iter_table_rows("t", start=150_000, stop=150_050))
    assert rows == [[i, i * i] for i in range(150_000, 150_050)]
    assert list(rec.iter_table_rows("t", start=n - 2, stop=n + 10)) == [[n - 2, (n - 2) ** 2],
                                                                        [n - 1, (n - 1) ** 2]]


def test_media_paths_outside_media_are_refused(tmp_path):
    figlog.init(project="p", dir=tmp_path).finish()
    media = figlog.open_store(tmp_path).media
    for bad in ("../figlog.json", "/etc/passwd", "media/../figlog.json", "figlog.sqlite",
                "media/ab/../../x"):
        with pytest.raises(ValueError, match="not a media path"):
            media.path(bad)
