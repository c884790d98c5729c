"""The write side of a store: run rows, history rows, liveness locks."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sqlite3
import time
from pathlib import Path
from typing import Any

from ._db import connect, transaction
from ._journal import Journal, recover
from ._layout import ensure_root
from ._media import MediaFiles
from ._values import Pending

__all__ = ["RunWriter", "StepConflictError"]


class StepConflictError(ValueError):
    """The run's steps only move forward."""


class RunWriter:
    """Everything one process writes for one run. Opened by ``figlog.init``."""

    def __init__(self, root: Path, *, run_id: str, project: str, name: str | None,
                 config: dict, make_name) -> None:
        ensure_root(root)
        self.root = root
        self.run_id = run_id
        self.media = MediaFiles(root)
        self._conn = connect(root / "figlog.sqlite")
        recover(root, self._conn)  # steps of writers that died before moving them
        # A shared flock held for the life of the run: a reader that can take it exclusively
        # knows that no live process is logging to the run (so "running" means crashed).
        lock_path = root / "locks" / f"{run_id}.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.joined = False  # nobody else is logging to this run now
        except BlockingIOError:
            self.joined = True   # another live process logs to this run (e.g. another rank)
        fcntl.flock(self._lock, fcntl.LOCK_SH)
        now = time.time()
        with transaction(self._conn) as c:
            row = c.execute("SELECT project, name, config FROM runs WHERE id = ?",
                            (run_id,)).fetchone()
            if row is None:
                self.name = name or make_name()
                c.execute(
                    "INSERT INTO runs (id, project, name, config, status, created, updated, "
                    "host, pid) VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)",
                    (run_id, project, self.name, json.dumps(config), now, now,
                     socket.gethostname(), os.getpid()),
                )
                self.resumed = False
            else:
                if row[0] != project:
                    msg = (
                        f"init(id={run_id!r}): that run belongs to project {row[0]!r}, not "
                        f"{project!r}; pass project={row[0]!r} to resume it, or another id"
                    )
                    raise ValueError(msg)
                self.name = name or row[1]
                merged = {**json.loads(row[2]), **config}
                c.execute(
                    "UPDATE runs SET status = 'running', name = ?, config = ?, updated = ?, "
                    "ended = NULL, host = ?, pid = ? WHERE id = ?",
                    (self.name, json.dumps(merged), now, socket.gethostname(), os.getpid(),
                     run_id),
                )
                self.resumed = True
            last = c.execute("SELECT MAX(step) FROM history WHERE run_id = ?",
                             (run_id,)).fetchone()[0]
        # Resuming a stopped run continues after its last step; joining a run that another
        # process is logging to right now (distributed ranks) counts this process's own steps.
        self.next_step = 0 if last is None or self.joined else last + 1
        self._journal = Journal(root, run_id)

    def write_step(self, step: int, items: dict[str, Pending]) -> None:
        """Write one step's values: media files first, then one journal line for the rows."""
        now = time.time()
        rows = []
        for key, (kind, value) in items.items():
            if kind == "media":
                stored: Any = json.dumps(self.media.encode(value), separators=(",", ":"))
            elif kind == "media_list":
                stored = json.dumps([self.media.encode(v) for v in value], separators=(",", ":"))
            elif kind == "bool":
                stored = int(value)
            else:
                stored = value  # numbers (NaN is stored as NULL) and strings
            rows.append((key, kind, stored))
        self._journal.append(step, now, rows)

    def update_config(self, config: dict) -> None:
        with transaction(self._conn) as c:
            c.execute("UPDATE runs SET config = ? WHERE id = ?", (json.dumps(config), self.run_id))

    def close(self, status: str) -> None:
        """Mark the run ``finished`` or ``crashed`` and release the liveness lock."""
        try:
            self._journal.close()
            with transaction(self._conn) as c:
                now = time.time()
                c.execute("UPDATE runs SET status = ?, ended = ?, updated = ? WHERE id = ?",
                          (status, now, now, self.run_id))
        finally:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_UN)
                os.close(self._lock)
            except OSError:
                pass
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
