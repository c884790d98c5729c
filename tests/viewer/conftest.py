"""Fixtures for the viewer's tests: a store with one of every panel kind, built once."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from viewer_samples import make_store  # noqa: E402


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("viewer-sample")
    make_store(root)
    return root


@pytest.fixture
def client(sample_store):
    import warnings

    with warnings.catch_warnings():
        # Starlette 1.x suggests httpx2 for its test client; httpx is what the test extra has.
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from figlog.viewer import create_app

    with TestClient(create_app(sample_store), base_url="http://127.0.0.1:8765") as c:
        yield c
