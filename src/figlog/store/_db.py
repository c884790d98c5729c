"""The SQLite database behind runs and history: schema, connections, transactions."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["connect", "transaction"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id       TEXT PRIMARY KEY,
    project  TEXT NOT NULL,
    name     TEXT NOT NULL,
    config   TEXT NOT NULL,
    status   TEXT NOT NULL,          -- 'running' | 'finished' | 'crashed'
    created  REAL NOT NULL,
    updated  REAL NOT NULL,
    ended    REAL,
    host     TEXT,
    pid      INTEGER
);
CREATE INDEX IF NOT EXISTS runs_project ON runs(project);
-- One row per (run, key, step). kind is 'number', 'bool', 'str', 'media' or 'media_list';
-- v holds the value itself (a NULL number is NaN: SQLite stores NaN as NULL) or, for media,
-- the JSON reference to content-addressed files.
CREATE TABLE IF NOT EXISTS history (
    run_id   TEXT NOT NULL,
    key      TEXT NOT NULL,
    step     INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    v,
    ts       REAL NOT NULL,
    PRIMARY KEY (run_id, key, step)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS history_step ON history(run_id, step);
"""

# Durability: WAL with synchronous=NORMAL survives the process being killed at any moment
# (a committed transaction is in the OS's hands before log() returns). FIGLOG_SYNC=full
# also survives power loss, at the price of an fsync per log() call.
_SYNC = {"normal": "NORMAL", "full": "FULL"}


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the store database (creating its schema when writing)."""
    if readonly:
        uri = f"file:{path}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=60.0, isolation_level=None,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), timeout=60.0, isolation_level=None,
                               check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 60000")
    if not readonly:
        _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        sync = _SYNC.get(os.environ.get("FIGLOG_SYNC", "normal").lower(), "NORMAL")
        conn.execute(f"PRAGMA synchronous = {sync}")
        _retry(lambda: conn.executescript(_SCHEMA))
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
    _retry(lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        _retry(lambda: conn.execute("COMMIT"))


def _retry(fn, attempts: int = 200):
    # busy_timeout covers most contention; schema creation and WAL switching by several
    # processes at once can still report "locked" immediately, so back off and retry.
    for i in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or i == attempts - 1:
                raise
            time.sleep(min(0.005 * (i + 1), 0.1))
    return None
