"""The per-process journal: a failed move into SQLite keeps every row on disk and retries."""

from __future__ import annotations

import sqlite3

import pytest

import figlog
from figlog.store import _journal


def test_failed_flush_keeps_journals_and_a_later_flush_moves_every_row(tmp_path, monkeypatch):
    run = figlog.init(project="j", dir=tmp_path)
    journal = run._writer._journal
    real_commit = _journal._commit

    def failing(conn, rows):
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(_journal, "_commit", failing)
    run.log({"a": 1})
    run.log({"a": 2})
    with pytest.raises(sqlite3.OperationalError, match="simulated"):
        journal.flush()
    lines = "".join(p.read_text() for p in (tmp_path / "journal").glob("*.jsonl"))
    assert lines.count("\n") == 2, "both steps are still journalled on disk"
    monkeypatch.setattr(_journal, "_commit", real_commit)
    journal._error = None  # the drain thread may have met the simulated failure too
    run.log({"a": 3})
    journal.flush()
    assert len(list((tmp_path / "journal").glob("*.jsonl"))) == 1, "moved journals are removed"
    run.finish()
    assert not list((tmp_path / "journal").glob("*.jsonl"))
    hist = figlog.open_store(tmp_path).run(run.id).history()
    assert [(r["_step"], r["a"]) for r in hist] == [(0, 1), (1, 2), (2, 3)]
