"""What editors write, checked before anything is built (the ``travinh-checks`` plugin runs it).

Every page of every language is read once, at the start of the build: a file that is not UTF-8 or
whose front matter is not valid YAML, a front matter that does not follow the schema
(:mod:`travinh_site.content.schema`), a page missing from the menu and a menu entry that points to
no page (:mod:`travinh_site.content.navigation`) are each reported with the file, the line and the
fix, in Vietnamese and English, all in one build. With the project's glossary
(:mod:`travinh_site.content.glossary`), each published page is also checked for the variants it
marks ``avoid`` and for figures without a source line (:mod:`travinh_site.content.wording`).
Schema, menu and glossary problems are warnings (the build runs ``--strict``, so they fail it;
``make serve`` shows them and keeps previewing); a file that cannot be read at all stops the
build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, set_exclusions

from travinh_site.content import (
    frontmatter,
    glossary,
    limits,
    navigation,
    posts,
    schema,
    stamps,
    wording,
)
from travinh_site.content.languages import Language, Languages, markdown_files, strings_setting
from travinh_site.errors import Problem, SiteError


@dataclass(frozen=True)
class Report:
    problems: list[Problem]  # schema and menu problems: the build can go on
    unreadable: list[Problem]  # files that cannot be read: the build cannot
    # pages Markdown cannot render in time linear in their size (content.limits): nor then
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
    try:
        terms = glossary.load(project, languages)
    except SiteError as error:
        unreadable += error.problems
        terms = None
    strings_file = project / (strings_setting(config, posts.STRINGS) if config else posts.STRINGS)
    rules = posts.RulesFor(project, languages.codes, default.content_dir, strings_file)
    news = config is not None and posts.NEWS_PLUGIN in config.plugins
    has_posts = False
    for language in filter(only, languages):
        for page, path in _pages(project, language.code, language.content_dir, config):
            relative = page.src_uri.partition("/")[2]
            shown_as = languages.source_path(page.src_uri)
            is_post = posts.is_post(relative)
            # Posts are reached from the news listings, not from the menu (content.posts).
            belongs_in_nav = language == default and page.inclusion.is_in_nav() and not is_post
            if belongs_in_nav:
                in_nav.append(relative)
            if posts.in_news_folder(relative) and not is_post:
                problems.append(posts.misplaced(shown_as, language.content_dir))
            has_posts = has_posts or (is_post and language == default)
            try:
                text = frontmatter.read_text(path, shown_as)
                meta, found = schema.checked_front_matter(
                    text,
                    schema.Page(shown_as, language.default, rules(relative) if is_post else None),
                )
            except SiteError as error:
                unreadable += error.problems
                continue
            # A page Markdown cannot render in reasonable time stops the build before it starts.
            too_complex += limits.problems(text, shown_as)
            problems += found
            if terms is not None and not (
                not language.default and stamps.read_stamp(meta).draft
            ):  # a draft translation is not published yet
                problems += wording.problems(terms, language.code, shown_as, text)
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
                # The news listing is generated (travinh-news), once there is a post to list.
                generated = [posts.LISTING] if news and has_posts else []
                problems += navigation.problems(
                    site_config, in_nav, titles, default.content_dir, generated
                )
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
