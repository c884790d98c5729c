"""What every media value shares: immutability and a kind name."""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["Media"]


class Media:
    """Base of the small immutable media values (``Image``, ``Html``, ``Plotly``).

    A media value holds its content in memory; it never writes files. The store decides
    where and how the content lands on disk.
    """

    kind: ClassVar[str] = "media"
    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        msg = f"{type(self).__name__} is immutable; build a new one instead of setting {name!r}"
        raise AttributeError(msg)

    def _init(self, **fields: Any) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)
