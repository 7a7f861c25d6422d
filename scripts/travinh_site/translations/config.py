"""The options of the ``travinh-coverage`` plugin (the translation dashboard)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CoverageConfig(base.Config):
    # Where the dashboard is written, relative to the site's root ("" turns it off).
    dashboard = c.Type(str, default="tien-do-ban-dich.html")
