"""The ``travinh-brochures`` plugin: the PDF brochures of each language, offered on their pages,
and each link's address for printing.

A brochure is made once every page's content is rendered (``on_env``), by the process that
renders its language, from that language's pages (:mod:`.document`); its page (``offered_on``)
then links to it with its size, written by the template (``overrides/partials/brochures.html``)
outside the page's content, so that the brochure, made from that content, does not contain its
own link. The preview (``mkdocs serve``) makes none: a brochure takes seconds, a preview must
not; ``make site`` does.

Brochures keep their names from build to build (``an-pham/ho-so-dau-tu.pdf``): people forward
and bookmark them, so a new version replaces the old at the same address (hosts revalidate it,
as they do pages).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from babel.numbers import format_decimal
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from travinh_site.brochures import document, pdf, printing
from travinh_site.brochures.cache import Store
from travinh_site.brochures.config import BrochureConfig, BrochuresConfig
from travinh_site.errors import Problem, SiteError
from travinh_site.site import seo
from travinh_site.site.plugin import RUN, TravinhPlugin, core
from travinh_site.text import fonts

log = get_plugin_logger(__name__)

TEXTS = (
    "brochure.download",
    "brochure.contents",
    "brochure.online",
    "brochure.made_from",
)


@dataclass(frozen=True)
class Offer:
    title: str
    href: str  # relative to the page that offers it
    size: str  # "PDF, 1.2 MB" in the page's language


class BrochuresPlugin(BasePlugin[BrochuresConfig]):
    def __init__(self) -> None:
        self.store: Store | None = None
        self.font_set: fonts.FontSet | None = None
        self.menu_order: list[str] = []  # page paths in mkdocs.yml's nav order
        self.site_files: dict[str, Path] = {}  # site path -> the build's file for it
        self.offers: dict[str, list[tuple[str, str, int]]] = {}  # src_uri -> (title, dest, bytes)

    # ---- events, in lifecycle order ---------------------------------------------------------

    @property
    def serving(self) -> bool:
        return RUN.serving  # not set in on_startup: see travinh_site.site.plugin.Run

    # After the core plugin's on_config (100), which reads the language table and the texts.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.store is None:  # once per run
            project = Path(config.config_file_path).resolve().parent
            site = core(config)
            titles = [brochure.title for brochure in self.config.brochures]
            try:
                site.require_texts([*TEXTS, *titles], "the PDF brochures", "các tài liệu PDF")
                self.font_set = fonts.font_set(self.config.fonts_dir)
            except SiteError as error:
                raise PluginError(str(error)) from None
            self.store = Store(project / self.config.cache_dir, self.font_set.fingerprint)
            self.menu_order = _menu_order(config.nav or [])
        return config

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        site = core(config)
        if self.serving or not site.renders(site.current_language(config)):
            return nav
        # The brochures are made from these pages' rendered content, cached pages' too.
        sections = {section for brochure in self.config.brochures for section in brochure.sections}
        site.keep_content(
            file.dest_uri
            for file in files.documentation_pages()
            if _page_path(site, file.src_uri).split("/", 1)[0] in sections
        )
        return nav

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        site = core(config)
        return printing.annotate(html, page.file.url, seo.normalise_site_url(site.site_url))

    # After the images plugin's on_env (0), which adds the images' published files.
    @event_priority(-50)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self.site_files.update(
            {
                file.dest_uri: Path(file.abs_src_path)
                for file in files
                if file.abs_src_path and not file.is_documentation_page()
            }
        )
        site = core(config)
        language = site.current_language(config)
        self.offers = {}
        if self.serving or not site.renders(language):
            return env
        started = time.monotonic()
        before = (self.store.made, self.store.cached) if self.store else (0, 0)
        pages = {_page_path(site, file.src_uri): file for file in files.documentation_pages()}
        for brochure in self.config.brochures:
            offering = pages.get(brochure.offered_on)
            if offering is None:
                continue  # a site without the brochure's page (a new site, a test site)
            try:
                title, dest, size = self._make(brochure, pages, config, files)
            except SiteError as error:
                raise PluginError(str(error)) from None
            self.offers.setdefault(offering.src_uri, []).append((title, dest, size))
        if self.store is not None and self.config.brochures:
            made = self.store.made - before[0]
            cached = self.store.cached - before[1]
            log.info(
                f"Brochures ({language.code}): {made} made, {cached} cached "
                f"({time.monotonic() - started:.1f} s)."
            )
        return env

    # After the core plugin's on_page_context (-100); the offers only add to the context.
    @event_priority(-110)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        site = core(config)
        code = site.current_language(config).code
        cast(dict[str, Any], context)["brochures"] = [
            Offer(title, get_relative_url(dest, page.file.url), size_label(size, code))
            for title, dest, size in self.offers.get(page.file.src_uri, [])
        ]
        return context

    # ---- helpers ----------------------------------------------------------------------------

    def _make(
        self,
        brochure: BrochureConfig,
        pages: dict[str, File],
        config: MkDocsConfig,
        files: Files,
    ) -> tuple[str, str, int]:
        assert self.store is not None and self.font_set is not None
        site = core(config)
        assert site.languages is not None
        language = site.current_language(config)
        texts = site.texts[language.code]
        root = seo.normalise_site_url(site.site_url)
        chapters = []
        # Section by section in the order given, each section's pages in menu order.
        in_order = [
            path
            for section in brochure.sections
            for path in self.menu_order
            if path.split("/", 1)[0] == section and "/" in path
        ]
        for path in in_order:
            file = pages.get(path)
            if file is None or file.page is None:
                continue
            page = file.page
            content_language = site.languages.of_content_path(file.src_uri) or language
            chapters.append(
                document.Chapter(
                    page=page.file.url,
                    title=str(page.meta.get("title") or page.title or ""),
                    url=seo.absolute(site.site_url, page.file.url),
                    language=content_language.code,
                    content=page.content or "",
                )
            )
        words = document.Texts(
            title=texts[brochure.title],
            site_name=config.site_name,
            description=" ".join(str(config.site_description or "").split()),
            contents=texts["brochure.contents"],
            online=texts["brochure.online"],
            made_from=texts["brochure.made_from"],
        )
        css = pdf.stylesheet(self.font_set, config.site_name)
        home = seo.absolute(site.site_url, language.prefix)
        html = document.document(chapters, words, language.code, root, home, css)
        font_set, site_files = self.font_set, self.site_files
        made = self.store.ensure(html, lambda: pdf.render(html, font_set, site_files))
        size = made.stat().st_size
        dest = language.prefix + brochure.file
        if size > self.config.max_bytes:
            raise SiteError(_too_large(dest, size, self.config.max_bytes))
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, abs_src_path=str(made)))
        return words.title, dest, size


def size_label(size: int, code: str) -> str:
    """ "PDF, 1.2 MB" (decimal units, the language's decimal sign)."""
    if size >= 1_000_000:
        return f"PDF, {format_decimal(size / 1_000_000, '#,##0.0', locale=code)} MB"
    return f"PDF, {format_decimal(max(1, round(size / 1000)), '#,##0', locale=code)} KB"


def _menu_order(nav: list[Any]) -> list[str]:
    """The page paths of mkdocs.yml's ``nav``, in order."""
    found: list[str] = []
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if isinstance(value, list):
                found += [path for path in _menu_order(value) if path not in found]
            elif isinstance(value, str) and value.endswith(".md") and value not in found:
                found.append(value)
    return found


def _page_path(site: TravinhPlugin, src_uri: str) -> str:
    """ "km/du-lich/x.md" -> "du-lich/x.md" (the page, whatever its language)."""
    assert site.languages is not None
    language = site.languages.of_content_path(src_uri)
    return src_uri.removeprefix(f"{language.code}/") if language else src_uri


def _too_large(dest: str, size: int, limit: int) -> Problem:
    shown, most = f"{size / 1e6:.1f} MB", f"{limit / 1e6:.1f} MB"
    return Problem(
        "mkdocs.yml",
        f"the brochure {dest} would be {shown}, more than {most}.",
        "make its pages' images smaller, or split it (travinh-brochures 'sections').",
        problem_vi=f"tài liệu {dest} sẽ nặng {shown}, quá {most}.",
        fix_vi="hãy làm nhỏ ảnh trong các trang của nó, hoặc tách nó ra ('sections' của "
        "travinh-brochures).",
    )
