"""Browser tests drive Debian's Chromium (installed by `make test`); without it they fail."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _chromium_is_installed():
    assert CHROMIUM.exists(), (
        "Debian's chromium is not installed at /usr/bin/chromium; run `make chromium` "
        "(make test does it)"
    )
