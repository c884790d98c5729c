"""A Table as an Arrow table and back. Media cells travel as JSON references."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from ..media import Media
from .table import Table

__all__ = ["SERIAL_VERSION", "from_arrow", "rows_from_arrow", "table_meta", "to_arrow"]

SERIAL_VERSION = 1
_ARROW = {"null": pa.null(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
          "str": pa.string(), "media": pa.string()}


def to_arrow(table: Table, media_ref: Callable[[Media], dict]) -> pa.Table:
    """The table as Arrow; ``media_ref`` turns each media cell into a JSON-able reference."""
    arrays = []
    types = table.column_types
    for name in table.columns:
        ctype = types[name]
        values = table._cols[table._index(name)]
        if ctype == "media":
            values = [None if v is None else json.dumps(media_ref(v), separators=(",", ":"))
                      for v in values]
        arrays.append(pa.array(values, type=_ARROW[ctype]))
    meta = {"version": SERIAL_VERSION, "columns": table.columns,
            "types": [types[c] for c in table.columns]}
    schema = pa.schema([pa.field(n, a.type) for n, a in zip(table.columns, arrays)],
                       metadata={b"figlog": json.dumps(meta).encode()})
    return pa.Table.from_arrays(arrays, schema=schema)


def table_meta(schema: pa.Schema) -> dict:
    """The figlog metadata stored in a table's Arrow schema."""
    raw = (schema.metadata or {}).get(b"figlog")
    if raw is None:
        return {"version": SERIAL_VERSION, "columns": schema.names,
                "types": [_type_of(f.type) for f in schema]}
    return json.loads(raw)


def rows_from_arrow(data: pa.Table, media_load: Callable[[dict], Any] | None) -> list[list[Any]]:
    """Rows of ``data`` as lists; media references are loaded with ``media_load`` (or kept)."""
    meta = table_meta(data.schema)
    cols = []
    for name, ctype in zip(meta["columns"], meta["types"]):
        values = data.column(name).to_pylist()
        if ctype == "media":
            values = [None if v is None else json.loads(v) for v in values]
            if media_load is not None:
                values = [None if v is None else media_load(v) for v in values]
        cols.append(values)
    return [list(r) for r in zip(*cols)] if cols else []


def from_arrow(data: pa.Table, media_load: Callable[[dict], Any]) -> Table:
    """The Table back from its Arrow form."""
    meta = table_meta(data.schema)
    table = Table(columns=meta["columns"])
    for j, (name, ctype) in enumerate(zip(meta["columns"], meta["types"])):
        values = data.column(name).to_pylist()
        if ctype == "media":
            values = [None if v is None else media_load(json.loads(v)) for v in values]
        table._cols[j] = values
        table._types[j] = ctype
    return table


def _type_of(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t):
        return "float"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_null(t):
        return "null"
    return "str"
