"""Column types of a Table: inferred from the first non-null cell, then enforced."""

from __future__ import annotations

import math
import numbers
from typing import Any, Literal

import numpy as np

from ..media import Media, wrap

__all__ = ["ColumnType", "cell_type", "describe", "merge_types", "normalise_cell"]

ColumnType = Literal["null", "int", "float", "bool", "str", "media"]
TYPES: tuple[str, ...] = ("null", "int", "float", "bool", "str", "media")


def normalise_cell(value: Any) -> Any:
    """A cell as the table keeps it: numpy scalars become Python ones, raw figures media."""
    if value is None or isinstance(value, (bool, str, Media)):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    wrapped = wrap(value)
    if wrapped is not None:
        return wrapped
    return value


def cell_type(value: Any) -> ColumnType | None:
    """The column type a (normalised) cell implies; None for an unsupported cell."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, Media):
        return "media"
    return None


def merge_types(column: ColumnType, cell: ColumnType) -> ColumnType | None:
    """The column type after adding a cell of type ``cell``; None if they do not mix."""
    if cell == "null" or cell == column:
        return column
    if column == "null":
        return cell
    if {column, cell} == {"int", "float"}:
        return "float"
    return None


def describe(value: Any) -> str:
    """A short description of a cell for error messages."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    kind = type(value).__name__
    if isinstance(value, float) and math.isnan(value):
        text = "nan"
    return f"{kind} {text}"
