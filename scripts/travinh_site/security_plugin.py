"""The ``travinh-security`` plugin: content safety checks and the site's HTTP headers.

- Each page's rendered content is checked (:mod:`travinh_site.safety`); anything unsafe stops
  the build, with the file, the line and the fix, whether or not the build is ``--strict``.
- Each built page gets its own Content-Security-Policy as ``<meta>``, and ``_headers`` is
  written at the site's root with the policy of all pages (:mod:`travinh_site.headers`).
  ``mkdocs serve`` gets neither: its live-reload script is inline, and previews stay fast.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from travinh_site import frontmatter, headers, safety
from travinh_site.errors import SiteError
from travinh_site.plugin import core

log = get_plugin_logger(__name__)

HEADERS_FILE = "_headers"


class SecurityConfig(base.Config):
    # Beginnings of the addresses editors may embed with <iframe src="…"> (https, ending in
    # "/"), e.g. "https://www.youtube-nocookie.com/embed/". Empty: no frames at all.
    allowed_iframes = c.ListOfItems(c.Type(str), default=[])
    # Strict-Transport-Security: how long browsers keep to https (0 leaves the header out),
    # and whether subdomains must too (only if every subdomain of the host serves https).
    hsts_max_age = c.Type(int, default=31536000)
    hsts_include_subdomains = c.Type(bool, default=False)


class TravinhSecurityPlugin(BasePlugin[SecurityConfig]):
    def __init__(self) -> None:
        self.frames: tuple[safety.FrameRule, ...] = ()
        self.inline = headers.Inline()  # of every page of every language built in this run
        self.generated: set[str] = set()  # HTML files other plugins generate, to govern
        self.serving = False

    # ---- events, in lifecycle order ---------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.frames = safety.frame_rules(self.config.allowed_iframes)
        except ValueError as error:
            raise PluginError(str(error)) from None
        return config

    # After the plugins that generate files (the translation dashboard): generated HTML pages
    # do not go through the page events, so they are governed once written (on_post_build).
    @event_priority(-200)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.generated.update(
            file.abs_dest_path
            for file in files
            if file.generated_by and file.dest_uri.endswith(".html")
        )
        return files

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

    # Last: the policy must hash the page as it is written out.
    @event_priority(-200)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self._govern(output)

    # Before the core plugin's on_post_template, which writes each language's 404 page itself.
    @event_priority(50)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return self._govern(output_content)

    # After mkdocs-static-i18n's on_post_build (-100), which builds the other languages: the
    # last call of a run has seen every page of every language.
    # ``_headers`` depends on every page of every language, so it is written here, beside the
    # pages, rather than declared as a generated file before any page exists.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            return
        for path in sorted(self.generated):
            page = Path(path)
            if page.is_file():
                page.write_text(self._govern(page.read_text("utf-8")), encoding="utf-8")
                self.generated.discard(path)
        site = Path(config.site_dir)
        files = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        every_response = headers.site_headers(
            headers.policy(self.inline, self._frame_prefixes()),
            self._frame_prefixes(),
            hsts_max_age=self.config.hsts_max_age,
            hsts_include_subdomains=self.config.hsts_include_subdomains,
        )
        rules = headers.rules(every_response, headers.cache_patterns(files))
        (site / HEADERS_FILE).write_text(headers.render(rules), encoding="utf-8")

    # ---- helpers ----------------------------------------------------------------------------

    def _govern(self, page_html: str) -> str:
        if self.serving or not page_html:
            return page_html
        governed, inline = headers.with_meta_policy(page_html, self._frame_prefixes())
        self.inline.update(inline)
        return governed

    def _frame_prefixes(self) -> list[str]:
        return [rule.prefix for rule in self.frames]
