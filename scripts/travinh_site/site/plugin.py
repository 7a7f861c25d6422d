"""The MkDocs plugin that wires the libraries into the build (``plugins: [travinh]``).

mkdocs-static-i18n builds the default language first; from that build's ``on_post_build`` it
builds every other language with the same config and plugin instances, so each event below runs
once per language. Work shared by the languages (staging, reading which pages are translated,
the sitemaps) is done in the first ``on_config`` and reused.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from travinh_site.content import frontmatter, links, notices
from travinh_site.content.as_of import as_of
from travinh_site.content.languages import (
    ASSETS,
    I18N_PLUGIN,
    Catalogue,
    Language,
    Languages,
    in_shard,
    languages_from_i18n,
    scan,
    shard_of,
)
from travinh_site.errors import Problem, SiteError
from travinh_site.site import menu, page_cache, seo, strings, stylesheets
from travinh_site.site.config import TravinhConfig
from travinh_site.site.staging import stage

log = get_plugin_logger(__name__)

NOT_FOUND = "404.html"
# What every page of a build depends on, in TravinhPlugin.add_to_keys.
ALL_PAGES = "*"

# An empty template: the pages another process renders (see TravinhConfig.shard).
SKIPPED = "skipped.html"
CONTENT = "content"  # a cached page's rendered content, kept for keep_content()


def language_file(config: MkDocsConfig, language: Language, path: str, content: str) -> File:
    """A generated file of ``language`` (a download, a feed): staged like a page of that
    language, so that a Markdown link from a page ("../du-lieu/su-kien.ics") resolves, and
    published under the language's prefix."""
    generated = File.generated(config, f"{language.code}/{path}", content=content)
    generated.dest_uri = language.prefix + path
    return generated


def core(config: MkDocsConfig) -> TravinhPlugin:
    """The core plugin of this build, for feature plugins that need its shared state
    (``languages``, ``catalogue``, ``site_url``, ``texts``, ``current_language(config)``)."""
    plugin = config.plugins.get("travinh")
    if not isinstance(plugin, TravinhPlugin):
        raise PluginError(
            str(
                Problem(
                    "mkdocs.yml",
                    "the 'travinh' plugin must be listed under plugins.",
                    problem_vi="plugin 'travinh' phải có trong danh sách plugins.",
                )
            )
        )
    return plugin


class I18nPlugin(Protocol):
    """What we read of mkdocs-static-i18n's plugin, which ships no types."""

    current_language: str  # the language being built (set before its first event)
    build_languages: list[str]


def i18n_plugin(config: MkDocsConfig) -> I18nPlugin:
    """mkdocs-static-i18n's plugin of this build (its presence is checked in on_config)."""
    return cast(I18nPlugin, config.plugins[I18N_PLUGIN])


class _CompiledTemplates(BytecodeCache):
    """Jinja bytecode in memory, by template and checksum of its source.

    MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n builds each
    language in turn, so Material's templates were compiled once per language, and again on
    every save in ``mkdocs serve`` (about half of a preview's rebuild, measured with cProfile).
    Kept for the life of the process (the server reloads the configuration, and with it the
    plugins, on every save; the module stays), keyed by each template's source, so an edited
    template is compiled again.
    """

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


@dataclass
class Run:
    """What MkDocs says once per run, in ``on_startup``, kept for the whole run.

    ``mkdocs serve`` loads the configuration again for every rebuild, which makes new plugin
    instances, but calls ``on_startup`` only on the first ones: what a plugin learnt there
    would be forgotten from the second build on (a preview that rewrote pages and made the
    brochures after the first save). The module stays for the life of the process.
    """

    command: str = "build"  # "build", "gh-deploy" or "serve"
    dirty: bool = False

    @property
    def serving(self) -> bool:
        return self.command == "serve"


RUN = Run()


@dataclass(frozen=True)
class SwitcherLink:
    code: str
    name: str
    href: str  # relative to the current page
    current: bool


@dataclass(frozen=True)
class Translation:
    """What the templates need to know about the language of the page being rendered."""

    language: Language  # the language of this URL (and of the interface)
    content_language: Language  # the language of the text shown
    switcher: tuple[SwitcherLink, ...]
    source_href: str  # the default language's version, relative to the current page
    is_draft: bool = False  # an unfinished translation, shown by the preview (show_drafts)

    @property
    def is_fallback(self) -> bool:
        return self.language != self.content_language


class PageContext(TemplateContext, total=False):
    """The templates' context: MkDocs' own keys, and those our plugins add."""

    translation: Translation  # the core plugin's, on every page and the 404 page
    seo: seo.Head  # the core plugin's, on every page
    structured_data: list[str]  # travinh-data's JSON-LD scripts
    missing: notices.Missing | None  # the core plugin's: what the page does not give yet


def page_context(context: TemplateContext) -> PageContext:
    """``context`` with our keys (MkDocs types only its own)."""
    return cast(PageContext, context)


class TravinhPlugin(BasePlugin[TravinhConfig]):
    def __init__(self) -> None:
        self.building = False  # between a build's first on_config and its end
        self._start_build()

    def _start_build(self) -> None:
        """Forget the last build: MkDocs keeps a plugin that has ``on_startup`` for the whole
        run, so ``mkdocs serve`` rebuilds with this same instance (its catalogue, menus and
        digests would be the first build's: pages served stale)."""
        self.languages: Languages | None = None
        self.catalogue: Catalogue | None = None
        self.site_url = ""
        self.texts: dict[str, dict[str, str]] = {}
        self.sitemaps: dict[str, str] = {}
        self.lastmod: dict[str, datetime.date] = {}  # site-relative URL -> its date (sitemaps)
        self.reported: set[str] = set()
        self.theme_has_not_found = False
        self.missing_notices: dict[str, notices.Missing | None] = {}  # page -> its notices
        # The cache of rendered pages (site.page_cache): None until the first page of a run.
        self.page_cache: page_cache.Session | None = None
        self.shared_digests: dict[str, str] = {}  # per language: what every page shares
        self.navs: dict[str, Navigation] = {}  # per language
        self.source_digests: dict[str, str] = {}  # per source file, for neighbours' titles
        self.builds_ended = 0
        self.current_config: MkDocsConfig | None = None
        self.extra_parts: dict[str, dict[str, str]] = {}  # output (or ALL_PAGES) -> parts
        self.content_read: set[str] = set()  # outputs whose content another plugin reads
        self.extra_css: list[str] | None = None  # mkdocs.yml's, before they are combined

    # ---- events, in lifecycle order ---------------------------------------------------------

    # Before the other plugins' on_startup (they read RUN in theirs, if at all).
    @event_priority(100)
    def on_startup(self, *, command: str, dirty: bool) -> None:
        RUN.command, RUN.dirty = command, dirty

    @property
    def serving(self) -> bool:
        """Whether this build is one of ``mkdocs serve``'s (the first or a rebuild)."""
        return RUN.serving

    # Before mkdocs-static-i18n's on_config (-100), which localises the config per language.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.building:  # the first language of a new build (serve's rebuilds too)
            self._start_build()
            self.building = True
        self.current_config = config
        if self.catalogue is None:  # first build of this run: the default language
            try:
                self._prepare(config)
            except SiteError as error:
                raise PluginError(str(error)) from None
            if self.config.shard:  # before mkdocs-static-i18n reads which languages to build
                assert self.languages is not None  # read by _prepare
                for entry in config.plugins[I18N_PLUGIN].config.languages:
                    entry.build = bool(entry.default) or self.renders(
                        self.languages.get(entry.locale)
                    )
        config.docs_dir = str(self._project_dir(config) / self.config.stage_dir)
        # Sitemaps are written per folder by this plugin (see travinh_site.site.seo).
        config.theme.static_templates.discard("sitemap.xml")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The heading anchors' title is an interface text too (Markdown is rendered per page,
        # after this, with the language of the current build).
        toc = config.mdx_configs.setdefault("toc", {})
        toc["permalink_title"] = self.texts[self.current_language(config).code][
            "toc.permalink_title"
        ]

    # Before mkdocs-static-i18n's on_files (-100): a draft translation is removed so that the
    # plugin falls back to the default language's page, as for a missing translation.
    @event_priority(10)
    def _drop_drafts(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.languages is not None and self.catalogue is not None
        if self.config.show_drafts:
            return files
        for file in list(files.documentation_pages()):
            language = self.languages.of_content_path(file.src_uri)
            if language is None or language.default:
                continue
            page = self._page_path(file.src_uri)
            if not self.catalogue.is_translated(page, language.code):
                files.remove(file)
        return files

    # After mkdocs-static-i18n's on_files (-100), which would not know these generated files.
    @event_priority(-110)
    def _add_generated(self, files: Files, config: MkDocsConfig) -> Files:
        language = self.current_language(config)
        # strings.yml sits in the theme's custom_dir, whose non-template files MkDocs
        # publishes; it is build input, not site content.
        strings_file = self._project_dir(config) / self.config.strings
        for file in list(files.media_files()):
            if file.abs_src_path and Path(file.abs_src_path) == strings_file:
                files.remove(file)
        for path, content in self._generated_files(language).items():
            theirs = files.get_file_from_path(path)  # e.g. a theme's own sitemap.xml
            if theirs is not None:
                files.remove(theirs)
            files.append(File.generated(config, path, content=content))
        return files

    # After the other plugins' on_files: in a process of a parallel build that does not build
    # the default language, mkdocs-static-i18n still runs its build first (it starts the
    # others from there). Nothing it would write is needed: the process that builds it writes
    # all of it (its pages, 404 page, sitemaps, and the theme's and our files, which the other
    # languages' builds copy too). Its files are left out, but the home page, which
    # mkdocs-static-i18n requires (and which is not rendered).
    @event_priority(-130)
    def _leave_out_other_shards(self, files: Files, config: MkDocsConfig) -> Files:
        language = self.current_language(config)
        if self.renders(language):
            # The theme's templates are shared by the builds of one process: put it back.
            if self.theme_has_not_found:
                config.theme.static_templates.add(NOT_FOUND)
            return files
        home = language.prefix + "index.html"  # kept (and skipped): static-i18n looks for it
        for file in list(files):
            if file.url != home:
                files.remove(file)
        config.theme.static_templates.discard(NOT_FOUND)
        return files

    # After _add_generated, before _leave_out_other_shards (which may drop the file again): the
    # extra_css become one stylesheet, one render-blocking request (site.stylesheets).
    @event_priority(-120)
    def _combine_stylesheets(self, files: Files, config: MkDocsConfig) -> Files:
        if self.extra_css is None:  # the builds of one run share the config: keep the list
            self.extra_css = list(config.extra_css)

        def read(path: str) -> str | None:
            file = files.get_file_from_path(path)
            return file.content_string if file is not None else None

        combined = stylesheets.combine(self.extra_css, read)
        if combined is None:
            config.extra_css = list(self.extra_css)
            return files
        config.extra_css = [combined.path]
        theirs = files.get_file_from_path(combined.path)
        if theirs is not None:
            files.remove(theirs)
        files.append(File.generated(config, combined.path, content=combined.content))
        return files

    on_files = CombinedEvent(
        _drop_drafts, _add_generated, _combine_stylesheets, _leave_out_other_shards
    )

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.navs[self.current_language(config).code] = nav
        return nav

    # Before every other plugin's on_page_markdown: a page another process renders, or one the
    # cache holds, is left empty, so that no plugin spends time on it, and renders to nothing
    # (MkDocs then skips writing it; a cached page's HTML is put in place in on_post_page).
    @event_priority(1000)
    def _skip_other_shards(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        language = self.current_language(config)
        if self.renders(language) and not self._found_in_cache(markdown, page, config, files):
            return markdown
        page.meta["template"] = SKIPPED
        return ""

    def _check_page_links(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # A generated page (the news listings) has no file of an editor's to point at.
        if self.renders(self.current_language(config)) and not page.file.generated_by:
            self._check_links(page, config, files)
        return markdown

    on_page_markdown = CombinedEvent(_skip_other_shards, _check_page_links)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["ui"] = self.texts[self.current_language(config).code]
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        if template_name == NOT_FOUND:
            language = self.current_language(config)
            # Served at any missing URL, at any depth: its links must not be relative.
            page_context(context)["translation"] = self._translation(
                language, language, "index.md", None, from_root=True
            )
        return context

    # After mkdocs-static-i18n's on_page_context (50), which rewrites extra.alternate.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.languages is not None and self.catalogue is not None
        language = self.current_language(config)
        content_language = self.languages.of_content_path(page.file.src_uri) or language
        path = self._page_path(page.file.src_uri)
        translation = self._translation(language, content_language, path, page.url)
        if (
            self.config.show_drafts
            and path in self.catalogue.translated  # not an orphan
            and not self.catalogue.is_translated(path, content_language.code)
        ):
            translation = replace(translation, is_draft=True)
        ours = page_context(context)
        ours["translation"] = translation
        ours["seo"] = seo.head(self.catalogue, path, language, self.site_url)
        # What the page does not give yet (its Vietnamese todo: items marked notice:), in the
        # visitor's language: overrides/partials/missing.html.
        ours["missing"] = self._missing(config, path)
        # The top level and the page's own path, not every page of its section (site.menu).
        context["nav"] = menu.view(nav, page)  # type: ignore[typeddict-item]
        return context

    # After every other plugin's on_page_content: what MkDocs knows of a page's anchors comes
    # from its rendering, which a cached page skipped.
    @event_priority(-1000)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        cache, output = self.page_cache, page.file.dest_uri
        if cache is not None and cache.is_found(output):
            entry = cache.found[output][1]
            page.present_anchor_ids = set(entry.anchors)
            page.links_to_anchors = {
                target: dict(links)
                for uri, links in entry.anchor_links.items()
                if (target := files.get_file_from_path(uri)) is not None
            }
            return str(entry.extras.get(CONTENT, html))
        if cache is not None and output in self.content_read:
            cache.extras(output)[CONTENT] = html
        return html

    # After every other plugin's on_post_page (the rewrites): what is written is final.
    @event_priority(-1000)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        cache = self.page_cache
        if cache is None:
            return output
        output_path = page.file.dest_uri
        if cache.is_found(output_path):
            key = cache.found[output_path][0]
            cache.store.link_into(key, Path(page.file.abs_dest_path))
            return ""  # written: MkDocs skips an empty page
        if output.strip():
            anchors = page.present_anchor_ids or set()
            links_to = page_cache.anchors_by_target(page.links_to_anchors or {})
            cache.rendered(output_path, output, anchors, links_to)
        return output

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        language = self.current_language(config)
        if template_name != NOT_FOUND or language.default:
            return output_content
        # Every language build renders 404.html to the site root; put each at its own prefix.
        # An empty result tells MkDocs to skip writing, so the root keeps the default's page.
        target = Path(config.site_dir, language.prefix, NOT_FOUND)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
        return ""

    # After every other plugin's on_post_build (mkdocs-static-i18n's, -100, builds the other
    # languages inside the default language's): the run succeeded once the last one ends.
    @event_priority(-300)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.builds_ended += 1
        if self.builds_ended < len(i18n_plugin(config).build_languages):
            return
        self.building = False
        if self.page_cache is not None:
            # MkDocs aborts a strict build with warnings after this event: store nothing then.
            if config.strict and self.page_cache.warnings:
                self.page_cache.done.clear()
            stored = self.page_cache.flush()
            log.info(f"page cache: {len(self.page_cache.found)} pages reused, {stored} stored")
            # The keys this process used, for the whole build's clean-up of the store.
            self.page_cache.store.note_used(self.page_cache.used, self._shard_index())

    def on_build_error(self, *, error: Exception) -> None:
        self.building = False  # the next build starts afresh
        if self.page_cache is not None:
            self.page_cache.done.clear()  # a failed build stores nothing

    # ---- the cache of rendered pages (site.page_cache) ----------------------------------------

    def add_to_keys(self, name: str, digest: str, outputs: Iterable[str] | None = None) -> None:
        """Make the pages at ``outputs`` (all pages, when None) depend on ``digest``: a plugin
        whose output in a page depends on more than the page (the latest news on a home page)
        says so here, from on_files or on_nav, before the pages are rendered."""
        for output in [ALL_PAGES] if outputs is None else outputs:
            self.extra_parts.setdefault(output, {})[name] = digest

    def keep_content(self, outputs: Iterable[str]) -> None:
        """Give the pages at ``outputs`` their rendered content (``page.content``) when they
        are taken from the cache too: a plugin that reads it after the pages are rendered
        (the brochures, in on_env) says so from on_files or on_nav."""
        self.content_read.update(outputs)

    def _found_in_cache(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> bool:
        """Whether ``page`` is in the cache (then it is not rendered)."""
        if not self.config.page_cache:
            return False
        if self.page_cache is None:
            self._start_cache(config)
        assert self.page_cache is not None and self.catalogue is not None
        language = self.current_language(config)
        output = page.file.dest_uri
        path = self._page_path(page.file.src_uri)
        parts = {
            "language": language.code,
            "output": output,
            "source": hashlib.sha1(markdown.encode("utf-8")).hexdigest(),
            "meta": json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False),
            "menu": menu.fingerprint(
                menu.view(self.navs[language.code], page), self._title_for_key
            ),
            "neighbours": "\n".join(
                f"{other.url}\t{self._title_for_key(other)}"
                for other in (page.previous_page, page.next_page)
                if other is not None
            ),
            # The notices of what is missing come from the Vietnamese page's front matter.
            "missing": repr(self._missing(config, path)),
            "versions": ",".join(v.code for v in self.catalogue.versions(path))
            + f"|{self.catalogue.is_translated(path, language.code)}",
            **self.extra_parts.get(ALL_PAGES, {}),
            **self.extra_parts.get(output, {}),
        }
        key = page_cache.page_key(self._shared_digest(config, language), parts)
        entry = self.page_cache.look_up(
            output,
            key,
            lambda target: files.get_file_from_path(target) is not None,
            [CONTENT] if output in self.content_read else [],
        )
        return entry is not None

    def _start_cache(self, config: MkDocsConfig) -> None:
        project = self._project_dir(config)
        mode = page_cache.SERVE if self.serving else page_cache.BUILD
        folder = project / self.config.page_cache_dir / mode
        self.page_cache = page_cache.Session(page_cache.Store(folder))
        # A page whose build said something (a broken link) is never stored: it must be
        # rendered, and say it, again.
        # (Once: the handler of a previous build of this process goes.)
        mkdocs_log = logging.getLogger("mkdocs")
        for handler in [h for h in mkdocs_log.handlers if isinstance(h, _WarnedPages)]:
            mkdocs_log.removeHandler(handler)
        mkdocs_log.addHandler(_WarnedPages(self))

    def _shared_digest(self, config: MkDocsConfig, language: Language) -> str:
        """What every page of ``language`` shares: the code and its libraries, mkdocs.yml and
        what it resolved to, the templates and interface texts, the data, the images."""
        digest = self.shared_digests.get(language.code)
        if digest is None:
            project = self._project_dir(config)
            theme_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
            digest = page_cache.joined(
                [
                    page_cache.code_digest(),
                    page_cache.without_menus(Path(config.config_file_path)),
                    config.site_url or "",
                    str(self.config.show_drafts),
                    str(self.serving),
                    page_cache.digest_tree(theme_dir) if theme_dir else "",
                    page_cache.digest_tree(project / ASSETS / "data"),
                    page_cache.digest_stats(project / ASSETS / "images"),
                    self._as_of(project),
                    language.code,
                ]
            )
            self.shared_digests[language.code] = digest
        return digest

    @staticmethod
    def _as_of(project: Path) -> str:
        try:
            return as_of(project).isoformat()
        except SiteError:
            return ""  # a plugin that needs the date says why it is missing

    def _title_for_key(self, page: Page) -> str:
        """A page's title as its menu entry and footer link will show it: the menu's label
        when mkdocs.yml gives one; otherwise whatever its source says (its digest: the title
        of a page not read yet is not known)."""
        label = vars(page).get("title")  # set by the nav (mkdocs' weak_property)
        if label is not None:
            return f"label:{label}"
        source = page.file.abs_src_path or ""
        digest = self.source_digests.get(source)
        if digest is None:
            digest = page_cache.digest_file(Path(source)) if source else ""
            self.source_digests[source] = digest
        return f"source:{digest}"

    def _shard_index(self) -> int:
        return shard_of(self.config.shard)[0] if self.config.shard else 0

    # ---- helpers ----------------------------------------------------------------------------

    def _prepare(self, config: MkDocsConfig) -> None:
        """Work shared by all languages, done once per run."""
        project = self._project_dir(config)
        i18n = config.plugins.get(I18N_PLUGIN)
        if i18n is None:
            raise SiteError(
                Problem(
                    "mkdocs.yml",
                    "the 'i18n' plugin (mkdocs-static-i18n) is required.",
                    problem_vi="cần có plugin 'i18n' (mkdocs-static-i18n).",
                )
            )
        if config.use_directory_urls:
            raise SiteError(
                Problem(
                    "mkdocs.yml",
                    "set 'use_directory_urls: false' (see travinh_site/site/seo.py for why).",
                    problem_vi="hãy đặt 'use_directory_urls: false' (lý do: xem "
                    "travinh_site/site/seo.py).",
                )
            )
        self.site_url = seo.normalise_site_url(config.site_url)
        if not self.site_url:
            raise SiteError(
                Problem(
                    "mkdocs.yml",
                    "site_url is empty; hreflang, canonical links and the sitemap need absolute "
                    "URLs.",
                    "set it, or set the SITE_URL environment variable.",
                    problem_vi="site_url đang trống; các liên kết hreflang, canonical và sitemap "
                    "cần địa chỉ tuyệt đối.",
                    fix_vi="điền site_url, hoặc đặt biến môi trường SITE_URL.",
                )
            )
        if self.config.shard:
            shard_of(self.config.shard)  # a malformed one is reported here, with the file
        self.theme_has_not_found = NOT_FOUND in config.theme.static_templates
        self.languages = languages_from_i18n(i18n.config.languages)
        stage(project, project / self.config.stage_dir, self.languages)
        self.catalogue = scan(project, self.languages)
        self.texts = strings.load(
            project / self.config.strings, self.languages, self.config.strings
        )
        self.sitemaps = seo.sitemaps(self.catalogue, self.site_url)
        self.require_texts(
            notices.texts(), "the notices for visitors", "các thông báo cho người xem"
        )

    def add_pages(
        self, pages: Mapping[str, frozenset[str]], lastmod: Mapping[str, datetime.date]
    ) -> None:
        """Pages a feature plugin generates (page path -> the codes of the languages it is
        written in: the news listings), and the dates of URLs for the sitemaps' ``lastmod``:
        both join the catalogue (head tags, switcher) and the sitemaps. Once per run, from an
        ``on_config`` after this plugin's."""
        assert self.catalogue is not None
        self.catalogue = Catalogue(self.catalogue.languages, {**self.catalogue.translated, **pages})
        self.lastmod.update(lastmod)
        self.sitemaps = seo.sitemaps(self.catalogue, self.site_url, self.lastmod)

    def require_texts(self, keys: Iterable[str], used_by: str, used_by_vi: str) -> None:
        """Raise a problem for each interface text in ``keys`` missing from strings.yml
        (strings.load has made sure every text there has every language)."""
        assert self.languages is not None
        have = self.texts[self.languages.default.code]
        strings_file = self.config.strings
        missing = [key for key in keys if key not in have]
        if missing:
            raise SiteError(
                *(
                    Problem(
                        strings_file,
                        f"the text '{key}' used by {used_by} is missing.",
                        f"add '{key}:' with one line per language.",
                        problem_vi=f"thiếu dòng chữ '{key}' mà {used_by_vi} dùng.",
                        fix_vi=f"thêm '{key}:' với một dòng cho mỗi ngôn ngữ.",
                    )
                    for key in missing
                )
            )

    def _generated_files(self, language: Language) -> dict[str, str]:
        """The sitemaps (and robots.txt, _redirects) that belong under ``language``'s prefix."""
        assert self.languages is not None
        default = self.languages.default
        own = {
            path: xml
            for path, xml in self.sitemaps.items()
            if (self.languages.of_content_path(path) or default) == language
        }
        if language.default:
            own["robots.txt"] = seo.robots_txt(self.site_url)
            own["_redirects"] = seo.not_found_rules(self.site_url, self.languages)
        return own

    def _translation(
        self,
        language: Language,
        content_language: Language,
        path: str,
        url: str | None,
        *,
        from_root: bool = False,
    ) -> Translation:
        """``from_root``: links as absolute paths ("/travinh/en/index.html"), not relative."""
        assert self.languages is not None
        here = url or language.prefix + "index.html"
        root = urlsplit(self.site_url).path

        def href(target: Language) -> str:
            if from_root:
                return root + seo.page_url(path, target)
            return get_relative_url(seo.page_url(path, target), here)

        return Translation(
            language=language,
            content_language=content_language,
            switcher=tuple(
                SwitcherLink(other.code, other.name, href(other), other == language)
                for other in self.languages
            ),
            source_href=href(self.languages.default),
        )

    def _missing(self, config: MkDocsConfig, path: str) -> notices.Missing | None:
        """The notices of the page's source (the default language's front matter): a
        translation, or the fallback shown for one, says the same in its own words."""
        assert self.languages is not None
        if path not in self.missing_notices:
            source = self._project_dir(config) / self.languages.default.content_dir / path
            meta: dict[str, Any] = {}
            if source.is_file():
                try:
                    meta = frontmatter.read(source, str(source))
                except SiteError:
                    meta = {}  # reported, with its line, by the travinh-checks plugin
            self.missing_notices[path] = notices.missing(meta)
        return self.missing_notices[path]

    def _check_links(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        assert self.languages is not None and self.catalogue is not None
        file = page.file
        shown_as = self.languages.source_path(file.src_uri)
        try:
            _meta, body, first_line = frontmatter.split(file.content_string, shown_as)
        except SiteError as error:
            raise PluginError(str(error)) from None
        language = self.languages.of_content_path(file.src_uri)
        prefix = f"{language.code}/" if language else ""
        docs_dir = Path(config.docs_dir)
        catalogue = self.catalogue

        def candidates() -> list[str]:
            return [prefix + page_path for page_path in catalogue.pages] + [
                f.src_uri
                for f in files.media_files()
                if f.src_uri.startswith(f"{ASSETS}/")
                and f.abs_src_path
                and Path(f.abs_src_path).is_relative_to(docs_dir)  # ours, not the theme's
            ]

        checked: dict[str, bool] = {}

        def exists(path: str) -> bool:
            checked[path] = files.get_file_from_path(path) is not None
            return checked[path]

        problems = links.check(
            links.find_references(body, first_line), file.src_uri, shown_as, exists, candidates
        )
        if self.page_cache is not None:  # the page stays valid while these hold
            self.page_cache.note_links(file.dest_uri, checked)
        for problem in problems:
            message = str(problem)
            if message not in self.reported:  # a fallback page is checked once per language
                self.reported.add(message)
                log.warning(message)

    def renders(self, language: Language) -> bool:
        """Whether this process renders the pages of ``language`` (see TravinhConfig.shard)."""
        assert self.languages is not None
        return in_shard(self.languages, self.config.shard, language)

    def current_language(self, config: MkDocsConfig) -> Language:
        """The language being built now."""
        assert self.languages is not None
        return self.languages.get(i18n_plugin(config).current_language)

    def _page_path(self, src_uri: str) -> str:
        """ "km/du-lich/x.md" -> "du-lich/x.md" (the page, whatever its language)."""
        assert self.languages is not None
        if self.languages.of_content_path(src_uri) is None:
            return src_uri
        return str(PurePosixPath(*PurePosixPath(src_uri).parts[1:]))

    @staticmethod
    def _project_dir(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent


class _WarnedPages(logging.Handler):
    """Notes the page being read or built when MkDocs or a plugin warns (MkDocs keeps it in
    its config while it works on a page)."""

    def __init__(self, plugin: TravinhPlugin) -> None:
        super().__init__(logging.WARNING)
        self.plugin = plugin

    def emit(self, record: logging.LogRecord) -> None:
        config, cache = self.plugin.current_config, self.plugin.page_cache
        if cache is None:
            return
        cache.warnings += 1
        page = getattr(config, "_current_page", None) if config is not None else None
        if page is not None:
            cache.warned.add(page.file.dest_uri)
