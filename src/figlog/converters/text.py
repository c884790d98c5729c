"""Text and annotations → Plotly annotations; mathtext → Plotly's small HTML subset."""

from __future__ import annotations

import html
import re

import numpy as np
from matplotlib.text import Annotation, Text

from ._colors import TRANSPARENT, rgba
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._transforms import classify, to_coords
from .ir import ArrowSpec, Coord, TextMark

__all__ = ["plain_text", "text_mark"]

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


def _math(expr: str) -> str:
    """One $…$ expression in Plotly HTML (sup/sub, Greek, common operators)."""
    out = expr
    for cmd in _STYLE_CMDS:
        out = out.replace("\\" + cmd + "{", "{")
    out = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", out)
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


def text_mark(t: Text, x, y, coords: tuple[Coord, Coord], ctx: Ctx, **extra) -> TextMark:
    bbox = t.get_bbox_patch()
    bg = rgba(bbox.get_facecolor()) if bbox is not None and bbox.get_fill() else None
    return TextMark(
        text=plain_text(t.get_text()), x=x, y=y, xcoord=coords[0], ycoord=coords[1],
        size=float(t.get_fontsize()) * ctx.pt, color=rgba(t.get_color(), t.get_alpha()),
        angle=float(t.get_rotation()), xanchor=_HA.get(t.get_horizontalalignment(), "center"),
        yanchor=_VA.get(t.get_verticalalignment(), "bottom"),
        bgcolor=None if bg == TRANSPARENT else bg, source=type(t).__name__, **extra,
    )


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


@extract.register(Text)
def _text(t: Text, ctx: Ctx) -> Extraction:
    if not t.get_visible():
        return hidden("invisible")
    if not t.get_text().strip():
        return hidden("empty text")
    (x, y), coords, note = _place(ctx, t.get_position(), t.get_transform())
    if x is None or y is None:
        return approximated(note) if note else hidden("position outside the axis domain")
    mark = text_mark(t, x, y, coords, ctx)
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
    """The transform of an annotation coordinate spec, for the specs Plotly can follow."""
    ax, fig = ctx.ax, ctx.fig
    if spec is None or spec == "data":
        return ax.transData if ax is not None else None
    if isinstance(spec, str):
        if spec == "axes fraction" and ax is not None:
            return ax.transAxes
        if spec in ("figure fraction", "subfigure fraction"):
            return fig.transSubfigure if spec == "subfigure fraction" else fig.transFigure
        if spec in ("figure pixels", "axes pixels"):
            return None
        if spec.startswith("offset") and offset_from is not None:
            unit = {"offset points": fig.dpi / 72, "offset pixels": 1.0,
                    "offset fontsize": fontsize * fig.dpi / 72}.get(spec)
            if unit is None:
                return None
            from matplotlib.transforms import Affine2D

            origin = offset_from.transform(np.asarray(xy, float).reshape(1, 2))[0]
            return Affine2D().scale(unit).translate(*origin)
        return None
    if hasattr(spec, "transform") and hasattr(spec, "inverted"):
        return spec
    return None
