"""The options of the ``travinh-editing`` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class EditingConfig(base.Config):
    # Where the repository shows a file to edit, without the file: on GitHub
    # "https://github.com/OWNER/REPOSITORY/edit/main/". Each page then links its own source
    # file there (docs_km/du-lich/x.md for a Khmer page). Empty: no "edit this page" links.
    edit_url = c.Type(str, default="")
