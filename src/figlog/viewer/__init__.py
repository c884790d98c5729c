"""The viewer: a local, read-only web app over a figlog store, and offline HTML export.

``figlog ui`` serves ``create_app(dir)``; ``figlog export`` calls ``export_run``.
"""

from __future__ import annotations

from .app import create_app
from .export import export_html, export_run

__all__ = ["create_app", "export_html", "export_run"]
