"""Shared fixtures for the chart tests: the vendored Vega-Lite schema and a sample of charts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest


DATA = Path(__file__).parent / "data"
# The Vega-Lite version vl-convert 1.9 bundles (its newest); the schema is the one npm's
# vega-lite@6.4.1 package ships in build/vega-lite-schema.json.
SCHEMA_FILE = DATA / "vega-lite-v6.4.1.schema.json"


@pytest.fixture(scope="session")
def vl_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text())
    return jsonschema.Draft7Validator(schema)
