"""The preset registry behind ``figlog.presets``: named Vega-Lite templates.

Presets come from three places, looked up in this order: the built-ins behind
``figlog.plot.*`` (named ``figlog/...``), presets registered in code, and JSON files in the
search directories (``<dir>/team/my_chart.json`` is the preset ``"team/my_chart"``). A JSON
file holds either a bare Vega-Lite template, or ``{"figlog_preset": 1, "spec": {...},
"fields": [...], "optional_fields": [...], "string_fields": {...}}``.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._template import placeholders

__all__ = ["Preset", "PresetRegistry", "make_preset"]

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\-]*)*")
_BUILTIN_PREFIX = "figlog/"


@dataclass(frozen=True)
class Preset:
    """A named Vega-Lite template and the fields it takes.

    ``fields`` must be mapped to columns; ``optional_fields`` may be left out (the encoding
    using them is dropped); ``string_fields`` maps each string placeholder to its default.
    """

    name: str
    spec: dict[str, Any] = field(repr=False, compare=True)
    fields: tuple[str, ...] = ()
    optional_fields: tuple[str, ...] = ()
    string_fields: dict[str, str] = field(default_factory=dict)
    origin: str = "code"  # "builtin", "code", or the JSON file's path

    __hash__ = None  # type: ignore[assignment]  # holds dicts


def make_preset(
    name: str,
    spec: Mapping[str, Any],
    *,
    fields: Iterable[str] | None = None,
    optional_fields: Iterable[str] | None = None,
    string_fields: Mapping[str, str] | Iterable[str] | None = None,
    origin: str = "code",
) -> Preset:
    """Check a template against its declared fields and build the :class:`Preset`.

    Undeclared field placeholders are required fields; undeclared string placeholders
    default to ``""``. Declaring a field the template never uses is an error (a typo).
    """
    check_name(name)
    if not isinstance(spec, Mapping):
        msg = f"preset {name!r}: spec must be a Vega-Lite dict, got {type(spec).__name__}"
        raise TypeError(msg)
    spec = json.loads(json.dumps(spec))  # a private, JSON-only copy
    used_fields, used_strings = placeholders(spec)
    optional = tuple(optional_fields or ())
    required = tuple(fields) if fields is not None else tuple(
        f for f in used_fields if f not in optional
    )
    for kind, declared in (("fields", required), ("optional_fields", optional)):
        if isinstance(declared, str):
            msg = f"preset {name!r}: {kind} must be a list of names, got {declared!r}"
            raise TypeError(msg)
        unused = [f for f in declared if f not in used_fields]
        if unused:
            msg = (
                f"preset {name!r} declares {kind} {unused} but its spec has no "
                f"placeholders for them; it uses {['${field:' + f + '}' for f in used_fields]}"
            )
            raise ValueError(msg)
    undeclared = [f for f in used_fields if f not in required and f not in optional]
    if undeclared:
        msg = (
            f"preset {name!r} uses fields {undeclared} that are neither in fields= nor in "
            "optional_fields="
        )
        raise ValueError(msg)
    if string_fields is None:
        strings: dict[str, str] = {}
    elif isinstance(string_fields, Mapping):
        strings = {str(k): str(v) for k, v in string_fields.items()}
    else:
        strings = {str(k): "" for k in string_fields}
    for s in used_strings:
        strings.setdefault(s, "")
    return Preset(name, spec, required, optional, strings, origin)


def check_name(name: str) -> None:
    """Preset names are slash-separated words, like ``"team/my_chart"``."""
    if not isinstance(name, str):
        msg = f"a preset name must be a str, got {type(name).__name__}"
        raise TypeError(msg)
    if not _NAME.fullmatch(name) or ".." in name:
        msg = (
            f"invalid preset name {name!r}: use words of letters, digits, '_', '-' and '.' "
            "joined by '/', like 'team/my_chart'"
        )
        raise ValueError(msg)


class PresetRegistry:
    """Named Vega-Lite templates: built-ins, presets registered in code, and JSON files.

    Examples
    --------
    >>> presets = PresetRegistry()
    >>> spec = {"mark": "bar", "encoding": {"x": {"field": "${field:x}", "type": "nominal"}}}
    >>> presets.register("team/bars", spec).fields
    ('x',)
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._builtins: dict[str, Preset] = {}
        self._code: dict[str, Preset] = {}
        self._dirs: list[Path] = []

    def register(
        self,
        name: str,
        spec: Mapping[str, Any],
        *,
        fields: Iterable[str] | None = None,
        optional_fields: Iterable[str] | None = None,
        string_fields: Mapping[str, str] | Iterable[str] | None = None,
        overwrite: bool = False,
    ) -> Preset:
        """Register a template under ``name`` and return the :class:`Preset`.

        Parameters
        ----------
        name : str
            Like ``"team/my_chart"``. Names under ``figlog/`` are reserved for built-ins.
        spec : dict
            A Vega-Lite spec whose columns are ``"${field:NAME}"`` and whose free texts are
            ``"${string:NAME}"``. Its data is supplied by figlog.
        fields : list of str, optional
            The required fields; by default every field placeholder not in
            ``optional_fields``.
        optional_fields : list of str, optional
            Fields that may be left unmapped; the object using them is then dropped.
        string_fields : dict of str to str, or list of str, optional
            String placeholders and their defaults (``""`` when not given).
        overwrite : bool, default False
            Replace an existing preset of the same name instead of raising.

        Raises
        ------
        ValueError
            The name is taken (and ``overwrite`` is False), reserved or malformed, or the
            declared fields do not match the placeholders.
        """
        if name.startswith(_BUILTIN_PREFIX) if isinstance(name, str) else False:
            msg = f"preset names under {_BUILTIN_PREFIX!r} are reserved for figlog's built-ins"
            raise ValueError(msg)
        preset = make_preset(
            name, spec, fields=fields, optional_fields=optional_fields, string_fields=string_fields
        )
        with self._lock:
            if name in self._code and not overwrite:
                msg = f"preset {name!r} is already registered; pass overwrite=True to replace it"
                raise ValueError(msg)
            self._code[name] = preset
        return preset

    def unregister(self, name: str) -> None:
        """Forget a preset registered in code (files and built-ins stay)."""
        with self._lock:
            if name not in self._code:
                msg = f"no preset {name!r} was registered in code; registered: {sorted(self._code)}"
                raise KeyError(msg)
            del self._code[name]

    def add_search_dir(self, path: str | Path) -> None:
        """Also look for presets as JSON files under ``path`` (first added, first searched)."""
        p = Path(path)
        with self._lock:
            if p not in self._dirs:
                self._dirs.append(p)

    def remove_search_dir(self, path: str | Path) -> None:
        """Stop looking under ``path``; a directory that was never added is ignored."""
        with self._lock:
            p = Path(path)
            if p in self._dirs:
                self._dirs.remove(p)

    @property
    def search_dirs(self) -> list[Path]:
        """The directories searched for JSON presets, in order."""
        return list(self._dirs)

    def _add_builtin(self, preset: Preset) -> None:
        self._builtins[preset.name] = preset

    def get(self, name: str) -> Preset:
        """The preset called ``name``.

        Raises
        ------
        KeyError
            No such preset; the message lists the known names and where a file would go.
        ValueError
            The preset's JSON file is not valid.
        """
        check_name(name)
        with self._lock:
            found = self._builtins.get(name) or self._code.get(name)
            dirs = list(self._dirs)
        if found is not None:
            return Preset(
                found.name, copy.deepcopy(found.spec), found.fields, found.optional_fields,
                dict(found.string_fields), found.origin,
            )
        for d in dirs:
            path = d.joinpath(*name.split("/")).with_suffix(".json")
            if path.is_file():
                return _load(name, path)
        where = (
            f" or save it as {dirs[0].joinpath(*name.split('/')).with_suffix('.json')}"
            if dirs else ""
        )
        msg = (
            f"no preset {name!r}; known presets are {self.names()}. Register it with "
            f"figlog.presets.register({name!r}, spec){where}"
        )
        raise KeyError(msg)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self.names()

    def names(self) -> list[str]:
        """Every known preset name, sorted: built-ins, registered and found in files."""
        with self._lock:
            names = set(self._builtins) | set(self._code)
            dirs = list(self._dirs)
        for d in dirs:
            if d.is_dir():
                for path in d.rglob("*.json"):
                    rel = path.relative_to(d).with_suffix("").as_posix()
                    if _NAME.fullmatch(rel):
                        names.add(rel)
        return sorted(names)


def _load(name: str, path: Path) -> Preset:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        msg = f"preset {name!r}: cannot read {path}: {exc}"
        raise ValueError(msg) from exc
    if not isinstance(data, dict):
        msg = f"preset {name!r}: {path} must hold a JSON object, got {type(data).__name__}"
        raise ValueError(msg)
    if "figlog_preset" in data:
        return make_preset(
            name,
            data.get("spec", {}),
            fields=data.get("fields"),
            optional_fields=data.get("optional_fields"),
            string_fields=data.get("string_fields"),
            origin=str(path),
        )
    return make_preset(name, data, origin=str(path))
