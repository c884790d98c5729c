"""Converter tests run headless and close the figures they made."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from ._golden import Golden  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_style():
    """Default style and no figures left over, so tests do not leak into each other."""
    with matplotlib.rc_context(matplotlib.rcParamsDefault):
        matplotlib.use("Agg")
        yield
    plt.close("all")


@pytest.fixture
def golden(request) -> Golden:
    return Golden(update=request.config.getoption("--update-golden"))
