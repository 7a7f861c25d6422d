"""The ``travinh-news`` MkDocs plugin: news posts, their listings and feeds in every language.

The posts are read once per run (:mod:`.posts`); each language's build then adds its listing
pages and feeds as generated files, dates each post's page (its date line, picture and
sources, :mod:`.listings`), renders ``{{ tin-tuc }}`` lines, gives each post its
``NewsArticle`` JSON-LD and each page the links to its language's feeds (``news_feeds``, in
``overrides/main.html``). Shared state (language table, catalogue, interface texts, site URL)
comes from the core plugin (:func:`travinh_site.site.plugin.core`), which also puts the
listings into the catalogue and the sitemaps (``add_pages``).
"""

from __future__ import annotations

import datetime
import hashlib
import posixpath
import re
from dataclasses import replace
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from travinh_site.content import frontmatter
from travinh_site.content import posts as rules
from travinh_site.content.languages import Language
from travinh_site.errors import Problem, SiteError
from travinh_site.news import feeds, jsonld, listings
from travinh_site.news.config import NewsConfig
from travinh_site.news.posts import Newsroom, Post, collect
from travinh_site.site import seo
from travinh_site.site.plugin import (
    SwitcherLink,
    Translation,
    TravinhPlugin,
    core,
    language_file,
    page_context,
)
from travinh_site.text import htmlscan

log = get_plugin_logger(__name__)

_OFFSET = re.compile(r"^[+-](?:0\d|1[0-4]):[0-5]\d$")


class NewsPlugin(BasePlugin[NewsConfig]):
    def __init__(self) -> None:
        self.newsroom: Newsroom | None = None
        self.categories: tuple[str, ...] = ()
        self.listings: dict[str, list[listings.Listing]] = {}  # by language code
        self.contexts: dict[str, listings.Context] = {}  # by language code
        self.reported: set[str] = set()

    # ---- events, in lifecycle order ---------------------------------------------------------

    # After the core plugin's on_config (100), which reads the language table and the pages;
    # once per run (mkdocs-static-i18n runs on_config again for each language).
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.newsroom is not None:
            return config
        site = core(config)
        assert site.languages is not None and site.catalogue is not None
        try:
            self._check_options()
            site.require_texts(listings.TEXTS, "the news pages", "các trang tin tức")
        except SiteError as error:
            raise PluginError(str(error)) from None
        project = Path(config.config_file_path).resolve().parent
        default = site.languages.default
        self.categories = rules.categories_in(site.texts[default.code])
        self.newsroom = collect(project, site.languages, site.catalogue, self.categories)
        for problem in self.newsroom.problems:
            self._warn(problem)
        # The listings exist from the first post on (the menu's entry then leads somewhere).
        if not any(rules.is_post(page) for page in site.catalogue.pages):
            return config
        for language in site.languages:
            posts = self.newsroom.of(language.code)
            self.listings[language.code] = listings.listings(
                posts, self.categories, self.config.per_page
            )
        site.add_pages(*self._catalogue_entries(site))
        return config

    # After mkdocs-static-i18n's (-100) and the core plugin's (-110) on_files, which would not
    # know these generated files; before the core's -130, which leaves out other processes'.
    @event_priority(-120)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        site = core(config)
        language = site.current_language(config)
        if not site.renders(language):
            return files
        self._declare_inputs(site, files)
        if not self.listings:
            return files
        for file in files.documentation_pages():
            if rules.is_post(_page_path(site, file.src_uri)):
                file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from the listings
        context = self._context(site, language)
        for listing in self.listings[language.code]:
            inclusion = (
                InclusionLevel.UNDEFINED  # the menu's entry
                if listing.page == rules.LISTING
                else InclusionLevel.NOT_IN_NAV
            )
            generated = File.generated(
                config,
                f"{language.code}/{listing.page}",
                content=listings.listing_markdown(listing, context),
                inclusion=inclusion,
            )
            generated.dest_uri = seo.page_url(listing.page, language)
            files.append(generated)
        for path, content in self._feeds(site, language, config).items():
            files.append(language_file(config, language, path, content))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        site = core(config)
        build_language = site.current_language(config)
        if not markdown or page.file.generated_by or not site.renders(build_language):
            return markdown
        assert site.languages is not None and self.newsroom is not None
        content_language = site.languages.of_content_path(page.file.src_uri) or build_language
        context = self._context(site, content_language)
        path = _page_path(site, page.file.src_uri)
        if self.listings and rules.is_post(path):
            post = self._version(site, path, content_language)
            if post is not None:
                markdown = listings.decorate(
                    markdown, post, context, page.file.url, page.file.src_uri
                )
        if "{{" not in markdown:
            return markdown
        shown_as = site.languages.source_path(page.file.src_uri)
        try:
            _meta, body, first_line = frontmatter.split(page.file.content_string, shown_as)
        except SiteError:
            return markdown  # the core plugin reports it
        found, problems = listings.find_blocks(
            body, first_line, shown_as, self.categories, self.config.latest
        )
        for problem in problems:
            self._warn(problem)
        if not found:
            return markdown
        posts = self.newsroom.of(content_language.code)
        rendered = iter(
            listings.latest_html(block, posts, context, page.file.url) for block in found
        )
        return listings.replace_blocks(markdown, lambda: next(rendered))

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        site = core(config)
        language = site.current_language(config)
        has_feeds = self.newsroom is not None and self.newsroom.newest is not None
        env.globals["news_feeds"] = self._feed_links(site, language) if has_feeds else []
        return env

    # After the core plugin's on_page_context (-100: canonical URL, switcher) and the data
    # plugin's (-110), which sets the page's first JSON-LD block.
    @event_priority(-120)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if not self.listings:
            return context
        site = core(config)
        assert site.languages is not None and site.catalogue is not None
        build_language = site.current_language(config)
        path = _page_path(site, page.file.src_uri)
        ours = page_context(context)
        translation = ours.get("translation")
        if page.file.generated_by and isinstance(translation, Translation):
            # A listing page the other languages lack (their listings are shorter): the
            # switcher offers their news instead of a missing page.
            ours["translation"] = self._switch_to_listings(site, translation, path, page)
        if not rules.is_post(path):
            return context
        content_language = site.languages.of_content_path(page.file.src_uri) or build_language
        if content_language != build_language:
            return context  # an untranslated page: its canonical, the Vietnamese post, has it
        assert self.newsroom is not None
        post = self.newsroom.version(path, content_language.code)  # none for a draft
        if post is None:
            return context
        head = ours.get("seo")
        url = head.canonical if head else seo.absolute(site.site_url, page.file.url)
        publisher = jsonld.Publisher(
            self.config.publisher or config.site_name,
            seo.absolute(site.site_url, build_language.prefix),
        )
        section = site.texts[content_language.code][rules.CATEGORY_TEXT + post.category]
        image = self._image_url(site, page)
        document = jsonld.news_article(post, url, section, publisher, image)
        ours["structured_data"] = jsonld.with_article(ours.get("structured_data", []), document)
        return context

    # ---- helpers ----------------------------------------------------------------------------

    def _check_options(self) -> None:
        problems = []
        for name in ("per_page", "feed_entries", "latest"):
            if getattr(self.config, name) < 1:
                problems.append(
                    Problem(
                        "mkdocs.yml",
                        f"travinh-news: '{name}' must be at least 1.",
                        problem_vi=f"travinh-news: '{name}' phải từ 1 trở lên.",
                    )
                )
        if not _OFFSET.match(self.config.utc_offset):
            problems.append(
                Problem(
                    "mkdocs.yml",
                    f"travinh-news: utc_offset '{self.config.utc_offset}' is not an offset from "
                    "UTC.",
                    "write it as '+07:00' (hours and minutes, with the sign).",
                    problem_vi=f"travinh-news: utc_offset '{self.config.utc_offset}' không phải "
                    "là độ lệch so với giờ UTC.",
                    fix_vi="viết theo dạng '+07:00' (giờ và phút, có dấu).",
                )
            )
        if problems:
            raise SiteError(*problems)

    def _catalogue_entries(
        self, site: TravinhPlugin
    ) -> tuple[dict[str, frozenset[str]], dict[str, datetime.date]]:
        """The listing pages with the languages that have them, and the sitemaps' dates."""
        assert site.languages is not None and self.newsroom is not None
        pages: dict[str, set[str]] = {}
        lastmod: dict[str, datetime.date] = {}
        for language in site.languages:
            for listing in self.listings[language.code]:
                pages.setdefault(listing.page, set()).add(language.code)
                if listing.newest is not None:
                    lastmod[seo.page_url(listing.page, language)] = listing.newest
            for post in self.newsroom.of(language.code):
                lastmod[seo.page_url(post.page, language)] = post.updated
        return {page: frozenset(codes) for page, codes in pages.items()}, lastmod

    def _context(self, site: TravinhPlugin, language: Language) -> listings.Context:
        """The rendering context of ``language``, made once (every page asks for it)."""
        assert site.languages is not None and self.newsroom is not None
        context = self.contexts.get(language.code)
        if context is None:
            posts = self.newsroom.of(language.code)
            context = listings.Context(
                language=language,
                default=site.languages.default,
                texts=site.texts[language.code],
                categories=self.categories,
                years=sorted({post.year for post in posts}, reverse=True),
            )
            self.contexts[language.code] = context
        return context

    def _version(self, site: TravinhPlugin, path: str, language: Language) -> Post | None:
        """The post's version in ``language``; a draft translation shown by the preview has
        none: the Vietnamese post's then (its date line, without its picture and sources)."""
        assert site.languages is not None and self.newsroom is not None
        post = self.newsroom.version(path, language.code)
        if post is not None:
            return post
        source = self.newsroom.version(path, site.languages.default.code)
        if source is None:
            return None
        return replace(source, language=language, image=None, sources=())

    def _feeds(
        self, site: TravinhPlugin, language: Language, config: MkDocsConfig
    ) -> dict[str, str]:
        assert self.newsroom is not None
        if self.newsroom.newest is None:
            return {}  # no post can be read (the content check says why): nothing to date a feed
        texts = site.texts[language.code]
        made = {}
        for path, write in ((listings.ATOM, feeds.atom), (listings.JSON_FEED, feeds.json_feed)):
            feed = feeds.Feed(
                language=language,
                title=texts["news.feed_title"].format(config.site_name),
                description=texts["news.description"],
                site_url=site.site_url,
                home=seo.page_url(rules.LISTING, language),
                path=language.prefix + path,
                author=self.config.publisher or config.site_name,
                author_url=seo.absolute(site.site_url, language.prefix),
                utc_offset=self.config.utc_offset,
                labels={c: texts[rules.CATEGORY_TEXT + c] for c in self.categories},
                updated=self.newsroom.newest,
                posts=self.newsroom.of(language.code)[: self.config.feed_entries],
            )
            made[path] = write(feed)
        return made

    def _declare_inputs(self, site: TravinhPlugin, files: Files) -> None:
        """Tell the cache of rendered pages (site.page_cache) what a page shows from other
        files: every head links the feeds once there is a post; a post shows its Vietnamese
        version's date and picture; a {{ tin-tuc }} block lists the latest posts."""
        assert self.newsroom is not None and site.languages is not None
        newsroom = self.newsroom
        site.add_to_keys("news.feeds", str(newsroom.newest is not None))
        codes = site.languages.codes
        all_posts = _digest(repr(sorted(newsroom.by_language.items())))
        with_blocks: list[str] = []
        by_post: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            path = _page_path(site, file.src_uri)
            if rules.is_post(path):
                versions = [newsroom.version(path, code) for code in codes]
                by_post.setdefault(_digest(repr(versions)), []).append(file.dest_uri)
            if listings.has_blocks(file.content_string):
                with_blocks.append(file.dest_uri)
        site.add_to_keys("news.latest", all_posts, with_blocks)
        for digest, outputs in by_post.items():
            site.add_to_keys("news.post", digest, outputs)

    def _feed_links(self, site: TravinhPlugin, language: Language) -> list[dict[str, str]]:
        """The head's links to this language's feeds (absolute: the 404 pages are served at
        any depth)."""
        title = site.texts[language.code]["news.title"]
        return [
            {
                "type": kind,
                "title": f"{title} ({name})",
                "href": seo.absolute(site.site_url, language.prefix + path),
            }
            for kind, name, path in (
                (feeds.ATOM_TYPE, "Atom", listings.ATOM),
                (feeds.JSON_FEED_TYPE, "JSON Feed", listings.JSON_FEED),
            )
        ]

    @staticmethod
    def _switch_to_listings(
        site: TravinhPlugin, translation: Translation, path: str, page: Page
    ) -> Translation:
        assert site.languages is not None and site.catalogue is not None
        links = []
        for link in translation.switcher:
            if not site.catalogue.is_translated(path, link.code):
                other = site.languages.get(link.code)
                href = get_relative_url(seo.page_url(rules.LISTING, other), page.file.url)
                link = SwitcherLink(link.code, link.name, href, link.current)
            links.append(link)
        return replace(translation, switcher=tuple(links))

    @staticmethod
    def _image_url(site: TravinhPlugin, page: Page) -> str | None:
        """The absolute URL of the post's picture as the images plugin published it."""
        if listings.LEAD_IMAGE not in (page.content or ""):
            return None
        for element in htmlscan.parse(page.content or "").elements:
            classes = (element.get("class") or "").split()
            if element.name == "img" and listings.LEAD_IMAGE in classes and element.get("src"):
                folder = posixpath.dirname(page.file.url)
                target = posixpath.normpath(posixpath.join(folder, element.get("src") or ""))
                return seo.absolute(site.site_url, target)
        return None

    def _warn(self, problem: Problem) -> None:
        message = str(problem)
        if message not in self.reported:  # a page rendered in several languages: once
            self.reported.add(message)
            log.warning(message)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _page_path(site: TravinhPlugin, src_uri: str) -> str:
    """ "km/tin-tuc/2026/x.md" -> "tin-tuc/2026/x.md" (the page, whatever its language)."""
    assert site.languages is not None
    language = site.languages.of_content_path(src_uri)
    return src_uri.removeprefix(f"{language.code}/") if language else src_uri
