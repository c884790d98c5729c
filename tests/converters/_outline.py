"""A compact outline of a FigureIR, for whole-list comparisons."""

from __future__ import annotations

from figlog.converters.ir import (
    BarMark, BoxMark, FigureIR, ImageMark, LineMark, MeshMark, PathMark, PieMark, TextMark,
)
from figlog.converters.walk import walk


def _mark(m) -> str:
    if isinstance(m, LineMark):
        kind = "fill" if m.fill else ("line" if m.line else "markers")
        return f"{kind} {len(m.x)}pts" + (" 3d" if m.z is not None else "")
    if isinstance(m, BarMark):
        return f"bar {m.orientation} {len(m.pos)}"
    if isinstance(m, BoxMark):
        return f"box {m.orientation}"
    if isinstance(m, ImageMark):
        return f"{m.kind} {len(m.z) if m.z is not None else 1}rows"
    if isinstance(m, TextMark):
        return f"text {m.xcoord} {m.text}"
    if isinstance(m, PathMark):
        return f"shape {m.xcoord}/{m.ycoord}"
    if isinstance(m, PieMark):
        return f"pie {len(m.values)}"
    if isinstance(m, MeshMark):
        return f"mesh {len(m.i)}tri"
    return type(m).__name__


def outline_ir(ir: FigureIR) -> list[str]:
    out = []
    for a in ir.axes:
        out.append(f"axes {a.index} {a.kind}")
        out.extend(_mark(m) for m in a.marks)
        out.extend(f"title {t.text}" for t in a.titles)
    out.extend(f"figure {_mark(t)}" for t in ir.texts)
    out.extend(f"legend {len(leg.entries)}" for leg in ir.legends)
    return out


def outline(fig) -> list[str]:
    return outline_ir(walk(fig)[0])
