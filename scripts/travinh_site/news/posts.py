"""Every post's published versions, per language, newest first.

The Vietnamese post is the source: its ``date``, ``category`` and ``image`` file hold for every
language (a translation that repeats them must agree, or it is reported), and its ``languages``
say where it is published at all. A translation is listed once it is finished (the catalogue's
view: a file that is not a draft); before that, and in a language the post is not published in,
the language's listings and feeds leave the post out: they never show Vietnamese text. (The
post's own page still exists at that language's address, shown in Vietnamese with a notice,
like every untranslated page.)

The front matter has been checked by then (:mod:`travinh_site.content.schema`, in the
``travinh-checks`` plugin, whose warnings fail the build): a post this module cannot read is
left out, never guessed at.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from travinh_site.content import frontmatter
from travinh_site.content import posts as rules
from travinh_site.content.languages import Catalogue, Language, Languages
from travinh_site.errors import Problem, SiteError


@dataclass(frozen=True)
class Image:
    file: str  # inside assets/images/
    alt: str  # in the language of the version


@dataclass(frozen=True)
class Post:
    """One language's version of a post."""

    page: str  # "tin-tuc/2026/x.md", the same in every language
    language: Language  # the language its text is written in
    title: str
    description: str  # the summary shown in listings and feeds
    date: datetime.date  # the Vietnamese post's
    updated: datetime.date  # its own 'updated', else the Vietnamese post's, else the date
    category: str
    image: Image | None
    sources: tuple[str, ...]  # as written (Markdown: a source may be a link)

    @property
    def year(self) -> int:
        return self.date.year

    def sort_key(self) -> tuple[int, str]:
        """Newest first; a day's posts by file name, so that the order never changes."""
        return (-self.date.toordinal(), self.page)


@dataclass(frozen=True)
class Newsroom:
    """The posts of every language and what is wrong between a post's versions."""

    by_language: Mapping[str, tuple[Post, ...]]  # language code -> its posts, newest first
    problems: tuple[Problem, ...] = ()

    def of(self, code: str) -> tuple[Post, ...]:
        return self.by_language.get(code, ())

    @property
    def has_posts(self) -> bool:
        """Whether there is any post (the listings and feeds exist from the first one)."""
        return any(self.by_language.values())

    @property
    def newest(self) -> datetime.date | None:
        """The latest date any post was published or updated (a feed's own date)."""
        days = [post.updated for posts in self.by_language.values() for post in posts]
        return max(days) if days else None

    def version(self, page: str, code: str) -> Post | None:
        return self._index.get((page, code))

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], Post]:
        return {
            (post.page, code): post for code, posts in self.by_language.items() for post in posts
        }


def collect(
    project: Path, languages: Languages, catalogue: Catalogue, categories: Collection[str]
) -> Newsroom:
    """Read every post of ``project`` in every language."""
    found: dict[str, list[Post]] = {language.code: [] for language in languages}
    problems: list[Problem] = []
    default = languages.default
    for page in catalogue.pages:
        if not rules.is_post(page):
            continue
        source_file = f"{default.content_dir}/{page}"
        source = _read(project / source_file, source_file)
        if source is None:
            continue
        meta, _text = source
        published = _published_in(meta, languages)
        date, category = _day(meta.get("date")), meta.get("category")
        if date is None or not isinstance(category, str) or category not in categories:
            continue  # the schema check says what is wrong
        base = _version(page, default, meta, date, category, None)
        if base is None:
            continue
        found[default.code].append(base)
        for language in languages.translations:
            if not catalogue.is_translated(page, language.code):
                continue
            shown_as = f"{language.content_dir}/{page}"
            if language.code not in published:
                problems.append(_not_published(shown_as, source_file, language))
                continue
            translation = _read(project / shown_as, shown_as)
            if translation is None:
                continue
            problems += _disagreements(translation, meta, shown_as, source_file)
            post = _version(page, language, translation[0], date, category, base)
            if post is None:
                continue
            if base.image is not None and post.image is None:
                problems.append(_no_alt(translation[1], shown_as, language))
            found[language.code].append(post)
    return Newsroom(
        {code: tuple(sorted(posts, key=Post.sort_key)) for code, posts in found.items()},
        tuple(problems),
    )


def _read(path: Path, shown_as: str) -> tuple[dict[str, Any], str] | None:
    try:
        text = frontmatter.read_text(path, shown_as)
        meta, _body, _line = frontmatter.split(text, shown_as)
    except (OSError, SiteError):
        return None  # reported by the content check
    return meta, text


def _published_in(meta: Mapping[str, Any], languages: Languages) -> frozenset[str]:
    chosen = meta.get("languages")
    if isinstance(chosen, list) and chosen:
        return frozenset(str(code) for code in chosen) | {languages.default.code}
    return frozenset(languages.codes)


def _day(value: Any) -> datetime.date | None:
    """``value`` if YAML read it as a day (not a moment: the schema refuses those)."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    return None


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _version(
    page: str,
    language: Language,
    meta: Mapping[str, Any],
    date: datetime.date,
    category: str,
    source: Post | None,
) -> Post | None:
    title, description = _text(meta.get("title")), _text(meta.get("description"))
    if not title or not description:
        return None  # the schema check reports it
    updated = _day(meta.get("updated")) or (source.updated if source else date)
    image = _image(meta.get("image"), source.image.file if source and source.image else None)
    if source is not None and source.image is None:
        image = None  # the Vietnamese post decides whether there is a picture
    sources = meta.get("sources")
    listed = (
        tuple(_text(item) for item in sources if _text(item)) if isinstance(sources, list) else ()
    )
    return Post(
        page=page,
        language=language,
        title=title,
        description=description,
        date=date,
        updated=max(updated, date),
        category=category,
        image=image,
        sources=listed,  # a translation's own (translated) list, never the Vietnamese one
    )


def _image(value: Any, source_file: str | None) -> Image | None:
    if not isinstance(value, Mapping):
        return None
    file = source_file or _text(value.get("file"))
    alt = _text(value.get("alt"))
    return Image(file, alt) if file and alt else None


def _line_of(text: str, key: str) -> int:
    """The line of the front matter's ``key:`` in ``text`` (1 when it is not there)."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _disagreements(
    translation: tuple[dict[str, Any], str],
    source: Mapping[str, Any],
    shown_as: str,
    source_file: str,
) -> list[Problem]:
    meta, text = translation
    found = []
    for key in ("date", "category"):
        if key in meta and meta[key] != source.get(key):
            found.append(
                Problem(
                    shown_as,
                    f"the {key} '{meta[key]}' differs from the Vietnamese post's "
                    f"('{source.get(key)}', {source_file}); a post has one {key} in every "
                    "language, the Vietnamese post's.",
                    f"write '{key}: {source.get(key)}', or delete the line.",
                    _line_of(text, key),
                    problem_vi=f"{_KEY_VI[key]} '{meta[key]}' khác với bản tiếng Việt "
                    f"('{source.get(key)}', {source_file}); một tin chỉ có một {_KEY_VI[key]} ở "
                    "mọi thứ tiếng, là của bản tiếng Việt.",
                    fix_vi=f"viết '{key}: {source.get(key)}', hoặc xóa dòng này.",
                )
            )
    mine, theirs = meta.get("image"), source.get("image")
    if (
        isinstance(mine, Mapping)
        and isinstance(theirs, Mapping)
        and "file" in mine
        and mine.get("file") != theirs.get("file")
    ):
        found.append(
            Problem(
                shown_as,
                f"the picture '{mine.get('file')}' differs from the Vietnamese post's "
                f"('{theirs.get('file')}', {source_file}).",
                f"write '  file: {theirs.get('file')}' under 'image:' (translate only 'alt').",
                _line_of(text, "image"),
                problem_vi=f"ảnh '{mine.get('file')}' khác với ảnh của bản tiếng Việt "
                f"('{theirs.get('file')}', {source_file}).",
                fix_vi=f"viết '  file: {theirs.get('file')}' dưới 'image:' (chỉ dịch 'alt').",
            )
        )
    return found


_KEY_VI = {"date": "ngày", "category": "chủ đề"}


def _not_published(shown_as: str, source_file: str, language: Language) -> Problem:
    return Problem(
        shown_as,
        f"the Vietnamese post ({source_file}) says it is not published in {language.name} "
        "('languages:'), so this translation is never listed.",
        f"add '{language.code}' to 'languages:' in {source_file}, or delete this file.",
        1,
        problem_vi=f"bản tiếng Việt ({source_file}) ghi rằng tin không đăng bằng "
        f"{language.name} ('languages:'), nên bản dịch này không bao giờ được liệt kê.",
        fix_vi=f"thêm '{language.code}' vào 'languages:' trong {source_file}, hoặc xóa tệp này.",
    )


def _no_alt(text: str, shown_as: str, language: Language) -> Problem:
    return Problem(
        shown_as,
        f"the Vietnamese post has a picture, but this translation gives no alt text for it in "
        f"{language.name}, so the picture is left out here.",
        "add 'image:' with '  file:' (the Vietnamese post's) and '  alt:' (what the picture "
        "shows, translated).",
        _line_of(text, "image"),
        problem_vi=f"bản tiếng Việt có ảnh, nhưng bản dịch này chưa có lời mô tả ảnh bằng "
        f"{language.name}, nên ở đây ảnh bị bỏ đi.",
        fix_vi="thêm 'image:' với '  file:' (như bản tiếng Việt) và '  alt:' (ảnh cho thấy gì, "
        "đã dịch).",
    )
