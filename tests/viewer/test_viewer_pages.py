"""Page building without a server: structure checked with html.parser."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from figlog import open_store
from figlog.viewer import _data, pages
from figlog.viewer._assets import asset_version


class Outline(HTMLParser):
    """Collects tags with their attributes, the text, and every src/href."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        for k in ("src", "href", "action"):
            if a.get(k):
                self.links.append(a[k])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def test_script_json_cannot_close_its_tag():
    text = pages.script_json({"k": "</script><script>alert(1)</script>", "u": "\u2028&"})
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"k": "</script><script>alert(1)</script>", "u": "\u2028&"}


def test_run_page_has_a_panel_per_key_in_sections(sample_store):
    run = open_store(sample_store).run("alpha")
    keys = _data.run_keys(run)
    out = Outline(pages.run_page(_data.run_info(run), keys))
    panels = out.find("section")
    assert [p["data-key"] for p in panels if "panel" in p.get("class", "")] == \
        [k["key"] for s in pages.group_panels(keys) for k in s["panels"]]
    assert {p["data-key"]: p["data-panel"] for p in panels}["loss"] == "scalar"
    assert {p["data-key"]: p["data-panel"] for p in panels}["note"] == "text"
    assert {p["data-key"]: p["data-panel"] for p in panels}["samples/image"] == "media"
    sections = [a["data-section"] for a in out.find("details") if "data-section" in a]
    assert sections == ["Scalars", "Media", "charts", "html", "plotly", "samples", "tables", "train"]
    # the page's own assets only, all served by the viewer (plotly.js and Vega on demand)
    v = asset_version()
    assert [a["src"] for a in out.find("script") if "src" in a] == \
        [f"/static/common.js?v={v}", f"/static/linechart.js?v={v}", f"/static/viewer.js?v={v}"]
    assert not any(link.startswith(("http:", "https:", "//")) for link in out.links)
    cfg = json.loads(next(a for a in out.scripts if '"mode"' in a))
    assert cfg["mode"] == "run" and cfg["runs"] == ["alpha"]


def test_hostile_key_names_are_escaped():
    info = {"id": "r1", "name": "<img src=x onerror=alert(1)>", "project": "p<script>",
            "status": "finished", "created": 0.0, "updated": 1.0, "ended": 1.0, "duration": 1.0,
            "config": {"<b>": "</script>"}}
    keys = [{"key": "<script>alert(1)</script>", "kind": "number", "panel": "scalar"}]
    text = pages.run_page(info, keys)
    out = Outline(text)
    assert out.find("img") == []
    assert all("alert" not in s or "FL.init" in s or s.strip().startswith("{") for s in out.scripts)
    assert "<script>alert(1)" not in text


def test_runs_page_rows_and_last_values(sample_store):
    store = open_store(sample_store)
    rows, shown = _data.runs_summary(store.runs("demo"))
    assert shown[:2] == ["acc", "loss"]
    out = Outline(pages.runs_page("demo", rows, shown))
    trs = out.find("tr")
    ids = [a["data-id"] for a in trs if "data-id" in a]
    assert sorted(ids) == ["alpha", "beta"]
    filt = {a["data-id"]: a["data-filter"] for a in trs if "data-id" in a}
    assert 'model="mlp"' in filt["beta"]
    assert [a["href"] for a in out.find("a") if a["href"].startswith("/r/")] == \
        [f"/r/{i}" for i in ids]


def test_group_panels_orders_scalars_then_media_then_prefixes():
    keys = [{"key": k, "kind": "number", "panel": p} for k, p in
            [("z/b", "scalar"), ("img", "media"), ("loss", "scalar"), ("a/x", "media")]]
    assert [(s["name"], [k["key"] for k in s["panels"]]) for s in pages.group_panels(keys)] == \
        [("Scalars", ["loss"]), ("Media", ["img"]), ("a", ["a/x"]), ("z", ["z/b"])]


@pytest.mark.parametrize(("seconds", "text"), [(5, "5s"), (65, "1m 05s"), (3725, "1h 02m")])
def test_duration(seconds, text):
    assert pages._duration(seconds) == text


def test_scalar_series_and_step_payloads(sample_store):
    store = open_store(sample_store)
    run = store.run("alpha")
    loss = _data.scalar_series(run, "loss")
    assert loss["steps"][:3] == [0, 1, 2] and loss["values"][7] is None  # NaN → gap
    flag = _data.scalar_series(run, "flag")
    assert flag["values"][:2] == [1.0, 0.0]
    grid = _data.step_payload(store, run, "samples/grid", None)
    assert grid["kind"] == "media_list" and [i["type"] for i in grid["items"]] == ["image"] * 3
    approx = _data.step_payload(store, run, "plotly/approx", None)["items"][0]
    assert approx["type"] == "plotly" and approx["complete"] is False and approx["png"]
    chart = _data.step_payload(store, run, "charts/roc", None)["items"][0]
    assert chart["type"] == "chart" and chart["spec"]["data"]["values"]
    assert _data.step_payload(store, run, "note", 60)["items"] == [{"type": "text", "text": "note at step 0"}]
    with pytest.raises(KeyError):
        _data.scalar_series(run, "samples/image")


def test_long_series_are_thinned_keeping_extremes(tmp_path):
    import math

    import figlog

    with figlog.init(dir=tmp_path, id="long") as run:
        for s in range(20_000):
            v = math.sin(s / 500)
            run.log({"x": 5.0 if s == 12_345 else (float("nan") if s == 777 else v)})
    rec = open_store(tmp_path).run("long")
    thin = _data.scalar_series(rec, "x", max_points=2000)
    assert thin["total"] == 20_000 and 1000 <= len(thin["steps"]) <= 2100
    assert thin["steps"] == sorted(thin["steps"]) and thin["steps"][0] == 0
    assert thin["steps"][-1] == 19_999
    assert 5.0 in thin["values"] and 12_345 in thin["steps"]       # the spike survives
    assert thin["values"][thin["steps"].index(777)] is None         # and the NaN gap
    full = _data.scalar_series(rec, "x", max_points=None)
    assert len(full["steps"]) == 20_000 and "total" not in full


def test_crashed_runs_say_so(tmp_path):
    import figlog

    with pytest.raises(RuntimeError), figlog.init(dir=tmp_path, project="p", id="boom") as run:
        run.log({"loss": 1.0})
        raise RuntimeError("training diverged")
    rows, shown = _data.runs_summary(open_store(tmp_path).runs("p"))
    out = Outline(pages.runs_page("p", rows, shown))
    assert [a["class"] for a in out.find("span") if "status" in a.get("class", "")] == ["status crashed"]
