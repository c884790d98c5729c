"""figlog: local-first logging and viewing of the figures experiments produce.

>>> import figlog, matplotlib.pyplot as plt                       # doctest: +SKIP
>>> run = figlog.init(project="demo")                             # doctest: +SKIP
>>> plt.plot([1, 2, 3, 4]); run.log({"chart": plt, "loss": 0.25})  # doctest: +SKIP
>>> run.finish()                                                  # doctest: +SKIP
"""

from __future__ import annotations

from . import converters as converters  # figlog.converters.to_plotly is public
from . import plot
from .charts import plot_table, presets
from .converters import ConversionError, EmptyPlotError
from .media import Html, Image, Plotly
from .run import Run, finish, init, log
from .store import open_store
from .tables import Table

__version__ = "0.1.0"

__all__ = [
    "ConversionError",
    "EmptyPlotError",
    "Html",
    "Image",
    "Plotly",
    "Run",
    "Table",
    "finish",
    "init",
    "log",
    "open_store",
    "plot",
    "plot_table",
    "presets",
]
