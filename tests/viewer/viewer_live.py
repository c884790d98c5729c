"""A live viewer on a free port and a headless Chromium for the browser tests and benchmark."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# For the benchmark: Chromium 15x prepares the address bar's popup (a WebUI renderer) for
# each new browser context; headless it is never shown, and it took about 0.5 s of CPU from
# every page load measured (Puppeteer disables it by default too). Chromium honours only
# the last --disable-features, so Playwright's own list (1.5x) is repeated here.
BENCH_ARGS = [*CHROMIUM_ARGS, "--disable-features=" + ",".join([
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "OptimizationHints",
    "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
    "WebUIOmniboxPopup", "WebUIOmniboxAimPopup"])]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(root: Path, host: str = "127.0.0.1", hits: list[str] | None = None
          ) -> Iterator[str]:
    """Run the viewer for ``root`` in a thread; yield its base URL. Every request path the
    server receives is appended to ``hits`` when given (checked "from the outside")."""
    import uvicorn

    from figlog.viewer import create_app

    app = create_app(root, host=host)
    if hits is not None:
        inner = app

        async def app(scope, receive, send):
            if scope["type"] == "http":
                qs = scope.get("query_string", b"").decode()
                hits.append(scope["path"] + ("?" + qs if qs else ""))
            await inner(scope, receive, send)

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            msg = "viewer did not start"
            raise RuntimeError(msg)
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextlib.contextmanager
def serve_process(root: Path) -> Iterator[str]:
    """Run ``figlog ui`` for ``root`` in its own process (as a user does); yield its URL."""
    import subprocess
    import sys
    import urllib.request

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "figlog.cli", "ui", "--dir", str(root),
                             "--port", str(port)], stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@contextlib.contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class RequestLog:
    """Every request a browser context makes, with the frame that made it.

    Requests that reach the network layer pass through a route that lets 127.0.0.1 (and
    blob:/data:/file:) through and aborts and records everything else. Requests the page's
    own Content-Security-Policy blocks never get that far; they are kept apart in
    ``blocked``.
    """

    def __init__(self, context) -> None:
        self.requests: list[tuple[str, object]] = []
        self.outside: list[str] = []
        self.failed: list[tuple[str, str]] = []
        context.on("request", lambda r: self.requests.append((r.url, r.frame)))
        context.on("requestfailed", lambda r: self.failed.append((r.url, r.failure or "")))
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def foreign(self) -> list[str]:
        """URLs that tried to leave 127.0.0.1 over the network (all were aborted)."""
        return list(self.outside)

    def blocked(self) -> list[str]:
        return [u for u, why in self.failed if why == "csp" or "BLOCKED" in why.upper()]

    def urls(self, contains: str) -> list[str]:
        return [u for u, _ in self.requests if contains in u]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("blob", "data", "about", "file") or parts.hostname == "127.0.0.1"


def load_all_panels(page, timeout: float = 30.0) -> int:
    """Scroll the run page until every panel has loaded; return the number of panels."""
    total = page.locator(".panel").count()
    deadline = time.monotonic() + timeout
    y = 0
    while time.monotonic() < deadline:
        loaded = int(page.evaluate("document.body.dataset.panelsLoaded || 0"))
        if loaded >= total:
            return total
        y += 700
        page.evaluate(f"window.scrollTo(0, {y})")
        if y > page.evaluate("document.body.scrollHeight"):
            y = 0
        page.wait_for_timeout(60)
    msg = f"only {page.evaluate('document.body.dataset.panelsLoaded')} of {total} panels loaded"
    raise TimeoutError(msg)
