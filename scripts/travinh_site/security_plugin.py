"""The ``travinh-security`` plugin: content safety checks and the site's HTTP headers.

- Each page's rendered content is checked (:mod:`travinh_site.safety`); anything unsafe stops
  the build, with the file, the line and the fix, whether or not the build is ``--strict``.
- Each built page gets its own Content-Security-Policy as ``<meta>`` (which pages, and when:
  :mod:`travinh_site.page_rewriter`), and ``_headers`` is written at the site's root with the
  policy of all pages (:mod:`travinh_site.headers`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from travinh_site import frontmatter, headers, safety
from travinh_site.errors import SiteError
from travinh_site.languages import I18N_PLUGIN
from travinh_site.page_rewriter import PageRewriter
from travinh_site.plugin import core, shard_of


class SecurityConfig(base.Config):
    # Beginnings of the addresses editors may embed with <iframe src="…"> (https, ending in
    # "/"), e.g. "https://www.youtube-nocookie.com/embed/". Empty: no frames at all.
    allowed_iframes = c.ListOfItems(c.Type(str), default=[])
    # Strict-Transport-Security: how long browsers keep to https (0 leaves the header out),
    # and whether subdomains must too (only if every subdomain of the host serves https).
    hsts_max_age = c.Type(int, default=31536000)
    hsts_include_subdomains = c.Type(bool, default=False)


class TravinhSecurityPlugin(PageRewriter, BasePlugin[SecurityConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.frames: tuple[safety.FrameRule, ...] = ()
        self.builds_ended = 0
        self.inline = headers.Inline()  # of every page of every language built in this run

    def rewrite(self, page_html: str) -> str:
        """The page with its own policy; what it has inline is added to the site's."""
        governed, inline = headers.with_meta_policy(page_html, self._frame_prefixes())
        self.inline.update(inline)
        return governed

    # ---- events, in lifecycle order ---------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.frames = safety.frame_rules(self.config.allowed_iframes)
        except ValueError as error:
            raise PluginError(str(error)) from None
        return config

    # Before other plugins add their own markup: what is checked is what the editor wrote.
    @event_priority(100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        languages = core(config).languages
        assert languages is not None
        shown_as = languages.source_path(page.file.src_uri)
        try:
            _meta, body, first_line = frontmatter.split(page.file.content_string, shown_as)
        except SiteError:  # reported by the core plugin with its line
            return html
        problems = safety.check_page(html, body, shown_as, first_line, self.frames)
        if problems:
            raise PluginError("\n".join(str(problem) for problem in problems))
        return html

    # After mkdocs-static-i18n's on_post_build (-100), which builds the other languages, and
    # travinh-passages' (-150): the last call of a run has seen every page of every language as
    # it is published. ``_headers`` depends on all of them, so it is written here, beside the
    # pages, rather than declared as a generated file before any page exists.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            return
        # The languages' builds end inside one another: the default language's ends last.
        self.builds_ended += 1
        if self.builds_ended < len(config.plugins[I18N_PLUGIN].build_languages):
            return
        travinh = core(config)
        self.rewrite_generated()
        site = Path(config.site_dir)
        inputs = headers.SiteInputs(
            self.inline,
            self._frame_prefixes(),
            self.config.hsts_max_age,
            self.config.hsts_include_subdomains,
        )
        if travinh.config.shard:  # one process of a parallel build: its share, merged later
            index = shard_of(travinh.config.shard)[0]
            (site / headers.PARTS.format(index)).write_text(inputs.to_json(), encoding="utf-8")
        else:
            headers.write_site_headers(site, inputs)

    # ---- helpers ----------------------------------------------------------------------------

    def _frame_prefixes(self) -> list[str]:
        return [rule.prefix for rule in self.frames]
