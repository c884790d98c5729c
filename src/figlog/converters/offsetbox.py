"""Anchored boxes (``matplotlib.offsetbox``): AnchoredText → an annotation at its anchor.

Offset boxes are laid out at draw time in display space. ``AnchoredText`` is common and
simple (one text, a loc code, an optional frame), so it becomes an annotation anchored like
a legend; other offset boxes (images, drawing areas, ``AnnotationBbox``) are reported.
"""

from __future__ import annotations

from matplotlib.offsetbox import AnchoredOffsetbox, AnchoredText, OffsetBox

from ._colors import rgba
from ._context import Ctx, Extraction, converted, extract, hidden, skipped
from ._transforms import figure_fraction
from .ir import TextMark
from .legend import _LOCS
from .text import plain_text

__all__: list[str] = []


@extract.register(AnchoredText)
def _anchored_text(box: AnchoredText, ctx: Ctx) -> Extraction:
    if not box.get_visible():
        return hidden("invisible")
    text = box.txt.get_text() if hasattr(box.txt, "get_text") else ""
    if not text.strip():
        return hidden("empty text")
    x0, x1, y0, y1 = figure_fraction(box.get_bbox_to_anchor(), ctx.fig)
    fx, fy, xa, ya = _LOCS.get(int(box.loc), _LOCS[1])
    size = 10.0
    children = box.txt.get_children() if hasattr(box.txt, "get_children") else []
    inner = next((c for c in children if hasattr(c, "get_fontsize")), None)
    if inner is not None:
        size = float(inner.get_fontsize())
    pad = (box.borderpad + box.pad) * size * ctx.pt
    frame = box.patch if box.patch.get_visible() else None
    mark = TextMark(
        text=plain_text(text), x=x0 + (x1 - x0) * fx, y=y0 + (y1 - y0) * fy,
        xcoord="figure", ycoord="figure", size=size * ctx.pt,
        color=rgba(inner.get_color()) if inner is not None else "rgba(0,0,0,1)",
        xanchor=xa, yanchor=ya,  # type: ignore[arg-type]
        bgcolor=rgba(frame.get_facecolor()) if frame is not None else None,
        xshift=pad if xa == "left" else -pad if xa == "right" else 0.0,
        yshift=pad if ya == "bottom" else -pad if ya == "top" else 0.0,
        source="AnchoredText",
    )
    return converted(mark)


@extract.register(OffsetBox)
def _offsetbox(box: OffsetBox, ctx: Ctx) -> Extraction:
    if not box.get_visible():
        return hidden("invisible")
    kind = "anchored box" if isinstance(box, AnchoredOffsetbox) else "offset box"
    return skipped(f"{kind} {type(box).__name__} is laid out at draw time; not converted")
