"""``Chart``: a table, a Vega-Lite template and the mapping between them."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping
from typing import Any, TypedDict

from .._optional import require
from ..tables import Table
from ._template import fill

__all__ = ["Chart", "ChartRecord", "VEGA_LITE_SCHEMA", "RECORD_VERSION"]

# The Vega-Lite major version the templates target; vl-convert 1.9 bundles Vega-Lite 6.4.1,
# whose JSON schema is vendored in tests/charts/data/. The URL only names the version; no
# one fetches it.
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
RECORD_VERSION = 1


class ChartRecord(TypedDict):
    """The JSON form of a chart, without its table (the store keeps that apart)."""

    version: int
    preset: str
    fields: dict[str, str]
    string_fields: dict[str, str]
    metrics: dict[str, Any]
    spec: dict[str, Any]  # the template, placeholders unfilled


class Chart:
    """A Vega-Lite chart of a :class:`~figlog.Table`: what ``figlog.plot.*`` and
    ``figlog.plot_table`` return, and what ``run.log`` stores.

    A chart is an immutable value: it keeps its own copy of the table and of the template
    it was made from, so it renders the same even where its preset is not registered.

    Attributes
    ----------
    table : Table
        The data (do not modify it; the chart holds its own copy).
    preset : str
        The template's name, e.g. ``"figlog/roc_curve"``.
    fields : dict of str to str
        Template field → table column.
    string_fields : dict of str to str
        Template string → its text (titles and the like).
    metrics : dict
        JSON-able numbers the chart was computed with: ``{"auc": {class: value}}`` for ROC,
        ``{"average_precision": {...}}`` for PR, ``{"accuracy": ...}`` for a confusion
        matrix; empty for the other presets.
    """

    __slots__ = ("_fields", "_metrics", "_preset", "_strings", "_table", "_template")

    def __init__(
        self,
        *,
        table: Table,
        preset: str,
        fields: Mapping[str, str],
        string_fields: Mapping[str, str],
        template: Mapping[str, Any],
        metrics: Mapping[str, Any] | None = None,
    ) -> None:
        if not isinstance(table, Table):
            msg = f"Chart(table=...) expects a figlog Table, got {type(table).__name__}"
            raise TypeError(msg)
        values = {
            "_table": _copy_table(table),
            "_preset": str(preset),
            "_fields": {str(k): str(v) for k, v in fields.items()},
            "_strings": {str(k): str(v) for k, v in string_fields.items()},
            "_template": json.loads(json.dumps(template)),
            "_metrics": json.loads(json.dumps(metrics or {}, allow_nan=False)),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ values
    @property
    def table(self) -> Table:
        return self._table

    @property
    def preset(self) -> str:
        return self._preset

    @property
    def fields(self) -> dict[str, str]:
        return dict(self._fields)

    @property
    def string_fields(self) -> dict[str, str]:
        return dict(self._strings)

    @property
    def metrics(self) -> dict[str, Any]:
        return copy.deepcopy(self._metrics)

    @property
    def template(self) -> dict[str, Any]:
        """The Vega-Lite template, placeholders unfilled."""
        return copy.deepcopy(self._template)

    def __setattr__(self, name: str, value: Any) -> None:
        msg = f"Chart is immutable; cannot set {name!r}"
        raise AttributeError(msg)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chart):
            return NotImplemented
        return (
            self._preset == other._preset
            and self._fields == other._fields
            and self._strings == other._strings
            and self._metrics == other._metrics
            and self._template == other._template
            and self._table == other._table
        )

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        """Inline display in Jupyter, offline (the viewer builds it)."""
        from ..viewer.notebook import chart_html

        return chart_html(self)

    def __repr__(self) -> str:
        return f"Chart({self._preset!r}, {len(self._table)} rows, fields={self._fields})"

    # ------------------------------------------------------------------ outputs
    def to_vega_lite(self) -> dict[str, Any]:
        """The complete Vega-Lite spec, data inline, renderable with no server.

        Examples
        --------
        >>> spec = figlog.plot.line(table, "x", "y").to_vega_lite()  # doctest: +SKIP
        >>> spec["data"]["values"][:1]  # doctest: +SKIP
        [{'x': 0, 'y': 1.5}]
        """
        spec = fill(self._template, self._fields, self._strings)
        spec.pop("$schema", None)
        spec.pop("data", None)  # W&B templates name their data; figlog supplies it inline
        return {"$schema": VEGA_LITE_SCHEMA, "data": {"values": _rows(self._table)}, **spec}

    def to_record(self) -> ChartRecord:
        """Everything but the table rows, as JSON-able data (see :meth:`from_record`)."""
        return ChartRecord(
            version=RECORD_VERSION,
            preset=self._preset,
            fields=dict(self._fields),
            string_fields=dict(self._strings),
            metrics=copy.deepcopy(self._metrics),
            spec=copy.deepcopy(self._template),
        )

    @classmethod
    def from_record(cls, record: Mapping[str, Any], table: Table) -> Chart:
        """The chart that :meth:`to_record` described, with its table.

        Raises
        ------
        ValueError
            The record is of a newer version, or lacks a key.
        """
        version = record.get("version")
        if version != RECORD_VERSION:
            msg = f"chart record version {version!r} is not supported; supported: {RECORD_VERSION}"
            raise ValueError(msg)
        missing = [k for k in ChartRecord.__annotations__ if k not in record]
        if missing:
            msg = f"chart record lacks {missing}"
            raise ValueError(msg)
        return cls(
            table=table,
            preset=record["preset"],
            fields=record["fields"],
            string_fields=record["string_fields"],
            template=record["spec"],
            metrics=record["metrics"],
        )

    def to_svg(self) -> str:
        """The chart as SVG text, rendered offline by vl-convert (extra ``figlog[charts]``)."""
        return _vl_convert().vegalite_to_svg(self.to_vega_lite(), vl_version=_VL_VERSION)

    def to_png(self, *, scale: float = 1.0) -> bytes:
        """The chart as PNG bytes, rendered offline by vl-convert (extra ``figlog[charts]``)."""
        return _vl_convert().vegalite_to_png(
            self.to_vega_lite(), vl_version=_VL_VERSION, scale=scale
        )


_VL_VERSION = "6.4"


def _vl_convert() -> Any:
    return require("vl_convert", extra="charts", purpose="rendering a chart to SVG or PNG")


def _copy_table(table: Table) -> Table:
    copy_ = Table(columns=[])
    for name in table.columns:
        copy_.add_column(name, table.get_column(name))
    return copy_


def _rows(table: Table) -> list[dict[str, Any]]:
    """The table as Vega-Lite data values: media columns left out, NaN and inf as null."""
    types = table.column_types
    names = [n for n in table.columns if types[n] != "media"]
    cols = []
    for n in names:
        col = table.get_column(n)
        if types[n] == "float":
            col = [None if v is not None and not math.isfinite(v) else v for v in col]
        cols.append(col)
    return [dict(zip(names, row)) for row in zip(*cols)]
