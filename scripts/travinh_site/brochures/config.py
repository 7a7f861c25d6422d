"""Options of the ``travinh-brochures`` plugin in mkdocs.yml::

plugins:
  - travinh-brochures:
      brochures:
        - file: an-pham/ho-so-dau-tu.pdf     # its path in each language (under /en/, /km/)
          title: brochure.investment         # its title: a text of overrides/strings.yml
          sections: [dau-tu]                 # the folders whose pages it holds, in menu order
          offered_on: dau-tu/index.md        # the page that links to it (no page, no brochure)
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from travinh_site.text import fonts

# The largest a brochure may be, in bytes (forwarded by e-mail and messaging apps).
MAX_BYTES = 3_000_000


class BrochureConfig(base.Config):
    file = c.Type(str)
    title = c.Type(str)
    sections = c.ListOfItems(c.Type(str))
    offered_on = c.Type(str)


class BrochuresConfig(base.Config):
    brochures = c.ListOfItems(c.SubConfig(BrochureConfig), default=[])
    # Brochures already made, by the hash of their document (relative to mkdocs.yml's folder).
    cache_dir = c.Type(str, default=".cache/brochures")
    # The full Noto fonts (Debian's fonts-noto-core).
    fonts_dir = c.Type(str, default=fonts.DEFAULT_FOLDER)
    max_bytes = c.Type(int, default=MAX_BYTES)
