"""The read side of a store: ``figlog.open_store(dir)`` → projects, runs, history, objects."""

from __future__ import annotations

import fcntl
import json
import math
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._db import connect
from ._journal import flush_local, recover
from ._layout import check_format, resolve_root
from ._media import MediaFiles

__all__ = ["RunRecord", "Store", "open_store"]


def open_store(dir: str | os.PathLike | None = None) -> Store:
    """Open a store for reading.

    Parameters
    ----------
    dir : path, optional
        The store root; ``$FIGLOG_DIR`` or ``./figlog-runs`` when None.

    Raises
    ------
    FileNotFoundError
        no figlog store at that place.

    Examples
    --------
    >>> store = open_store("figlog-runs")            # doctest: +SKIP
    >>> run = store.runs("demo")[0]                   # doctest: +SKIP
    >>> run.history(keys=["loss"])[:2]                # doctest: +SKIP
    [{'_step': 0, 'loss': 0.9}, {'_step': 1, 'loss': 0.7}]
    """
    root = resolve_root(dir)
    if not (root / "figlog.json").exists():
        msg = (
            f"no figlog store at {str(root)!r} (no figlog.json). Log a run there first, or "
            "pass dir= / set FIGLOG_DIR to the directory your runs were logged to."
        )
        raise FileNotFoundError(msg)
    check_format(root)
    return Store(root)


class Store:
    """A store opened for reading. Cheap to create; every call reads the current state."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.media = MediaFiles(root)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # the viewer reads from several threads

    @property
    def presets_dir(self) -> Path:
        return self.root / "presets"

    def _db(self) -> sqlite3.Connection:
        with self._lock:
            return self._sync()

    def _sync(self) -> sqlite3.Connection:
        if self._conn is None:
            # Not read-only: a WAL database needs its -shm file, which a reader may create,
            # and the journals of dead writers are replayed into it.
            self._conn = connect(self.root / "figlog.sqlite")
        # Every step whose log() returned is visible: this process's own journals are
        # flushed, dead writers' journals replayed. Live writers elsewhere lag by at most
        # FLUSH_SECONDS.
        flush_local()
        recover(self.root, self._conn)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def projects(self) -> list[str]:
        """Project names, sorted."""
        rows = self._db().execute("SELECT DISTINCT project FROM runs ORDER BY project")
        return [r[0] for r in rows]

    def runs(self, project: str | None = None) -> list[RunRecord]:
        """The runs of ``project`` (every run when None), newest first."""
        sql = "SELECT id, project, name, config, status, created, updated, ended FROM runs"
        args: tuple = ()
        if project is not None:
            if not isinstance(project, str):
                msg = f"runs(project=...) must be a str, got {type(project).__name__}"
                raise TypeError(msg)
            sql += " WHERE project = ?"
            args = (project,)
        rows = self._db().execute(sql + " ORDER BY created DESC", args).fetchall()
        return [self._record(r) for r in rows]

    def run(self, run_id: str) -> RunRecord:
        """One run by id; ``KeyError`` naming the id if there is none."""
        row = self._db().execute(
            "SELECT id, project, name, config, status, created, updated, ended FROM runs "
            "WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            msg = f"no run with id {run_id!r} in the store at {str(self.root)!r}"
            raise KeyError(msg)
        return self._record(row)

    def _record(self, row: tuple) -> RunRecord:
        rid, project, name, config, status, created, updated, ended = row
        if status == "running" and not _someone_holds(self.root / "locks" / f"{rid}.lock"):
            status = "crashed"
        return RunRecord(store=self, id=rid, project=project, name=name,
                         config=json.loads(config), status=status, created=created,
                         updated=updated, ended=ended)


@dataclass(frozen=True)
class RunRecord:
    """One run as read from the store. ``status`` is 'running', 'finished' or 'crashed'."""

    store: Store = field(repr=False, compare=False)
    id: str
    project: str
    name: str
    config: dict
    status: str
    created: float
    updated: float
    ended: float | None

    def keys(self) -> dict[str, str]:
        """Every logged key and its kind ('number', 'bool', 'str', 'media', 'media_list')."""
        rows = self.store._db().execute(
            "SELECT key, kind FROM history WHERE run_id = ? GROUP BY key ORDER BY key",
            (self.id,))
        return dict(rows.fetchall())

    def history(self, keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """One dict per step: ``{"_step": n, "_timestamp": t, key: value, ...}``.

        Scalars are the values themselves (NaN and inf kept); media are references
        (dicts with ``_type`` and ``path``): pass them to ``get`` or ``store.media.decode``.
        """
        sql = "SELECT step, key, kind, v, ts FROM history WHERE run_id = ?"
        args: list[Any] = [self.id]
        if keys is not None:
            if isinstance(keys, str):
                keys = [keys]
            keys = list(keys)
            sql += f" AND key IN ({','.join('?' * len(keys))})"
            args += keys
        out: list[dict[str, Any]] = []
        for step, key, kind, v, ts in self.store._db().execute(sql + " ORDER BY step", args):
            if not out or out[-1]["_step"] != step:
                out.append({"_step": step, "_timestamp": ts})
            row = out[-1]
            row["_timestamp"] = max(row["_timestamp"], ts)
            row[key] = _decode_scalar(kind, v)
        return out

    def scalars(self, key: str) -> list[tuple[int, float, float]]:
        """``(step, value, timestamp)`` for a numeric key, in step order."""
        rows = self.store._db().execute(
            "SELECT step, v, ts FROM history WHERE run_id = ? AND key = ? AND kind = 'number' "
            "ORDER BY step", (self.id, key))
        return [(s, math.nan if v is None else v, ts) for s, v, ts in rows]

    def steps(self, key: str) -> list[int]:
        """The steps at which ``key`` was logged."""
        rows = self.store._db().execute(
            "SELECT step FROM history WHERE run_id = ? AND key = ? ORDER BY step", (self.id, key))
        return [r[0] for r in rows]

    def ref(self, key: str, step: int | None = None) -> tuple[int, str, Any]:
        """``(step, kind, value or reference)`` of ``key`` at ``step`` (latest when None)."""
        db = self.store._db()
        if step is None:
            row = db.execute(
                "SELECT step, kind, v FROM history WHERE run_id = ? AND key = ? "
                "ORDER BY step DESC LIMIT 1", (self.id, key)).fetchone()
        else:
            if not isinstance(step, int) or isinstance(step, bool):
                msg = f"get(step=...) must be an int, got {type(step).__name__}"
                raise TypeError(msg)
            row = db.execute(
                "SELECT step, kind, v FROM history WHERE run_id = ? AND key = ? AND step = ?",
                (self.id, key, step)).fetchone()
        if row is None:
            known = sorted(self.keys())
            if key not in known:
                msg = f"run {self.id!r} has no key {key!r}; its keys are {known[:20]}"
            else:
                msg = f"run {self.id!r} has no value of {key!r} at step {step}"
            raise KeyError(msg)
        s, kind, v = row
        return s, kind, _decode_scalar(kind, v)

    def get(self, key: str, step: int | None = None) -> Any:
        """The logged object back (latest step by default).

        Scalars as logged; Plotly as the figure dict; images as their encoded bytes (PNG by
        default); Html as text; tables as ``Table``; charts as ``Chart``; a list of media
        as a list of those.
        """
        _, kind, v = self.ref(key, step)
        if kind == "media":
            return self.store.media.decode(v)
        if kind == "media_list":
            return [self.store.media.decode(r) for r in v]
        return v

    def iter_table_rows(self, key: str, step: int | None = None, *, start: int = 0,
                        stop: int | None = None) -> Iterator[list[Any]]:
        """Rows ``start:stop`` of a logged table, media cells as references."""
        from ..tables._arrow import rows_from_arrow

        _, kind, ref = self.ref(key, step)
        if kind != "media" or ref.get("_type") not in ("table", "chart"):
            msg = f"key {key!r} holds a {kind} value, not a table"
            raise TypeError(msg)
        ref = ref if ref["_type"] == "table" else ref["table"]
        stop = ref["nrows"] if stop is None else stop
        yield from rows_from_arrow(self.store.media.read_rows(ref, start, stop), None)


def _decode_scalar(kind: str, v: Any) -> Any:
    if kind == "number":
        return math.nan if v is None else v
    if kind == "bool":
        return bool(v)
    if kind in ("media", "media_list"):
        return json.loads(v)
    return v


def _someone_holds(lock_path: Path) -> bool:
    """True while a live process holds the run's liveness lock."""
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
