"""The ``travinh-cards`` plugin: a social card for every page, named in its ``<head>``.

Cards are drawn once every page's title is known (``on_env``: after every page's Markdown, before
any file is copied or template rendered), by the process that renders the language; the
templates then get ``card`` (``overrides/main.html`` writes ``og:image`` and the Twitter card).
Cards are published under ``assets/cards/<language>/<page>.<hash>.png``: the hash in the name
changes with the card, so hosts may keep it for ever (``_headers`` gives fingerprinted files a
year) and social networks, which keep an image by its address, fetch a changed card anew.
"""

from __future__ import annotations

import posixpath
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from travinh_site.cards import config as cards_config
from travinh_site.cards import render
from travinh_site.cards.cache import Store
from travinh_site.cards.config import CardsConfig
from travinh_site.content.languages import I18N_PLUGIN
from travinh_site.errors import Problem, SiteError
from travinh_site.site import seo
from travinh_site.site.plugin import core
from travinh_site.text import fonts

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class Shared:
    """What the page's head says about its card."""

    url: str  # absolute
    width: int
    height: int
    alt: str


class CardsPlugin(BasePlugin[CardsConfig]):
    def __init__(self) -> None:
        self.store: Store | None = None
        self.colours: dict[str, str] = {}
        self.site_names: dict[str, str] = {}  # language code -> the site's name in it
        self.cards: dict[str, Shared] = {}  # page src_uri -> its card, in this language's build
        # Page path -> the name of its section in the default language's menu (mkdocs.yml's
        # nav as written), for the pages shown in that language at another's address.
        self.default_sections: dict[str, str] = {}

    # ---- events, in lifecycle order ---------------------------------------------------------

    # After the core plugin's on_config (100), which reads the language table.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.store is None:  # once per run (mkdocs-static-i18n runs it per language)
            project = Path(config.config_file_path).resolve().parent
            try:
                self.colours = cards_config.colours(self.config)
                font_set = fonts.font_set(self.config.fonts_dir)
                render.check_shaping()
            except SiteError as error:
                raise PluginError(str(error)) from None
            self.store = Store(project / self.config.cache_dir, font_set)
            for entry in config.plugins[I18N_PLUGIN].config.languages:
                self.site_names[entry.locale] = entry.site_name or config.site_name
            self.default_sections = sections_of(config.nav or [])
        return config

    # Every page's title and section are known here, and files may still be added.
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        assert self.store is not None
        site = core(config)
        language = site.current_language(config)
        self.cards = {}
        if not site.renders(language):
            return env
        started = time.monotonic()
        before = (self.store.rendered, self.store.cached)
        problems: list[Problem] = []
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            try:
                shared, card_file = self._card(page, config)
            except SiteError as error:
                problems.extend(error.problems)
                continue
            if files.get_file_from_path(card_file.src_uri) is None:
                files.append(card_file)
            self.cards[file.src_uri] = shared
        if problems:
            raise PluginError("\n".join(str(problem) for problem in problems))
        rendered = self.store.rendered - before[0]
        cached = self.store.cached - before[1]
        log.info(
            f"Cards ({language.code}): {rendered} rendered, {cached} cached "
            f"({time.monotonic() - started:.1f} s)."
        )
        return env

    # After the core plugin's on_page_context (-100); the card only adds to the context.
    @event_priority(-110)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        cast(dict[str, Any], context)["card"] = self.cards.get(page.file.src_uri)
        return context

    # ---- helpers ----------------------------------------------------------------------------

    def _card(self, page: Page, config: MkDocsConfig) -> tuple[Shared, File]:
        assert self.store is not None
        site = core(config)
        assert site.languages is not None
        build_language = site.current_language(config)
        src_uri = page.file.src_uri
        content_language = site.languages.of_content_path(src_uri) or build_language
        path = src_uri.removeprefix(f"{content_language.code}/")
        title = str(page.meta.get("title") or page.title or "")
        # A page shown in Vietnamese at another language's address has the Vietnamese card.
        if content_language == build_language:
            section = _section(page)
        else:
            section = self.default_sections.get(path, "")
        folder = path.split("/", 1)[0] if "/" in path else ""
        card = render.Card(
            title=title,
            site_name=self.site_names.get(content_language.code, config.site_name),
            section=section,
            language=content_language.code,
            colour=self.colours.get(folder, self.colours[cards_config.DEFAULT]),
        )
        missing = render.missing_characters(title, self.store.font_set)
        if missing:
            raise SiteError(_unknown_characters(site.languages.source_path(src_uri), page, missing))
        key, cached = self.store.ensure(card)
        stem = posixpath.splitext(path)[0]
        dest = f"{self.config.output_dir}/{content_language.code}/{stem}.{key[:12]}.png"
        card_file = File.generated(config, dest, abs_src_path=str(cached))
        shared = Shared(
            url=seo.absolute(site.site_url, dest),
            width=render.WIDTH,
            height=render.HEIGHT,
            alt=f"{' '.join(title.split())} – {card.site_name}",
        )
        return shared, card_file


def sections_of(nav: list[Any], section: str = "") -> dict[str, str]:
    """Page path -> the title of the menu section it is in, from mkdocs.yml's ``nav``."""
    found: dict[str, str] = {}
    for entry in nav:
        items = entry.items() if isinstance(entry, dict) else [("", entry)]
        for title, value in items:
            if isinstance(value, list):
                found.update(sections_of(value, str(title)))
            elif isinstance(value, str) and value.endswith(".md"):
                found.setdefault(value, section)
    return found


def _section(page: Page) -> str:
    """The name of the menu section ``page`` is in ("" for a page outside any)."""
    return str(page.parent.title or "") if page.parent is not None else ""


def _unknown_characters(shown_as: str, page: Page, missing: list[str]) -> Problem:
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
    line = next(
        (
            n
            for n, text in enumerate(page.file.content_string.splitlines(), 1)
            if text.startswith("title:")
        ),
        None,
    )
    return Problem(
        shown_as,
        f"the title has characters the site's fonts cannot show: {shown}.",
        "remove them or write them with letters (the title is drawn on the page's social card).",
        line,
        problem_vi=f"tiêu đề có ký tự mà phông chữ của trang không hiển thị được: {shown}.",
        fix_vi="hãy xoá hoặc viết chúng bằng chữ (tiêu đề được vẽ lên ảnh chia sẻ của trang).",
    )
