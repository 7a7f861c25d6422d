"""The ``travinh-security`` plugin: the files the build may read, content safety checks and the
site's HTTP headers.

- Before anything is read, the content, asset and template folders are checked for links out of
  them and special files (:mod:`travinh_site.content.source_files`); any stops the build.
- Each page's rendered content is checked (:mod:`travinh_site.security.safety`); anything
  unsafe stops the build, with the file, the line and the fix, whether or not the build is
  ``--strict``.
- Each built page gets its own Content-Security-Policy as ``<meta>`` (which pages, and when:
  :mod:`travinh_site.site.page_rewriter`), and ``_headers`` is written at the site's root with the
  policy of all pages (:mod:`travinh_site.security.headers`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from travinh_site.content import frontmatter, source_files
from travinh_site.content.languages import ASSETS, I18N_PLUGIN, languages_from_i18n, shard_of
from travinh_site.errors import ENGLISH_INDENT, SiteError
from travinh_site.security import headers, safety
from travinh_site.security.config import SecurityConfig
from travinh_site.site.page_rewriter import PageRewriter
from travinh_site.site.plugin import core, i18n_plugin

# What a page has inline (for _headers), kept by the page cache with the page.
INLINE = "security.inline"


class TravinhSecurityPlugin(PageRewriter, BasePlugin[SecurityConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.frames: tuple[safety.FrameRule, ...] = ()
        self.sources_checked = False
        self.builds_ended = 0
        self.inline = headers.Inline()  # of every page of every language built in this run
        self.page_inline = headers.Inline()  # of the page rewritten last

    def rewrite(self, page_html: str) -> str:
        """The page with its own policy; what it has inline is added to the site's."""
        governed, self.page_inline = headers.with_meta_policy(page_html, self._frame_prefixes())
        self.inline.update(self.page_inline)
        return governed

    def collect(self, extras: dict[str, Any]) -> None:
        extras[INLINE] = self.page_inline.to_json()

    def replay(self, extras: dict[str, Any]) -> None:
        self.inline.update(headers.Inline.from_json(extras[INLINE]))

    # ---- events, in lifecycle order ---------------------------------------------------------

    # Before every other plugin's on_config (travinh-checks: 110, the core plugin: 100), which
    # read the pages: a link to /proc/self/environ must not even be read.
    @event_priority(120)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.frames = safety.frame_rules(self.config.allowed_iframes)
        except ValueError as error:
            raise PluginError(str(error)) from None
        if not self.sources_checked:  # once: mkdocs-static-i18n runs on_config per language
            self.sources_checked = True
            self._check_sources(config)
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
        if self.builds_ended < len(i18n_plugin(config).build_languages):
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

    @staticmethod
    def _check_sources(config: MkDocsConfig) -> None:
        """Stop the build on a link out of the project's folders or a special file."""
        i18n = config.plugins.get(I18N_PLUGIN)
        try:
            languages = languages_from_i18n(i18n.config.languages) if i18n else None
        except SiteError:
            languages = None  # the core plugin reports a broken language table
        project = Path(config.config_file_path).resolve().parent
        folders = [project / language.content_dir for language in languages or ()]
        folders.append(project / ASSETS)
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        unsafe = source_files.problems(project, folders)
        if unsafe:
            count = len(unsafe)
            raise PluginError(
                "\n".join(str(problem) for problem in unsafe)
                + f"\nCó {count} tệp không được phép đọc (xem ở trên); chưa có gì được tạo ra.\n"
                f"{ENGLISH_INDENT}{count} file(s) must not be read (see above); nothing was built."
            )

    def _frame_prefixes(self) -> list[str]:
        return [rule.prefix for rule in self.frames]
