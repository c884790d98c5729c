"""The extractor registry and the per-axes context that extractors read.

Supporting a new artist kind means one function registered here plus one golden file::

    @extract.register(Line2D)
    def _line(artist: Line2D, ctx: Ctx) -> Extraction: ...

Lookup follows the artist's MRO (``functools.singledispatch``), so a subclass without its
own extractor uses its nearest base's. The fallback for ``Artist`` reports a skip.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import singledispatch
from typing import Any, Callable

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import FigureBase

from ._transforms import AxisValues
from .ir import ColorbarSpec, Mark
from .report import Status

__all__ = ["Ctx", "Extraction", "approximated", "converted", "extract", "hidden", "skipped"]


@dataclass(frozen=True)
class Extraction:
    """What one extractor made of one artist."""

    marks: tuple[Mark, ...] = ()
    status: Status = "converted"
    reason: str = ""
    consumed: tuple[Artist, ...] = ()  # other artists this one accounts for (containers)


def converted(*marks: Mark, consumed: tuple[Artist, ...] = ()) -> Extraction:
    return Extraction(tuple(marks), "converted", "", consumed)


def approximated(reason: str, *marks: Mark, consumed: tuple[Artist, ...] = ()) -> Extraction:
    return Extraction(tuple(marks), "approximated", reason, consumed)


def skipped(reason: str, consumed: tuple[Artist, ...] = ()) -> Extraction:
    return Extraction((), "skipped", reason, consumed)


def hidden(reason: str) -> Extraction:
    return Extraction((), "hidden", reason)


@dataclass
class Ctx:
    """Everything an extractor needs to know about where its artist lives.

    ``xv``/``yv`` turn data values into what Plotly expects on that axis; ``pt`` is the
    number of Plotly pixels per typographic point.
    """

    fig: FigureBase
    ax: Axes | None
    where: str
    xv: AxisValues
    yv: AxisValues
    pt: float
    colorbar_for: Callable[[Any, Any], ColorbarSpec | None] = lambda m, norm=None: None
    kind: str = "xy"  # "xy" | "polar" | "3d"
    zv: AxisValues | None = None
    notes: list[str] = field(default_factory=list)

    def shape_x(self, values: Any, coord: str) -> list:
        return _shape_values(self.xv, values, coord)

    def shape_y(self, values: Any, coord: str) -> list:
        return _shape_values(self.yv, values, coord)


def _shape_values(av: AxisValues, values: Any, coord: str) -> list:
    """Values for layout shapes: data values as traces take them (on log axes too: unlike
    annotations, Plotly shapes are not given in log10; checked in Chromium) and ``_`` in
    date strings."""
    if coord != "data":
        return AxisValues("linear")(values)
    out = av(values)
    if av.kind == "date":
        out = [v.replace(" ", "_") if isinstance(v, str) else v for v in out]
    return out


_RANK = {"hidden": 0, "converted": 1, "approximated": 2, "skipped": 3}


@singledispatch
def extract(artist: Artist, ctx: Ctx) -> Extraction:
    """Turn one artist into marks.

    The fallback handles composite artists (InsetIndicator, QuiverKey, user-defined
    groups) through their children; an artist with no children and no extractor is
    reported as skipped.
    """
    name = f"{type(artist).__module__}.{type(artist).__qualname__}"
    try:
        children = list(artist.get_children())
    except Exception:  # noqa: BLE001 - a broken custom artist is reported, not raised
        children = []
    if not children:
        return skipped(f"no converter for {name}")
    if not artist.get_visible():
        return hidden("invisible")
    marks: list = []
    status = "hidden"
    reasons = []
    for child in children:
        try:
            ex = extract(child, ctx)
        except Exception as exc:  # noqa: BLE001
            ex = skipped(f"converter error: {type(exc).__name__}: {exc}")
        marks.extend(ex.marks)
        if _RANK[ex.status] > _RANK[status]:
            status = ex.status
        if ex.reason and ex.status in ("approximated", "skipped"):
            reasons.append(f"{type(child).__name__}: {ex.reason}")
    if status == "skipped" and marks:
        status = "approximated"
    reason = "; ".join(dict.fromkeys(reasons))
    return Extraction(tuple(marks), status, reason)  # type: ignore[arg-type]
