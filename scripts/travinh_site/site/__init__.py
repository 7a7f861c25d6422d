"""The core of a build: what every page of every language goes through.

- :mod:`.staging`         the content folders as the one folder mkdocs-static-i18n reads
- :mod:`.plugin`          the core MkDocs plugin (``travinh``; options in :mod:`.config`): shared
                          state, untranslated pages, the language switcher, the 404 pages, the
                          parallel build's shares
- :mod:`.seo`             canonical and hreflang links, Open Graph, sitemaps, robots.txt
- :mod:`.strings`         the interface texts of our templates (``overrides/strings.yml``)
- :mod:`.passages`        ``lang`` on passages in another language (``travinh-passages``)
- :mod:`.page_rewriter`   what the plugins that rewrite built pages share
- :mod:`.preview`         ``make serve ONLY=km`` (``travinh-preview``)
- :mod:`.plugin_settings` mkdocs.yml's plugins read without loading MkDocs
- :mod:`.cli`             what the command lines share (the project's mkdocs.yml, its languages)
- :mod:`.sitecheck`       the links of a built site, checked as a visitor would follow them

May import: :mod:`travinh_site.content`, :mod:`travinh_site.text`, :mod:`travinh_site.errors`.
"""
