"""Optional dependencies: imported lazily, with an error that names the pip extra."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["loaded", "require"]


def require(module: str, *, extra: str, purpose: str | None = None) -> ModuleType:
    """Import ``module``, or raise an ``ImportError`` that says which extra installs it.

    Parameters
    ----------
    module : str
        Dotted module name, e.g. ``"bokeh.embed"``.
    extra : str
        The figlog extra that installs it, e.g. ``"html"`` for ``pip install 'figlog[html]'``.
    purpose : str, optional
        What needs it, for the message ("rendering a Bokeh model to HTML").

    Raises
    ------
    ImportError
        ``module`` (or one of its dependencies) is not installed.

    Examples
    --------
    >>> require("json", extra="html").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        why = f" for {purpose}" if purpose else ""
        msg = (
            f"figlog needs {top!r}{why}, and it could not be imported ({exc}). "
            f"Install it with: pip install 'figlog[{extra}]'"
        )
        raise ImportError(msg, name=module) from exc


def loaded(module: str) -> ModuleType | None:
    """``module`` if the process has already imported it, else None (never imports).

    An object can only be an instance of a library's class if that library is imported,
    so type checks against optional libraries start here and cost nothing otherwise.
    """
    return sys.modules.get(module)
