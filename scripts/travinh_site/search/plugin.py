"""The ``travinh-search`` MkDocs plugin: one search index per language, in small files
(``travinh_site.search.index``, ``travinh_site.search.shards``).

It replaces Material's ``search`` plugin (which must not be listed as well): mkdocs-static-i18n
merges every language into the index of any plugin named ``search``, at the path that the default
language's own index needs. The search box is shown by ``overrides/partials/header.html`` when this
plugin is listed; each page's ``__config`` is retargeted by ``overrides/main.html``."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from travinh_site.content.languages import Language
from travinh_site.search import index, shards
from travinh_site.search.config import SearchConfig
from travinh_site.site.plugin import core
from travinh_site.text.khmer import Segmenter

log = get_plugin_logger(__name__)

MATERIAL_SEARCH = "material/search"
PIPELINE_STEPS = ("stemmer", "stopWordFilter", "trimmer")  # what Material's worker knows
SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')


# A page's search entries, kept by the page cache with the page.
ENTRIES = "search.entries"


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.segmenter: Segmenter | None = None
        self.started = 0.0
        # Per language: seconds spent cutting Khmer words, and the whole language build
        # (benchmarks/search_indexes.py reads them from the debug log).
        self.seconds_segmenting: dict[str, float] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.started = time.perf_counter()
        if MATERIAL_SEARCH in config.plugins:
            raise PluginError(
                "mkdocs.yml: list 'travinh-search' under plugins instead of 'search': "
                "Material's search plugin writes one index for every language."
            )
        if self.segmenter is None:  # first build of this run
            self._check(config)
            self.segmenter = Segmenter()
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        language = core(config).current_language(config)
        env.filters["search_config"] = lambda block: index.retarget_config(
            str(block), language.prefix
        )
        if not core(config).renders(language):  # another process of a parallel build does
            return env
        # Every page is rendered to HTML by now (or kept by the page cache with its entries),
        # and no file has been written yet.
        pages = [
            file.page
            for file in files.documentation_pages()
            if file.page is not None and self._is_written_in(file.page, language, config)
        ]
        docs = index.documents(self._entries(pages, config), language.prefix)
        started = time.perf_counter()
        assert self.segmenter is not None
        index.mark_khmer_words(docs, self.segmenter)
        self.seconds_segmenting[language.code] = time.perf_counter() - started
        settings = self._settings(language, config)
        written = shards.write(docs, settings.rules())
        version = shards.version(written)
        written[index.INDEX] = index.to_json(settings, language.prefix, version)
        for path, content in written.items():
            files.append(File.generated(config, language.prefix + path, content=content))
        size = sum(len(content.encode()) for content in written.values())
        log.debug(f"{language.code}: {len(pages)} pages, {len(written)} index files, {size} bytes")
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # As Material's search plugin does: the attributes that steer indexing are dropped.
        page.content = SEARCH_ATTRIBUTES.sub("", page.content or "")
        return context

    # Before mkdocs-static-i18n's on_post_build (-100), which builds the other languages.
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        code = core(config).current_language(config).code
        log.debug(
            f"{code}: built in {time.perf_counter() - self.started:.3f} s, of which "
            f"{self.seconds_segmenting.get(code, 0.0):.3f} s cutting Khmer words"
        )

    # ---- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _entries(pages: list[Page], config: MkDocsConfig) -> list[dict[str, Any]]:
        """The pages' entries: computed from their HTML, or as the page cache kept them."""
        cache = core(config).page_cache
        if cache is None:
            return index.entries_of(pages)
        entries: list[dict[str, Any]] = []
        for page in pages:
            extras = cache.extras(page.file.dest_uri)
            if ENTRIES not in extras:
                extras[ENTRIES] = index.entries_of([page])
            entries += extras[ENTRIES]
        return entries

    def _check(self, config: MkDocsConfig) -> None:
        languages = core(config).languages
        assert languages is not None
        codes = ", ".join(languages.codes)
        for code in [*self.config.fold_diacritics, *self.config.pipeline]:
            if code not in languages.codes:
                raise PluginError(
                    f"mkdocs.yml: travinh-search names the language '{code}', which is not "
                    f"one of the site's ({codes}). Fix: use one of those codes."
                )
        if self.config.results < 1:
            raise PluginError(
                f"mkdocs.yml: travinh-search results is {self.config.results}. "
                "Fix: give the number of pages a result lists, 1 or more (for example 10)."
            )
        for code, steps in self.config.pipeline.items():
            unknown = set(steps or []) - set(PIPELINE_STEPS)
            if unknown:
                raise PluginError(
                    f"mkdocs.yml: travinh-search pipeline of '{code}' has unknown steps "
                    f"{sorted(unknown)}. Fix: use only {', '.join(PIPELINE_STEPS)}."
                )

    @staticmethod
    def _is_written_in(page: Page, language: Language, config: MkDocsConfig) -> bool:
        """A page shown in the default language because it is not translated yet belongs to
        the default language's index only."""
        languages = core(config).languages
        assert languages is not None
        return (languages.of_content_path(page.file.src_uri) or language) == language

    def _settings(self, language: Language, config: MkDocsConfig) -> index.Settings:
        texts = material_texts(config)
        pipeline = self.config.pipeline.get(language.code)
        if pipeline is None:
            pipeline = re.split(r"\s*,\s*", texts("search.config.pipeline"))
        if language.code in self.config.fold_diacritics:
            lang = [index.FOLDING]
        else:
            lang = [texts("search.config.lang")]
        return index.Settings(
            lang=lang,
            separator=self.config.separator,
            pipeline=[step for step in pipeline if step],
            results=self.config.results,
        )


def material_texts(config: MkDocsConfig) -> Callable[[str], str]:
    """Material's interface texts in the language being built (its language files, and ours
    for Khmer in overrides/partials/languages/km.html), read as Material's search plugin
    reads them."""
    env = config.theme.get_env()
    # Any: a template module's macros (Material's t) are attributes Jinja sets at run time.
    module: Any = env.get_template("partials/language.html", None, {"config": config}).module
    return lambda key: str(module.t(key))
