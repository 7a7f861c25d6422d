"""The options of the site package's plugins: ``travinh`` (the core plugin) and
``travinh-preview``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from travinh_site.site.page_cache import DEFAULT_FOLDER


class TravinhConfig(base.Config):
    # Where the three content folders are mapped into the one folder mkdocs-static-i18n reads.
    stage_dir = c.Type(str, default=".cache/stage")
    # Interface texts of our own templates, one entry per text and one line per language.
    strings = c.Type(str, default="overrides/strings.yml")
    # Show draft translations, with a notice, instead of the default language's page: for the
    # editors' preview (`make serve`), so translators see their work. Never in a published build.
    show_drafts = c.Type(bool, default=False)
    # Set by scripts/build_site.py to build the languages in parallel processes: "i/n" makes
    # this process build every n-th language starting at the i-th; the others are built by
    # their own process. mkdocs-static-i18n always builds the default language first: in the
    # processes it does not belong to, its pages are read but not rendered (nor written).
    # Empty: build every language.
    shard = c.Type(str, default="")
    # Rendered pages kept by a key of everything they depend on (site/page_cache.py): a build
    # renders only the pages whose inputs changed. Off: every page is rendered.
    page_cache = c.Type(bool, default=True)
    page_cache_dir = c.Type(str, default=DEFAULT_FOLDER)


class PreviewConfig(base.Config):
    # The code of the one language to preview; empty: every language.
    only = c.Type(str, default="")
