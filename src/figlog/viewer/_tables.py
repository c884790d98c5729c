"""Server-side paging, sorting and filtering of stored tables (a million rows and more).

An unsorted, unfiltered page reads only the Parquet row groups that hold it. A sorted or
filtered view loads the table once, computes the row order with Arrow compute, and caches
both, so paging through the result costs a ``take`` of 50 rows.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..store import MediaFiles

__all__ = ["MAX_LIMIT", "TablePage", "TableQuery", "page"]

MAX_LIMIT = 500
_NUMERIC_FILTER = re.compile(r"\s*(<=|>=|!=|==|=|<|>)\s*(-?[0-9.eE+-]+|nan|inf|-inf)\s*")


@dataclass(frozen=True)
class TableQuery:
    """One page request: rows ``offset:offset+limit`` after filtering and sorting."""

    offset: int = 0
    limit: int = 50
    sort: str | None = None
    descending: bool = False
    filter_column: str | None = None
    filter: str = ""

    def view_key(self) -> tuple:
        return (self.sort, self.descending, self.filter_column, self.filter.strip())


@dataclass(frozen=True)
class TablePage:
    columns: list[str]
    types: list[str]
    total: int          # rows after filtering
    nrows: int          # rows in the table
    offset: int
    rows: list[list[Any]]   # media cells as reference dicts
    index: list[int]        # each row's position in the stored table


class _LRU:
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_tables = _LRU(4)     # path -> full pa.Table
_orders = _LRU(32)    # (path, view key) -> pa.Array of row indices


def page(media: MediaFiles, ref: dict, query: TableQuery) -> TablePage:
    """One page of the stored table ``ref`` (a ``_type: table`` reference).

    Raises
    ------
    ValueError
        unknown sort or filter column, or a filter that does not fit its column.
    """
    columns, types = list(ref["columns"]), list(ref["types"])
    nrows = int(ref["nrows"])
    limit = max(0, min(int(query.limit), MAX_LIMIT))
    offset = max(0, int(query.offset))
    for name in (query.sort, query.filter_column):
        if name is not None and name not in columns:
            msg = f"table has no column {name!r}; its columns are {columns}"
            raise ValueError(msg)
    if query.sort is None and not (query.filter_column and query.filter.strip()):
        data = media.read_rows(ref, offset, offset + limit)
        return TablePage(columns, types, nrows, nrows, offset, _rows(data, columns, types),
                         list(range(offset, offset + data.num_rows)))
    order = _order(media, ref, query, types[columns.index(query.sort)] if query.sort else None,
                   types[columns.index(query.filter_column)] if query.filter_column else None)
    picked = order.slice(offset, limit)
    data = _full(media, ref).take(picked)
    return TablePage(columns, types, len(order), nrows, offset, _rows(data, columns, types),
                     picked.to_pylist())


def _full(media: MediaFiles, ref: dict) -> pa.Table:
    path = ref["path"]
    data = _tables.get(path)
    if data is None:
        data = pq.read_table(media.path(path))
        _tables.put(path, data)
    return data


def _order(media: MediaFiles, ref: dict, query: TableQuery, sort_type: str | None,
           filter_type: str | None) -> pa.Array:
    key = (ref["path"], query.view_key())
    order = _orders.get(key)
    if order is not None:
        return order
    data = _full(media, ref)
    indices = None
    if query.filter_column and query.filter.strip():
        mask = _mask(data.column(query.filter_column), filter_type, query.filter)
        indices = pc.indices_nonzero(pc.fill_null(mask, False))
    if query.sort:
        column = data.column(query.sort)
        if indices is not None:
            column = column.take(indices)
        sort_order = "descending" if query.descending else "ascending"
        by = pc.array_sort_indices(column, order=sort_order, null_placement="at_end")
        indices = by if indices is None else indices.take(by)
    if indices is None:
        indices = pa.array(range(data.num_rows), type=pa.uint64())
    if isinstance(indices, pa.ChunkedArray):
        indices = indices.combine_chunks()
    _orders.put(key, indices)
    return indices


def _mask(column: pa.ChunkedArray, ctype: str | None, text: str) -> pa.ChunkedArray:
    """Rows of ``column`` matching ``text``: a comparison (``>0.5``) or a number for numeric
    columns, ``true``/``false`` for booleans, a case-insensitive substring otherwise."""
    text = text.strip()
    if ctype in ("int", "float"):
        m = _NUMERIC_FILTER.fullmatch(text)
        op, num = (m.group(1), m.group(2)) if m else ("=", text)
        try:
            value = float(num)
        except ValueError:
            msg = f"filter {text!r} does not fit a numeric column; use e.g. '>0.5', '<=3' or '2'"
            raise ValueError(msg) from None
        fn = {"<": pc.less, "<=": pc.less_equal, ">": pc.greater, ">=": pc.greater_equal,
              "=": pc.equal, "==": pc.equal, "!=": pc.not_equal}[op]
        return fn(pc.cast(column, pa.float64()), value)
    if ctype == "bool":
        want = text.lower() in ("1", "true", "yes", "y", "t")
        return pc.equal(column, want)
    if ctype == "null":
        return pc.is_valid(column)
    return pc.match_substring(column, text, ignore_case=True)


def _rows(data: pa.Table, columns: list[str], types: list[str]) -> list[list[Any]]:
    cols = []
    for name, ctype in zip(columns, types):
        values = data.column(name).to_pylist()
        if ctype == "media":
            values = [None if v is None else json.loads(v) for v in values]
        elif ctype == "float":
            values = [v if v is None or math.isfinite(v) else str(v) for v in values]
        cols.append(values)
    return [list(r) for r in zip(*cols)] if cols else []
