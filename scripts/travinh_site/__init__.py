"""Tri-lingual (Vietnamese, English, Khmer) promotion site generator for the Trà Vinh area.

One package per capability, each a set of plain libraries (one module per concept) with thin
shells over them: an MkDocs plugin (``plugin.py`` for the events, ``config.py`` for its typed
options) and the command lines in ``scripts/``. Imports run one way, from the top of this list
to the bottom (``ARCHITECTURE.md`` draws it; ``lint-imports`` in ``make test`` enforces it):

- :mod:`.commands`      the whole build: the languages in parallel, merged, put in place
- :mod:`.security`, :mod:`.search`, :mod:`.translations`, :mod:`.images`, :mod:`.data`,
  :mod:`.editing`       the capabilities; none imports another
- :mod:`.site`          the core of a build: staging, the core plugin, head tags, interface
  texts, passages, preview
- :mod:`.content`       what editors write: languages and pages, front matter, links, menu,
  the checks of all of it
- :mod:`.text`          text and HTML without knowledge of the site: Khmer words, slugs, tags
- :mod:`.errors`        the one error type (a ``Problem`` with file, line and fix)
"""
