"""``plot_table``: a chart from a named preset, a table and a field mapping."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..tables import Table
from ._chart import Chart
from ._registry import Preset, PresetRegistry

__all__ = ["make_chart", "plot_table", "require_column"]


def plot_table(
    vega_spec_name: str,
    data_table: Table,
    fields: Mapping[str, str],
    string_fields: Mapping[str, str] | None = None,
    *,
    registry: PresetRegistry | None = None,
) -> Chart:
    """A custom chart: the preset ``vega_spec_name`` drawn from the columns of ``data_table``.

    Parameters
    ----------
    vega_spec_name : str
        A preset of ``figlog.presets``: a built-in (``"figlog/line"``), one registered with
        ``figlog.presets.register``, or a JSON file in the store's presets folder.
    data_table : Table
        The data; at least one row.
    fields : dict of str to str
        Each of the preset's fields → a column of ``data_table``.
    string_fields : dict of str to str, optional
        The preset's strings (titles and such); the preset's defaults fill the rest.
    registry : PresetRegistry, keyword-only, optional
        Where to look ``vega_spec_name`` up; ``figlog.presets`` by default.

    Returns
    -------
    Chart

    Raises
    ------
    KeyError
        Unknown preset (the message lists the known ones).
    ValueError
        Empty table, a required field not mapped, a field or string the preset does not
        have, or a field mapped to a column the table does not have.

    Examples
    --------
    >>> table = figlog.Table(data=[[0, 1.0], [1, 1.5]], columns=["step", "height"])
    >>> figlog.presets.register("carey/new_chart", {
    ...     "mark": "line",
    ...     "encoding": {"x": {"field": "${field:x}", "type": "quantitative"},
    ...                  "y": {"field": "${field:value}", "type": "quantitative"}}})
    >>> chart = figlog.plot_table("carey/new_chart", table, {"x": "step", "value": "height"})
    """
    if registry is None:
        from . import presets as registry
    preset = registry.get(vega_spec_name)
    return make_chart(preset, data_table, fields, string_fields, table_arg="data_table")


def make_chart(
    preset: Preset,
    table: Table,
    fields: Mapping[str, str],
    string_fields: Mapping[str, str | None] | None = None,
    *,
    metrics: Mapping[str, Any] | None = None,
    table_arg: str = "table",
) -> Chart:
    """Check ``fields`` and ``string_fields`` against ``preset`` and ``table``; build the chart."""
    if not isinstance(table, Table):
        msg = f"{table_arg} must be a figlog Table, got {type(table).__name__}"
        raise TypeError(msg)
    if len(table) == 0:
        msg = f"{table_arg} is empty; a chart needs at least one row"
        raise ValueError(msg)
    if not isinstance(fields, Mapping):
        msg = f"fields must be a dict of preset field to column, got {type(fields).__name__}"
        raise TypeError(msg)
    known = list(preset.fields) + list(preset.optional_fields)
    unknown = [f for f in fields if f not in known]
    if unknown:
        msg = f"preset {preset.name!r} has no fields {unknown}; its fields are {known}"
        raise ValueError(msg)
    unmapped = [f for f in preset.fields if fields.get(f) is None]
    if unmapped:
        msg = (
            f"preset {preset.name!r} needs fields {unmapped} mapped to columns; "
            f"required fields: {list(preset.fields)}, optional: {list(preset.optional_fields)}"
        )
        raise ValueError(msg)
    mapped = {f: c for f, c in fields.items() if c is not None}
    for f, column in mapped.items():
        if not isinstance(column, str):
            msg = f"fields[{f!r}] must be a column name (str), got {type(column).__name__}"
            raise TypeError(msg)
        if column not in table.columns:
            msg = f"fields[{f!r}] is {column!r}, which is not a column of {table_arg}; columns: {table.columns}"
            raise ValueError(msg)
    strings = dict(preset.string_fields)
    for name, value in (string_fields or {}).items():
        if name not in preset.string_fields:
            msg = (
                f"preset {preset.name!r} has no string field {name!r}; its string fields are "
                f"{list(preset.string_fields)}"
            )
            raise ValueError(msg)
        if value is not None:
            if not isinstance(value, str):
                msg = f"string_fields[{name!r}] must be a str, got {type(value).__name__}"
                raise TypeError(msg)
            strings[name] = value
    return Chart(
        table=table,
        preset=preset.name,
        fields=mapped,
        string_fields=strings,
        template=preset.spec,
        metrics=metrics,
    )


def require_column(
    table: Table, column: Any, arg: str, *, func: str, numeric: bool = False
) -> None:
    """Check that ``column`` (passed as argument ``arg`` of ``func``) is a usable column."""
    if not isinstance(table, Table):
        msg = f"{func}() takes a figlog Table as table, got {type(table).__name__}"
        raise TypeError(msg)
    if not isinstance(column, str):
        msg = f"{func}(): {arg} must be a column name (str), got {type(column).__name__}"
        raise TypeError(msg)
    if column not in table.columns:
        msg = f"{func}(): {arg}={column!r} is not a column of the table; columns: {table.columns}"
        raise ValueError(msg)
    if numeric:
        ctype = table.column_types[column]
        if ctype not in ("int", "float") and len(table):
            msg = (
                f"{func}(): {arg}={column!r} holds {ctype} values; it must hold numbers"
            )
            raise ValueError(msg)
