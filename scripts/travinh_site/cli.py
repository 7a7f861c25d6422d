"""The edge shared by the editors' command lines: the project's language table, two-language
messages, and bad input turned into clean lines and exit code 1 (never a traceback)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from travinh_site.errors import ENGLISH_INDENT, Problem, SiteError
from travinh_site.languages import Languages, languages_from_i18n
from travinh_site.plugin import I18N_PLUGIN

PREVIEW = "http://127.0.0.1:8000/"


def languages(project: Path) -> Languages:
    """The language table of ``project``'s mkdocs.yml, read the way the build reads it."""
    try:
        config = load_config(str(project / "mkdocs.yml"))
    except ConfigurationError as error:
        raise SiteError(
            Problem(
                "mkdocs.yml",
                f"cannot be read: {error}",
                "restore it from git.",
                problem_vi=f"không đọc được tệp: {error}",
                fix_vi="khôi phục tệp từ git.",
            )
        ) from None
    return languages_from_i18n(config.plugins[I18N_PLUGIN].config.languages)


def say(vietnamese: str, english: str) -> None:
    """A message for the editor: Vietnamese, then English indented like a Problem's."""
    sys.stdout.write(f"{vietnamese}\n{ENGLISH_INDENT}{english}\n")


def run(main: Callable[[], int]) -> int:
    try:
        return main()
    except SiteError as error:
        sys.stderr.write(f"{error}\n")
        return 1
