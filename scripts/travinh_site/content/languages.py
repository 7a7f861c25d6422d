"""The language table, and which pages exist in which language.

Editors keep one folder per language at the top of the project (``docs/`` for Vietnamese,
``docs_en/``, ``docs_km/``), with the same relative paths in each. The table is configured under
the i18n plugin in mkdocs.yml (each language's ``extra`` names its folder); the catalogue says,
for each page of the default language's folder, in which languages it is really translated.
(How the folders are shown to MkDocs: :mod:`travinh_site.site.staging`.)
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from travinh_site.content import frontmatter, stamps
from travinh_site.errors import Problem, SiteError

ASSETS = "assets"
I18N_PLUGIN = "i18n"  # mkdocs-static-i18n, whose table of languages this module reads
CORE_PLUGIN = "travinh"  # travinh_site.site.plugin, whose ``shard`` says which languages to build


@dataclass(frozen=True)
class Language:
    """One row of the language table (configured under the i18n plugin in mkdocs.yml)."""

    code: str  # BCP 47 code used in URLs, hreflang and lang attributes: "vi", "en", "km"
    name: str  # the language's name in itself: "Tiếng Việt", "English", "ខ្មែរ"
    content_dir: str  # its content folder, relative to the project: "docs", "docs_en"
    og_locale: str  # Open Graph locale: "vi_VN", "en_US", "km_KH"
    default: bool = False

    @property
    def prefix(self) -> str:
        """URL prefix of the language's pages: "" for the default language, "en/" otherwise."""
        return "" if self.default else f"{self.code}/"


@dataclass(frozen=True)
class Languages:
    """The ordered language table; the default (source) language comes first."""

    items: tuple[Language, ...]

    def __iter__(self) -> Iterator[Language]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def default(self) -> Language:
        return self.items[0]

    @property
    def translations(self) -> tuple[Language, ...]:
        """Every language but the default one: those pages are translated into."""
        return self.items[1:]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.items)

    def get(self, code: str) -> Language:
        for language in self.items:
            if language.code == code:
                return language
        raise KeyError(code)

    def of_content_path(self, src_uri: str) -> Language | None:
        """The language whose staged folder holds ``src_uri`` ("km/du-lich/x.md" -> km)."""
        top = PurePosixPath(src_uri).parts[0] if src_uri else ""
        return next((language for language in self.items if language.code == top), None)

    def source_path(self, src_uri: str) -> str:
        """Map a staged path back to the file an editor knows: "km/x.md" -> "docs_km/x.md"."""
        language = self.of_content_path(src_uri)
        if language is None:
            return src_uri
        rest = PurePosixPath(src_uri).relative_to(language.code)
        return str(PurePosixPath(language.content_dir) / rest)


def languages_from_i18n(entries: list[Any]) -> Languages:
    """Build the table from the i18n plugin's ``languages`` entries.

    Each entry carries our own fields in its ``extra`` mapping (which mkdocs-static-i18n also
    merges into ``config.extra`` while building that language)::

        - locale: km
          name: ខ្មែរ
          extra: {content_dir: docs_km, og_locale: km_KH}
    """
    problems: list[Problem] = []
    items: list[Language] = []
    for entry in entries:
        extra = entry.extra or {}
        for field in ("content_dir", "og_locale"):
            if not extra.get(field):
                problems.append(
                    Problem(
                        "mkdocs.yml",
                        f"language '{entry.locale}' of the i18n plugin has no extra.{field}.",
                        f"add '{field}:' under that language's 'extra:' (see the other languages).",
                        problem_vi=f"ngôn ngữ '{entry.locale}' của plugin i18n thiếu "
                        f"extra.{field}.",
                        fix_vi=f"thêm '{field}:' dưới mục 'extra:' của ngôn ngữ đó (xem các ngôn "
                        "ngữ khác).",
                    )
                )
        if not problems:
            items.append(
                Language(
                    code=entry.locale,
                    name=entry.name,
                    content_dir=extra["content_dir"],
                    og_locale=extra["og_locale"],
                    default=bool(entry.default),
                )
            )
    if problems:
        raise SiteError(*problems)
    items.sort(key=lambda language: not language.default)  # stable: default first
    return Languages(tuple(items))


def shard_of(text: str) -> tuple[int, int]:
    """ "1/3" -> (1, 3): the process's index and the number of processes."""
    index, _, count = text.partition("/")
    try:
        shard = int(index), int(count)
    except ValueError:
        raise SiteError(
            Problem(
                "mkdocs.yml",
                f"travinh: shard must look like '0/3', not '{text}'.",
                problem_vi=f"travinh: shard phải có dạng '0/3', không phải '{text}'.",
            )
        ) from None
    if not 0 <= shard[0] < shard[1]:
        raise SiteError(
            Problem(
                "mkdocs.yml",
                f"travinh: shard '{text}' is out of range.",
                problem_vi=f"travinh: shard '{text}' nằm ngoài khoảng cho phép.",
            )
        )
    return shard


def shard_setting(config: Any) -> str:
    """The core plugin's ``shard`` option in a loaded MkDocs ``config`` ("" when not set)."""
    core = config.plugins.get(CORE_PLUGIN)
    return str(core.config.shard) if core is not None else ""


def strings_setting(config: Any, default: str) -> str:
    """The core plugin's ``strings`` option (its interface texts) in a loaded MkDocs
    ``config``; ``default`` when the plugin is not listed."""
    core = config.plugins.get(CORE_PLUGIN)
    return str(core.config.strings) if core is not None else default


def in_shard(languages: Languages, shard: str, language: Language) -> bool:
    """Whether the process of a parallel build given ``shard`` ("i/n", see TravinhConfig.shard)
    builds ``language``; every language when ``shard`` is empty."""
    if not shard:
        return True
    index, count = shard_of(shard)
    return languages.items.index(language) % count == index


@dataclass(frozen=True)
class Catalogue:
    """Which pages exist, and in which languages they are really translated.

    Pages are identified by their path inside a content folder ("du-lich/ao-ba-om.md"). The
    default language's folder is the source: every page it holds exists in every language (an
    untranslated one is shown in the default language). A translation counts once its file
    exists and is not marked ``translation: {status: draft}`` in its front matter.
    """

    languages: Languages
    translated: Mapping[str, frozenset[str]]  # page -> codes of its real versions

    @property
    def pages(self) -> list[str]:
        return sorted(self.translated)

    def is_translated(self, page: str, code: str) -> bool:
        return code in self.translated.get(page, frozenset())

    def versions(self, page: str) -> list[Language]:
        """The page's real versions, in the table's order (default language first)."""
        codes = self.translated.get(page, frozenset())
        return [language for language in self.languages if language.code in codes]


def markdown_files(folder: Path) -> dict[str, Path]:
    """Markdown files under ``folder`` keyed by their POSIX path relative to it."""
    if not folder.is_dir():
        return {}
    found: dict[str, Path] = {}
    _add_markdown_files(str(folder), "", found)
    return dict(sorted(found.items()))


def _add_markdown_files(directory: str, prefix: str, found: dict[str, Path]) -> None:
    # os.scandir rather than Path.rglob: a fifth of the time on 9,000 files (the translation
    # check lists every content folder), as its entries know their type without a stat call.
    # Links to folders are not followed, as rglob does not.
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _add_markdown_files(entry.path, f"{prefix}{entry.name}/", found)
            elif entry.name.endswith(".md") and entry.is_file():
                found[prefix + entry.name] = Path(entry.path)


def scan(project_dir: Path, languages: Languages) -> Catalogue:
    """Read the content folders and record which pages are translated in which language."""
    default = languages.default
    sources = markdown_files(project_dir / default.content_dir)
    translated: dict[str, set[str]] = {page: {default.code} for page in sources}
    for language in languages:
        if language.default:
            continue
        for page, path in markdown_files(project_dir / language.content_dir).items():
            if page not in translated:
                continue  # an orphan: its source is gone; the coverage report lists it
            shown_as = f"{language.content_dir}/{page}"
            if not stamps.read_stamp(frontmatter.read(path, shown_as)).draft:
                translated[page].add(language.code)
    return Catalogue(languages, {page: frozenset(codes) for page, codes in translated.items()})
