"""matplotlib marker and line-style names as Plotly symbols and dashes."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path

__all__ = ["DASHES", "STEP_SHAPES", "symbol_for", "symbol_for_path", "UNFILLED"]

# matplotlib marker → (Plotly symbol, size factor). Size factors: '.' is a circle at half
# the marker size; ',' is one pixel.
_SYMBOLS: dict[Any, tuple[str, float]] = {
    "o": ("circle", 1.0),
    ".": ("circle", 0.5),
    ",": ("square", 0.2),
    "s": ("square", 1.0),
    "^": ("triangle-up", 1.0),
    "v": ("triangle-down", 1.0),
    "<": ("triangle-left", 1.0),
    ">": ("triangle-right", 1.0),
    "D": ("diamond", 1.0),
    "d": ("diamond-tall", 1.0),
    "p": ("pentagon", 1.0),
    "h": ("hexagon", 1.0),
    "H": ("hexagon2", 1.0),
    "8": ("octagon", 1.0),
    "*": ("star", 1.0),
    "P": ("cross", 1.0),
    "X": ("x", 1.0),
    "+": ("cross-thin-open", 1.0),
    "x": ("x-thin-open", 1.0),
    "|": ("line-ns-open", 1.0),
    "_": ("line-ew-open", 1.0),
    "1": ("y-down-open", 1.0),
    "2": ("y-up-open", 1.0),
    "3": ("y-left-open", 1.0),
    "4": ("y-right-open", 1.0),
    0: ("line-ew-open", 0.5),  # TICKLEFT
    1: ("line-ew-open", 0.5),  # TICKRIGHT
    2: ("line-ns-open", 0.5),  # TICKUP
    3: ("line-ns-open", 0.5),  # TICKDOWN
    4: ("triangle-left", 0.6),  # CARETLEFT
    5: ("triangle-right", 0.6),
    6: ("triangle-up", 0.6),
    7: ("triangle-down", 0.6),
}
# Plotly draws these symbols with marker.color as the stroke (they have no face).
UNFILLED = frozenset(s for s, _ in _SYMBOLS.values() if s.endswith("-open"))

DASHES = {"-": "solid", "solid": "solid", "--": "dash", "dashed": "dash",
          "-.": "dashdot", "dashdot": "dashdot", ":": "dot", "dotted": "dot"}
STEP_SHAPES = {"default": "linear", "steps": "vh", "steps-pre": "vh",
               "steps-post": "hv", "steps-mid": "hvh"}


def symbol_for(marker: Any, fillstyle: str = "full") -> tuple[str, float] | None:
    """(Plotly symbol, size factor) for a marker spec; None for no marker or an unknown one."""
    if isinstance(marker, MarkerStyle):
        fillstyle = marker.get_fillstyle()
        marker = marker.get_marker()
    if marker in (None, "None", "none", " ", ""):
        return None
    try:
        sym, factor = _SYMBOLS[marker]
    except (KeyError, TypeError):
        return None
    if fillstyle == "none" and not sym.endswith("-open"):
        sym += "-open"
    return sym, factor


@lru_cache(maxsize=None)
def _path_table() -> dict[bytes, tuple[str, float]]:
    table = {}
    for m in _SYMBOLS:
        style = MarkerStyle(m)
        path = style.get_path().transformed(style.get_transform())
        table.setdefault(_key(path), _SYMBOLS[m])
    return table


def _key(path: Path) -> bytes:
    return np.round(np.asarray(path.vertices, dtype=float), 4).tobytes()


def symbol_for_path(path: Path) -> tuple[str, float] | None:
    """The Plotly symbol whose matplotlib marker path is ``path`` (as ``scatter`` builds it)."""
    return _path_table().get(_key(path))


# matplotlib hatch character → Plotly fill pattern shape; 'o', 'O' and '*' have no
# Plotly counterpart and are drawn with the nearest one.
_HATCHES = {"/": "/", "\\": "\\", "x": "x", "X": "x", "-": "-", "|": "|", "+": "+",
            ".": ".", "o": ".", "O": ".", "*": "x"}
_EXACT_HATCHES = frozenset("/\\xX-|+.")


def hatch_pattern(hatch: str) -> tuple[str, float, bool] | None:
    """(Plotly pattern shape, tile size in px, exact?) for a matplotlib hatch string.

    matplotlib draws ``density`` (6) hatch lines per inch for each repetition of a
    character, so ``"//"`` is twice as dense as ``"/"``; figlog lays out 100 px per inch.
    """
    if not hatch:
        return None
    first = hatch[0]
    shape = _HATCHES.get(first)
    if shape is None:
        return None
    reps = hatch.count(first)
    exact = set(hatch) <= _EXACT_HATCHES and len(set(hatch)) == 1
    return shape, max(3.0, 100 / (6 * reps)), exact
