"""Images and meshes: imshow/matshow → heatmap or image trace; pcolormesh → heatmap.

Scalar data becomes a Plotly heatmap carrying the raw values, the colormap as a colorscale
and the norm's limits, so hover shows the user's numbers. A non-linear norm (LogNorm,
BoundaryNorm, …) is applied here: the heatmap holds ``norm(value)`` in [0, 1], the raw values
ride along as ``customdata`` and the colorbar's ticks are placed at ``norm(tick)``, which
looks exactly like matplotlib. RGB(A) images become an ``image`` trace with a PNG data URI.
"""

from __future__ import annotations

import base64
import io

import numpy as np
from matplotlib.collections import PolyQuadMesh, QuadMesh
from matplotlib.image import AxesImage

from ._colors import TRANSPARENT, colorscale, normalized, rgba_list
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._transforms import classify, finite_list, to_coords
from .ir import ImageMark, LineMark
from .lines import public_label

__all__ = ["png_uri"]

_MAX_CELLS = 1_000_000
_SMOOTH = {"nearest", "none", "antialiased", "auto"}


def png_uri(rgba: np.ndarray) -> str:
    """An (h, w, 3|4) float or uint8 array as a ``data:image/png;base64,`` URI."""
    from PIL import Image

    arr = np.asarray(rgba)
    if arr.dtype != np.uint8:
        arr = (np.clip(np.nan_to_num(arr.astype(float)), 0, 1) * 255).round().astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _scalar_mark(values: np.ndarray, x: list, y: list, artist, ctx: Ctx, smooth: bool,
                 source: str) -> tuple[ImageMark, str]:
    norm = artist.norm
    linear = type(norm).__name__ == "Normalize"
    note = ""
    data = np.ma.masked_invalid(np.ma.asarray(values, dtype=float))
    if norm.vmin is None or norm.vmax is None:
        # autoscaling happens at draw time; do it on a copy, not on the artist's norm
        import copy

        norm = copy.copy(norm)
        norm.autoscale_None(data)
    if linear:
        z = _rows(data.filled(np.nan))
        zmin, zmax, custom = float(norm.vmin), float(norm.vmax), None
    else:
        z = _rows(normalized(norm, data))
        zmin, zmax, custom = 0.0, 1.0, _rows(data.filled(np.nan))
    mark = ImageMark(
        kind="heatmap", x=x, y=y, z=z, colorscale=colorscale(artist.get_cmap()),
        zmin=zmin, zmax=zmax, customdata=custom, smooth=smooth,
        opacity=_alpha(artist), colorbar=ctx.colorbar_for(artist, None if linear else norm),
        label=public_label(artist), source=source,
    )
    return mark, note


def _alpha(artist) -> float:
    a = artist.get_alpha()
    return float(a) if isinstance(a, (int, float)) else 1.0


def _rows(arr: np.ndarray) -> list:
    return [finite_list(row) for row in np.asarray(arr, dtype=float)]


def _centres(lo: float, hi: float, n: int) -> np.ndarray:
    step = (hi - lo) / n
    return lo + step * (np.arange(n) + 0.5)


@extract.register(AxesImage)
def _image(im: AxesImage, ctx: Ctx) -> Extraction:
    if not im.get_visible():
        return hidden("invisible")
    arr = im.get_array()
    if arr is None or arr.size == 0:
        return hidden("no data")
    notes = []
    if type(im) is not AxesImage:
        notes.append(f"{type(im).__name__} drawn on a uniform grid")
    if im.get_transform() is not ctx.ax.transData:
        notes.append("image with a custom transform placed by its extent")
    left, right, bottom, top = im.get_extent()
    h, w = arr.shape[:2]
    # extent gives the outer edges; "upper" puts row 0 at `top`, "lower" at `bottom`.
    xs = _centres(left, right, w)
    y0, y1 = (top, bottom) if im.origin == "upper" else (bottom, top)
    ys = _centres(y0, y1, h)
    stride = max(1, int(np.ceil(np.sqrt(h * w / _MAX_CELLS))))
    if stride > 1:
        notes.append(f"{h}x{w} pixels downsampled by {stride}")
        arr, xs, ys = arr[::stride, ::stride], xs[::stride], ys[::stride]
    smooth = str(im.get_interpolation()) not in _SMOOTH
    if arr.ndim == 2:
        mark, note = _scalar_mark(arr, ctx.xv(xs), ctx.yv(ys), im, ctx, smooth, "AxesImage")
    else:
        rgba = np.asarray(im.to_rgba(arr, alpha=im.get_alpha()))
        # an image trace places pixel (0, 0) at (x0, y0) and steps by (dx, dy); flip so that
        # the steps are positive whatever the origin and extent
        if xs[-1] < xs[0] if len(xs) > 1 else False:
            rgba, xs = rgba[:, ::-1], xs[::-1]
        if ys[-1] < ys[0] if len(ys) > 1 else False:
            rgba, ys = rgba[::-1], ys[::-1]
        if ctx.xv.kind != "linear" or ctx.yv.kind != "linear":
            notes.append("RGB image on a non-linear axis placed by its linear extent")
        dx = float(xs[1] - xs[0]) if len(xs) > 1 else float(right - left)
        dy = float(ys[1] - ys[0]) if len(ys) > 1 else float(abs(top - bottom))
        mark = ImageMark(kind="image", x=[float(xs[0]), dx], y=[float(ys[0]), dy],
                         source_uri=png_uri(rgba), opacity=_alpha(im), smooth=smooth,
                         label=public_label(im), source="AxesImage")
        note = ""
    if note:
        notes.append(note)
    return approximated("; ".join(notes), mark) if notes else converted(mark)


@extract.register(QuadMesh)
@extract.register(PolyQuadMesh)
def _mesh(mesh: QuadMesh | PolyQuadMesh, ctx: Ctx) -> Extraction:
    """``pcolormesh`` (QuadMesh) and ``pcolor`` (PolyQuadMesh).

    A rectilinear grid (edges along x constant down each column and along y constant across
    each row, or the transpose, as ``np.mgrid`` makes them) with plain fills becomes a
    heatmap; any other mesh is drawn as its cells, each with its exact corners and colour,
    which is what matplotlib draws.
    """
    if not mesh.get_visible():
        return hidden("invisible")
    coords = np.ma.asarray(mesh.get_coordinates(), dtype=float)  # (M+1, N+1, 2)
    arr = mesh.get_array()
    if arr is None or coords.size == 0:
        return _cells(mesh, ctx)
    m, n = coords.shape[0] - 1, coords.shape[1] - 1
    values = np.ma.asarray(arr)
    if values.ndim != 3 and values.size == (m + 1) * (n + 1) != m * n:
        return _gouraud(mesh, coords, values.reshape(m + 1, n + 1), ctx)
    if values.ndim == 3 or values.size != m * n:
        return _cells(mesh, ctx)
    values = values.reshape(m, n)
    grid = _grid_edges(coords)
    if grid is None or not _plain_fill(mesh, values):
        return _cells(mesh, ctx)
    xe, ye, transposed = grid
    if transposed:
        values = values.T
    if mesh.get_transform() is not ctx.ax.transData:
        xy = np.column_stack([np.r_[xe, np.full(len(ye), xe[0])],
                              np.r_[np.full(len(xe), ye[0]), ye]])
        d = to_coords(xy, mesh.get_transform(), ("data", "data"), ctx.ax, ctx.fig)
        xe, ye = d[: len(xe), 0], d[len(xe):, 1]
    # Plotly heatmaps take cell edges as x/y when they have one more entry than z
    mark, note = _scalar_mark(values, ctx.xv(xe), ctx.yv(ye), mesh, ctx, False, "QuadMesh")
    return approximated(note, mark) if note else converted(mark)


def _grid_edges(coords: np.ma.MaskedArray) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """(x edges, y edges, transposed) of a rectilinear mesh with monotonic edges, else None."""
    if np.ma.is_masked(coords):
        return None
    c = np.asarray(coords)
    x, y = c[..., 0], c[..., 1]
    if np.allclose(x, x[:1, :]) and np.allclose(y, y[:, :1]):
        xe, ye, transposed = x[0], y[:, 0], False
    elif np.allclose(x, x[:, :1]) and np.allclose(y, y[:1, :]):
        xe, ye, transposed = x[:, 0], y[0], True
    else:
        return None
    for e in (xe, ye):
        d = np.diff(e)
        if not (np.isfinite(e).all() and (np.all(d > 0) or np.all(d < 0))):
            return None
    return xe, ye, transposed


def _plain_fill(mesh, values: np.ma.MaskedArray) -> bool:
    """Whether a heatmap draws exactly what matplotlib draws for these cells: no edges,
    hatch or per-cell alpha, and no cell in a bad/under/over colour that a Plotly
    colorscale cannot show."""
    edges = np.asarray(mesh.get_edgecolor(), dtype=float).reshape(-1, 4)
    widths = np.asarray(mesh.get_linewidths(), dtype=float)
    if len(edges) and np.any(edges[:, 3] > 0) and np.any(widths > 0):
        return False
    if mesh.get_hatch() or np.ndim(mesh.get_alpha()) > 0:
        return False
    cmap, norm = mesh.get_cmap(), mesh.norm
    data = np.ma.masked_invalid(np.ma.asarray(values, dtype=float))
    if isinstance(mesh, QuadMesh) and np.ma.count_masked(data) and cmap.get_bad()[3] > 0:
        return False  # pcolor (PolyQuadMesh) leaves masked cells out, as a heatmap does
    if norm.vmin is None or norm.vmax is None:
        return True
    with np.errstate(all="ignore"):
        scaled = np.ma.asarray(norm(data), dtype=float)
    if np.ma.count(scaled) == 0:
        return True
    lo, hi = scaled.min(), scaled.max()
    if lo < 0 and not np.allclose(cmap.get_under(), cmap(0.0)):
        return False
    return not (hi >= 1 and not np.allclose(cmap.get_over(), cmap(cmap.N - 1)))


def _cells(mesh, ctx: Ctx) -> Extraction:
    """Every cell as a filled polygon with its exact corners and colour."""
    from .collections import _paths

    return _paths(mesh, ctx)


def _gouraud(mesh: QuadMesh, coords: np.ma.MaskedArray, values: np.ma.MaskedArray,
             ctx: Ctx) -> Extraction:
    """``shading="gouraud"``: matplotlib splits each cell into four triangles around its
    centre and blends the corner colours across each; Plotly has no blended fill, so each
    triangle is cut into up to 64 flat pieces coloured at their centres."""
    from .collections import _colorbar_carrier

    p = np.asarray(coords.filled(np.nan) if np.ma.isMaskedArray(coords) else coords)
    v = np.ma.masked_invalid(np.ma.asarray(values, dtype=float)).filled(np.nan)
    v = np.where(np.ma.getmaskarray(coords).any(axis=-1), np.nan, v)
    corners = [(slice(None, -1), slice(None, -1)), (slice(None, -1), slice(1, None)),
               (slice(1, None), slice(1, None)), (slice(1, None), slice(None, -1))]
    pc = [p[s] for s in corners]
    vc = [v[s] for s in corners]
    ok = np.isfinite(sum(vc)) & np.isfinite(sum(pc)).all(axis=-1)  # cells with 4 good corners
    p_mid, v_mid = sum(pc) / 4, sum(vc) / 4
    tri_p = np.stack([np.stack([pc[k], pc[(k + 1) % 4], p_mid], axis=-2)[ok]
                      for k in range(4)], axis=1).reshape(-1, 3, 2)
    tri_v = np.stack([np.stack([vc[k], vc[(k + 1) % 4], v_mid], axis=-1)[ok]
                      for k in range(4)], axis=1).reshape(-1, 3)
    if len(tri_p) == 0:
        return hidden("no cell with four unmasked corners")
    transform = mesh.get_transform()
    note = ""
    if transform is not ctx.ax.transData:
        if classify(transform, ctx.ax, ctx.fig) != ("data", "data"):
            note = "; mesh in axes- or figure-relative coordinates placed at its data position"
        tri_p = to_coords(tri_p.reshape(-1, 2), transform, ("data", "data"), ctx.ax,
                          ctx.fig).reshape(-1, 3, 2)
    k = int(np.clip(np.sqrt(_GOURAUD_PIECES / len(tri_p)), 1, 8))
    verts_w, centre_w = _subdivision(k)
    pieces = np.einsum("svc,tcd->tsvd", verts_w, tri_p).reshape(-1, 3, 2)
    piece_v = np.einsum("sc,tc->ts", centre_w, tri_v).ravel()
    rgba = np.asarray(mesh.to_rgba(piece_v, alpha=mesh.get_alpha()), dtype=float)
    keys, inverse = np.unique(np.round(rgba * 255).astype(np.int64) @ [1 << 24, 1 << 16, 256, 1],
                              return_inverse=True)
    label = public_label(mesh)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(keys) + 1))
    marks: list = []
    for g in range(len(keys)):
        idx = order[bounds[g]:bounds[g + 1]]
        color = rgba_list(rgba[idx[:1]], 1)[0]
        if color == TRANSPARENT:
            continue
        # pieces have no holes: separate them by gaps, which Plotly's fill="toself" closes
        # one by one, rather than by the zero-area bridges polyline_mark uses, which
        # antialiasing shows as hairlines
        xy = np.concatenate([pieces[idx], np.full((len(idx), 1, 2), np.nan)], axis=1)
        xy = xy.reshape(-1, 2)[:-1]
        marks.append(LineMark(x=ctx.xv(xy[:, 0]), y=ctx.yv(xy[:, 1]), line=None, fill=color,
                              label=label, source="QuadMesh"))
    colorbar = ctx.colorbar_for(mesh, "bar")
    if colorbar is not None:
        marks.append(_colorbar_carrier(mesh, colorbar, ctx))
    return approximated(f"Gouraud shading drawn as {k * k} flat pieces per triangle" + note,
                        *marks)


_GOURAUD_PIECES = 4096  # flat pieces per Gouraud mesh (each triangle gets 1 to 64): ~0.3 MB JSON


def _subdivision(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Barycentric weights cutting a triangle into k*k: (k*k, 3 vertices, 3) and the
    weights of each piece's centre (k*k, 3)."""
    tris = []
    for i in range(k):
        for j in range(k - i):
            tris.append([(i, j), (i + 1, j), (i, j + 1)])
            if i + j < k - 1:
                tris.append([(i + 1, j), (i + 1, j + 1), (i, j + 1)])
    lattice = np.asarray(tris, dtype=float) / k  # (k*k, 3, 2): weights of vertices 1, 2
    w = np.concatenate([1 - lattice.sum(axis=-1, keepdims=True), lattice], axis=-1)
    return w, w.mean(axis=1)
