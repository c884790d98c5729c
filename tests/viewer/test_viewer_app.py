"""The web app's routes through Starlette's test client: pages, JSON, files, headers."""

from __future__ import annotations

import pytest

from figlog import open_store


def _ref(sample_store, key, step=None):
    return open_store(sample_store).run("alpha").ref(key, step)[2]


def test_pages_answer(client):
    for url in ("/", "/p/demo", "/r/alpha", "/compare?runs=alpha,beta"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("url", ["/p/nope", "/r/nope", "/compare?runs=alpha,nope", "/compare",
                                 "/api/runs/nope", "/api/runs/alpha/scalars?key=nope",
                                 "/api/runs/alpha/steps?key=nope", "/api/runs/alpha/first?key=nope",
                                 "/api/runs/alpha/value?key=loss&step=999999",
                                 "/static/../app.py", "/static/secret.js", "/nowhere"])
def test_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


def test_json_api(client):
    run = client.get("/api/runs/alpha").json()
    assert run["info"]["status"] == "finished" and run["info"]["config"]["lr"] == 0.001
    assert {"key": "loss", "kind": "number", "panel": "scalar"} in run["keys"]
    loss = client.get("/api/runs/alpha/scalars", params={"key": "loss"}).json()["series"]["loss"]
    assert len(loss["steps"]) == 60 and loss["values"][7] is None
    both = client.get("/api/runs/alpha/scalars?key=loss&key=acc&key=nope").json()["series"]
    assert sorted(both) == ["acc", "loss"]
    first = client.get("/api/runs/alpha/first?key=samples/image&key=note").json()["panels"]
    assert first["samples/image"]["steps"] == [60, 61, 62, 63]
    assert first["samples/image"]["value"]["items"][0]["caption"] == "sample 3"
    assert first["note"]["value"]["items"] == [{"type": "text", "text": "note at step 3"}]
    steps = client.get("/api/runs/alpha/steps", params={"key": "samples/image"}).json()["steps"]
    assert steps == [60, 61, 62, 63]
    one = client.get("/api/runs/alpha/value", params={"key": "samples/image", "step": 61}).json()
    assert one["step"] == 61 and one["items"][0]["caption"] == "sample 1"


def test_table_api_pages_sorts_filters(client, sample_store):
    ref = _ref(sample_store, "tables/mixed")
    r = client.get(f"/api/table/{ref['path']}", params={"limit": 3, "sort": "id", "desc": "1"})
    page = r.json()
    assert page["total"] == 8 and [row[0] for row in page["rows"]] == [7, 6, 5]
    assert page["index"] == [7, 6, 5]
    assert page["rows"][0][3]["type"] == "image" and page["rows"][0][4]["type"] == "html"
    r = client.get(f"/api/table/{ref['path']}", params={"fcol": "name", "q": "row 3"})
    assert r.json()["total"] == 1
    r = client.get(f"/api/table/{ref['path']}", params={"sort": "nope"})
    assert r.status_code == 400 and "no column 'nope'" in r.json()["error"]
    csv = client.get(f"/download/csv/{ref['path']}", params={"name": "mixed"})
    assert csv.headers["content-disposition"].startswith('attachment; filename="mixed.csv"')
    lines = csv.text.splitlines()
    assert lines[0] == "id,name,score,image,html,plot" and len(lines) == 9


def test_files_route_never_renders_html_on_the_viewer_origin(client, sample_store):
    ref = _ref(sample_store, "html/page")
    r = client.get(f"/files/{ref['path']}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.headers["content-security-policy"].startswith("sandbox;")
    assert r.headers["x-content-type-options"] == "nosniff"
    img = _ref(sample_store, "samples/image")
    r = client.get(f"/files/{img['path']}")
    assert r.headers["content-type"] == "image/png" and r.content[:4] == b"\x89PNG"


def test_html_route_is_sandboxed_and_autosized(client, sample_store):
    ref = _ref(sample_store, "html/page")
    r = client.get(f"/html/{ref['path']}")
    csp = r.headers["content-security-policy"]
    assert csp.startswith("sandbox allow-scripts;") and "connect-src 'none'" in csp
    assert "figlogHeight" in r.text and "Hello from logged HTML" in r.text
    assert client.get(f"/html/{_ref(sample_store, 'samples/image')['path']}").status_code == 404


def test_html_bundles_come_from_the_bundle_route(client, sample_store):
    ref = _ref(sample_store, "html/plotly")
    (bundle,) = ref["bundles"]
    text = client.get(f"/html/{ref['path']}").text
    assert f'src="http://127.0.0.1:8765/bundle/{bundle}"' in text
    assert "figlog-bundle:" not in text
    r = client.get(f"/bundle/{bundle}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert client.get(f"/bundle/{ref['path']}").status_code == 404  # no HTML through /bundle/


def test_other_hosts_are_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 421
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200


def test_missing_store_fails_with_the_stores_message(tmp_path):
    from figlog.viewer import create_app

    with pytest.raises(FileNotFoundError, match="no figlog store"):
        create_app(tmp_path / "nothing")


def test_run_page_preloads_the_libraries_its_keys_need(client):
    import json
    import re

    html = client.get("/r/alpha").text
    preloads = re.findall(r'<link rel="preload" as="script" href="/static/([a-z.]+)\?v=', html)
    assert preloads == ["vega.js", "plotly.min.js"]
    page = json.loads(re.search(r'id="figlog-page">(.*?)</script>', html, re.S).group(1))
    assert page["libs"]["plotly/fig"] == ["plotly"] and page["libs"]["charts/roc"] == ["vega"]
    assert "loss" not in page["libs"] and "samples/image" not in page["libs"]
    # scalars only: nothing to preload
    assert 'rel="preload"' not in client.get("/r/beta").text
    assert 'rel="preload"' not in client.get("/compare?runs=alpha,beta").text


def test_plotly_factory_parenthesized_only_when_the_wrapper_is_known():
    from figlog.viewer._assets import _parenthesize_factory

    umd = ("/** plotly */\n(\n function(root, factory) { root.m = factory(); }"
           " (typeof self !== \"undefined\" ? self : this, () => {\nreturn 1;\n}));\n")
    assert _parenthesize_factory(umd) == umd.replace("this, () => {", "this, (() => {") \
        .replace("\n}));", "\n})));")
    for other in ("var Plotly = 1;", umd.replace("}));", "});"), umd + umd):
        assert _parenthesize_factory(other) == other


def test_libraries_and_json_are_sent_compressed(client, sample_store):
    from figlog.viewer._assets import plotly_js_path

    v = {"v": "x"}
    r = client.get("/static/plotly.min.js", params=v, headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and "immutable" in r.headers["cache-control"]
    # the package's file, with only its UMD factory put in parentheses (compiled off the
    # main thread): the same code
    package = plotly_js_path().read_bytes()
    assert r.content.replace(b"this, (() => {", b"this, () => {", 1).rstrip()[:-5] + b"}));" \
        == package.rstrip()
    assert len(r.content) == len(package) + 2
    raw = client.get("/static/plotly.min.js", params=v, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.content == r.content
    s = client.get("/api/runs/alpha/scalars?key=loss&key=acc", headers={"Accept-Encoding": "gzip"})
    assert s.headers["content-encoding"] == "gzip" and s.json()["series"]["loss"]
    png = client.get("/files/" + _ref(sample_store, "samples/image")["path"],
                     headers={"Accept-Encoding": "gzip"})
    assert png.status_code == 200 and "content-encoding" not in png.headers  # already compressed
