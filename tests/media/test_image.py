"""figlog.Image: every accepted input, and the errors for the rest."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

import figlog  # noqa: E402


def _pixels(img: figlog.Image) -> np.ndarray:
    return np.asarray(PILImage.open(io.BytesIO(img.data)))


@pytest.mark.parametrize("shape", [(5, 7), (5, 7, 3), (5, 7, 4)])
def test_uint8_arrays_keep_their_pixels(shape):
    arr = np.random.default_rng(1).integers(0, 256, shape, dtype=np.uint8)
    img = figlog.Image(arr)
    assert (img.width, img.height, img.format) == (7, 5, "png")
    np.testing.assert_array_equal(_pixels(img), arr)


def test_float_arrays_in_unit_range_scale_to_uint8():
    arr = np.array([[0.0, 0.5], [1.0, 0.25]])
    np.testing.assert_array_equal(_pixels(figlog.Image(arr)), [[0, 128], [255, 64]])


def test_out_of_range_floats_are_an_error_not_clipped():
    with pytest.raises(ValueError, match=r"float array has values in \[-0.5, 2\]; expected \[0, 1\]"):
        figlog.Image(np.array([[-0.5, 2.0]]))
    with pytest.raises(ValueError, match="holds NaN or inf"):
        figlog.Image(np.array([[np.nan, 0.5]]))


def test_bad_shapes_and_types_name_the_argument():
    with pytest.raises(ValueError, match=r"Image\(data=...\) array has shape \(2, 2, 2\)"):
        figlog.Image(np.zeros((2, 2, 2)))
    with pytest.raises(TypeError, match=r"Image\(data=...\) expects a PIL image.*got builtins.dict"):
        figlog.Image({"a": 1})
    with pytest.raises(ValueError, match=r"Image\(file_type='bmp'\) is not supported"):
        figlog.Image(np.zeros((2, 2)), file_type="bmp")


def test_pil_path_and_mode(tmp_path):
    pil = PILImage.new("RGB", (4, 3), (10, 20, 30))
    path = tmp_path / "x.png"
    pil.save(path)
    from_pil, from_path = figlog.Image(pil), figlog.Image(str(path))
    assert from_pil == from_path
    grey = figlog.Image(pil, mode="L", caption="grey")
    assert _pixels(grey).shape == (3, 4) and grey.caption == "grey"
    with pytest.raises(FileNotFoundError, match="does not exist"):
        figlog.Image(tmp_path / "missing.png")
    (tmp_path / "bad.png").write_text("not an image")
    with pytest.raises(ValueError, match="could not read .* as an image"):
        figlog.Image(tmp_path / "bad.png")


def test_matplotlib_inputs_rasterise_with_savefig_and_leave_the_figure_open():
    fig, ax = plt.subplots(figsize=(2, 1), dpi=50)
    ax.plot([0, 1], [0, 1])
    try:
        by_fig, by_ax, by_plt = figlog.Image(fig), figlog.Image(ax), figlog.Image(plt)
        assert (by_fig.width, by_fig.height) == (100, 50)
        assert by_fig == by_ax == by_plt
        assert figlog.Image(fig, dpi=100).width == 200
        assert plt.fignum_exists(fig.number)
    finally:
        plt.close(fig)


def test_jpeg_drops_alpha():
    img = figlog.Image(np.zeros((2, 2, 4), dtype=np.uint8), file_type="jpg")
    assert img.format == "jpeg" and img.data[:2] == b"\xff\xd8"


def test_images_are_immutable():
    img = figlog.Image(np.zeros((2, 2), dtype=np.uint8))
    with pytest.raises(AttributeError, match="Image is immutable"):
        img.caption = "x"
