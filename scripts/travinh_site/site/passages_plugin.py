"""The ``travinh-passages`` plugin: ``lang`` on passages in another language than the page's
(:mod:`travinh_site.site.passages`), in every built page, so that screen readers read Vietnamese
names in a Khmer or English page, and Khmer words in a Vietnamese or English page, with the
right voice (which pages, and when: :mod:`travinh_site.site.page_rewriter`).
"""

from __future__ import annotations

from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from travinh_site.site import passages
from travinh_site.site.page_rewriter import PageRewriter


# No options: LegacyConfig is MkDocs' default config class (a bare Config has no schema).
class TravinhPassagesPlugin(PageRewriter, BasePlugin[LegacyConfig]):
    def rewrite(self, page_html: str) -> str:
        return passages.mark(page_html)

    # After mkdocs-static-i18n's on_post_build (-100), which builds the other languages.
    @event_priority(-150)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.rewrite_generated()
