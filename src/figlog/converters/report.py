"""What a conversion did with each artist: converted, approximated, skipped or hidden."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

__all__ = ["ConversionReport", "ReportEntry", "Status"]

Status = Literal["converted", "approximated", "skipped", "hidden"]
_STATUSES: tuple[str, ...] = ("converted", "approximated", "skipped", "hidden")
_FORMAT = 1


class ReportEntryDict(TypedDict):
    where: str
    kind: str
    label: str
    status: str
    became: str
    reason: str


class ReportDict(TypedDict):
    version: int
    complete: bool
    counts: dict[str, int]
    entries: list[ReportEntryDict]


@dataclass(frozen=True)
class ReportEntry:
    """One artist (or axes/figure feature) and what it became.

    ``status`` is ``"converted"`` (native Plotly, faithful), ``"approximated"`` (drawn, but
    something differs: ``reason`` says what), ``"skipped"`` (not drawn) or ``"hidden"``
    (matplotlib draws nothing either: invisible or empty).
    """

    where: str  # "axes 0", "figure", ...
    kind: str  # matplotlib class name, or a feature name such as "symlog axis"
    label: str
    status: Status
    became: str = ""
    reason: str = ""

    def to_dict(self) -> ReportEntryDict:
        return ReportEntryDict(
            where=self.where, kind=self.kind, label=self.label, status=self.status,
            became=self.became, reason=self.reason,
        )


@dataclass(frozen=True)
class ConversionReport:
    """Per-artist account of a conversion; ``complete`` when nothing was dropped or approximated.

    Examples
    --------
    >>> r = ConversionReport((ReportEntry("axes 0", "Line2D", "loss", "converted", "trace 0"),))
    >>> r.complete
    True
    >>> ConversionReport.from_dict(r.to_dict()) == r
    True
    """

    entries: tuple[ReportEntry, ...] = ()

    @property
    def complete(self) -> bool:
        return not any(e.status in ("approximated", "skipped") for e in self.entries)

    @property
    def skipped(self) -> tuple[ReportEntry, ...]:
        return tuple(e for e in self.entries if e.status == "skipped")

    @property
    def approximated(self) -> tuple[ReportEntry, ...]:
        return tuple(e for e in self.entries if e.status == "approximated")

    def counts(self) -> dict[str, int]:
        """Number of entries per status (all four keys always present)."""
        c = Counter(e.status for e in self.entries)
        return {s: c.get(s, 0) for s in _STATUSES}

    def problems(self) -> list[str]:
        """One line per skipped or approximated entry, for warnings and errors."""
        return [
            f"{e.where}: {e.kind}{f' {e.label!r}' if e.label else ''} {e.status}: {e.reason}"
            for e in self.entries
            if e.status in ("approximated", "skipped")
        ]

    def summary(self) -> str:
        """A one-line account by kind, such as ``"skipped 2 (PatchCollection×2)"``."""
        parts = []
        for status in ("skipped", "approximated"):
            kinds = Counter(e.kind for e in self.entries if e.status == status)
            if kinds:
                n = sum(kinds.values())
                detail = ", ".join(f"{k}×{v}" for k, v in sorted(kinds.items()))
                parts.append(f"{status} {n} ({detail})")
        return "; ".join(parts) if parts else "complete"

    def to_dict(self) -> ReportDict:
        return ReportDict(
            version=_FORMAT,
            complete=self.complete,
            counts=self.counts(),
            entries=[e.to_dict() for e in self.entries],
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConversionReport:
        """Rebuild a report from :meth:`to_dict` output (as read back from a store)."""
        if not isinstance(data, dict) or "entries" not in data:
            msg = f"expected a dict with an 'entries' list, got {type(data).__name__}"
            raise TypeError(msg)
        version = data.get("version", _FORMAT)
        if version != _FORMAT:
            msg = f"report format version {version!r} is not supported; supported: {_FORMAT}"
            raise ValueError(msg)
        entries = []
        for raw in data["entries"]:
            if raw["status"] not in _STATUSES:
                msg = f"report status {raw['status']!r} is not one of {_STATUSES}"
                raise ValueError(msg)
            entries.append(
                ReportEntry(
                    where=raw["where"], kind=raw["kind"], label=raw.get("label", ""),
                    status=raw["status"], became=raw.get("became", ""),
                    reason=raw.get("reason", ""),
                )
            )
        return cls(tuple(entries))
