"""``walk(fig) -> (FigureIR, report entries)``: visit the figure once, artist by artist.

Axes are visited in figure order; inside an axes, containers (bars, error bars) claim their
artists first, then every child is converted in a stable sort on ``zorder``, as
``Axes.draw`` orders them. Colorbar axes are not converted as axes: their colorbar becomes
the Plotly colorbar of its mappable's trace.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import FigureBase
from matplotlib.legend import Legend
from matplotlib.spines import Spine
from matplotlib.transforms import Bbox, BboxTransformTo, TransformedBbox

from . import _compat
from . import collections as _collections  # noqa: F401 - registers extractors
from . import contour as _contour  # noqa: F401
from . import figimage as _figimage  # noqa: F401
from . import inset as _inset  # noqa: F401
from . import quiver as _quiver  # noqa: F401
from . import images as _images  # noqa: F401
from . import lines as _lines  # noqa: F401
from . import offsetbox as _offsetbox  # noqa: F401
from . import patches as _patches  # noqa: F401
from . import text as _text  # noqa: F401
from ._colors import rgba, rgba_list
from ._context import Ctx, Extraction, extract
from ._transforms import AxisValues, figure_fraction
from .axes import PT, axis_ir, axis_values, domain, original_domain, share_and_twin, titles
from .containers import extract_container
from .ir import (ArrowSpec, AxesIR, ColorbarSpec, FigureIR, LegendIR, LineMark, LineStyle, MarkerSpec,
                 PaperImage, PathMark, TextMark)
from .layout import engine_domains
from .legend import legend_ir
from .box import extract_boxes
from .pie import extract_pie
from .report import ReportEntry

__all__ = ["walk"]


def _describe(ex: Extraction) -> str:
    kinds: dict[str, int] = {}
    for m in ex.marks:
        name = {"LineMark": "trace", "BarMark": "bar trace", "ImageMark": "heatmap/image",
                "TextMark": "annotation", "PathMark": "shape", "PieMark": "pie slice",
                "BoxMark": "box trace",
                "MeshMark": "mesh3d"}.get(type(m).__name__, type(m).__name__)
        kinds[name] = kinds.get(name, 0) + 1
    return ", ".join(f"{v} {k}" if v > 1 else k for k, v in kinds.items())


def _entry(where: str, artist: Any, ex: Extraction, kind: str | None = None) -> ReportEntry:
    label = ""
    if hasattr(artist, "get_label"):
        raw = artist.get_label()
        label = "" if raw is None or str(raw).startswith("_") else str(raw)
    return ReportEntry(where=where, kind=kind or type(artist).__name__, label=label,
                       status=ex.status, became=_describe(ex), reason=ex.reason)


class _Colorbars:
    """Colorbars found in the figure, handed to the extractor of their mappable."""

    def __init__(self, fig: FigureBase, axes: list[Axes]) -> None:
        self.fig = fig
        self.by_mappable: dict[int, Any] = {}
        self.used: set[int] = set()
        for ax in axes:
            cb = _compat.colorbar_of(ax)
            if cb is not None:
                self.by_mappable[id(cb.mappable)] = cb

    def spec(self, mappable: Any, norm: Any = None) -> ColorbarSpec | None:
        cb = self.by_mappable.get(id(mappable))
        if cb is None:
            return None
        self.used.add(id(mappable))
        return colorbar_spec(cb, self.fig, norm)


def colorbar_box(cb: Any, fig: FigureBase) -> Bbox:
    """Where matplotlib draws the bar (display space), worked out without a draw.

    Before the first draw a colorbar axes still has its unshrunk position: at draw time its
    axes locator shortens it to make room for the ``extend`` triangles and the box aspect
    narrows it. Both are redone here from public values (the original position, the
    anchor, the triangles' lengths), so the answer is the same before and after a draw.
    A custom axes locator (an inset colorbar) keeps the axes' current box.
    """
    cax = cb.ax
    user = _compat.user_locator_of_colorbar(cax)
    if user is not None:
        try:  # where the user's locator puts it (before a draw its box is the raw bounds)
            box = user(cax, None)
        except Exception:  # noqa: BLE001 - a locator that needs a renderer: current box
            box = None
        return TransformedBbox(box, cax.figure.transSubfigure) if box is not None else \
            cax.bbox
    pos = cax.get_position(original=True)
    lo = hi = 0.0
    for patch in _compat.colorbar_extend_patches(cb):
        v = np.asarray(patch.get_path().vertices, dtype=float)
        along = v[:, 1] if cb.orientation == "vertical" else v[:, 0]
        if not len(along) or not np.isfinite(along).all():
            continue
        lo = max(lo, -float(along.min()))
        hi = max(hi, float(along.max()) - 1.0)
    total = 1.0 + lo + hi
    vertical = cb.orientation == "vertical"
    if total > 1.0:
        if vertical:
            pos = pos.shrunk(1, 1 / total).translated(0, lo / total * pos.height)
        else:
            pos = pos.shrunk(1 / total, 1).translated(lo / total * pos.width, 0)
    aspect = _compat.colorbar_aspect(cax)
    box_aspect = (None if aspect is None else
                  aspect / total if vertical else 1 / (aspect / total))
    if box_aspect is None:
        box_aspect = cax.get_box_aspect()
    if box_aspect:
        fw, fh = fig.bbox.width or 1.0, fig.bbox.height or 1.0
        pb1 = pos.shrunk_to_aspect(box_aspect, pos, fh / fw)
        pos = pb1.anchored(cax.get_anchor(), pos)
    return TransformedBbox(pos, fig.transSubfigure)


def colorbar_spec(cb: Any, fig: FigureBase, norm: Any = None) -> ColorbarSpec:
    x0, x1, y0, y1 = figure_fraction(colorbar_box(cb, fig), fig)
    vertical = cb.orientation == "vertical"
    axis = cb.ax.yaxis if vertical else cb.ax.xaxis
    locs = np.asarray(axis.get_majorticklocs(), dtype=float)
    lim = sorted(cb.ax.get_ylim() if vertical else cb.ax.get_xlim())
    locs = locs[(locs >= lim[0] - 1e-9 * abs(lim[1] - lim[0])) &
                (locs <= lim[1] + 1e-9 * abs(lim[1] - lim[0]))]
    try:
        labels = [_text.plain_text(s) for s in axis.get_major_formatter().format_ticks(list(locs))]
    except Exception:  # noqa: BLE001 - user formatters must not stop conversion
        labels = [f"{v:g}" for v in locs]
    scale = None
    if isinstance(norm, str) and norm == "bar":
        vals, scale = _along_bar(cb, locs, vertical)
    else:
        vals = locs if norm is None else np.ma.asarray(norm(locs), dtype=float).filled(np.nan)
    fw, fh = fig.bbox.width / fig.dpi * 100, fig.bbox.height / fig.dpi * 100
    title = axis.label.get_text()
    if vertical:
        return ColorbarSpec(x=x0, y=(y0 + y1) / 2, length=y1 - y0, thickness=(x1 - x0) * fw,
                            orientation="v", title=_text.plain_text(title),
                            tickvals=[float(v) for v in vals], ticktext=labels,
                            colorscale=scale)
    return ColorbarSpec(x=(x0 + x1) / 2, y=y0, length=x1 - x0, thickness=(y1 - y0) * fh,
                        orientation="h", title=_text.plain_text(title),
                        tickvals=[float(v) for v in vals], ticktext=labels, colorscale=scale)


def _along_bar(cb: Any, locs: np.ndarray, vertical: bool) -> tuple[np.ndarray, list]:
    """Tick positions as fractions of the bar's length, and the bar's colours along it: exact
    for any norm (BoundaryNorm, LogNorm, contour levels), as the bar draws them. A bar of a
    few bands (contourf levels, a BoundaryNorm) gets crisp steps, one colour per band; a
    continuous one is sampled along its length."""
    dim = 1 if vertical else 0
    fracs = _bar_fractions(cb, locs, dim)
    bands = _bar_bands(cb, dim)
    if bands is not None:
        edges, colors = bands
        # Plotly rejects a colorscale that does not run from exactly 0 to exactly 1 (and
        # silently draws its default one instead)
        edges = np.asarray(edges, dtype=float).copy()
        edges[0], edges[-1] = 0.0, 1.0
        scale: list = []
        for k, color in enumerate(colors):
            scale += [[float(edges[k]), color], [float(edges[k + 1]), color]]
        return fracs, scale
    f = np.linspace(0, 1, 101)
    probe = np.full((len(f), 2), 0.5)
    probe[:, dim] = f
    values = cb.ax.transData.inverted().transform(cb.ax.transAxes.transform(probe))[:, dim]
    colors = cb.cmap(np.ma.asarray(cb.norm(values)), alpha=cb.alpha)
    return fracs, [[float(a), c] for a, c in zip(f, rgba_list(colors, len(f)))]


def _bar_fractions(cb: Any, values: np.ndarray, dim: int) -> np.ndarray:
    """Positions along a colorbar (its data values) as fractions of the bar's length."""
    pts = np.zeros((len(values), 2))
    pts[:, dim] = values
    return cb.ax.transAxes.inverted().transform(cb.ax.transData.transform(pts))[:, dim]


def _bar_bands(cb: Any, dim: int) -> tuple[np.ndarray, list] | None:
    """Band edges (fractions of the bar, increasing) and colours of a bar drawn in at most
    64 bands, read off the mesh the colorbar draws (``Colorbar.solids``)."""
    solids = getattr(cb, "solids", None)
    patches = list(getattr(cb, "solids_patches", None) or [])
    if solids is None and 0 < len(patches) <= 64:
        # a hatched bar is drawn as one patch per band instead of a mesh
        spans = [np.asarray(p.get_path().vertices, float)[:, dim] for p in patches]
        lows = np.array([sp.min() for sp in spans])
        highs = np.array([sp.max() for sp in spans])
        order = np.argsort(lows)
        edges = _bar_fractions(cb, np.concatenate([lows[order], highs[order][-1:]]), dim)
        colors = [rgba_list([patches[k].get_facecolor()], 1)[0] for k in order]
        if edges[-1] < edges[0]:
            edges, colors = edges[::-1], colors[::-1]
        return np.clip(edges, 0.0, 1.0), colors
    if solids is None or solids.get_array() is None:
        return None
    try:
        coords = np.asarray(solids.get_coordinates(), dtype=float)
    except Exception:  # noqa: BLE001 - not a plain mesh: sample instead
        return None
    along = coords[:, 0, dim] if dim == 1 else coords[0, :, dim]
    values = np.ma.asarray(solids.get_array()).ravel()
    if len(along) != len(values) + 1 or len(values) > 64 or len(values) == 0:
        return None
    edges = _bar_fractions(cb, along, dim)
    colors = rgba_list(solids.to_rgba(values, alpha=solids.get_alpha()), len(values))
    if edges[-1] < edges[0]:  # an inverted bar: walk it from the low end
        edges, colors = edges[::-1], colors[::-1]
    edges = np.clip(edges, 0.0, 1.0)
    if not np.all(np.diff(edges) >= -1e-12):
        return None
    return edges, colors


def _axis_machinery() -> tuple[type, ...]:
    """Artists that draw the axes themselves (Plotly draws its own axes)."""
    kinds: list[type] = [Axis, Spine, Axes, Legend]
    try:
        from mpl_toolkits.axisartist.axis_artist import AxisArtist, GridlinesCollection

        kinds += [AxisArtist, GridlinesCollection]
    except ImportError:  # pragma: no cover - mpl_toolkits ships with matplotlib
        pass
    return tuple(kinds)


_MACHINERY = _axis_machinery()


def _skip_children(ax: Axes) -> set[int]:
    skip = {id(ax.patch), id(ax.xaxis), id(ax.yaxis), id(ax.title)}
    skip.update(id(t) for t in _compat.title_artists(ax))
    skip.update(id(s) for s in ax.spines.values())
    skip.update(id(c) for c in getattr(ax, "child_axes", []))  # converted as axes
    if ax.get_legend() is not None:
        skip.add(id(ax.get_legend()))
    return skip


def _axes_marks(ax: Axes, ctx: Ctx, where: str, entries: list[ReportEntry]) -> list:
    """Every drawable child of ``ax`` as marks, in draw order."""
    pending: dict[int, tuple[Any, Extraction]] = {}
    claimed: set[int] = set()
    for c in ax.containers:
        ex = _safe(extract_container, c, ctx)
        if ex is None:
            continue
        first = next((a for a in ex.consumed), None)
        for a in ex.consumed:
            claimed.add(id(a))
        if first is not None:
            pending[id(first)] = (c, ex)
        else:
            entries.append(_entry(where, c, ex))
    # recognised groups of loose artists (a pie's wedges, a box plot's lines): one entry
    # per artist, the marks where the group's first artist is drawn
    groups = [_safe(extract_pie, ax, ctx)]
    boxes = _safe(extract_boxes, ax, ctx)
    groups += boxes if isinstance(boxes, list) else [boxes]
    for group in groups:
        if group is None or not group.marks:
            continue
        claimed |= {id(a) for a in group.consumed}
        pending[id(group.consumed[0])] = (None, group)
    skip = _skip_children(ax)
    children = [a for a in ax.get_children() if id(a) not in skip
                and not isinstance(a, _MACHINERY)]
    children.sort(key=lambda a: a.get_zorder())
    marks: list = []
    for artist in children:
        if id(artist) in pending:
            container, ex = pending.pop(id(artist))
            marks.extend(ex.marks)
            if container is None:  # a recognised group: one entry per artist
                entries.extend(ReportEntry(where, type(w).__name__, _label(w), "converted",
                                           _describe(ex)) for w in ex.consumed)
            else:
                entries.append(_entry(where, container, ex))
            continue
        if id(artist) in claimed:
            continue
        ex = _safe(extract, artist, ctx)
        marks.extend(ex.marks)
        entries.append(_entry(where, artist, ex))
    return marks


def _label(artist: Any) -> str:
    raw = artist.get_label()
    return "" if raw is None or str(raw).startswith("_") else str(raw)


def _safe(fn, artist, ctx: Ctx):
    """Run an extractor; an unexpected failure skips that artist, never the figure."""
    try:
        return fn(artist, ctx)
    except Exception as exc:  # noqa: BLE001 - the report carries it; one artist never sinks all
        return Extraction((), "skipped", f"converter error: {type(exc).__name__}: {exc}")


def walk(fig: FigureBase) -> tuple[FigureIR, list[ReportEntry]]:
    """Visit ``fig`` once and return its intermediate representation and report entries."""

    entries: list[ReportEntry] = []
    every = _all_axes(fig)
    for ax in every:
        # autoscaling is lazy: until an axes' limits are read, its transData holds the
        # initial (0, 1) view, and every display-space computation below would be off
        ax.get_xlim(), ax.get_ylim()
    colorbars = _Colorbars(fig, every)
    plain = [ax for ax in every if _compat.colorbar_of(ax) is None]
    relations = share_and_twin([a for a in plain if a.name == "rectilinear"])
    rect_index = {id(a): i for i, a in enumerate(a for a in plain if a.name == "rectilinear")}
    axes_ir: list[AxesIR] = []
    legends: list[LegendIR] = []
    try:
        overrides = engine_domains(fig, [ax for ax in plain if ax.get_visible()])
    except Exception:  # noqa: BLE001 - an estimate that fails leaves the positions as they are
        overrides = {}
    for i, ax in enumerate(plain):
        where = f"axes {i}"
        if not ax.get_visible():
            entries.append(ReportEntry(where, type(ax).__name__, "", "hidden", "",
                                       "invisible axes"))
            continue
        try:
            air = _one_axes(ax, i, fig, colorbars, entries, relations, rect_index, plain,
                            overrides.get(id(ax)))
        except Exception as exc:  # noqa: BLE001 - one broken axes must not sink the figure
            entries.append(ReportEntry(where, type(ax).__name__, "", "skipped", "",
                                       f"converter error: {type(exc).__name__}: {exc}"))
            continue
        if air is None:
            continue
        axes_ir.append(air)
        own = ax.get_legend()
        extra = [c for c in ax.get_children() if isinstance(c, Legend) and c is not own]
        for leg in [*extra, *([own] if own is not None else [])]:
            lir = _safe_legend(leg, fig, i, where, entries)
            if lir is not None:
                legends.append(lir)
    extensions = _attach_colorbars(colorbars, axes_ir, fig, entries)
    texts = _figure_artists(fig, entries, legends) + extensions
    w, h = fig.bbox.width / fig.dpi * 100, fig.bbox.height / fig.dpi * 100
    return FigureIR(width=float(w), height=float(h), bgcolor=_figure_bg(fig),
                    axes=tuple(axes_ir), texts=tuple(m for m in texts if isinstance(m, TextMark)),
                    shapes=tuple(m for m in texts if isinstance(m, PathMark)),
                    images=tuple(m for m in texts if isinstance(m, PaperImage)),
                    legends=tuple(legends)), entries


def _one_axes(ax, i, fig, colorbars, entries, relations, rect_index, plain,
              laid_out=None) -> AxesIR | None:
    from . import mplot3d, polar  # noqa: PLC0415 - optional projections register lazily

    where = f"axes {i}"
    dom = laid_out or domain(ax, fig)
    secondary = _compat.secondary_axis(ax)
    if secondary is not None:
        return _secondary(ax, i, dom, secondary, plain, entries)
    if ax.name == "polar":
        air = polar.polar_axes(ax, i, dom, fig, colorbars.spec, entries)
    elif ax.name == "3d":
        air = mplot3d.axes3d(ax, i, dom, fig, colorbars.spec, entries)
    elif ax.name == "rectilinear":
        air = _cartesian(ax, i, dom, fig, colorbars.spec, entries,
                         relations.get(rect_index[id(ax)], {}), rect_index, plain,
                         laid_out is not None)
    else:
        entries.append(ReportEntry(where, f"{ax.name} projection", "", "skipped", "",
                                   f"projection {ax.name!r} has no Plotly equivalent; "
                                   "use to_image() for an exact rendering"))
        return None
    return air


def _secondary(ax, i, dom, info, plain, entries) -> AxesIR | None:
    """A secondary_xaxis/secondary_yaxis: an axis overlaying its parent's, with ticks at
    ``inverse(tick)`` in the parent's coordinates and the secondary scale's labels."""
    orientation, forward, inverse, parent = info
    where = f"axes {i}"
    if parent not in plain or forward is None or inverse is None:
        entries.append(ReportEntry(where, "SecondaryAxis", "", "skipped", "",
                                   "secondary axis without its parent or functions"))
        return None
    j = plain.index(parent)
    paxis = parent.xaxis if orientation == "x" else parent.yaxis
    own = ax.xaxis if orientation == "x" else ax.yaxis
    pv = axis_values(paxis)
    lim = np.asarray(parent.get_xlim() if orientation == "x" else parent.get_ylim(), float)
    with np.errstate(all="ignore"):
        slim = np.sort(np.asarray(forward(lim), dtype=float))
    locator = own.get_major_locator()
    from matplotlib import dates as mdates

    # date locators take datetimes (as their __call__ passes them), not date numbers
    bounds = mdates.num2date(slim) if isinstance(locator, mdates.DateLocator) else slim
    locs = np.asarray(locator.tick_values(*bounds), dtype=float)
    locs = locs[(locs >= slim[0] - 1e-9 * abs(slim[1] - slim[0])) &
                (locs <= slim[1] + 1e-9 * abs(slim[1] - slim[0]))]
    try:
        labels = [_text.plain_text(t) for t in own.get_major_formatter().format_ticks(list(locs))]
    except Exception:  # noqa: BLE001
        labels = [f"{v:g}" for v in locs]
    with np.errstate(all="ignore"):
        at = np.asarray(inverse(locs), dtype=float)
    base = axis_ir(parent, orientation, pv, where, [])
    side = own.get_ticks_position()
    side = side if side in ("top", "bottom", "left", "right") else (
        "top" if orientation == "x" else "right")
    axis = replace(base, tickvals=at.tolist() if pv.kind == "log" else pv(at), ticktext=labels,
                   title=_text.plain_text(own.label.get_text()), side=side, showgrid=False,
                   matches=None, mirror=False)
    hidden_axis = replace(base, visible=False, showline=False, title="", tickvals=[],
                          ticktext=[], showgrid=False)
    entries.append(ReportEntry(where, "SecondaryAxis", "", "converted", f"{orientation}axis",
                               "an axis overlaying its parent's"))
    return AxesIR(index=i, kind="xy", domain=dom,
                  xaxis=axis if orientation == "x" else hidden_axis,
                  yaxis=axis if orientation == "y" else hidden_axis,
                  twin_y_of=j if orientation == "x" else None,
                  twin_x_of=j if orientation == "y" else None, bgcolor="rgba(0,0,0,0)")


def _attach_colorbars(colorbars, axes_ir, fig, entries) -> list:
    """Colorbars whose mappable no trace carried get an invisible carrier trace. Returns the
    shapes of their ``extend`` triangles, which Plotly colorbars do not have."""
    shapes: list[PathMark] = []
    for cb in colorbars.by_mappable.values():
        shapes.extend(_extension_shapes(cb, fig))
        shapes.extend(_colorbar_contents(cb, fig, entries))
    for cb_id, cb in colorbars.by_mappable.items():
        if cb_id in colorbars.used:
            entries.append(ReportEntry("figure", "Colorbar", "", "converted", "colorbar"))
            continue
        target = next((k for kind in ("xy", "3d", "polar")
                       for k, a in enumerate(axes_ir) if a.kind == kind), None)
        if target is None:
            entries.append(ReportEntry("figure", "Colorbar", "", "skipped", "",
                                       "no cartesian, polar or 3-D axes to carry it"))
            continue
        carrier = _carrier(cb, fig)
        if axes_ir[target].kind == "3d":
            carrier = replace(carrier, z=[None, None])
        axes_ir[target] = replace(axes_ir[target], marks=axes_ir[target].marks + (carrier,))
        entries.append(ReportEntry("figure", "Colorbar", "", "converted", "colorbar"))
    return shapes


def _colorbar_contents(cb: Any, fig: FigureBase, entries: list[ReportEntry]) -> list:
    """What else is drawn in a colorbar's axes: ``add_lines`` levels, ``drawedges``
    dividers and lines the user added become paper lines across the bar (placed in the bar's
    drawn box); anything else there is reported, not silently lost."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    cax = cb.ax
    patches = list(getattr(cb, "solids_patches", None) or [])
    if any(p.get_hatch() for p in patches):
        entries.append(ReportEntry("figure", "Colorbar", "", "approximated", "colorbar",
                                   "hatched colorbar bands drawn without their hatches"))
    own = {id(a) for a in (cb.solids, cb.outline, *patches, cax.patch,
                           cax.xaxis, cax.yaxis, cax.title, *cax.spines.values(),
                           *_compat.title_artists(cax), *_compat.colorbar_extend_patches(cb))
           if a is not None}
    box = colorbar_box(cb, fig)
    fb = fig.bbox
    fw, fh = fb.width / fig.dpi * 100, fb.height / fig.dpi * 100  # Plotly px
    to_axes = cax.transAxes.inverted()
    out: list = []
    for artist in cax.get_children():
        if id(artist) in own or not artist.get_visible():
            continue
        if isinstance(artist, LineCollection):
            segs = [np.asarray(s, float) for s in artist.get_segments() if len(s) >= 2]
            colors = artist.get_edgecolor()
            widths = np.asarray(artist.get_linewidths(), float).ravel()
        elif isinstance(artist, Line2D):
            segs = [np.ma.asarray(artist.get_xydata(), dtype=float).filled(np.nan)]
            colors = [artist.get_color()]
            widths = np.array([artist.get_linewidth()])
        elif hasattr(artist, "get_text") and not str(artist.get_text()).strip():
            continue
        else:
            entries.append(ReportEntry("figure", type(artist).__name__, "", "skipped", "",
                                       "drawn inside a colorbar's axes; not converted"))
            continue
        if not segs:
            continue
        tr = artist.get_transform()
        for k, seg in enumerate(segs):
            frac = to_axes.transform(tr.transform(seg))
            fx = (box.x0 + frac[:, 0] * box.width - fb.x0) / (fb.width or 1.0)
            fy = (box.y0 + frac[:, 1] * box.height - fb.y0) / (fb.height or 1.0)
            pts = [f"{x:.6g},{y:.6g}" for x, y in zip(fx, fy) if np.isfinite([x, y]).all()]
            if len(pts) < 2:
                continue
            color = rgba(colors[k % len(colors)] if len(colors) else "k", artist.get_alpha())
            width = float(widths[k % len(widths)]) if len(widths) else 1.0
            # Plotly draws colorbars above every shape, but annotations above colorbars: a
            # straight line across the bar is an arrow without a head
            good = np.isfinite(fx) & np.isfinite(fy)
            if good.sum() == 2:
                (x0, x1), (y0, y1) = fx[good], fy[good]
                out.append(TextMark(
                    text="", x=float(x1), y=float(y1), xcoord="figure", ycoord="figure",
                    size=1.0, color=color, source="Colorbar",
                    arrow=ArrowSpec(x=float((x0 - x1) * fw), y=float((y1 - y0) * fh),
                                    xcoord="pixel", ycoord="pixel", color=color,
                                    width=width * PT, head=0)))
                continue
            out.append(PathMark(path="M" + "L".join(pts), xcoord="figure", ycoord="figure",
                                line=LineStyle(color, width * PT), fill=None, source="Colorbar"))
        entries.append(ReportEntry("figure", type(artist).__name__, "", "converted", "shape",
                                   "a line across a colorbar"))
    return out


def _extension_shapes(cb: Any, fig: FigureBase) -> list[PathMark]:
    """The ``extend`` triangles (or rectangles) of a colorbar as filled paper shapes, in
    their under/over colours, outlined as matplotlib outlines the bar."""
    out: list[PathMark] = []
    fb = fig.bbox
    w, h = fb.width or 1.0, fb.height or 1.0
    box = colorbar_box(cb, fig)
    for patch in _compat.colorbar_extend_patches(cb):
        try:
            verts = BboxTransformTo(box).transform(patch.get_path().vertices)
        except Exception:  # noqa: BLE001 - a broken patch loses its triangle, not the figure
            continue
        fx = (verts[:, 0] - fb.x0) / w
        fy = (verts[:, 1] - fb.y0) / h
        ok = np.isfinite(fx) & np.isfinite(fy)
        if ok.sum() < 3:
            continue
        path = "M" + "L".join(f"{x:.6g},{y:.6g}" for x, y in zip(fx[ok], fy[ok])) + "Z"
        out.append(PathMark(path=path, xcoord="figure", ycoord="figure",
                            line=LineStyle("rgba(0,0,0,1)", 0.8 * PT),
                            fill=rgba(patch.get_facecolor()), source="Colorbar"))
    return out


def _all_axes(fig: FigureBase) -> list[Axes]:
    """The figure's axes followed, each, by its child axes (``inset_axes``), recursively;
    child axes are not in ``fig.axes``."""
    out: list[Axes] = []

    def add(ax: Axes) -> None:
        out.append(ax)
        for child in getattr(ax, "child_axes", []):
            add(child)

    for ax in fig.get_axes():
        add(ax)
    return out


def _figure_bg(fig: FigureBase) -> str:
    fc = fig.get_facecolor()
    return rgba(fc) if fig.patch.get_visible() else "rgba(255,255,255,0)"


def _safe_legend(leg, fig, i, where, entries) -> LegendIR | None:
    try:
        lir = legend_ir(leg, fig, i)
    except Exception as exc:  # noqa: BLE001
        entries.append(ReportEntry(where, "Legend", "", "skipped", "",
                                   f"converter error: {type(exc).__name__}: {exc}"))
        return None
    entries.append(ReportEntry(where, "Legend", "", "converted" if lir else "hidden",
                               "legend" if lir else "", "" if lir else "empty or invisible"))
    return lir


def _carrier(cb, fig) -> LineMark:
    from ._colors import colorscale

    spec = colorbar_spec(cb, fig, "bar")
    marker = MarkerSpec(symbol="circle", size=0, color=[0.0, 1.0],
                        colorscale=spec.colorscale or colorscale(cb.cmap), cmin=0.0, cmax=1.0,
                        colorbar=spec)
    return LineMark(x=[None, None], y=[None, None], line=None, marker=marker, hover=False,
                    source="colorbar")


def _with_raw(mark: Any, xv: AxisValues, yv: AxisValues) -> Any:
    """Attach the user's values to a trace drawn over transformed axis values (hover)."""
    if not isinstance(mark, LineMark) or mark.fill is not None or not mark.hover:
        return mark

    def back(av: AxisValues, vals: list) -> list:
        arr = np.array([np.nan if v is None else v for v in vals], dtype=float)
        if av.kind == "transformed" and av.inverse is not None:
            with np.errstate(all="ignore"):
                arr = av.inverse(arr)
        return [None if not np.isfinite(v) else float(v) for v in arr.tolist()]

    if any(isinstance(v, str) for v in (*mark.x[:1], *mark.y[:1])):
        return mark  # date values are already readable
    raw = [list(p) for p in zip(back(xv, mark.x), back(yv, mark.y))]
    return replace(mark, raw=raw)


def _cartesian(ax, i, dom, fig, cbspec, entries, rel, rect_index, plain,
               laid_out: bool = False) -> AxesIR:
    where = f"axes {i}"
    xv, yv = axis_values(ax.xaxis), axis_values(ax.yaxis)
    ctx = Ctx(fig=fig, ax=ax, where=where, xv=xv, yv=yv, pt=PT, colorbar_for=cbspec)
    marks = _axes_marks(ax, ctx, where, entries)
    if "transformed" in (xv.kind, yv.kind):
        marks = [_with_raw(m, xv, yv) for m in marks]
    xa = axis_ir(ax, "x", xv, where, entries)
    ya = axis_ir(ax, "y", yv, where, entries)
    rect_axes = [a for a in plain if a.name == "rectilinear"]

    def plain_index(k: int | None) -> int | None:
        return None if k is None else plain.index(rect_axes[k])

    if "match_x" in rel:
        xa = replace(xa, matches=plain_index(rel["match_x"]))
    if "match_y" in rel:
        ya = replace(ya, matches=plain_index(rel["match_y"]))
    aspect = ax.get_aspect()
    fc = ax.get_facecolor()
    anchor = (0.5, 0.5)
    if aspect != "auto" and ax.get_axes_locator() is None:
        # the box that a draw shrinks to the aspect (``apply_aspect``): Plotly's scaleanchor
        # does the shrinking, so the domain is the same before and after a draw
        if not laid_out:
            dom = original_domain(ax, fig)
        a = ax.get_anchor()
        anchor = tuple(map(float, Bbox.coefs[a] if isinstance(a, str) else a))
    return AxesIR(
        index=i, kind="xy", domain=dom, xaxis=xa, yaxis=ya, marks=tuple(marks), anchor=anchor,
        titles=titles(ax, dom), bgcolor=rgba(fc) if ax.patch.get_visible() else
        "rgba(0,0,0,0)", aspect=float(aspect) if aspect != "auto" else None,
        twin_x_of=plain_index(rel.get("twin_x_of")), twin_y_of=plain_index(rel.get("twin_y_of")),
    )


def _figure_artists(fig: FigureBase, entries: list[ReportEntry], legends: list) -> list:
    """Figure-level text, lines, patches, legends and sup-titles, subfigures included."""
    out: list = []
    figs = [fig]
    k = 0
    while k < len(figs):
        figs.extend(getattr(figs[k], "subfigs", []))
        k += 1
    ctx = Ctx(fig=fig, ax=None, where="figure", xv=AxisValues("linear"), yv=AxisValues("linear"),
              pt=PT, kind="figure")
    for f in figs:
        sups = [(n, _compat.suptitle_text(f, n)) for n in ("_suptitle", "_supxlabel", "_supylabel")]
        for name, t in sups:
            if t is None:
                continue
            ex = _safe(extract, t, ctx)
            out.extend(ex.marks)
            entries.append(_entry("figure", t, ex, kind=name.strip("_")))
        sup_ids = {id(t) for _, t in sups if t is not None}
        for artist in [*f.texts, *f.lines, *f.patches, *f.images, *getattr(f, "artists", [])]:
            if id(artist) in sup_ids:
                continue
            ex = _safe(extract, artist, ctx)
            out.extend(ex.marks)
            entries.append(_entry("figure", artist, ex))
        for leg in f.legends:
            lir = _safe_legend(leg, fig, None, "figure", entries)
            if lir is not None:
                legends.append(lir)
    return out
