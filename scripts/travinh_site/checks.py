"""The ``travinh-checks`` plugin: what editors write is checked before anything is built.

Every page of every language is read once, at the start of the build: a file that is not UTF-8
or whose front matter is not valid YAML, a front matter that does not follow the schema
(:mod:`travinh_site.schema`), a page missing from the menu and a menu entry that points to no
page (:mod:`travinh_site.navigation`) are each reported with the file, the line and the fix, in
Vietnamese and English, all in one build. Schema and menu problems are warnings (the build runs
``--strict``, so they fail it; ``make serve`` shows them and keeps previewing); a file that
cannot be read at all stops the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, set_exclusions

from travinh_site import frontmatter, markdown_limits, navigation, schema, source_files
from travinh_site.errors import ENGLISH_INDENT, Problem, SiteError
from travinh_site.languages import (
    ASSETS,
    I18N_PLUGIN,
    Language,
    Languages,
    languages_from_i18n,
    markdown_files,
)
from travinh_site.plugin import core, in_shard

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class Report:
    problems: list[Problem]  # schema and menu problems: the build can go on
    unreadable: list[Problem]  # files that cannot be read: the build cannot
    # pages Markdown cannot render in time linear in their size (markdown_limits): nor then
    too_complex: list[Problem] = field(default_factory=list)


def check_content(
    project: Path,
    languages: Languages,
    config: MkDocsConfig | None = None,
    only: Callable[[Language], bool] = lambda language: True,
) -> Report:
    """Check every page of every language (of those ``only`` accepts) and, with the default
    language, the menu of ``project``.

    ``config`` brings MkDocs' ``exclude_docs`` and ``not_in_nav`` (matched, as MkDocs does,
    against the staged paths: ``vi/du-lich/x.md``).
    """
    problems: list[Problem] = []
    unreadable: list[Problem] = []
    too_complex: list[Problem] = []
    in_nav: list[str] = []
    titles: dict[str, str] = {}
    default = languages.default
    for language in filter(only, languages):
        for page, path in _pages(project, language.code, language.content_dir, config):
            relative = page.src_uri.partition("/")[2]
            shown_as = languages.source_path(page.src_uri)
            belongs_in_nav = language == default and page.inclusion.is_in_nav()
            if belongs_in_nav:
                in_nav.append(relative)
            try:
                text = frontmatter.read_text(path, shown_as)
                meta, found = schema.checked_front_matter(
                    text, schema.Page(shown_as, language.default)
                )
            except SiteError as error:
                unreadable += error.problems
                continue
            # A page Markdown cannot render in reasonable time stops the build before it starts.
            too_complex += markdown_limits.problems(text, shown_as)
            problems += found
            if belongs_in_nav and isinstance(meta.get("title"), str):
                titles[relative] = meta["title"]
    config_file = project / navigation.CONFIG
    if only(default) and config_file.is_file():
        try:
            site_config = navigation.SiteConfig(config_file)
        except SiteError as error:
            unreadable += error.problems
        else:
            if site_config.nav is not None:  # without nav: MkDocs lists every page itself
                problems += navigation.problems(site_config, in_nav, titles, default.content_dir)
    return Report(problems, unreadable, too_complex)


def _pages(
    project: Path, code: str, content_dir: str, config: MkDocsConfig | None
) -> list[tuple[File, Path]]:
    """The Markdown pages of one content folder as MkDocs will see them once staged, with
    MkDocs' own exclusions applied."""
    found = [
        (File(f"{code}/{relative}", str(project), str(project / "site"), False), path)
        for relative, path in markdown_files(project / content_dir).items()
    ]
    if config is not None:
        set_exclusions([file for file, _path in found], config)
    return [(file, path) for file, path in found if not file.inclusion.is_excluded()]


class ChecksPlugin(BasePlugin):
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
        # Before any file is read: links out of the project and special files are refused.
        folders = [project / language.content_dir for language in languages]
        folders.append(project / ASSETS)
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        unsafe = source_files.problems(project, folders)
        if unsafe:
            count = len(unsafe)
            raise PluginError(
                "\n".join(str(problem) for problem in unsafe)
                + f"\nCó {count} tệp không được phép đọc (xem ở trên); chưa có gì được tạo ra.\n"
                f"{ENGLISH_INDENT}{count} file(s) must not be read (see above); nothing was built."
            )
        # In a parallel build, each process checks the languages it builds.
        shard = core(config).config.shard
        report = check_content(
            project, languages, config, only=lambda language: in_shard(languages, shard, language)
        )
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
