"""The ``travinh-checks`` plugin: every page of every language checked before anything is built
(:mod:`travinh_site.content.checks`), each problem one warning with its file and line."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from travinh_site.content.checks import check_content
from travinh_site.content.languages import (
    I18N_PLUGIN,
    in_shard,
    languages_from_i18n,
    shard_setting,
)
from travinh_site.errors import ENGLISH_INDENT, SiteError

log = get_plugin_logger(__name__)

# The pages that passed their checks, by language (content.checks.PassedPages).
CACHE_DIR = ".cache/checks"


# No options: LegacyConfig is MkDocs' default config class (a bare Config has no schema).
class ChecksPlugin(BasePlugin[LegacyConfig]):
    def __init__(self) -> None:
        self.checked = False

    # Before the core plugin's on_config (100), which reads the translations' front matter and
    # stops at the first mistake: here every page is read first and every problem reported.
    # mkdocs-static-i18n runs on_config again for each language: the check runs once.
    @event_priority(110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.checked:
            return config
        self.checked = True
        i18n = config.plugins.get(I18N_PLUGIN)
        if i18n is None:
            return config  # the core plugin says what is missing
        try:
            languages = languages_from_i18n(i18n.config.languages)
        except SiteError:
            return config  # the core plugin reports a broken language table
        project = Path(config.config_file_path).resolve().parent
        # In a parallel build, each process checks the languages it builds.
        shard = shard_setting(config)
        try:
            report = check_content(
                project,
                languages,
                config,
                only=lambda language: in_shard(languages, shard, language),
                cache_dir=project / CACHE_DIR,
            )
        except SiteError as error:  # a malformed shard
            raise PluginError(str(error)) from None
        for problem in report.problems + report.unreadable + report.too_complex:
            log.warning(str(problem))
        if report.unreadable:
            count = len(report.unreadable)
            raise PluginError(
                f"Không đọc được {count} tệp (xem ở trên); chưa có gì được tạo ra.\n"
                f"{ENGLISH_INDENT}{count} file(s) cannot be read (see above); nothing was built."
            )
        if report.too_complex:
            count = len(report.too_complex)
            raise PluginError(
                f"Không tạo được trang từ {count} chỗ (xem ở trên); chưa có gì được tạo ra.\n"
                f"{ENGLISH_INDENT}{count} place(s) cannot be rendered (see above); nothing was "
                "built."
            )
        return config
