"""Tables: typed columns, media cells, and their columnar (Arrow/Parquet) form."""

from __future__ import annotations

from .table import Table

__all__ = ["Table"]
