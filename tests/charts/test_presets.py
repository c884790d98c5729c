"""Every built-in preset: valid Vega-Lite 6.4 and rendered offline by vl-convert."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import vl_convert as vlc

import figlog.charts as charts
from figlog.charts import Chart, presets

from chart_samples import sample_charts

BUILTINS = [
    "figlog/bar",
    "figlog/confusion_matrix",
    "figlog/histogram",
    "figlog/line",
    "figlog/line_series",
    "figlog/pr_curve",
    "figlog/roc_curve",
    "figlog/scatter",
]
CHARTS = sample_charts()


def test_every_builtin_is_registered_and_sampled() -> None:
    assert [n for n in presets.names() if n.startswith("figlog/")] == BUILTINS
    assert sorted(CHARTS) == BUILTINS
    for name, chart in CHARTS.items():
        assert chart.preset == name


@pytest.mark.parametrize("name", BUILTINS)
def test_spec_validates_against_the_vega_lite_schema(name: str, vl_validator) -> None:
    spec = CHARTS[name].to_vega_lite()
    errors = [f"{list(e.absolute_path)}: {e.message[:200]}" for e in vl_validator.iter_errors(spec)]
    assert errors == []
    json.dumps(spec, allow_nan=False)  # strict JSON: no NaN or inf in the data


@pytest.mark.parametrize("name", BUILTINS)
def test_spec_renders_to_svg_and_png_offline(name: str) -> None:
    spec = CHARTS[name].to_vega_lite()
    # No base URL is allowed, so any attempt to load data or schema from the net fails.
    svg = vlc.vegalite_to_svg(spec, vl_version="6.4", allowed_base_urls=[])
    assert svg.startswith("<svg") and "<path" in svg
    png = CHARTS[name].to_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000


def test_specs_compile_without_vega_lite_warnings(tmp_path) -> None:
    # Vega-Lite warns when a channel is dropped, a field type does not fit its channel,
    # and the like. vl-convert prints those warnings from native code, so compile in a
    # child process and read its stderr.
    specs = tmp_path / "specs.json"
    specs.write_text(json.dumps({n: c.to_vega_lite() for n, c in CHARTS.items()}))
    code = (
        "import json, sys, vl_convert as v\n"
        "for name, spec in json.load(open(sys.argv[1])).items():\n"
        "    v.vegalite_to_vega(spec, vl_version='6.4', show_warnings=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(specs)], capture_output=True, text=True, check=True
    )
    assert done.stderr == ""


@pytest.mark.parametrize("name", BUILTINS)
def test_chart_survives_its_record(name: str) -> None:
    chart = CHARTS[name]
    record = json.loads(json.dumps(chart.to_record(), allow_nan=False))
    assert set(record) == {"version", "preset", "fields", "string_fields", "metrics", "spec"}
    again = Chart.from_record(record, chart.table)
    assert again == chart
    assert again.to_vega_lite() == chart.to_vega_lite()


def test_builtin_templates_carry_placeholders_not_columns() -> None:
    for name in BUILTINS:
        preset = presets.get(name)
        assert preset.origin == "builtin"
        assert preset.fields, name
        text = json.dumps(preset.spec)
        assert "${field:" in text and '"data"' not in text.replace('"data": {"values": [{"a"', "")


def test_plot_module_exports_the_wandb_functions() -> None:
    import figlog.plot

    assert sorted(figlog.plot.__all__) == [
        "bar", "confusion_matrix", "histogram", "line", "line_series", "pr_curve",
        "roc_curve", "scatter",
    ]
    assert charts.plot_table.__name__ == "plot_table"
