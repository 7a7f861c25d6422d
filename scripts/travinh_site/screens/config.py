"""Options of the ``travinh-screens`` plugin in mkdocs.yml (all optional)::

plugins:
  - travinh-screens:
      file: man-hinh.html   # the screen page's path in each language (/en/…, /km/…)
      seconds: 10           # how long each slide is shown
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ScreensConfig(base.Config):
    file = c.Type(str, default="man-hinh.html")
    seconds = c.Type(int, default=10)
