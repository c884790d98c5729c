"""Runs: ``init`` / ``log`` / ``finish`` and the step model (as wandb counts steps)."""

from __future__ import annotations

import argparse
import atexit
import json
import os
import secrets
import sys
import threading
import time
from collections.abc import Mapping
from typing import Any

from .store import RunWriter, StepConflictError, resolve_root
from .store._values import Pending, classify, flatten

__all__ = ["Run", "finish", "init", "log"]

_current: Run | None = None
_lock = threading.RLock()
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_ADJ = ("amber", "brisk", "calm", "dapper", "eager", "fuzzy", "gentle", "hazy", "icy", "jolly",
        "keen", "lucky", "misty", "noble", "olive", "proud", "quiet", "rapid", "sunny", "tidy")
_NOUN = ("aurora", "breeze", "canyon", "delta", "ember", "forest", "glacier", "harbor", "island",
         "jungle", "koala", "lagoon", "meadow", "nebula", "orchid", "pebble", "river", "summit")


class Run:
    """One experiment run, logging into a local store. Use ``figlog.init`` to make one.

    A ``Run`` is a context manager: leaving the block finishes it (as ``crashed`` when the
    block raised).
    """

    def __init__(self, project: str = "default", name: str | None = None, *,
                 dir: str | os.PathLike | None = None, config: Mapping[str, Any] | None = None,
                 id: str | None = None) -> None:
        _check_str("project", project, allow_none=False)
        _check_str("name", name, allow_none=True)
        _check_str("id", id, allow_none=True)
        if id is not None and (not id or any(c not in _ID_ALPHABET + "-_" for c in id.lower())):
            msg = f"init(id={id!r}): ids use letters, digits, '-' and '_' only"
            raise ValueError(msg)
        self.project = project
        self.dir = resolve_root(dir)
        self.id = id or "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
        self._config = _config_dict(config)
        self._writer = RunWriter(self.dir, run_id=self.id, project=project, name=name,
                                 config=self._config, make_name=_friendly_name)
        self.name = self._writer.name
        self.resumed = self._writer.resumed
        self._step = self._writer.next_step
        self._pending: dict[str, Pending] = {}
        self._logged = False
        self._finished = False
        self.start_time = time.time()
        _install_exit_hooks()
        _register_store_presets(self.dir / "presets")

    # ----------------------------------------------------------------- logging
    @property
    def step(self) -> int:
        """The step the next ``log`` call without ``step=`` writes to."""
        return self._step

    @property
    def config(self) -> dict[str, Any]:
        return dict(self._config)

    def log(self, data: Mapping[str, Any], step: int | None = None, commit: bool = True) -> None:
        """Log values at a step.

        Parameters
        ----------
        data : mapping of str to value
            Numbers, strings, booleans, matplotlib ``plt``/Figure/Axes, Plotly figures,
            ``Image``, ``Html``, ``Plotly``, ``Table``, ``figlog.plot`` charts, or lists of
            media. Nested mappings become ``"outer/inner"`` keys.
        step : int, optional
            The step to log at; it may equal the current step but never go back. Steps
            count from 0 and advance by one per committed ``log`` call without ``step``.
        commit : bool
            False merges ``data`` into the pending step without writing it yet.

        Raises
        ------
        TypeError
            a value of an unsupported type (the message names the key); nothing is written.
        ValueError
            ``step`` lower than the current step; nothing is written.
        """
        if self._finished:
            msg = f"run {self.id!r} is finished; start a new one with figlog.init()"
            raise RuntimeError(msg)
        if not isinstance(data, Mapping):
            msg = f"log(data=...) expects a dict of key -> value, got {type(data).__name__}"
            raise TypeError(msg)
        if step is not None:
            msg = f"log(step=...) must be a non-negative int, got {step!r}"
            if not isinstance(step, int) or isinstance(step, bool):
                raise TypeError(msg)
            if step < 0:
                raise ValueError(msg)
        # A process that resumes or joins a run may start at any step (ranks of one job start
        # at different moments); from its first log on, its steps only move forward.
        if step is not None and step < self._step and self._logged:
            msg = (
                f"log(step={step}) goes backwards: run {self.id!r} is at step {self._step}. "
                "Steps only move forward; log at step >= the current step, or omit step="
            )
            raise StepConflictError(msg)
        # Check (and convert) every value before anything is written.
        checked = {key: classify(key, value) for key, value in flatten(data).items()}
        with _lock:
            if step is not None and step != self._step and (step > self._step or not self._logged):
                if self._pending:
                    self._writer.write_step(self._step, self._pending)
                    self._pending = {}
                self._step = step
            self._pending.update(checked)
            self._logged = True
            if not commit:
                return
            if self._pending:
                self._writer.write_step(self._step, self._pending)
            self._pending = {}
            if step is None:  # an explicit step stays open for more keys at that step
                self._step += 1

    def finish(self, *, status: str = "finished") -> None:
        """Write any pending step and mark the run finished. Calling it twice is harmless."""
        global _current
        if status not in ("finished", "crashed"):
            msg = f"finish(status={status!r}) is not valid; valid: 'finished', 'crashed'"
            raise ValueError(msg)
        with _lock:
            if self._finished:
                return
            self._finished = True
            try:
                if self._pending:
                    self._writer.write_step(self._step, self._pending)
                    self._pending = {}
            finally:
                self._writer.close(status)
                if _current is self:
                    _current = None

    def __enter__(self) -> Run:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.finish(status="crashed" if exc_type is not None else "finished")

    def __repr__(self) -> str:
        state = "finished" if self._finished else "running"
        return f"<figlog.Run {self.project}/{self.name} id={self.id} step={self._step} {state}>"

    def _repr_html_(self) -> str:
        """Inline display in Jupyter, offline (the viewer builds it)."""
        from .viewer.notebook import run_html

        return run_html(self)


def init(project: str = "default", name: str | None = None, *,
         dir: str | os.PathLike | None = None, config: Mapping[str, Any] | None = None,
         id: str | None = None) -> Run:
    """Start a run (or resume the one with ``id``) and make it the current run.

    Parameters
    ----------
    project : str
    name : str, optional
        A display name; a friendly random one when None.
    dir : path, optional
        The store root; else ``$FIGLOG_DIR``, else ``./figlog-runs``.
    config : mapping, optional
        Hyper-parameters (an ``argparse.Namespace`` works too).
    id : str, optional
        Resume this run (or create it with this id). Several processes may log to one id.

    Examples
    --------
    >>> run = figlog.init(project="demo", config={"lr": 1e-3})   # doctest: +SKIP
    >>> run.log({"loss": 0.25})                                   # doctest: +SKIP
    >>> run.finish()                                              # doctest: +SKIP
    """
    global _current
    with _lock:
        if _current is not None:
            _current.finish()
        run = Run(project, name, dir=dir, config=config, id=id)
        _current = run
        return run


def log(data: Mapping[str, Any], step: int | None = None, commit: bool = True) -> None:
    """``Run.log`` on the current run."""
    _require_run("log").log(data, step=step, commit=commit)


def finish() -> None:
    """``Run.finish`` on the current run."""
    _require_run("finish").finish()


def _require_run(what: str) -> Run:
    if _current is None:
        msg = f"figlog.{what}() needs a run: call figlog.init(project=...) first"
        raise RuntimeError(msg)
    return _current


def _check_str(arg: str, value: Any, *, allow_none: bool) -> None:
    if value is None and allow_none:
        return
    if not isinstance(value, str) or not value.strip():
        msg = f"init({arg}=...) must be a non-empty str, got {value!r}"
        raise TypeError(msg) if not isinstance(value, str) else ValueError(msg)


def _config_dict(config: Any) -> dict[str, Any]:
    if config is None:
        return {}
    if isinstance(config, argparse.Namespace):
        config = vars(config)
    if not isinstance(config, Mapping):
        msg = f"init(config=...) expects a dict or argparse.Namespace, got {type(config).__name__}"
        raise TypeError(msg)
    # Values that JSON cannot hold are kept as their str(), as a record of what was used.
    return json.loads(json.dumps({str(k): v for k, v in config.items()}, default=_config_value))


def _config_value(obj: Any) -> Any:
    item = getattr(obj, "item", None)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            pass
    tolist = getattr(obj, "tolist", None)
    if callable(tolist):
        return tolist()
    return str(obj)


def _friendly_name() -> str:
    return f"{secrets.choice(_ADJ)}-{secrets.choice(_NOUN)}-{secrets.randbelow(100)}"


def _finish_at_exit() -> None:
    run = _current
    if run is not None:
        crashed = getattr(sys, "last_type", None) is not None or _uncaught[0]
        run.finish(status="crashed" if crashed else "finished")


_uncaught = [False]
_hooks_installed = [False]


def _install_exit_hooks() -> None:
    """Finish the current run at interpreter exit; an uncaught exception marks it crashed."""
    if _hooks_installed[0]:
        return
    _hooks_installed[0] = True
    previous = sys.excepthook

    def _excepthook(exc_type, exc, tb):
        _uncaught[0] = True
        previous(exc_type, exc, tb)

    sys.excepthook = _excepthook
    atexit.register(_finish_at_exit)


def _register_store_presets(path) -> None:
    from .charts import presets

    presets.add_search_dir(path)
