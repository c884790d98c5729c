"""The only place that reads matplotlib's private attributes.

Each reader names the matplotlib versions it was checked against (3.9 to 3.11) and why no
public getter does the job. Every reader degrades to a neutral answer if the attribute is
gone, so a future matplotlib makes the conversion less detailed, never broken.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "colorbar_aspect",
    "colorbar_extend_patches",
    "colorbar_of",
    "colorbar_placed_by_user",
    "facecolors3d",
    "grid_visible",
    "inset_indicator_parts",
    "legend_columns",
    "legend_loc",
    "offsets3d",
    "quiver_key_arrow",
    "quiver_ready",
    "poly3d_faces",
    "segments3d",
    "suptitle_text",
    "text3d_direction",
    "tick_label_style",
    "tick_labels_shown",
    "tick_marks_and_grid",
    "user_locator_of_colorbar",
]


def legend_loc(legend: Any) -> Any:
    """The legend's ``loc`` code (int) or (x, y) tuple.

    3.9–3.11: ``Legend._loc``; ``get_loc`` does not exist and the public position
    (``get_window_extent``) needs a renderer, i.e. a draw.
    """
    return getattr(legend, "_loc", 1)


def legend_columns(legend: Any) -> int:
    """How many columns a legend lays its entries out in (``ncols``).

    3.9–3.11: ``Legend._ncols``; there is no getter.
    """
    try:
        return max(1, int(getattr(legend, "_ncols", 1)))
    except (TypeError, ValueError):
        return 1


def colorbar_of(ax: Any) -> Any:
    """The Colorbar drawn in ``ax``, if ``ax`` is a colorbar axes.

    3.6–3.11: ``Colorbar.__init__`` sets ``ax._colorbar``; mappables know their colorbar
    (public ``ScalarMappable.colorbar``), but a colorbar of a free-standing ScalarMappable has
    no mappable inside any axes, so only this attribute finds its axes.
    """
    return getattr(ax, "_colorbar", None)


def colorbar_extend_patches(cb: Any) -> list:
    """The triangles (or rectangles) a colorbar draws for ``extend="min"/"max"/"both"``.

    3.9–3.11: ``Colorbar._extend_patches``, filled when the colorbar is built (no draw
    needed); the public ``extend``/``extendfrac`` say that they exist but not their exact
    length ("auto" depends on the boundaries) or colour (the under/over colours).
    """
    return list(getattr(cb, "_extend_patches", None) or [])


def colorbar_aspect(cax: Any) -> float | None:
    """The ``aspect`` (long side / short side) a colorbar axes was made with, or None.

    3.9–3.11: ``make_axes``/``make_axes_gridspec`` store it in ``cax._colorbar_info``; the
    public ``get_box_aspect`` holds it only until the first draw, when the colorbar's axes
    locator overwrites it with a value shrunk for the ``extend`` triangles.
    """
    info = getattr(cax, "_colorbar_info", None)
    try:
        return float(info["aspect"]) if info and info.get("aspect") else None
    except (TypeError, ValueError, KeyError):
        return None


def colorbar_placed_by_user(cax: Any) -> bool:
    """Whether a colorbar axes is positioned by a locator of the user's (``inset_axes``).

    3.9–3.11: the colorbar wraps any such locator as ``_ColorbarAxesLocator._orig_locator``;
    ``get_axes_locator`` returns only the wrapper.
    """
    return user_locator_of_colorbar(cax) is not None


def user_locator_of_colorbar(cax: Any) -> Any:
    """The user's own axes locator under a colorbar's wrapper (``inset_axes``), or None.

    3.9–3.11: ``_ColorbarAxesLocator._orig_locator``.
    """
    locator = cax.get_axes_locator()
    return getattr(locator, "_orig_locator", None) if locator is not None else None


def text3d_direction(text: Any) -> tuple[float, float, float]:
    """The 3-D direction a Text3D's baseline follows; (0, 0, 0) for screen-aligned text.

    3.9–3.11: ``Text3D._dir_vec``, set from ``zdir``; there is no getter.
    """
    try:
        return tuple(float(v) for v in getattr(text, "_dir_vec", (0.0, 0.0, 0.0)))
    except (TypeError, ValueError):
        return (1.0, 0.0, 0.0)


def inset_indicator_parts(ind: Any) -> tuple[Any, bool, list]:
    """The inset axes an ``InsetIndicator`` frames, whether its frame follows that axes'
    limits, and the connector patches it has built so far (none before the first draw).

    3.10–3.11: ``InsetIndicator._inset_ax``, ``_auto_update_bounds``, ``_connectors``; the
    public ``connectors`` property builds the connectors (changing the artist) to answer,
    and ``get_children`` does not list them.
    """
    return (getattr(ind, "_inset_ax", None), bool(getattr(ind, "_auto_update_bounds", False)),
            list(getattr(ind, "_connectors", None) or []))


def quiver_ready(q: Any) -> Any:
    """A copy of a ``Quiver`` with its arrows built, the user's quiver left as it is.

    3.9–3.11: a quiver works out its scale, width and arrow polygons only when it is drawn
    (``Quiver.draw`` calls ``_init`` and ``_make_verts`` and stores the result on itself);
    before a draw it has no paths. Those steps run here on a shallow copy whose change
    notifications go nowhere, so the figure is not touched and the arrows are the ones a
    draw would make.
    """
    import copy

    from matplotlib import cbook

    twin = copy.copy(q)
    twin.stale_callback = None
    twin._callbacks = cbook.CallbackRegistry(signals=["pchanged"])
    twin._init()
    twin.set_verts(twin._make_verts(twin.XY, twin.U, twin.V, twin.angles), closed=False)
    return twin


def quiver_key_arrow(key: Any, ready: Any) -> list:
    """The arrow polygon of a ``QuiverKey`` (in the quiver's arrow units), as its draw
    makes it, from ``ready`` (see :func:`quiver_ready`).

    3.9–3.11: ``QuiverKey._init`` builds it with the quiver's ``_make_verts`` while the
    quiver's pivot follows the label side and its mask is off; here on another copy.
    """
    import copy

    twin = copy.copy(ready)
    twin.pivot = key.pivot[key.labelpos]
    twin.Umask = np.ma.nomask
    u = key.U * np.cos(np.radians([key.angle]))
    v = key.U * np.sin(np.radians([key.angle]))
    return list(twin._make_verts(np.array([[0.0, 0.0]]), u, v, "uv"))


def tick_marks_and_grid(axis: Any, which: str = "major") -> dict:
    """Whether tick marks are drawn, and the grid lines' style, for major/minor ticks.

    3.9–3.11: ``Axis._{which}_tick_kw`` (``tick1On``/``tick2On``, ``grid_color``,
    ``grid_linestyle``, ``grid_linewidth``, ``grid_alpha``), falling back on rcParams as
    new ticks do; the public route (``get_gridlines``, ``get_ticklines``) builds the ticks.
    """
    import matplotlib as mpl

    kw = getattr(axis, f"_{which}_tick_kw", {}) or {}
    made = vars(axis).get("majorTicks" if which == "major" else "minorTicks")
    if made:
        marks = bool(made[0].tick1line.get_visible() or made[0].tick2line.get_visible())
    else:
        marks = bool(kw.get("tick1On", True) or kw.get("tick2On", False))
    return {
        "marks": marks,
        "color": kw.get("grid_color", mpl.rcParams["grid.color"]),
        "linestyle": kw.get("grid_linestyle", mpl.rcParams["grid.linestyle"]),
        "linewidth": float(kw.get("grid_linewidth", mpl.rcParams["grid.linewidth"])),
        "alpha": kw.get("grid_alpha", mpl.rcParams["grid.alpha"]),
    }


def tick_labels_shown(axis: Any) -> bool:
    """Whether the axis shows its major tick labels on either side.

    3.9–3.11: ``Axis._major_tick_kw["label1On"/"label2On"]`` (what new ticks get; shared
    axes hide their inner labels this way, ``tick_params(labelbottom=False)`` too), or the
    first existing tick's labels when ticks were made; no public getter answers without
    making ticks.
    """
    made = vars(axis).get("majorTicks")
    if made:
        return bool(made[0].label1.get_visible() or made[0].label2.get_visible())
    kw = getattr(axis, "_major_tick_kw", {}) or {}
    return bool(kw.get("label1On", True) or kw.get("label2On", False))


def tick_label_style(axis: Any) -> tuple[float, float, Any]:
    """(rotation in degrees, font size in points, colour) of an axis' major tick labels.

    3.9–3.11: ticks are made lazily (``Axis.majorTicks`` is replaced by a list on first
    use); ``get_majorticklabels`` would build one Tick per location, which costs more than
    the rest of the conversion on a figure that has never been drawn. When the ticks exist
    (a draw, ``plt.xticks(rotation=...)``) the first label is read; otherwise the template
    new ticks are made from (``Axis._major_tick_kw``, else rcParams).
    """
    made = vars(axis).get("majorTicks")
    if made:
        label = made[0].label1
        return float(label.get_rotation()), float(label.get_fontsize()), label.get_color()
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties

    kw = getattr(axis, "_major_tick_kw", {}) or {}
    name = getattr(axis, "axis_name", "x")
    size = kw.get("labelsize", mpl.rcParams.get(f"{name}tick.labelsize", "medium"))
    try:
        points = float(FontProperties(size=size).get_size_in_points())
    except (TypeError, ValueError):
        points = 10.0
    rotation = kw.get("labelrotation", 0.0)
    try:
        rotation = float(rotation[-1] if isinstance(rotation, tuple) else rotation)
    except (TypeError, ValueError, IndexError):
        rotation = 0.0
    color = kw.get("labelcolor", mpl.rcParams.get(f"{name}tick.labelcolor", "inherit"))
    if str(color) == "inherit":
        color = kw.get("color", mpl.rcParams.get(f"{name}tick.color", "black"))
    return rotation, points, color


def grid_visible(axis: Any, which: str = "major") -> bool:
    """Whether major (or minor) grid lines are on.

    3.9–3.11: ``Axis._major_tick_kw["gridOn"]`` (``_minor_tick_kw``); the public route
    (``get_gridlines``) instantiates every tick, which costs more than the whole rest of
    the axis.
    """
    kw = getattr(axis, f"_{which}_tick_kw", {}) or {}
    if "gridOn" in kw:
        return bool(kw["gridOn"])
    import matplotlib as mpl

    return bool(mpl.rcParams["axes.grid"]) and mpl.rcParams["axes.grid.which"] in (which, "both")


def suptitle_text(fig: Any, which: str = "_suptitle") -> Any:
    """The suptitle/supxlabel/supylabel Text artist (for its position and font).

    3.9–3.11: ``Figure._suptitle``/``_supxlabel``/``_supylabel``; ``get_suptitle()`` (3.8)
    returns only the string.
    """
    return getattr(fig, which, None)


def offsets3d(coll: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The 3-D data positions of a ``Path3DCollection`` (``Axes3D.scatter``).

    3.9–3.11: ``_offsets3d``; the public ``get_offsets`` holds the 2-D projection.
    """
    data = getattr(coll, "_offsets3d", None)
    if data is None:
        return None
    xs, ys, zs = (np.ma.asarray(v, dtype=float).filled(np.nan).ravel() for v in data)
    return xs, ys, zs


def segments3d(coll: Any) -> list[np.ndarray] | None:
    """The 3-D segments of a ``Line3DCollection`` (wireframes, 3-D stems, quiver).

    3.9–3.11: ``_segments3d``; ``get_segments`` holds the 2-D projection.
    """
    segs = getattr(coll, "_segments3d", None)
    if segs is None:
        return None
    return [np.asarray(s, dtype=float).reshape(-1, 3) for s in segs]


def poly3d_faces(coll: Any) -> list[np.ndarray] | None:
    """The 3-D polygons of a ``Poly3DCollection`` (surfaces, bar3d, voxels).

    3.10–3.11: ``_faces`` (n, m, 3) with ``_invalid_vertices``; 3.9: ``_vec`` (4, N)
    homogeneous points cut by ``_segslices``. The 2-D ``get_paths`` is the projection.
    """
    faces = getattr(coll, "_faces", None)
    if faces is not None:
        invalid = getattr(coll, "_invalid_vertices", False)
        faces = np.asarray(faces, dtype=float)
        if invalid is False or np.ndim(invalid) == 0:
            return list(faces)
        invalid = np.broadcast_to(invalid, faces.shape[:2])
        return [f[~bad] for f, bad in zip(faces, invalid)]
    vec = getattr(coll, "_vec", None)
    slices = getattr(coll, "_segslices", None)
    if vec is None or slices is None:
        return None
    pts = np.asarray(vec, dtype=float)[:3].T
    return [pts[s] for s in slices]


def facecolors3d(coll: Any) -> np.ndarray:
    """A 3-D collection's face colours before depth shading.

    3.9–3.11: ``_facecolor3d``; ``get_facecolor`` returns the shaded, depth-sorted colours
    of the last draw, or none before a draw.
    """
    fc = getattr(coll, "_facecolor3d", None)
    if fc is None or len(fc) == 0:
        fc = coll.get_facecolor()
    return np.asarray(fc, dtype=float).reshape(-1, 4)


def title_artists(ax: Any) -> tuple:
    """The axes' three title Text artists (centre, left, right).

    3.9–3.11: ``Axes.title`` is public, ``_left_title``/``_right_title`` are not;
    ``get_title(loc)`` returns only their strings. They are children of the axes and must
    be told apart from user text.
    """
    return tuple(t for t in (getattr(ax, "title", None), getattr(ax, "_left_title", None),
                             getattr(ax, "_right_title", None)) if t is not None)


def axis3d_on(ax: Any) -> bool:
    """Whether a 3-D axes draws its axes (panes, ticks, labels).

    3.9–3.11: ``Axes3D._axis3don``; Axes3D turns the 2-D ``axison`` off for itself and
    keeps its own flag, which ``set_axis_on``/``set_axis_off`` update.
    """
    return bool(getattr(ax, "_axis3don", True))


def edgecolors3d(coll: Any) -> np.ndarray:
    """A 3-D collection's edge colours before depth shading (see ``facecolors3d``).

    3.9–3.11: ``_edgecolor3d``.
    """
    ec = getattr(coll, "_edgecolor3d", None)
    if ec is None or len(ec) == 0:
        ec = coll.get_edgecolor()
    return np.asarray(ec, dtype=float).reshape(-1, 4)


def patch3d_vertices(patch: Any) -> np.ndarray | None:
    """The 3-D outline of a ``Patch3D`` (``Axes3D.bar``, patches lifted by ``pathpatch_2d_to_3d``).

    3.9–3.11: ``_segment3d``; the 2-D path is the last projection.
    """
    seg = getattr(patch, "_segment3d", None)
    if seg is None:
        return None
    return np.asarray(seg, dtype=float).reshape(-1, 3)


def secondary_axis(ax: Any) -> tuple[str, Any, Any, Any] | None:
    """(orientation "x"/"y", forward, inverse, parent axes) of a ``secondary_xaxis`` /
    ``secondary_yaxis``, or None for any other axes.

    3.9–3.11: ``SecondaryAxis`` lives in the private ``matplotlib.axes._secondary_axes``
    and keeps ``_orientation``, ``_functions`` and ``_parent``; none has a getter.
    """
    try:
        from matplotlib.axes._secondary_axes import SecondaryAxis
    except ImportError:  # pragma: no cover
        return None
    if not isinstance(ax, SecondaryAxis):
        return None
    functions = getattr(ax, "_functions", None)
    parent = getattr(ax, "_parent", None)
    orientation = getattr(ax, "_orientation", None)
    if functions is None or parent is None or orientation not in ("x", "y"):
        return None
    forward, inverse = functions if isinstance(functions, tuple) else (None, None)
    return orientation, forward, inverse, parent
