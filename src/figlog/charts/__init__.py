"""Preset charts and custom Vega-Lite charts.

``figlog.plot.*`` builds a :class:`Chart` from data with one of the built-in presets;
:func:`plot_table` builds one from any preset of the registry :data:`presets`.
"""

from __future__ import annotations

from . import bar, confusion_matrix, histogram, line, line_series, pr_curve, roc_curve, scatter
from ._chart import Chart, ChartRecord
from ._registry import Preset, PresetRegistry
from .custom import plot_table

__all__ = ["Chart", "ChartRecord", "Preset", "PresetRegistry", "plot_table", "presets"]

presets = PresetRegistry()
for _module in (line, scatter, bar, histogram, line_series, pr_curve, roc_curve, confusion_matrix):
    presets._add_builtin(_module.PRESET)
del _module
