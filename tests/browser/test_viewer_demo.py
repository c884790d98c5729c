"""``figlog demo``: every example script logs, and every panel of every run it logged draws."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "viewer"))

from viewer_live import RequestLog, chromium, load_all_panels, serve  # noqa: E402

EXAMPLES = Path(__file__).parents[2] / "examples"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_demo_shows_every_example(tmp_path):
    from figlog import open_store
    from figlog.cli import run_examples

    scripts = sorted(EXAMPLES.glob("*.py"))
    assert scripts, "examples/ holds no scripts"
    failures = run_examples(scripts, tmp_path)
    assert failures == [], "\n".join(f"{s.name}: {tail}" for s, _, tail in failures)
    runs = open_store(tmp_path).runs()
    assert runs, "the examples logged nothing"
    with serve(tmp_path) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        log = RequestLog(context)
        errors: list[str] = []
        context.on("weberror", lambda e: errors.append(str(e.error)))
        page = context.new_page()
        for run in runs:
            page.goto(f"{url}/r/{run.id}")
            n = load_all_panels(page, timeout=60)
            assert n > 0, f"{run.project}/{run.name} shows no panel"
            failed = page.locator(".panel.failed").all_inner_texts()
            assert failed == [], f"{run.project}/{run.name}: {failed}"
            # nothing blank: each panel holds a drawing, an image, a frame, a table or text
            blank = page.evaluate("""() => [...document.querySelectorAll('.panel')].filter(p =>
                !p.querySelector('svg, img, iframe, table.data, pre, canvas')).map(p => p.dataset.key)""")
            assert blank == [], f"{run.project}/{run.name}: blank panels {blank}"
        assert log.foreign() == []
        assert errors == []
        context.close()
