"""matplotlib's own gallery: a fixed sample of scripts, every figure they leave converts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from . import _gallery


@pytest.mark.slow
def test_gallery_sample_converts_without_exceptions():
    root = _gallery.fetch_gallery()
    scripts = _gallery.sample(root)
    assert len(scripts) >= 60
    sections = {s.parent.name for s in scripts}
    assert len(sections) >= 15
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_gallery.run_script, scripts))
    skipped = [(r.script, r.skipped) for r in results if r.skipped]
    ran = [r for r in results if not r.skipped]
    figures = [f for r in ran for f in r.figures]
    errors = [(r.script, f["error"], f.get("trace", "")) for r in ran for f in r.figures
              if "error" in f]
    timeouts = [r.script for r in ran if r.timed_out]
    complete = sum(1 for f in figures if f.get("complete"))
    print(f"\ngallery sample: {len(scripts)} scripts, {len(ran)} run, {len(figures)} figures, "
          f"{complete} complete reports")
    for script, reason in skipped:
        print(f"  skipped {script}: {reason}")
    for r in ran:
        if r.script_error:
            print(f"  script error (not the converter) {r.script}: {r.script_error}")
    assert not errors, "\n\n".join(f"{s}: {e}\n{t}" for s, e, t in errors)
    assert not timeouts
    assert len(figures) >= 60
