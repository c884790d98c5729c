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
from matplotlib.collections import QuadMesh
from matplotlib.image import AxesImage

from ._colors import colorscale, normalized
from ._context import Ctx, Extraction, approximated, converted, extract, hidden
from ._transforms import finite_list
from .ir import ImageMark
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
def _mesh(mesh: QuadMesh, ctx: Ctx) -> Extraction:
    if not mesh.get_visible():
        return hidden("invisible")
    coords = np.asarray(mesh.get_coordinates(), dtype=float)  # (M+1, N+1, 2)
    arr = mesh.get_array()
    if arr is None or coords.size == 0:
        return hidden("no data")
    m, n = coords.shape[0] - 1, coords.shape[1] - 1
    values = np.ma.asarray(arr)
    if values.ndim == 3:
        return _rgb_mesh_fallback(mesh, ctx)
    values = values.reshape(m, n)
    xe, ye = coords[0, :, 0], coords[:, 0, 1]
    rect = np.allclose(coords[..., 0], xe[None, :]) and np.allclose(coords[..., 1], ye[:, None])
    if not rect:
        from .collections import _paths

        base = _paths(mesh, ctx)
        reason = "curvilinear mesh drawn as filled cells"
        return Extraction(base.marks, "approximated" if base.marks else "skipped",
                          "; ".join(r for r in (reason, base.reason) if r))
    if mesh.get_transform() is not ctx.ax.transData:
        xy = np.column_stack([np.r_[xe, np.full(len(ye), xe[0])],
                              np.r_[np.full(len(xe), ye[0]), ye]])
        from ._transforms import to_coords

        d = to_coords(xy, mesh.get_transform(), ("data", "data"), ctx.ax, ctx.fig)
        xe, ye = d[: len(xe), 0], d[len(xe):, 1]
    # Plotly heatmaps take cell edges as x/y when they have one more entry than z
    mark, note = _scalar_mark(values, ctx.xv(xe), ctx.yv(ye), mesh, ctx, False, "QuadMesh")
    return approximated(note, mark) if note else converted(mark)


def _rgb_mesh_fallback(mesh: QuadMesh, ctx: Ctx) -> Extraction:
    from .collections import _paths

    base = _paths(mesh, ctx)
    return Extraction(base.marks, "approximated" if base.marks else "skipped",
                      "RGB mesh drawn as filled cells")
