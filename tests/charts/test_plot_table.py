"""Custom charts: the preset registry, W&B placeholders, JSON presets, plot_table errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figlog.charts import Chart, PresetRegistry, plot_table, presets
from figlog.charts._template import fill, placeholders
from figlog.tables import Table

SPEC = {
    "title": "${string:title}",
    "mark": "line",
    "transform": [{"filter": "datum['${field:value}'] > 0"}],
    "encoding": {
        "x": {"field": "${field:x}", "type": "quantitative", "title": "${string:x_title}"},
        "y": {"field": "${field:value}", "type": "quantitative"},
        "color": {"field": "${field:group}", "type": "nominal"},
    },
}


@pytest.fixture
def registry() -> PresetRegistry:
    reg = PresetRegistry()
    reg.register("team/height", SPEC, optional_fields=["group"], string_fields={"title": "H"})
    return reg


@pytest.fixture
def table() -> Table:
    return Table(data=[[0, 1.5], [1, 1.75]], columns=["step", "height"])


def test_placeholders_are_found_anywhere() -> None:
    assert placeholders(SPEC) == (["value", "x", "group"], ["title", "x_title"])


def test_fill_substitutes_and_drops_unmapped_optional_fields() -> None:
    spec = fill(SPEC, {"x": "step", "value": "height"}, {"title": "T"})
    assert spec["transform"] == [{"filter": "datum['height'] > 0"}]
    assert spec["encoding"] == {
        "x": {"field": "step", "type": "quantitative", "title": ""},
        "y": {"field": "height", "type": "quantitative"},
    }
    assert spec["title"] == "T"


def test_register_infers_required_fields_and_string_defaults(registry) -> None:
    preset = registry.get("team/height")
    assert preset.fields == ("value", "x")
    assert preset.optional_fields == ("group",)
    assert preset.string_fields == {"title": "H", "x_title": ""}
    assert "team/height" in registry.names() and "team/height" in registry


def test_plot_table_builds_a_renderable_chart(registry, table, vl_validator) -> None:
    chart = plot_table("team/height", table, {"x": "step", "value": "height"},
                       {"x_title": "step"}, registry=registry)
    assert isinstance(chart, Chart)
    assert chart.string_fields == {"title": "H", "x_title": "step"}
    spec = chart.to_vega_lite()
    assert list(vl_validator.iter_errors(spec)) == []
    assert chart.to_svg().startswith("<svg")


def test_chart_renders_after_its_preset_is_gone(registry, table) -> None:
    chart = plot_table("team/height", table, {"x": "step", "value": "height"}, registry=registry)
    record = chart.to_record()
    registry.unregister("team/height")
    again = Chart.from_record(record, table)
    assert again == chart and again.to_vega_lite() == chart.to_vega_lite()


def test_json_presets_in_search_dirs(tmp_path: Path, table) -> None:
    reg = PresetRegistry()
    (tmp_path / "carey").mkdir()
    (tmp_path / "carey" / "new_chart.json").write_text(json.dumps(SPEC))
    (tmp_path / "wrapped.json").write_text(json.dumps(
        {"figlog_preset": 1, "spec": SPEC, "optional_fields": ["group"]}
    ))
    reg.add_search_dir(tmp_path)
    assert reg.names() == ["carey/new_chart", "wrapped"]
    assert reg.get("carey/new_chart").fields == ("value", "x", "group")
    assert reg.get("carey/new_chart").origin == str(tmp_path / "carey" / "new_chart.json")
    chart = plot_table("wrapped", table, {"x": "step", "value": "height"}, registry=reg)
    assert chart.fields == {"x": "step", "value": "height"}


def test_builtins_serve_plot_table(table) -> None:
    chart = plot_table("figlog/line", table, {"x": "step", "y": "height"})
    assert chart.preset == "figlog/line"
    assert chart.string_fields == {"title": ""}


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("nobody/chart", {"x": "step"}), KeyError,
         r"no preset 'nobody/chart'; known presets are \[.*'team/height'\]. Register it with"),
        (("team/height", {"x": "step"}), ValueError,
         r"preset 'team/height' needs fields \['value'\] mapped to columns; required fields: "
         r"\['value', 'x'\], optional: \['group'\]"),
        (("team/height", {"x": "step", "value": "weight"}), ValueError,
         r"fields\['value'\] is 'weight', which is not a column of data_table; "
         r"columns: \['step', 'height'\]"),
        (("team/height", {"x": "step", "value": "height", "size": "step"}), ValueError,
         r"preset 'team/height' has no fields \['size'\]; its fields are \['value', 'x', 'group'\]"),
        (("team/height", {"x": "step", "value": "height"}, {"subtitle": "s"}), ValueError,
         r"has no string field 'subtitle'; its string fields are \['title', 'x_title'\]"),
        (("../etc/passwd", {}), ValueError, r"invalid preset name '../etc/passwd'"),
    ],
)
def test_plot_table_errors_list_the_valid_choices(registry, table, args, error, match) -> None:
    with pytest.raises(error, match=match):
        plot_table(args[0], table, *args[1:], registry=registry)


def test_plot_table_rejects_an_empty_table(registry) -> None:
    with pytest.raises(ValueError, match=r"data_table is empty; a chart needs at least one row"):
        plot_table("team/height", Table(columns=["step", "height"]),
                   {"x": "step", "value": "height"}, registry=registry)


def test_register_errors(registry) -> None:
    with pytest.raises(ValueError, match=r"preset 'team/height' is already registered; pass "
                                         r"overwrite=True"):
        registry.register("team/height", SPEC)
    registry.register("team/height", SPEC, overwrite=True)
    with pytest.raises(ValueError, match=r"reserved for figlog's built-ins"):
        presets.register("figlog/line", SPEC)
    with pytest.raises(ValueError, match=r"declares fields \['z'\] but its spec has no "
                                         r"placeholders for them"):
        registry.register("team/z", SPEC, fields=["x", "z"])
    with pytest.raises(ValueError, match=r"uses fields \['group'\] that are neither in fields="):
        registry.register("team/y", SPEC, fields=["x", "value"])
    with pytest.raises(TypeError, match=r"spec must be a Vega-Lite dict, got str"):
        registry.register("team/s", "mark: bar")


def test_bad_json_preset_names_the_file(tmp_path: Path) -> None:
    reg = PresetRegistry()
    (tmp_path / "broken.json").write_text("{not json")
    reg.add_search_dir(tmp_path)
    with pytest.raises(ValueError, match=r"preset 'broken': cannot read .*broken.json"):
        reg.get("broken")


def test_chart_is_immutable(registry, table) -> None:
    chart = plot_table("team/height", table, {"x": "step", "value": "height"}, registry=registry)
    with pytest.raises(AttributeError, match="Chart is immutable"):
        chart.preset = "other"  # type: ignore[misc]
    chart.fields["x"] = "changed"
    assert chart.fields["x"] == "step"
    with pytest.raises(TypeError):
        hash(chart)


def test_record_version_is_checked(registry, table) -> None:
    chart = plot_table("team/height", table, {"x": "step", "value": "height"}, registry=registry)
    record = dict(chart.to_record(), version=99)
    with pytest.raises(ValueError, match=r"chart record version 99 is not supported; supported: 1"):
        Chart.from_record(record, table)
