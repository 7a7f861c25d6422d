"""The ``travinh-screens`` plugin: the screen page of each language (``man-hinh.html``,
``en/man-hinh.html``, ``km/man-hinh.html``), a generated file like the translation dashboard:
in no menu, sitemap or search index, and marked ``noindex``. Its ``lang`` passages and its
Content-Security-Policy are added as for every generated page
(:mod:`travinh_site.site.page_rewriter`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from travinh_site.content import frontmatter
from travinh_site.content.as_of import as_of
from travinh_site.data import records
from travinh_site.data.plugin import TravinhDataPlugin
from travinh_site.errors import SiteError
from travinh_site.screens import page, slides
from travinh_site.screens.config import ScreensConfig
from travinh_site.site import seo
from travinh_site.site.plugin import TravinhPlugin, core


class ScreensPlugin(BasePlugin[ScreensConfig]):
    def __init__(self) -> None:
        self.data: records.Data | None = None

    # After the core plugin's on_config (100), which reads the language table and the texts.
    @event_priority(40)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.data is None:
            site = core(config)
            try:
                site.require_texts(slides.required_texts(), "the screen page", "trang màn hình")
            except SiteError as error:
                raise PluginError(str(error)) from None
        return config

    # After mkdocs-static-i18n's on_files (-100) and the core plugin's (-110); before the
    # page rewriters' (-200), which find the generated HTML files there.
    @event_priority(-120)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        site = core(config)
        language = site.current_language(config)
        if not site.renders(language):
            return files
        project = Path(config.config_file_path).resolve().parent
        try:
            data = self._data(config, site, project)
            today = as_of(project)
        except SiteError as error:
            raise PluginError(str(error)) from None
        texts = site.texts[language.code]
        page_texts = _page_texts(site, files)
        context = slides.Context(
            code=language.code,
            texts=texts,
            site_name=config.site_name,
            description=" ".join(str(config.site_description or "").split()),
            today=today,
            page_text=page_texts.get,
        )
        dest = language.prefix + self.config.file
        home = seo.absolute(site.site_url, language.prefix)
        content = page.html(
            slides.slides(data, context),
            code=language.code,
            site_name=config.site_name,
            title=texts["screen.title"],
            address=home.split("://", 1)[-1],
            assets=get_relative_url("assets/", dest).rstrip("/") + "/",
            seconds=self.config.seconds,
        )
        files.append(File.generated(config, dest, content=content))
        return files

    def _data(self, config: MkDocsConfig, site: TravinhPlugin, project: Path) -> records.Data:
        """The data the travinh-data plugin has read (or, without it, read here)."""
        plugin = config.plugins.get("travinh-data")
        if isinstance(plugin, TravinhDataPlugin) and plugin.data is not None:
            return plugin.data
        if self.data is None:
            assert site.languages is not None
            self.data = records.load(project, site.languages)
        return self.data


def _page_texts(site: TravinhPlugin, files: Files) -> dict[str, slides.PageText]:
    """The title and description of each page of this build, by its docs path."""
    assert site.languages is not None
    found = {}
    for file in files.documentation_pages():
        language = site.languages.of_content_path(file.src_uri)
        path = file.src_uri.removeprefix(f"{language.code}/") if language else file.src_uri
        shown_as = site.languages.source_path(file.src_uri)
        try:
            meta, _body, _line = frontmatter.split(file.content_string, shown_as)
        except SiteError:
            continue  # the core plugin reports it with its line
        found[path] = slides.PageText(
            str(meta.get("title") or ""), " ".join(str(meta.get("description") or "").split())
        )
    return found
