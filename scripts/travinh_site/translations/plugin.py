"""The translation dashboard in the built site (``plugins: [travinh-coverage]``).

Editors open ``/tien-do-ban-dich.html`` on the published site (or in ``make serve``) to see
what is missing, stale or wrong in every language, in Vietnamese with English. The page is a
generated file, not a Markdown page: it is in no navigation, sitemap or search index, and it
tells search engines not to index it. Problems never fail the build here: the build has its own
checks, and the CI gate is ``scripts/check_translations.py``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from travinh_site.content.languages import I18N_PLUGIN
from travinh_site.site import seo
from travinh_site.site.plugin import core
from travinh_site.translations import cache, coverage
from travinh_site.translations import report as dashboard
from travinh_site.translations.config import CoverageConfig


class TranslationCoveragePlugin(BasePlugin[CoverageConfig]):
    # After mkdocs-static-i18n's on_files (-100), which would not know this generated file;
    # only in the default language's build (the others are built into its sub-folders).
    @event_priority(-110)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        travinh = core(config)
        language = travinh.current_language(config)
        # In a parallel build, the process that renders the default language writes it.
        if not self.config.dashboard or not language.default or not travinh.renders(language):
            return files
        files.append(File.generated(config, self.config.dashboard, content=self._render(config)))
        return files

    def _render(self, config: MkDocsConfig) -> str:
        travinh = core(config)
        assert travinh.languages is not None
        project = Path(config.config_file_path).resolve().parent
        entries = config.plugins[I18N_PLUGIN].config.languages
        config_text = Path(config.config_file_path).read_text(encoding="utf-8")
        navigation = coverage.navigation_of(config_text, config.nav, entries)
        report = coverage.check(
            project,
            travinh.languages,
            navigation,
            site_url=travinh.site_url,
            workers=1,  # no processes forked from the builder (mkdocs serve runs threads)
            cache=project / cache.DEFAULT_PATH,
        )
        links = {
            page: {
                language.code: get_relative_url(seo.page_url(page, language), self.config.dashboard)
                for language in travinh.languages
            }
            for page in report.sources
        }
        return dashboard.html(report, [], page_links=links)
