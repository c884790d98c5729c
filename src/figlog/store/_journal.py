"""Per-process append-only journals: what makes ``log()`` durable in microseconds.

``log()`` appends one JSON line per step to its process's journal with a single
``write(2)``: once it returns, the line is in the kernel's hands and survives the process
being killed. A background thread moves journalled rows into SQLite in batches (every
``FLUSH_SECONDS``) and then drops the journal it has moved. A journal whose owner died
(nobody holds its flock) is replayed into SQLite by the next process that opens the store;
replaying is idempotent (``INSERT OR REPLACE``), so a crash between commit and unlink is
harmless. A partial last line (killed mid-write) is ignored: its ``log()`` never returned.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import Any

from ._db import connect, transaction

__all__ = ["FLUSH_SECONDS", "Journal", "flush_local", "recover"]

FLUSH_SECONDS = float(os.environ.get("FIGLOG_FLUSH_SECONDS", "0.25"))
# FIGLOG_SYNC=full: also survive power loss, at the price of an fsync per log() call.
_FSYNC = os.environ.get("FIGLOG_SYNC", "normal").lower() == "full"
_INSERT = ("INSERT OR REPLACE INTO history (run_id, key, step, kind, v, ts) "
           "VALUES (?, ?, ?, ?, ?, ?)")
_live: weakref.WeakSet[Journal] = weakref.WeakSet()

Row = tuple[str, str, int, str, Any, float]


class Journal:
    """One process's journal for one run, plus the thread that drains it into SQLite."""

    def __init__(self, root: Path, run_id: str) -> None:
        self._dir = root / "journal"
        self._dir.mkdir(exist_ok=True)
        self._run_id = run_id
        self._conn = connect(root / "figlog.sqlite")  # its own: the drain thread uses it
        self._lock = threading.Lock()        # guards the journal fd and the pending rows
        self._db_lock = threading.Lock()     # one flush at a time
        self._rows: list[Row] = []
        self._held: list[tuple[Path, int]] = []  # journals whose rows are not committed yet
        self._path, self._fd = self._open()
        self._error: BaseException | None = None
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._drain, name=f"figlog-journal-{run_id}",
                                        daemon=True)
        self._thread.start()
        _live.add(self)

    def _open(self) -> tuple[Path, int]:
        path = self._dir / f"{self._run_id}.{os.getpid()}.{secrets.token_hex(4)}.jsonl"
        # Lock under a name recovery does not look at, then rename: a reader must never find
        # a live journal unlocked (it would take it for a dead writer's and remove it).
        tmp = path.with_suffix(".new")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)  # held while alive: a free lock means a dead writer
        os.rename(tmp, path)
        return path, fd

    def append(self, step: int, ts: float, rows: list[tuple[str, str, Any]]) -> None:
        """Journal one step's rows; durable against a process kill when this returns."""
        if self._error is not None:
            err, self._error = self._error, None
            msg = f"figlog could not move logged rows into the store database: {err}"
            raise OSError(msg) from err
        line = json.dumps([self._run_id, step, ts, rows], separators=(",", ":")) + "\n"
        with self._lock:
            os.write(self._fd, line.encode("utf-8", "surrogatepass"))
            if _FSYNC:
                os.fsync(self._fd)
            self._rows.extend((self._run_id, k, step, kind, v, ts) for k, kind, v in rows)

    def flush(self) -> None:
        """Move every journalled row into SQLite now, then drop the journals that held them."""
        with self._db_lock:
            with self._lock:
                if not self._rows:
                    return
                rows, self._rows = self._rows, []
                self._held.append((self._path, self._fd))
                self._path, self._fd = self._open()
            try:
                _commit(self._conn, rows)
            except BaseException:
                # Every journal stays on disk, locked by this live process: the rows are
                # retried by the next flush, or replayed by recovery if this process dies.
                with self._lock:
                    self._rows = rows + self._rows
                raise
            held, self._held = self._held, []
            for path, fd in held:
                os.unlink(path)
                os.close(fd)

    def close(self) -> None:
        """Flush, stop the thread and remove the (now empty) journal."""
        self._closed.set()
        self._thread.join()
        self.flush()
        with self._lock:
            os.unlink(self._path)
            os.close(self._fd)
        self._conn.close()
        _live.discard(self)

    def _drain(self) -> None:
        while not self._closed.wait(FLUSH_SECONDS):
            try:
                self.flush()
            except BaseException as exc:  # surfaced by the next append()
                self._error = exc


def _commit(conn: sqlite3.Connection, rows: list[Row]) -> None:
    latest: dict[str, float] = {}
    for r in rows:
        latest[r[0]] = max(latest.get(r[0], 0.0), r[5])
    with transaction(conn) as c:
        c.executemany(_INSERT, rows)
        c.executemany("UPDATE runs SET updated = MAX(updated, ?) WHERE id = ?",
                      [(ts, rid) for rid, ts in latest.items()])


def flush_local() -> None:
    """Flush the journals of this process, so that its own readers see every step."""
    for journal in list(_live):
        journal.flush()


def recover(root: Path, conn: sqlite3.Connection) -> int:
    """Replay the journals of dead writers into SQLite; return the number of rows replayed."""
    jdir = root / "journal"
    if not jdir.is_dir():
        return 0
    total = 0
    for path in sorted(jdir.glob("*.jsonl")):
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its writer is alive and will flush it
            if not path.exists():
                continue  # replayed and removed by another process meanwhile
            rows = list(_read_rows(path))
            if rows:
                _commit(conn, rows)
                total += len(rows)
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
    return total


def _read_rows(path: Path):
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # killed mid-write: that log() never returned
            try:
                run_id, step, ts, rows = json.loads(raw)
            except ValueError:
                break
            for key, kind, v in rows:
                yield (run_id, key, step, kind, v, ts)
