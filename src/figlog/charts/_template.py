"""Vega-Lite templates with W&B's placeholders: ``"${field:NAME}"`` and ``"${string:NAME}"``.

A placeholder may stand anywhere a string may (encoding fields, titles, transforms,
expressions). Filling a template replaces field placeholders with column names and string
placeholders with their values. A string that is exactly an unmapped (optional) field
placeholder removes the object holding it, so ``"color": {"field": "${field:stroke}"}``
disappears when ``stroke`` is not mapped.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["PLACEHOLDER", "fill", "placeholders", "escape_field"]

PLACEHOLDER = re.compile(r"\$\{(field|string):([^}]+)\}")

# Keys whose strings Vega-Lite reads as field names, where "." and "[" mean nesting, so a
# column called "val.loss" must be written "val\\.loss" there (and only there: a title
# shows the text as is).
_FIELD_KEYS = frozenset({"field", "fields", "groupby", "fold", "pivot", "sort_field"})

_DROP = object()


def placeholders(spec: Any) -> tuple[list[str], list[str]]:
    """The field and string placeholder names used in ``spec``, in order of appearance."""
    fields: list[str] = []
    strings: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            for kind, name in PLACEHOLDER.findall(node):
                target = fields if kind == "field" else strings
                if name not in target:
                    target.append(name)
        elif isinstance(node, Mapping):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return fields, strings


def escape_field(name: str) -> str:
    """A column name as a Vega-Lite field reference (backslash before ``. [ ] \\``)."""
    return re.sub(r"([.\[\]\\])", r"\\\1", name)


def fill(template: Any, fields: Mapping[str, str], strings: Mapping[str, str]) -> Any:
    """A copy of ``template`` with placeholders replaced (see the module docstring)."""

    def text(node: str, key: str | None) -> Any:
        whole = PLACEHOLDER.fullmatch(node)
        if whole:
            kind, name = whole.groups()
            if kind == "field":
                if name not in fields:
                    return _DROP
                return escape_field(fields[name]) if key in _FIELD_KEYS else fields[name]
            return strings.get(name, "")

        def sub(m: re.Match[str]) -> str:
            kind, name = m.groups()
            if kind == "field":
                return fields.get(name, "")
            return strings.get(name, "")

        return PLACEHOLDER.sub(sub, node)

    def walk(node: Any, key: str | None) -> Any:
        if isinstance(node, str):
            return text(node, key)
        if isinstance(node, Mapping):
            out = {}
            for k, v in node.items():
                filled = walk(v, k)
                if filled is _DROP and not isinstance(v, (Mapping, list)):
                    return _DROP  # this object holds an unmapped field: drop it whole
                if filled is not _DROP:
                    out[k] = filled
            return out
        if isinstance(node, list):
            items = [walk(v, key) for v in node]
            return [v for v in items if v is not _DROP]
        return copy.deepcopy(node)

    result = walk(template, None)
    return {} if result is _DROP else result
