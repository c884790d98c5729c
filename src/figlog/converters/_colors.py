"""Colours and colormaps as Plotly strings and colorscales."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib import colors as mcolors

__all__ = ["colorscale", "normalized", "rgba", "rgba_list", "TRANSPARENT"]

TRANSPARENT = "rgba(0,0,0,0)"


def _fmt(r: float, g: float, b: float, a: float) -> str:
    return f"rgba({round(r * 255)},{round(g * 255)},{round(b * 255)},{round(float(a), 3):g})"


def rgba(color: Any, alpha: float | None = None) -> str:
    """Any matplotlib colour (name, hex, tuple, 'none') as ``"rgba(r,g,b,a)"``."""
    if color is None:
        return TRANSPARENT
    if isinstance(color, str) and color.lower() == "none":
        return TRANSPARENT
    arr = np.asarray(color) if not isinstance(color, str) else None
    if arr is not None and arr.ndim == 2:
        if len(arr) == 0:
            return TRANSPARENT
        color = arr[0]
    r, g, b, a = mcolors.to_rgba(color, alpha)
    return _fmt(r, g, b, a)


def rgba_list(colors: Any, n: int) -> list[str]:
    """An (m, 4) RGBA array as ``n`` strings (matplotlib cycles the colours when m < n)."""
    arr = np.asarray(colors, dtype=float).reshape(-1, 4) if len(colors) else np.zeros((0, 4))
    if len(arr) == 0:
        return [TRANSPARENT] * n
    return [_fmt(*arr[i % len(arr)]) for i in range(n)]


def colorscale(cmap: mcolors.Colormap, n: int = 32) -> list[list[Any]]:
    """A Plotly colorscale sampling ``cmap``; small listed colormaps become exact steps."""
    if isinstance(cmap, mcolors.ListedColormap) and cmap.N <= 16:
        cols = [_fmt(*cmap(i)) for i in range(cmap.N)]
        scale: list[list[Any]] = []
        for i, c in enumerate(cols):
            scale.append([i / cmap.N, c])
            scale.append([(i + 1) / cmap.N, c])
        return scale
    return [[i / (n - 1), _fmt(*cmap(i / (n - 1)))] for i in range(n)]


def normalized(norm: mcolors.Normalize, values: Any) -> np.ndarray:
    """``norm(values)`` as a plain float array with NaN for masked entries."""
    out = np.ma.asarray(norm(np.ma.masked_invalid(np.asarray(values, dtype=float))), dtype=float)
    return out.filled(np.nan)
