"""``figlog.Image``: a raster image encoded once, at construction, in memory."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import numpy as np

from ..converters import is_matplotlib, to_image
from ._base import Media

__all__ = ["Image"]

_FILE_TYPES = {"png": "PNG", "jpeg": "JPEG", "jpg": "JPEG", "webp": "WEBP", "gif": "GIF"}


def _pil():
    from PIL import Image as PILImage

    return PILImage


class Image(Media):
    """An image to log: encoded bytes plus caption and size.

    Parameters
    ----------
    data : PIL image, (H, W) / (H, W, 3) / (H, W, 4) array, path, or matplotlib pyplot/Figure/Axes
        Arrays are uint8, bool, or float in [0, 1]; other values are an error, not clipped.
        A matplotlib figure is rasterised with ``savefig``.
    caption : str, optional
    mode : PIL mode to convert to ("L", "RGB", "RGBA", ...), optional
    file_type : 'png' (default), 'jpeg', 'webp' or 'gif'
    dpi : resolution for matplotlib figures; the figure's own when None

    Examples
    --------
    >>> import numpy as np
    >>> img = Image(np.zeros((4, 6, 3), dtype=np.uint8), caption="black")
    >>> (img.width, img.height, img.format)
    (6, 4, 'png')
    """

    kind = "image"
    __slots__ = ("data", "format", "width", "height", "caption")

    data: bytes
    format: str
    width: int
    height: int
    caption: str | None

    def __init__(
        self,
        data: Any,
        *,
        caption: str | None = None,
        mode: str | None = None,
        file_type: str = "png",
        dpi: float | None = None,
    ) -> None:
        if file_type not in _FILE_TYPES:
            msg = (
                f"Image(file_type={file_type!r}) is not supported; "
                f"supported: {', '.join(map(repr, _FILE_TYPES))}"
            )
            raise ValueError(msg)
        if caption is not None and not isinstance(caption, str):
            msg = f"Image(caption=...) must be a str or None, got {type(caption).__name__}"
            raise TypeError(msg)
        fmt = "jpeg" if file_type == "jpg" else file_type
        PILImage = _pil()
        if isinstance(data, Image):
            pil = PILImage.open(io.BytesIO(data.data))
        elif isinstance(data, PILImage.Image):
            pil = data
        elif isinstance(data, np.ndarray):
            pil = PILImage.fromarray(_array_to_uint8(data))
        elif isinstance(data, (str, os.PathLike)):
            pil = _open_path(Path(data))
        elif is_matplotlib(data):
            png = to_image(data, "png", dpi=dpi)
            pil = PILImage.open(io.BytesIO(png))
        else:
            msg = (
                "Image(data=...) expects a PIL image, a numpy array, a path or a matplotlib "
                f"Figure/Axes/pyplot, got {type(data).__module__}.{type(data).__qualname__}"
            )
            raise TypeError(msg)
        if mode is not None:
            pil = pil.convert(mode)
        if fmt == "jpeg" and pil.mode not in ("L", "RGB", "CMYK"):
            pil = pil.convert("RGB")  # JPEG has no alpha channel
        buf = io.BytesIO()
        pil.save(buf, format=_FILE_TYPES[fmt])
        self._init(data=buf.getvalue(), format=fmt, width=pil.width, height=pil.height,
                   caption=caption)

    @classmethod
    def from_bytes(cls, data: bytes, *, caption: str | None = None) -> Image:
        """An Image around already encoded bytes (as read back from a store)."""
        PILImage = _pil()
        pil = PILImage.open(io.BytesIO(data))
        self = object.__new__(cls)
        self._init(data=bytes(data), format=(pil.format or "png").lower(), width=pil.width,
                   height=pil.height, caption=caption)
        return self

    def to_pil(self):
        """The image as a PIL image."""
        return _pil().open(io.BytesIO(self.data))

    def to_numpy(self) -> np.ndarray:
        """The decoded pixels."""
        return np.asarray(self.to_pil())

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Image) and self.data == other.data
                and self.caption == other.caption)

    def __hash__(self) -> int:
        return hash((self.data, self.caption))

    def __repr__(self) -> str:
        cap = f", caption={self.caption!r}" if self.caption else ""
        return f"Image({self.width}x{self.height} {self.format}{cap})"


def _array_to_uint8(arr: np.ndarray) -> np.ndarray:
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (1, 3, 4)):
        msg = (
            f"Image(data=...) array has shape {arr.shape}; expected (H, W), (H, W, 3) or "
            "(H, W, 4)"
        )
        raise ValueError(msg)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.dtype == np.uint8:
        return arr
    if arr.dtype == bool:
        return arr.astype(np.uint8) * 255
    if np.issubdtype(arr.dtype, np.floating):
        finite = np.isfinite(arr)
        if not finite.all():
            msg = "Image(data=...) float array holds NaN or inf; expected values in [0, 1]"
            raise ValueError(msg)
        lo, hi = float(arr.min()), float(arr.max())
        if lo < 0.0 or hi > 1.0:
            msg = (
                f"Image(data=...) float array has values in [{lo:g}, {hi:g}]; expected [0, 1]. "
                "Scale it (e.g. arr / 255) or pass uint8."
            )
            raise ValueError(msg)
        return np.round(arr * 255.0).astype(np.uint8)
    if np.issubdtype(arr.dtype, np.integer):
        lo, hi = int(arr.min()), int(arr.max())
        if lo < 0 or hi > 255:
            msg = (
                f"Image(data=...) integer array ({arr.dtype}) has values in [{lo}, {hi}]; "
                "expected [0, 255]. Pass uint8, or floats in [0, 1]."
            )
            raise ValueError(msg)
        return arr.astype(np.uint8)
    msg = f"Image(data=...) array dtype {arr.dtype} is not supported; use uint8 or float"
    raise TypeError(msg)


def _open_path(path: Path):
    if not path.exists():
        msg = f"Image(data=...) path {str(path)!r} does not exist"
        raise FileNotFoundError(msg)
    if path.is_dir():
        msg = f"Image(data=...) path {str(path)!r} is a directory; expected an image file"
        raise IsADirectoryError(msg)
    PILImage = _pil()
    try:
        pil = PILImage.open(path)
        pil.load()
    except Exception as exc:  # PIL raises several kinds; the message is what matters
        msg = f"Image(data=...) could not read {str(path)!r} as an image: {exc}"
        raise ValueError(msg) from exc
    return pil
