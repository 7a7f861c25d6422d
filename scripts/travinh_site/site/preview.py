"""The ``travinh-preview`` plugin: one language can be previewed alone (``make serve ONLY=km``).

(Templates compiled once per process, which also makes each save of the preview quick, are the
core plugin's: see ``travinh_site.site.plugin.COMPILED_TEMPLATES``.)

mkdocs-static-i18n builds the default language first and every other language from it, so
the default language is always built; ``only`` turns off the build of the others, which makes
each rebuild of the preview cost two languages instead of all of them (one, for the default
language itself). Its own ``build_only_locale`` is not used: it makes the chosen language the
default one, so the pages would move to the site's root and untranslated pages would have
nothing to fall back to.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from travinh_site.content.languages import I18N_PLUGIN
from travinh_site.errors import Problem
from travinh_site.site.config import PreviewConfig


class PreviewPlugin(BasePlugin[PreviewConfig]):
    # Before mkdocs-static-i18n's on_config (-100), which reads which languages to build.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        only = self.config.only.strip()
        i18n = config.plugins.get(I18N_PLUGIN)
        if not only or i18n is None:
            return config
        codes = [language.locale for language in i18n.config.languages]
        if only not in codes:
            raise PluginError(
                str(
                    Problem(
                        "",
                        f"ONLY={only}: the site has no language '{only}'.",
                        f"use one of: {', '.join(codes)} (for example: make serve "
                        f"ONLY={codes[-1]}).",
                        problem_vi=f"ONLY={only}: trang web không có ngôn ngữ '{only}'.",
                        fix_vi=f"dùng một trong các mã: {', '.join(codes)} (ví dụ: make serve "
                        f"ONLY={codes[-1]}).",
                    )
                )
            )
        for language in i18n.config.languages:
            language.build = bool(language.default) or language.locale == only
        return config
