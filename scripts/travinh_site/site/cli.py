"""The edge shared by the editors' command lines: the project's language table, two-language
messages, and bad input turned into clean lines and exit code 1 (never a traceback)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from travinh_site.content.languages import I18N_PLUGIN, Languages, languages_from_i18n
from travinh_site.errors import ENGLISH_INDENT, Problem, SiteError
from travinh_site.site import plugin_settings

PREVIEW = "http://127.0.0.1:8000/"


def site_config(config_file: Path, *, only_plugins: Collection[str] = ()) -> MkDocsConfig:
    """The site's MkDocs configuration, read and validated the way the build reads it; what is
    wrong with it (MkDocs' own messages, a missing i18n plugin) raised as problems.

    ``only_plugins``: load these of its plugins and no other (a command that needs the
    language table does not start the images or search plugins: a tenth of a second).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    overrides: dict[str, Any] = {}  # load_config's **kwargs: settings of mkdocs.yml
    if only_plugins:
        # Unreadable: the whole file is loaded below, and MkDocs says what is wrong with it.
        with contextlib.suppress(SiteError):
            overrides["plugins"] = plugin_settings.only(
                plugin_settings.read(config_file), only_plugins
            )
    logger = logging.getLogger("mkdocs")
    collected = _Collect()
    logger.addHandler(collected)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.ERROR)
    logger.propagate = False  # MkDocs' own messages become our one-line problems
    try:
        config = load_config(config_file=str(config_file), **overrides)
    except (MkDocsException, OSError) as error:  # ConfigurationError, or Abort after logging
        reasons = collected.messages or [str(error)]
        raise SiteError(
            *(
                Problem(
                    config_file.name,
                    f"{reason.rstrip('.')}.",
                    "",
                    problem_vi=f"cấu hình có lỗi (thông báo của MkDocs): {reason.rstrip('.')}.",
                )
                for reason in reasons
            )
        ) from None
    finally:
        logger.removeHandler(collected)
        logger.setLevel(level)
        logger.propagate = propagate
    if config.plugins.get(I18N_PLUGIN) is None:
        raise SiteError(
            Problem(
                config_file.name,
                f"has no '{I18N_PLUGIN}' plugin (mkdocs-static-i18n).",
                "",
                problem_vi=f"thiếu plugin '{I18N_PLUGIN}' (mkdocs-static-i18n).",
            )
        )
    return config


def languages_of(config: MkDocsConfig) -> Languages:
    return languages_from_i18n(config.plugins[I18N_PLUGIN].config.languages)


def languages(project: Path) -> Languages:
    """The language table of ``project``'s mkdocs.yml, read the way the build reads it."""
    return languages_of(site_config(project / "mkdocs.yml", only_plugins=(I18N_PLUGIN,)))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def say(vietnamese: str, english: str) -> None:
    """A message for the editor: Vietnamese, then English indented like a Problem's."""
    sys.stdout.write(f"{vietnamese}\n{ENGLISH_INDENT}{english}\n")


def run(main: Callable[[], int]) -> int:
    try:
        return main()
    except SiteError as error:
        sys.stderr.write(f"{error}\n")
        return 1
