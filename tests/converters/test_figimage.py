"""fig.figimage → a Plotly layout image pinned to the figure, in the image's own colours."""

from __future__ import annotations

import base64
import io

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

from figlog.converters import to_plotly


def _pixels(uri: str) -> np.ndarray:
    raw = base64.b64decode(uri.split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(raw)).convert("RGBA"))


@pytest.mark.parametrize("origin", ["upper", "lower"])
def test_figimage_alone_is_a_paper_image_with_mapped_colours(origin):
    fig = plt.figure(figsize=(6.4, 4.8), dpi=100)
    data = np.arange(12.0).reshape(3, 4)
    fig.figimage(data, xo=100, yo=50, cmap="viridis", origin=origin, alpha=0.5, zorder=3)
    conv = to_plotly(fig)
    go.Figure(conv.figure)
    (img,) = conv.figure["layout"]["images"]
    assert (img["xref"], img["yref"], img["xanchor"], img["yanchor"]) == (
        "paper", "paper", "left", "top")
    # matplotlib's extent runs from the pixel edges, half a pixel before xo/yo
    assert img["x"] == pytest.approx(99.5 / 640) and img["sizex"] == pytest.approx(4 / 640)
    assert img["y"] == pytest.approx((49.5 + 3) / 480) and img["sizey"] == pytest.approx(3 / 480)
    assert img["opacity"] == 0.5 and img["layer"] == "above"
    px = _pixels(img["source"])
    want = (plt.get_cmap("viridis")(plt.Normalize(0, 11)(data)) * 255).round()
    top_row = want[0] if origin == "upper" else want[-1]
    assert px.shape == (3, 4, 4)
    assert np.abs(px[0].astype(float) - top_row).max() <= 1
    # no axes in the figure: Plotly must not draw default ones
    assert conv.figure["layout"]["xaxis"] == {"visible": False}
    assert conv.report.complete
