"""Which store files a route may serve, and the sandbox of logged HTML."""

from __future__ import annotations

import os

import pytest

from figlog.viewer._isolation import FILE_CSP, HTML_CSP, html_csp, media_file, with_autosize

GOOD = "media/ab/ab" + "1" * 62 + ".png"


@pytest.fixture
def root(tmp_path):
    (tmp_path / "media" / "ab").mkdir(parents=True)
    (tmp_path / GOOD).write_bytes(b"png")
    (tmp_path / "figlog.sqlite").write_bytes(b"db")
    return tmp_path


def test_a_stored_media_file_is_served(root):
    assert media_file(root, GOOD) == (root / GOOD).resolve()


@pytest.mark.parametrize("rel", [
    "../figlog.sqlite", "figlog.sqlite", "media/../figlog.sqlite", "/etc/passwd",
    "media/ab/../../figlog.sqlite", "media/ab/%2e%2e", "media\\ab\\x.png",
    "media/cd/ab" + "1" * 62 + ".png",          # prefix does not match the hash
    "media/ab/ab" + "1" * 62 + ".png/..",
    "media/ab/AB" + "1" * 62 + ".png", "media/ab/ab" + "1" * 61 + ".png", "",
    "media/ab/ab" + "2" * 62 + ".png",          # well formed, does not exist
])
def test_anything_else_is_refused(root, rel):
    assert media_file(root, rel) is None


def test_symlink_leaving_the_store_is_refused(root, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    outside.write_bytes(b"secret")
    link = root / "media" / "ab" / ("ab" + "3" * 62 + ".png")
    os.symlink(outside, link)
    assert media_file(root, "media/ab/ab" + "3" * 62 + ".png") is None


def test_logged_html_policy_is_an_opaque_sandbox_without_network():
    assert HTML_CSP.startswith("sandbox allow-scripts;")
    assert "allow-same-origin" not in HTML_CSP and "allow-top-navigation" not in HTML_CSP
    assert "allow-popups" not in HTML_CSP and "connect-src 'none'" in HTML_CSP
    assert "'self'" not in HTML_CSP  # not even the viewer's own API
    assert "script-src 'unsafe-inline' 'unsafe-eval' blob: data: http://127.0.0.1:1/bundle/;" \
        in html_csp("http://127.0.0.1:1/bundle/")
    assert FILE_CSP.startswith("sandbox;")


def test_autosize_goes_before_the_last_body_close():
    out = with_autosize("<html><body><p>x</p></body></html>")
    assert out.endswith("</script></body></html>") and "figlogHeight" in out
    assert with_autosize("<b>bare</b>").startswith("<b>bare</b><script>")
