"""The options of the ``travinh-search`` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from travinh_site.search import index


class SearchConfig(base.Config):
    # Languages whose index is matched with diacritics folded ("tra vinh" finds "Trà Vinh"):
    # they use the lunr language of assets/javascripts/lunr/min/lunr.travinh.min.js.
    fold_diacritics = c.ListOfItems(c.Type(str), default=[])
    # What splits words (a regular expression, the same for every language).
    separator = c.Type(str, default=index.SEPARATOR)
    # lunr steps kept per language ("stemmer", "stopWordFilter", "trimmer"); a language not
    # listed keeps those of Material's language file (search.config.pipeline).
    pipeline = c.Type(dict, default={})
    # How many pages a result lists at most: each one is a file the visitor's browser fetches
    # (about 1.5 kB), and Material shows ten before the visitor scrolls.
    results = c.Type(int, default=10)
