"""``figlog.Table``: rows and typed columns, media cells included, checked when built."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ._types import ColumnType, cell_type, describe, merge_types, normalise_cell

__all__ = ["Table"]

_PLAIN = {int: "int", float: "float", bool: "bool", str: "str", type(None): "null"}


class Table:
    """A table of rows whose columns have one type each (int, float, bool, str or media).

    A column takes the type of its first non-empty cell; ints and floats mix (the column
    becomes float); any other mix is an error naming the row and the column. Cells may be
    numbers, strings, booleans, None, ``Image``/``Html``/``Plotly`` values, and raw
    matplotlib or Plotly figures (wrapped in ``Plotly``).

    Parameters
    ----------
    columns : list of str, optional
        Column names; ``col_0, col_1, ...`` when only ``data`` is given.
    data : (n_rows, n_columns) list of rows or 2-D array, optional
    dataframe : pandas.DataFrame, optional
        Columns and rows from a DataFrame (not with ``data``).

    Examples
    --------
    >>> t = Table(columns=["step", "loss"], data=[[0, 1.5], [1, 0.75]])
    >>> t.add_data(2, 0.5)
    >>> len(t), t.get_column("loss")
    (3, [1.5, 0.75, 0.5])
    """

    def __init__(
        self,
        columns: Sequence[str] | None = None,
        data: Any = None,
        *,
        dataframe: Any = None,
    ) -> None:
        self._names: list[str] = []
        self._cols: list[list[Any]] = []
        self._types: list[ColumnType] = []
        if dataframe is not None:
            if data is not None:
                msg = "Table() takes either data= or dataframe=, not both"
                raise ValueError(msg)
            self._from_dataframe(dataframe, columns)
            return
        if isinstance(data, np.ndarray):
            if data.ndim != 2:
                msg = f"Table(data=...) array has shape {data.shape}; expected (n_rows, n_columns)"
                raise ValueError(msg)
            data = data.tolist()
        if columns is None and data is not None:
            rows = _as_rows(data)
            width = len(rows[0]) if rows else 0
            columns = [f"col_{i}" for i in range(width)]
        for name in _check_names(columns or []):
            self._names.append(name)
            self._cols.append([])
            self._types.append("null")
        if data is not None:
            self._extend_rows(_as_rows(data))

    # ----------------------------------------------------------------- building
    def add_data(self, *cells: Any) -> None:
        """Append one row; its cells are checked against the column types first."""
        if len(cells) != len(self._names):
            msg = (
                f"row {len(self)} has {len(cells)} cells but the table has {len(self._names)} "
                f"columns ({_names_preview(self._names)})"
            )
            raise ValueError(msg)
        row = [normalise_cell(c) for c in cells]
        new_types = [self._check_cell(j, c, len(self)) for j, c in enumerate(row)]
        for j, c in enumerate(row):
            self._cols[j].append(c)
        self._types = new_types

    def add_column(self, name: str, data: Sequence[Any]) -> None:
        """Append a column; it must have one cell per existing row."""
        (name,) = _check_names([name], existing=self._names)
        if isinstance(data, np.ndarray):
            data = data.tolist()
        if not isinstance(data, Sequence) or isinstance(data, (str, bytes)):
            msg = f"add_column(data=...) expects a list or 1-D array, got {type(data).__name__}"
            raise TypeError(msg)
        if self._names and len(data) != len(self):
            msg = (
                f"add_column({name!r}, data=...) has {len(data)} values but the table has "
                f"{len(self)} rows"
            )
            raise ValueError(msg)
        values, ctype = _typed_column(list(data), name, start=0)
        self._names.append(name)
        self._cols.append(values)
        self._types.append(ctype)

    # ----------------------------------------------------------------- reading
    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return list(self._names)

    @property
    def column_types(self) -> dict[str, ColumnType]:
        """Each column's type: 'null' (no value yet), 'int', 'float', 'bool', 'str' or 'media'."""
        return dict(zip(self._names, self._types))

    @property
    def data(self) -> list[list[Any]]:
        """The rows as lists (a copy)."""
        return [list(r) for r in zip(*self._cols)] if self._cols else []

    def get_column(self, name: str, convert_to: str | None = None) -> Any:
        """The cells of column ``name`` as a list, or as an array with ``convert_to="numpy"``."""
        j = self._index(name)
        values = list(self._cols[j])
        if convert_to is None:
            return values
        if convert_to == "numpy":
            return np.asarray(values)
        msg = f"get_column(convert_to={convert_to!r}) is not supported; supported: None, 'numpy'"
        raise ValueError(msg)

    def iterrows(self) -> Iterator[tuple[int, list[Any]]]:
        """Yield ``(row_index, row)`` pairs."""
        for i, row in enumerate(zip(*self._cols)):
            yield i, list(row)

    def __len__(self) -> int:
        return len(self._cols[0]) if self._cols else 0

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return self._names == other._names and all(
            _cells_equal(a, b) for a, b in zip(self._cols, other._cols)
        )

    __hash__ = None  # mutable

    def _repr_html_(self) -> str:
        """Inline display in Jupyter, offline (the viewer builds it)."""
        from ..viewer.notebook import table_html

        return table_html(self)

    def __repr__(self) -> str:
        return f"Table({len(self)} rows × {len(self._names)} columns: {_names_preview(self._names)})"

    # ----------------------------------------------------------------- internals
    def _index(self, name: str) -> int:
        try:
            return self._names.index(name)
        except ValueError:
            msg = f"no column {name!r}; columns are {self._names}"
            raise KeyError(msg) from None

    def _check_cell(self, j: int, cell: Any, row: int) -> ColumnType:
        return _merge_cell(self._types[j], cell, self._names[j], row)

    def _extend_rows(self, rows: list[Sequence[Any]]) -> None:
        width = len(self._names)
        if any(len(r) != width for r in rows):
            i = next(i for i, r in enumerate(rows) if len(r) != width)
            msg = (
                f"row {len(self) + i} has {len(rows[i])} cells but the table has {width} "
                f"columns ({_names_preview(self._names)})"
            )
            raise ValueError(msg)
        if not rows:
            return
        start = len(self)
        new = []
        for j in range(width):
            new.append(_typed_column([r[j] for r in rows], self._names[j], start=start,
                                     ctype=self._types[j]))
        for j, (values, merged) in enumerate(new):
            self._cols[j].extend(values)
            self._types[j] = merged

    def _from_dataframe(self, df: Any, columns: Sequence[str] | None) -> None:
        if not hasattr(df, "columns") or not hasattr(df, "to_dict"):
            msg = f"Table(dataframe=...) expects a pandas DataFrame, got {type(df).__name__}"
            raise TypeError(msg)
        names = [str(c) for c in df.columns] if columns is None else list(columns)
        if len(names) != len(df.columns):
            msg = (
                f"Table(columns=...) names {len(names)} columns but the dataframe has "
                f"{len(df.columns)}"
            )
            raise ValueError(msg)
        for name, src in zip(_check_names(names), df.columns):
            series = df[src]
            if series.dtype.kind == "M":  # datetimes: keep them readable, as ISO 8601 text
                values = [None if v is None or v != v else v.isoformat() for v in series.tolist()]
            else:
                values = series.to_numpy(dtype=object, na_value=None).tolist() \
                    if series.dtype.kind not in "iufb" else series.tolist()
            values, ctype = _typed_column(values, name, start=0)
            self._names.append(name)
            self._cols.append(values)
            self._types.append(ctype)


def _typed_column(values: list[Any], name: str, *, start: int,
                  ctype: ColumnType = "null") -> tuple[list[Any], ColumnType]:
    """Normalise a column's cells and infer its type, starting from ``ctype``.

    Errors name the first offending row and the column.
    """
    kinds = {type(v) for v in values}
    if kinds <= _PLAIN.keys():  # fast path: plain Python scalars only (the common bulk case)
        found = {_PLAIN[k] for k in kinds} - {"null"}
        if ctype != "null":
            found.add(ctype)
        if len(found) <= 1 or found == {"int", "float"}:
            merged = "float" if "float" in found else (found.pop() if found else "null")
            return values, merged
    values = [normalise_cell(v) for v in values]
    for i, v in enumerate(values):
        ctype = _merge_cell(ctype, v, name, start + i)
    return values, ctype


def _merge_cell(ctype: ColumnType, cell: Any, name: str, row: int) -> ColumnType:
    """The column type after adding ``cell``; ``TypeError`` naming row and column if refused."""
    vt = cell_type(cell)
    if vt is None:
        msg = (
            f"row {row}, column {name!r}: a {describe(cell)} cannot be a table cell; "
            "use numbers, strings, booleans, None, or Image/Html/Plotly media"
        )
        raise TypeError(msg)
    merged = merge_types(ctype, vt)
    if merged is None:
        msg = f"row {row}, column {name!r}: expected {ctype}, got {describe(cell)}"
        raise TypeError(msg)
    return merged


def _as_rows(data: Any) -> list[Sequence[Any]]:
    if isinstance(data, (str, bytes)) or not hasattr(data, "__iter__"):
        msg = f"Table(data=...) expects a list of rows, got {type(data).__name__}"
        raise TypeError(msg)
    rows = list(data)
    if all(type(r) is list or type(r) is tuple for r in rows):  # the common case, checked fast
        return rows
    for i, r in enumerate(rows):
        if isinstance(r, np.ndarray):
            rows[i] = r.tolist()
        elif isinstance(r, (str, bytes)) or not isinstance(r, Sequence):
            msg = (
                f"Table(data=...) row {i} is a {type(r).__name__}, not a list of cells; "
                "data is a list of rows, e.g. [[1, 'a'], [2, 'b']]"
            )
            raise TypeError(msg)
    return rows


def _check_names(names: Sequence[str], existing: Sequence[str] = ()) -> list[str]:
    if isinstance(names, str):
        msg = f"Table(columns=...) expects a list of names, got the string {names!r}"
        raise TypeError(msg)
    seen = set(existing)
    out = []
    for n in names:
        if not isinstance(n, str):
            msg = f"column names must be str, got {type(n).__name__} {n!r}"
            raise TypeError(msg)
        if n in seen:
            msg = f"column name {n!r} appears twice; column names must be unique"
            raise ValueError(msg)
        seen.add(n)
        out.append(n)
    return out


def _names_preview(names: Sequence[str]) -> str:
    shown = ", ".join(repr(n) for n in names[:4])
    return shown + (", ..." if len(names) > 4 else "")


def _cells_equal(a: list[Any], b: list[Any]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is y:
            continue
        if isinstance(x, float) and isinstance(y, float) and x != x and y != y:
            continue  # NaN == NaN for round trips
        if x != y:
            return False
    return True

