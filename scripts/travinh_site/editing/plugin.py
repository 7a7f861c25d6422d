"""The ``travinh-editing`` MkDocs plugin: an "edit this page" link on every page.

Editors without a terminal correct a page in the repository's web editor: each page links its
real source file (``docs_km/du-lich/x.md`` for a Khmer page, never the staging folder MkDocs
reads, ``.cache/stage/km/…``; the Vietnamese file for a page shown untranslated, since that is
the text on it). Material draws the link (``content.action.edit``: a pencil, titled in the
page's language from its language files). MkDocs' own ``repo_url`` is not used: with it,
Material's header would fetch the repository's stars from GitHub's API in every visitor's
browser (a request to another host). Generated pages (the news listings) have no source file
and no link.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from travinh_site.editing.config import EditingConfig
from travinh_site.errors import Problem
from travinh_site.site.plugin import core

_ADDRESS = re.compile(r"^https://[^\s/]+/\S*/$")


class EditingPlugin(BasePlugin[EditingConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        address = self.config.edit_url
        if address and not _ADDRESS.match(address):
            raise PluginError(
                str(
                    Problem(
                        "mkdocs.yml",
                        f"travinh-editing: edit_url '{address}' is not an https address ending "
                        "in '/'.",
                        "write it like https://github.com/OWNER/REPOSITORY/edit/main/ (or leave "
                        "it empty for no links).",
                        problem_vi=f"travinh-editing: edit_url '{address}' không phải là địa chỉ "
                        "https kết thúc bằng '/'.",
                        fix_vi="viết theo dạng https://github.com/OWNER/REPOSITORY/edit/main/ "
                        "(hoặc để trống nếu không cần liên kết).",
                    )
                )
            )
        return config

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if not self.config.edit_url or page.file.generated_by:
            page.edit_url = None
            return context
        languages = core(config).languages
        assert languages is not None
        source = languages.source_path(page.file.src_uri)  # "docs_km/du-lich/x.md"
        page.edit_url = self.config.edit_url + quote(source)
        return context
