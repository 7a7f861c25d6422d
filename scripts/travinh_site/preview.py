"""The ``travinh-preview`` plugin: what makes the editors' preview (``make serve``) quick.

Templates are compiled once per preview session: MkDocs makes a new Jinja environment for every
build, and mkdocs-static-i18n builds each language in turn, so every save recompiled Material's
templates once per language (about half the time of a rebuild, measured with cProfile). A
bytecode cache kept in memory for the life of the ``mkdocs serve`` process (the server reloads
the configuration, and with it this plugin, on every save; the module stays) hands Jinja the
compiled code; it is keyed by each template's source, so an edited template is compiled again.

One language can be previewed alone (``make serve ONLY=km``).

mkdocs-static-i18n builds the default language first and every other language from it, so
the default language is always built; ``only`` turns off the build of the others, which makes
each rebuild of the preview cost two languages instead of all of them (one, for the default
language itself). Its own ``build_only_locale`` is not used: it makes the chosen language the
default one, so the pages would move to the site's root and untranslated pages would have
nothing to fall back to.
"""

from __future__ import annotations

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from travinh_site.errors import Problem
from travinh_site.plugin import I18N_PLUGIN


class _CompiledTemplates(BytecodeCache):
    """Jinja bytecode in memory, by template and checksum of its source."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class PreviewConfig(base.Config):
    # Set by `make serve` (TRAVINH_PREVIEW=true): keep compiled templates between rebuilds.
    enabled = c.Type(bool, default=False)
    # The code of the one language to preview; empty: every language.
    only = c.Type(str, default="")


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

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.config.enabled:
            env.bytecode_cache = _COMPILED
        return env
