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

import hashlib
import json
from collections.abc import Callable, Iterable
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


class PassedPages:
    """The pages of one language that passed every check, by the digest of their text: at the
    next build, a page whose text is the same is not checked again (its checks depend on its
    text, the glossary and this package's code only, which the cache's fingerprint holds).
    Kept in ``.cache/checks/<language>.json`` beside mkdocs.yml."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.pages: dict[str, list[str | None]] = {}  # shown as -> [digest, title]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("fingerprint") == fingerprint:
            self.pages = data.get("pages") or {}

    def title_if_passed(self, shown_as: str, digest: str) -> tuple[bool, str | None]:
        record = self.pages.get(shown_as)
        if record is None or record[0] != digest:
            return False, None
        return True, record[1]

    def note(self, shown_as: str, digest: str, title: str | None) -> None:
        self.pages[shown_as] = [digest, title]

    def forget(self, shown_as: str) -> None:
        self.pages.pop(shown_as, None)

    def save(self, shown: Iterable[str]) -> None:
        """Write what passed, for the pages checked now (``shown``): gone pages are dropped."""
        keep = set(shown)
        data = {
            "fingerprint": self.fingerprint,
            "pages": {page: record for page, record in sorted(self.pages.items()) if page in keep},
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path)


def checks_fingerprint(project: Path) -> str:
    """What the checks of a page depend on besides its text: this package's code and the
    glossary."""
    digest = hashlib.sha1()
    package = Path(__file__).parent.parent
    for path in sorted([*Path(__file__).parent.glob("*.py"), package / "errors.py"]):
        digest.update(path.read_bytes())
    terms = project / glossary.GLOSSARY_FILE
    if terms.is_file():
        digest.update(terms.read_bytes())
    return digest.hexdigest()


def post_salt(rules: posts.Rules) -> str:
    """What a post's checks read besides its text: the build's today (a date too far ahead),
    the categories and the image files (a post's picture must exist)."""
    images = rules.project / posts.IMAGES_DIR if rules.project else None
    names = sorted(path.name for path in images.iterdir()) if images and images.is_dir() else []
    return json.dumps([rules.today.isoformat(), rules.categories, names])


def check_content(
    project: Path,
    languages: Languages,
    config: MkDocsConfig | None = None,
    only: Callable[[Language], bool] = lambda language: True,
    cache_dir: Path | None = None,
) -> Report:
    """Check every page of every language (of those ``only`` accepts) and, with the default
    language, the menu of ``project``.

    ``config`` brings MkDocs' ``exclude_docs`` and ``not_in_nav`` (matched, as MkDocs does,
    against the staged paths: ``vi/du-lich/x.md``). With ``cache_dir``, a page that passed
    every check at a previous build with the same text is not checked again
    (:class:`PassedPages`).
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
    fingerprint = checks_fingerprint(project) if cache_dir is not None else ""
    strings_file = project / (strings_setting(config, posts.STRINGS) if config else posts.STRINGS)
    rules = posts.RulesFor(project, languages.codes, default.content_dir, strings_file)
    news = config is not None and posts.NEWS_PLUGIN in config.plugins
    has_posts = False
    salt = ""
    for language in filter(only, languages):
        passed = (
            PassedPages(cache_dir / f"{language.code}.json", fingerprint)
            if cache_dir is not None
            else None
        )
        shown: list[str] = []
        for page, path in _pages(project, language.code, language.content_dir, config):
            relative = page.src_uri.partition("/")[2]
            shown_as = languages.source_path(page.src_uri)
            shown.append(shown_as)
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
            except SiteError as error:
                unreadable += error.problems
                continue
            try:
                post_rules = rules(relative) if is_post else None
            except SiteError as error:
                unreadable += error.problems
                continue
            digest = hashlib.sha1(text.encode("utf-8"))
            if post_rules is not None:  # a post's checks read the day, categories and images
                salt = salt or post_salt(post_rules)  # the same for every post of the build
                digest.update(salt.encode("utf-8"))
            if passed is not None:
                known, title = passed.title_if_passed(shown_as, digest.hexdigest())
                if known:
                    if belongs_in_nav and title is not None:
                        titles[relative] = title
                    continue
            try:
                meta, found = schema.checked_front_matter(
                    text,
                    schema.Page(shown_as, language.default, post_rules),
                )
            except SiteError as error:
                unreadable += error.problems
                continue
            # A page Markdown cannot render in reasonable time stops the build before it starts.
            beyond_limits = limits.problems(text, shown_as)
            too_complex += beyond_limits
            page_problems = list(found)
            if terms is not None and not (
                not language.default and stamps.read_stamp(meta).draft
            ):  # a draft translation is not published yet
                page_problems += wording.problems(terms, language.code, shown_as, text)
            problems += page_problems
            title = meta.get("title") if isinstance(meta.get("title"), str) else None
            if belongs_in_nav and title is not None:
                titles[relative] = title
            if passed is not None:
                if page_problems or beyond_limits:
                    passed.forget(shown_as)
                else:
                    passed.note(shown_as, digest.hexdigest(), title)
        if passed is not None:
            passed.save(shown)
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
