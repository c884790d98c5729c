"""Text and annotations → Plotly annotations; mathtext → Plotly's small HTML subset."""

from __future__ import annotations

import html
import re

import numpy as np
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import (Affine2D, BboxBase, BboxTransformTo, Transform,
                                   blended_transform_factory)

from ._colors import TRANSPARENT, rgba
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._transforms import classify, to_coords
from .ir import ArrowSpec, Coord, TextMark

__all__ = ["plain_text", "styled", "text_mark"]

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "times": "×",
    "cdot": "·", "pm": "±", "mp": "∓", "infty": "∞", "leq": "≤", "le": "≤", "geq": "≥",
    "ge": "≥", "neq": "≠", "approx": "≈", "sim": "∼", "propto": "∝", "degree": "°",
    "circ": "°", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫",
    "sqrt": "√", "rightarrow": "→", "leftarrow": "←", "to": "→", "Rightarrow": "⇒",
    "ldots": "…", "dots": "…", "cdots": "⋯", "in": "∈", "forall": "∀", "exists": "∃",
    "hbar": "ℏ", "ell": "ℓ", "prime": "′", "%": "%", "$": "$", "_": "_", "#": "#", "&": "&",
    "{": "{", "}": "}", ",": " ", ";": " ", " ": " ", "quad": "  ", "qquad": "    ",
    "minus": "−", "AA": "Å", "langle": "⟨", "rangle": "⟩", "star": "⋆", "ast": "∗",
}
_STYLE_CMDS = ("mathdefault", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal",
               "text", "textrm", "textit", "textbf", "operatorname", "boldsymbol", "mathbb",
               "mathregular", "bf", "it", "rm", "cal")


def _fraction(m: re.Match) -> str:
    """``\\frac{a}{b}``: "a/b", with parentheses only around parts that need them."""
    def part(t: str) -> str:
        return t if re.fullmatch(r"[\w.]+", t) else f"({t})"

    return f"{part(m.group(1))}/{part(m.group(2))}"


def _math(expr: str) -> str:
    """One $…$ expression in Plotly HTML (sup/sub, Greek, common operators)."""
    out = expr
    for cmd in _STYLE_CMDS:
        out = out.replace("\\" + cmd + "{", "{")
    out = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", _fraction, out)
    out = re.sub(r"\\sqrt\{([^{}]*)\}", r"√(\1)", out)
    out = re.sub(r"\\([A-Za-z]+|[%$_#&{}, ;])",
                 lambda m: _SYMBOLS.get(m.group(1), m.group(1)), out)
    # Greek and symbols are in place; now scripts. Innermost braces first.
    for _ in range(4):
        out = re.sub(r"\^\{([^{}]*)\}", r"<sup>\1</sup>", out)
        out = re.sub(r"_\{([^{}]*)\}", r"<sub>\1</sub>", out)
        out = re.sub(r"\{([^{}]*)\}", r"\1", out)
    out = re.sub(r"\^(\S)", r"<sup>\1</sup>", out)
    out = re.sub(r"_(\S)", r"<sub>\1</sub>", out)
    return out.replace("−", "−")


def plain_text(s: str, usetex: bool = False) -> str:
    """matplotlib text (with mathtext) as Plotly annotation text."""
    s = str(s)
    if "$" not in s:
        return html.escape(s, quote=False).replace("\n", "<br>")
    parts = re.split(r"(?<!\\)\$", s)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(_math(part.replace("<", "&lt;").replace(">", "&gt;")))
        else:
            out.append(html.escape(part.replace("\\$", "$"), quote=False))
    return "".join(out).replace("\n", "<br>")


_HA = {"left": "left", "center": "center", "right": "right"}
_VA = {"top": "top", "center": "middle", "bottom": "bottom", "baseline": "bottom",
       "center_baseline": "middle"}


def styled(t: Text, text: str) -> str:
    """Bold and italic as Plotly's <b>/<i> (its annotations take no font weight)."""
    if not text:
        return text
    weight = t.get_fontweight()
    if (isinstance(weight, (int, float)) and weight >= 600) or str(weight) in (
            "semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black"):
        text = f"<b>{text}</b>"
    if t.get_fontstyle() in ("italic", "oblique"):
        text = f"<i>{text}</i>"
    return text


def text_mark(t: Text, x, y, coords: tuple[Coord, Coord], ctx: Ctx, **extra) -> TextMark:
    bbox = t.get_bbox_patch()
    bg = rgba(bbox.get_facecolor()) if bbox is not None and bbox.get_fill() else None
    return TextMark(
        text=styled(t, plain_text(t.get_text())), x=x, y=y, xcoord=coords[0], ycoord=coords[1],
        size=float(t.get_fontsize()) * ctx.pt, color=rgba(t.get_color(), t.get_alpha()),
        angle=float(t.get_rotation()), xanchor=_HA.get(t.get_horizontalalignment(), "center"),
        yanchor=_VA.get(t.get_verticalalignment(), "bottom"),
        bgcolor=None if bg == TRANSPARENT else bg, source=type(t).__name__, **extra,
    )


def _place_shifted(ctx: Ctx, xy, transform) -> tuple[tuple, tuple[Coord, Coord], str,
                                                     tuple[float, float]]:
    """Like ``_place``, and a fixed offset in Plotly pixels: a point drawn with a data, axes
    or figure transform followed by a translation in display space (``offset_copy``, a
    ``ScaledTranslation`` by inches or points) is that point plus a pixel shift, which
    Plotly annotations can carry (``xshift``/``yshift``) exactly."""
    if classify(transform, ctx.ax, ctx.fig) is None and ctx.kind in ("xy", "figure", "polar"):
        found = _display_offset(transform, ctx)
        if found is not None:
            base, (dx, dy) = found
            (x, y), coords, note = _place(ctx, xy, base)
            scale = 100 / ctx.fig.dpi if ctx.fig.dpi else 1.0
            return (x, y), coords, note, (round(float(dx * scale), 4) + 0.0,
                                          round(float(dy * scale), 4) + 0.0)
    (x, y), coords, note = _place(ctx, xy, transform)
    return (x, y), coords, note, (0.0, 0.0)


def _display_offset(transform, ctx: Ctx):
    """(base, (dx, dy) in display units) when ``transform`` is a data/axes/figure transform
    followed by a pure translation, else None. Checked numerically on display points, so
    it holds for any way the sum was built."""
    ax, fig = ctx.ax, ctx.fig
    bases = [fig.transFigure, fig.transSubfigure]
    if ax is not None:
        bases = [ax.transData, ax.transAxes, ax.get_xaxis_transform(),
                 ax.get_yaxis_transform(), *bases]
    probe = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0], [37.0, 61.0]])
    for base in bases:
        try:
            with np.errstate(all="ignore"):
                moved = (base.inverted() + transform).transform(probe)
        except Exception:  # noqa: BLE001 - a transform that cannot be inverted is not it
            continue
        d = moved - probe
        if np.isfinite(d).all() and np.allclose(d, d[0], rtol=0, atol=1e-6):
            return base, (d[0, 0], d[0, 1])
    return None


def _place(ctx: Ctx, xy, transform) -> tuple[tuple, tuple[Coord, Coord], str]:
    """(x, y) in Plotly units and their coordinate tags for a point drawn with ``transform``."""
    coords = classify(transform, ctx.ax, ctx.fig)
    note = ""
    if coords is None:
        coords = ("data", "data") if ctx.ax is not None and ctx.kind == "xy" else \
            ("figure", "figure")
        if ctx.ax is not None:
            note = "positioned in display space; placed at its current position"
    xy = np.asarray(xy, dtype=float).reshape(1, 2)
    if ctx.kind in ("polar", "3d") and ctx.ax is not None:
        # Plotly annotations have no polar or 3-D coordinates: pin the text where
        # matplotlib places it on the figure
        if ctx.kind == "3d" and "data" in coords:
            return (None, None), coords, "text in 3-D data coordinates not drawn"
        coords = ("figure", "figure")
    if coords == ("data", "data") and ctx.ax is not None and transform is ctx.ax.transData:
        pt = xy[0]
    else:
        pt = to_coords(xy, transform, coords, ctx.ax, ctx.fig)[0]
    x = ctx.xv.one(pt[0]) if coords[0] == "data" else float(pt[0])
    y = ctx.yv.one(pt[1]) if coords[1] == "data" else float(pt[1])
    return (x, y), coords, note


def _text3d(t, ctx: Ctx) -> Extraction:
    """Text at a 3-D data point → a Plotly scene annotation (screen-aligned, as matplotlib
    draws it unless ``zdir`` turns it along an axis)."""
    from . import _compat

    x, y, z = (float(v) for v in t.get_position_3d())
    xv, yv, zv = ctx.xv.one(x), ctx.yv.one(y), (ctx.zv or ctx.xv).one(z)
    if None in (xv, yv, zv):
        return hidden("position outside the axis domain")
    mark = text_mark(t, xv, yv, ("data", "data"), ctx, z=zv)
    if any(_compat.text3d_direction(t)):
        return approximated("text along a 3-D direction (zdir) drawn screen-aligned", mark)
    return converted(mark)


@extract.register(Text)
def _text(t: Text, ctx: Ctx) -> Extraction:
    if not t.get_visible():
        return hidden("invisible")
    if not t.get_text().strip():
        return hidden("empty text")
    if ctx.kind == "3d" and hasattr(t, "get_position_3d") and t.get_transform() is \
            ctx.ax.transData:
        return _text3d(t, ctx)
    (x, y), coords, note, (dx, dy) = _place_shifted(ctx, t.get_position(), t.get_transform())
    if x is None or y is None:
        return approximated(note) if note else hidden("position outside the axis domain")
    mark = text_mark(t, x, y, coords, ctx, xshift=dx, yshift=dy)
    return approximated(note, mark) if note else converted(mark)


_ARROWHEADS = {"-": 0, "->": 2, "-|>": 1, "<-": 2, "<|-": 1, "<->": 2, "<|-|>": 1,
               "fancy": 1, "simple": 1, "wedge": 1, "-[": 7, "]-": 7, "|-|": 7}


@extract.register(Annotation)
def _annotation(ann: Annotation, ctx: Ctx) -> Extraction:
    if not ann.get_visible():
        return hidden("invisible")
    xy = ann.xy
    if ctx.ax is not None and ann.xycoords in ("data", None):
        # dates and categories: matplotlib converts units when it draws
        xy = (ctx.ax.convert_xunits(xy[0]), ctx.ax.convert_yunits(xy[1]))
    target_tr = _coords_transform(ann.xycoords, ctx)
    if target_tr is None:
        return approximated(f"annotation coordinates {ann.xycoords!r} not supported")
    if _anchor_artist(ann.xycoords, ctx) is not None:
        # a point of the bar's box: the same point in data coordinates, where it stays
        xy = ctx.ax.transData.inverted().transform(
            target_tr.transform(np.asarray(xy, float).reshape(1, 2)))[0]
        target_tr = ctx.ax.transData
    (x, y), coords, note = _place(ctx, xy, target_tr)
    if note.startswith("text in 3-D"):
        return approximated(note)
    text_tr = _coords_transform(ann.anncoords, ctx, offset_from=target_tr, xy=xy,
                                fontsize=float(ann.get_fontsize()))
    if text_tr is None:
        return approximated(f"annotation text coordinates {ann.anncoords!r} not supported")
    head_disp = target_tr.transform(np.asarray(xy, float).reshape(1, 2))[0]
    tail_disp = text_tr.transform(np.asarray(ann.xyann, float).reshape(1, 2))[0]
    # Plotly pixels are 1/100 inch; matplotlib display units are 1/dpi inch.
    scale = 100 / ctx.fig.dpi if ctx.fig.dpi else 1.0
    dx, dy = (tail_disp - head_disp) * scale
    if x is None or y is None or not np.isfinite([dx, dy]).all():
        return hidden("position outside the axis domain")
    arrow = None
    patch = ann.arrow_patch
    if patch is not None and ann.arrowprops is not None:
        style = ann.arrowprops.get("arrowstyle")
        head = _ARROWHEADS.get(str(style).split(",")[0].strip(), 2) if style else 1
        arrow = ArrowSpec(x=float(dx), y=float(-dy), xcoord="pixel", ycoord="pixel",
                          color=rgba(patch.get_edgecolor()),
                          width=float(patch.get_linewidth()) * ctx.pt, head=head)
    if not ann.get_text().strip() and arrow is None:
        return hidden("empty annotation")
    if arrow is None:
        mark = text_mark(ann, x, y, coords, ctx, xshift=float(dx), yshift=float(dy))
    else:
        mark = text_mark(ann, x, y, coords, ctx, arrow=arrow)
    return approximated(note, mark) if note else converted(mark)


def _coords_transform(spec, ctx: Ctx, offset_from=None, xy=None, fontsize: float = 10.0):
    """The transform of an annotation coordinate spec (as ``Annotation`` resolves it at draw
    time), or None for specs that need a draw (another Text's extent)."""
    ax, fig = ctx.ax, ctx.fig
    if spec is None or spec == "data":
        return ax.transData if ax is not None else None
    if isinstance(spec, tuple) and len(spec) == 2:
        parts = [_coords_transform(s, ctx, offset_from, xy, fontsize) for s in spec]
        return None if None in parts else blended_transform_factory(*parts)
    if isinstance(spec, str):
        if spec == "polar":
            if ax is None:
                return None
            from matplotlib.projections import PolarAxes

            return PolarAxes.PolarTransform() + ax.transData
        if spec == "axes fraction" and ax is not None:
            return ax.transAxes
        if spec in ("figure fraction", "subfigure fraction"):
            return fig.transSubfigure if spec == "subfigure fraction" else fig.transFigure
        try:
            where, unit = spec.split()
        except ValueError:
            return None
        dots = {"points": fig.dpi / 72, "pixels": 1.0, "fontsize": fontsize * fig.dpi / 72}
        if unit not in dots:
            return None
        if where == "offset" and offset_from is not None:
            origin = offset_from.transform(np.asarray(xy, float).reshape(1, 2))[0]
            return Affine2D().scale(dots[unit]).translate(*origin)
        base = {"figure": fig.transFigure, "subfigure": fig.transSubfigure,
                "axes": ax.transAxes if ax is not None else None}.get(where)
        if base is None:
            return None
        box = {"figure": fig.bbox, "subfigure": fig.bbox,
               "axes": ax.bbox if ax is not None else None}[where]
        if box is None or not box.width or not box.height:
            return None
        # units from the box's lower-left corner, as fractions of the box: stays in the
        # box's own coordinates, which Plotly can follow
        return Affine2D().scale(dots[unit] / box.width, dots[unit] / box.height) + base
    if callable(spec) and not hasattr(spec, "transform"):
        try:
            found = spec(None)
        except Exception:  # noqa: BLE001 - a callable that needs a renderer needs a draw
            return None
        if isinstance(found, BboxBase):
            return BboxTransformTo(found)
        return found if isinstance(found, Transform) else None
    if hasattr(spec, "transform") and hasattr(spec, "inverted"):
        return spec
    if isinstance(spec, BboxBase):
        return BboxTransformTo(spec)
    return None


def _anchor_artist(spec, ctx: Ctx):
    """The patch in data coordinates that a callable ``xycoords`` measures, as
    ``bar_label(label_type="center")`` makes them (``lambda r, b=bar: ...``), else None."""
    if ctx.ax is None or not callable(spec):
        return None
    for value in getattr(spec, "__defaults__", None) or ():
        if isinstance(value, Patch) and classify(value.get_transform(), ctx.ax,
                                                 ctx.fig) == ("data", "data"):
            return value
    return None
