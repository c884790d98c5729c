"""Golden JSON files for converter output: rounded floats, volatile keys dropped."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden" / "converters"


def _round(value: Any) -> Any:
    """Floats to 4 significant digits; data URIs by digest (PNG bytes vary with zlib)."""
    if isinstance(value, float):
        if not math.isfinite(value) or value == 0:
            return value
        return float(f"{value:.4g}")
    if isinstance(value, str) and value.startswith("data:image/"):
        return "data-uri sha256 " + hashlib.sha256(value.encode()).hexdigest()[:12]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return value


def normalise(figure: dict[str, Any]) -> Any:
    return _round(json.loads(json.dumps(figure)))


class Golden:
    """``golden.check("case", figure_dict)``: compare with (or, with --update-golden,
    rewrite) ``tests/golden/converters/case.json``."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, case: str, figure: dict[str, Any]) -> None:
        path = GOLDEN_DIR / f"{case}.json"
        got = normalise(figure)
        if self.update or not path.exists():
            if not self.update:
                # a missing golden is written once and then fails loudly, so it is
                # reviewed and committed rather than silently passing
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
                msg = f"golden file {path.name} did not exist; written, review and commit it"
                raise AssertionError(msg)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
            return
        want = json.loads(path.read_text())
        assert got == want, (
            f"{path.name} differs from the converter output; if the change is intended, "
            "rerun with --update-golden and review the diff"
        )
