"""Content checks that catch half-done translations.

A translation can exist, carry a current stamp and still be half done. Each check below compares
one translation with its Vietnamese source (or the navigation with its translations) and returns
:class:`Finding`s that name the file and line, say what looks wrong and how to fix it:

========================  ==============================================================
``front-matter``          title or description missing, or left identical to the source
``alt-text``              an image's alt text left in the source language, or missing
``image-missing``         an image of the source that the translation does not show
``nav-label``             a navigation label without a translation for a language
``identical-paragraph``   a paragraph (3 words or more) left identical to the source
``script``                source-language letters left in a same-script translation
                          (Vietnamese in English), or too few letters of the language's
                          own script (a Khmer page with less than 60 % Khmer letters)
``cross-language-link``   a link from a translation to a page in another language
``numbers``               numbers, dates or years of the source missing or different
========================  ==============================================================

Languages are described by what CLDR (Babel) knows of them: their script, their number symbols
and month names. Nothing here lists the site's languages.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from travinh_site.content import frontmatter, links, stamps
from travinh_site.content.languages import Language, Languages
from travinh_site.errors import Problem, SiteError
from travinh_site.translations.quantities import Quantity, reader

CHECKS = (
    "front-matter",
    "alt-text",
    "image-missing",
    "nav-label",
    "identical-paragraph",
    "script",
    "cross-language-link",
    "numbers",
)
MIN_OWN_SCRIPT_SHARE = 0.6  # a page in a language with its own script (Khmer)
SPELLED_OUT_BELOW = 10  # numbers a translation may write in words ("three festivals")
MIN_PARAGRAPH_WORDS = 3  # shorter blocks (names, "Nguồn") may rightly stay the same
# Latin-script languages whose alphabet has no letters beyond a-z: any other Latin letter in
# such a page was left from the source (a name written "Trà Vinh" instead of "Tra Vinh").
ASCII_ALPHABETS = frozenset({"en"})

# A word is a run of non-spaces with a letter in it. Matching from its first letter counts each
# such run exactly once, without the backtracking of "\S*[^\W\d_]\S*" (this runs on every page).
_WORD = re.compile(r"[^\W\d_]\S*")
# A word of prose: letters only (an apostrophe or one hyphen inside), between spaces or
# punctuation; "localities-organise-ceremonies…401126" is not one.
_NATURAL_WORD = re.compile(
    r"(?<![^\s(\[\"'“‘*_])[^\W\d_]+(?:['’-][^\W\d_]+)?(?![^\s.,;:!?)\]\"'”’*_…])"
)
_MAYBE_URL = re.compile(r"\.[a-z]{2}|://")
_SECTION_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.M)
_BLOCK = re.compile(r"(?:^[ \t]*\S.*(?:\n|$))+", re.M)  # a run of non-blank lines
_LINK_TARGET = re.compile(r"\]\(\s*(?:<[^>\n]*>|[^\s()]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_HTML_TAG = re.compile(r"<[^>\n]+>")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#][^}\n]*\}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b(?:/\S*)?")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?(?P<src>[^\s()>]+)>?")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"\b(src|alt)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One content problem of one translation (or of the navigation)."""

    check: str  # one of CHECKS
    language: str  # code of the translation's language
    page: str  # "du-lich/ao-ba-om.md", or "" for the navigation
    problem: Problem

    def __str__(self) -> str:
        return str(self.problem)


class Block(NamedTuple):  # a tuple: every paragraph of every page is one
    line: int
    text: str  # the prose of a paragraph or heading, whitespace collapsed


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the text before the first "##" heading
    line: int
    raw: str  # Markdown as written, for diffs


@dataclass(frozen=True)
class Image:
    line: int
    path: str  # resolved from the page's folder: "../assets/images/x.svg"
    alt: str


@dataclass
class PageText:
    """What the checks need from one Markdown file (read once, used by every check)."""

    shown_as: str  # "docs_km/du-lich/ao-ba-om.md"
    page: str  # "du-lich/ao-ba-om.md"
    meta: dict[str, Any]
    body: str
    body_line: int
    head: str = ""  # the front matter as written, both '---' lines included
    _quantities: dict[str, list[list[Quantity]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @functools.cached_property
    def masked(self) -> str:
        """The body with code blocks and spans blanked out (same lines)."""
        return links.mask_code(self.body)

    @functools.cached_property
    def prose(self) -> str:
        """The body without code, link targets, tags and URLs (same lines)."""
        return prose_of(self.masked)

    @functools.cached_property
    def prose_blocks(self) -> list[Block]:
        """Paragraphs long enough that leaving them untranslated is a mistake (two checks
        read them: counted once)."""
        return _prose_blocks(self)

    @functools.cached_property
    def long_blocks(self) -> frozenset[str]:
        return frozenset(block.text for block in self.prose_blocks)

    def quantities(self, locale: str) -> list[list[Quantity]]:
        """Numbers and dates read the ``locale``'s way: [front matter, section 1, ...].

        The prose is read once and its quantities dealt out to the sections by line.
        """
        if locale not in self._quantities:
            read = reader(locale).read
            starts = self.section_starts
            per_section: list[list[Quantity]] = [[] for _ in starts]
            prose = self.prose
            line, position = 0, 0
            for quantity in read(prose):
                line += prose.count("\n", position, quantity.offset)
                position = quantity.offset
                per_section[max(bisect.bisect_right(starts, line) - 1, 0)].append(quantity)
            head = f"{self.title}\n{self.description}"
            self._quantities[locale] = [read(head), *per_section]
        return self._quantities[locale]

    @property
    def title(self) -> str:
        return _text(self.meta.get("title"))

    @property
    def description(self) -> str:
        return _text(self.meta.get("description"))

    def meta_line(self, key: str) -> int:
        """The line of ``key:`` in the front matter (1, the opening '---', if absent)."""
        for number, line in enumerate(self.head.split("\n"), start=1):
            if re.match(rf"{re.escape(key)}\s*:", line):
                return number
        return 1

    @functools.cached_property
    def words(self) -> int:
        """Words a translator translates: title, description and the prose of the body."""
        return sum(len(_WORD.findall(part)) for part in (self.title, self.description, self.prose))

    @functools.cached_property
    def sections(self) -> list[Section]:
        return sections_of(self.body, self.prose, self.body_line)

    @functools.cached_property
    def section_starts(self) -> list[int]:
        """The index in the body of each section's first line (cheaper than ``sections``,
        which only the diffs and the findings need)."""
        return _section_starts(self.prose)[0]

    @functools.cached_property
    def blocks(self) -> list[Block]:
        """Paragraphs and headings: runs of non-blank lines of the prose."""
        found = []
        prose = self.prose
        line, position = self.body_line, 0
        for match in _BLOCK.finditer(prose):
            line += prose.count("\n", position, match.start())
            position = match.start()
            found.append(Block(line, " ".join(match.group(0).split())))
        return found

    @functools.cached_property
    def images(self) -> list[Image]:
        masked = self.masked
        found = []
        for match in _IMAGE.finditer(masked):
            found.append((match.start(), match.group("src"), match.group("alt")))
        for match in _IMG_TAG.finditer(masked):
            attributes = {
                name.lower(): (double if double is not None else single)
                for name, double, single in _ATTRIBUTE.findall(match.group(0))
            }
            if "src" in attributes:
                found.append((match.start(), attributes["src"], attributes.get("alt", "")))
        return [
            Image(self.body_line + masked.count("\n", 0, offset), _resolve(self.page, src), alt)
            for offset, src, alt in sorted(found)
        ]


def read_page(text: str, shown_as: str, page: str) -> PageText:
    """Parse one Markdown file; bad front matter raises :class:`SiteError`."""
    meta, body, body_line = frontmatter.split(text, shown_as)
    clean = frontmatter.normalise_newlines(text)
    head = clean[: len(clean) - len(body)] if body_line > 1 else ""
    return PageText(shown_as, page, meta, body, body_line, head)


def require_title(page: PageText) -> None:
    if not page.title.strip():
        raise SiteError(
            Problem(
                page.shown_as,
                "has no title.",
                "add a line 'title: …' (the page's title in its language) to the front matter "
                "between the two '---' lines at the top of the file.",
                1,
                problem_vi="trang chưa có tiêu đề.",
                fix_vi="thêm một dòng 'title: …' (tiêu đề trang bằng ngôn ngữ của trang) vào phần "
                "đầu trang, giữa hai dòng '---' ở đầu tệp.",
            )
        )


def prose_of(masked: str) -> str:
    """The translatable prose of a Markdown body whose code is already blanked out
    (:func:`links.mask_code`), at the same offsets and lines: link targets, HTML tags,
    attribute lists and URLs are blanked out too (newlines are kept)."""
    text = masked
    for pattern in (_LINK_TARGET, _DEFINITION, _HTML_TAG, _ATTR_LIST):
        text = pattern.sub(_blank, text)
    if _MAYBE_URL.search(text):  # the URL pattern is slow: only where a URL may be
        text = _URL.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    text = match.group(0)
    return " " * len(text) if "\n" not in text else re.sub(r"[^\n]", " ", text)


def sections_of(body: str, prose: str, body_line: int) -> list[Section]:
    """The body cut at its level-2 headings (the text before the first one is section "")."""
    raw_lines = body.split("\n")
    prose_lines = prose.split("\n")
    starts, headings = _section_starts(prose)
    starts = [*starts, len(prose_lines)]
    return [
        Section(
            heading=headings[number],
            line=body_line + _first_written(prose_lines, start, end),
            raw="\n".join(raw_lines[start:end]),
        )
        # One per start (the numbers check counts on it): every section has a line, as only
        # headings after the first line start one.
        for number, (start, end) in enumerate(itertools.pairwise(starts))
    ]


def _section_starts(prose: str) -> tuple[list[int], list[str]]:
    """The first line of each section (0 for the text before the first "##" heading) and
    its heading ("" for that text, unless the body starts with a heading)."""
    starts = [0]
    headings = [""]
    line, position = 0, 0
    for match in _SECTION_HEADING.finditer(prose):
        line += prose.count("\n", position, match.start())
        position = match.start()
        if line:
            starts.append(line)
            headings.append(" ".join(match.group(1).split()))
        else:
            headings[0] = " ".join(match.group(1).split())
    return starts, headings


def _first_written(lines: list[str], start: int, end: int) -> int:
    """The index of the first non-blank line in ``lines[start:end]`` (``start`` if none)."""
    return next((i for i in range(start, end) if lines[i].strip()), start)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


# ---- checks of one translation against its source ---------------------------------------------


def check_translation(
    source: PageText,
    translation: PageText,
    language: Language,
    languages: Languages,
    site_url: str = "",
    checks: Iterable[str] = CHECKS,
) -> list[Finding]:
    """The content checks ``checks`` of ``translation`` (in ``language``) against ``source``;
    the checks not asked for are not run."""
    wanted = set(checks)
    if stamps.read_stamp(translation.meta).summary:  # a summary leaves figures out by design
        wanted.discard("numbers")
    found: list[Finding] = []
    for check, reports in _PAGE_CHECKS:
        if wanted & reports:
            found.extend(check(source, translation, language, languages))
    if "cross-language-link" in wanted:
        found.extend(_cross_language_links(translation, language, languages, site_url))
    return [finding for finding in found if finding.check in wanted]


def _finding(
    check: str,
    page: PageText,
    language: Language,
    problem: str,
    fix: str,
    line: int,
    problem_vi: str,
    fix_vi: str,
) -> Finding:
    return Finding(
        check,
        language.code,
        page.page,
        Problem(page.shown_as, problem, fix, line, problem_vi=problem_vi, fix_vi=fix_vi),
    )


def _front_matter(
    source: PageText, translation: PageText, language: Language, languages: Languages
) -> list[Finding]:
    found: list[Finding] = []
    source_name = english_name(languages.default.code)
    source_vi, name_vi = vietnamese_name(languages.default.code), vietnamese_name(language.code)
    for key in ("title", "description"):
        value = getattr(translation, key)
        original = getattr(source, key)
        if not value.strip() and original.strip():
            found.append(
                _finding(
                    "front-matter",
                    translation,
                    language,
                    f"the front matter has no {key}.",
                    f"add '{key}: …' in {english_name(language.code)}.",
                    translation.meta_line(key),
                    f"phần đầu trang thiếu {key}.",
                    f"thêm '{key}: …' bằng {name_vi}.",
                )
            )
        elif value.strip() and _same(value, original):
            found.append(
                _finding(
                    "front-matter",
                    translation,
                    language,
                    f"the {key} is the same as in the {source_name} page.",
                    f"translate the {key} into {english_name(language.code)}.",
                    translation.meta_line(key),
                    f"{key} giống hệt trong trang {source_vi}.",
                    f"dịch {key} sang {name_vi}.",
                )
            )
    return found


def _alt_texts(
    source: PageText, translation: PageText, language: Language, languages: Languages
) -> list[Finding]:
    found: list[Finding] = []
    source_name = english_name(languages.default.code)
    source_vi, name_vi = vietnamese_name(languages.default.code), vietnamese_name(language.code)
    theirs = {image.path: image for image in translation.images}
    for image in source.images:
        name = posixpath.basename(image.path)
        mine = theirs.get(image.path)
        if mine is None:
            found.append(
                _finding(
                    "image-missing",
                    translation,
                    language,
                    f"the {source_name} page shows the image '{name}' (line {image.line} of "
                    f"{source.shown_as}); this translation does not.",
                    "add it with the same path and an alt text in this language, or remove it "
                    "from the source if it is no longer wanted.",
                    translation.body_line,
                    f"trang {source_vi} có ảnh '{name}' (dòng {image.line} của "
                    f"{source.shown_as}); bản dịch này không có.",
                    "thêm ảnh với cùng đường dẫn và lời mô tả bằng ngôn ngữ này, hoặc bỏ ảnh khỏi "
                    "bản gốc nếu không cần nữa.",
                )
            )
        elif image.alt.strip() and not mine.alt.strip():
            found.append(
                _finding(
                    "alt-text",
                    translation,
                    language,
                    f"the image '{name}' has no alt text.",
                    f"describe the image in {english_name(language.code)} between '![' and ']'.",
                    mine.line,
                    f"ảnh '{name}' chưa có lời mô tả.",
                    f"tả ảnh bằng {name_vi} giữa '![' và ']'.",
                )
            )
        elif image.alt.strip() and _same(image.alt, mine.alt) and word_count(image.alt):
            found.append(
                _finding(
                    "alt-text",
                    translation,
                    language,
                    f"the alt text of the image '{name}' is the same as in the {source_name} "
                    f"page ('{_short(mine.alt)}').",
                    f"translate it into {english_name(language.code)}.",
                    mine.line,
                    f"lời mô tả của ảnh '{name}' giống hệt trong trang {source_vi} "
                    f"('{_short(mine.alt)}').",
                    f"dịch lời mô tả sang {name_vi}.",
                )
            )
    return found


def _identical_paragraphs(
    source: PageText, translation: PageText, language: Language, languages: Languages
) -> list[Finding]:
    originals = source.long_blocks
    source_name = english_name(languages.default.code)
    source_vi, name_vi = vietnamese_name(languages.default.code), vietnamese_name(language.code)
    return [
        _finding(
            "identical-paragraph",
            translation,
            language,
            f"this paragraph is the same as in the {source_name} page ('{_short(block.text)}').",
            f"translate it into {english_name(language.code)}.",
            block.line,
            f"đoạn này giống hệt trong trang {source_vi} ('{_short(block.text)}').",
            f"dịch đoạn này sang {name_vi}.",
        )
        for block in translation.prose_blocks
        if block.text in originals
    ]


def _script(
    source: PageText, translation: PageText, language: Language, languages: Languages
) -> list[Finding]:
    own = script_of(language.code)
    if own is None or own == script_of(languages.default.code):
        return _foreign_letters(translation, language, languages)
    name = english_name(language.code)
    name_vi = vietnamese_name(language.code)
    text = f"{translation.title}\n{translation.description}\n{translation.prose}"
    own_letters = _script_letters(own)
    # The share of its own letters (vowel signs included: Khmer writes most vowels as marks)
    # among all letters. The other scripts' letters are counted in what is left once its own
    # are removed: one pass over the page, and a short one over the rest.
    others = own_letters.sub("", text)
    own_count = len(text) - len(others)
    letters = own_count + _count(_LETTER, others)
    found = []
    if letters:
        share = own_count / letters
        if share < MIN_OWN_SCRIPT_SHARE:
            found.append(
                _finding(
                    "script",
                    translation,
                    language,
                    f"only {int(share * 100)}% of its letters are {name} (at least "
                    f"{MIN_OWN_SCRIPT_SHARE:.0%} expected): parts of it are probably not "
                    "translated yet.",
                    f"translate the remaining text into {name}; keep only names in Latin letters.",
                    translation.body_line,
                    f"chỉ {int(share * 100)}% số chữ cái là chữ {name_vi.removeprefix('tiếng ')} "
                    f"(cần ít nhất {MIN_OWN_SCRIPT_SHARE:.0%}): có lẽ một phần chưa được dịch.",
                    f"dịch phần còn lại sang {name_vi}; chỉ giữ chữ Latinh cho tên riêng.",
                )
            )
    # A paragraph left in the source language, even in a page that is mostly translated.
    for block in translation.prose_blocks:
        if not own_letters.search(block.text):
            found.append(
                _finding(
                    "script",
                    translation,
                    language,
                    f"this paragraph has no {name} letters ('{_short(block.text)}').",
                    f"translate it into {name}.",
                    block.line,
                    f"đoạn này không có chữ {name_vi.removeprefix('tiếng ')} "
                    f"('{_short(block.text)}').",
                    f"dịch đoạn này sang {name_vi}.",
                )
            )
    return found


def _prose_blocks(page: PageText) -> list[Block]:
    """Paragraphs of at least MIN_PARAGRAPH_WORDS words of prose. Headings (often names:
    "## Ok Om Bok") and lone images (their alt text has its own check) are left out, and so
    are lists of sources: web-address fragments are not words."""
    return [
        block
        for block in page.blocks
        if not block.text.startswith(("#", "!["))
        # Stop at the third word: most paragraphs have many (this runs on every page).
        and next(
            itertools.islice(_NATURAL_WORD.finditer(block.text), MIN_PARAGRAPH_WORDS - 1, None),
            None,
        )
        is not None
    ]


def _foreign_letters(
    translation: PageText, language: Language, languages: Languages
) -> list[Finding]:
    """Latin letters that the language's alphabet lacks, line by line (front matter included)."""
    if language.code not in ASCII_ALPHABETS:
        return []
    source_name = english_name(languages.default.code)
    name = english_name(language.code)
    source_vi, name_vi = vietnamese_name(languages.default.code), vietnamese_name(language.code)
    lines: list[tuple[int, str]] = [
        (translation.meta_line(key), getattr(translation, key)) for key in ("title", "description")
    ]
    lines += [
        (translation.body_line + number, line)
        for number, line in enumerate(translation.prose.split("\n"))
    ]
    found = []
    for line, text in lines:
        if text.isascii():
            continue
        words = [word for word in _WORD.findall(text) if _has_non_ascii_latin(word)]
        if words:
            quoted = ", ".join(f"'{word.strip('*_()[],.;:')}'" for word in dict.fromkeys(words))
            found.append(
                _finding(
                    "script",
                    translation,
                    language,
                    f"{source_name} letters left in the {name} text: {quoted}.",
                    f"translate it, or write names without diacritics as the other {name} "
                    "pages do ('Tra Vinh').",
                    line,
                    f"còn chữ cái {source_vi} trong văn bản {name_vi}: {quoted}.",
                    f"dịch phần đó, hoặc viết tên riêng không dấu như các trang {name_vi} khác "
                    "('Tra Vinh').",
                )
            )
    return found


def _cross_language_links(
    translation: PageText, language: Language, languages: Languages, site_url: str
) -> list[Finding]:
    found: list[Finding] = []
    # A link leaves the language only by climbing above its folder, from the site's root or
    # by a full URL: most pages have none of these, and reading links is costly.
    climb = "../" * (translation.page.count("/") + 1)
    body = translation.body
    rooted = ("](/", "]: /", '="/', "='/")
    by_url = bool(site_url) and site_url in body
    if climb not in body and not any(mark in body for mark in rooted) and not by_url:
        return found
    staged = posixpath.join(language.code, translation.page)
    project = posixpath.join(language.content_dir, translation.page)
    for reference in links.find_references(translation.body, translation.body_line):
        other = _language_of_target(reference.target, staged, project, languages, site_url)
        if other is None or other == language:
            continue
        kind = "image" if reference.is_image else "link"
        found.append(
            _finding(
                "cross-language-link",
                translation,
                language,
                f"the {kind} '{reference.target}' leads to the {english_name(other.code)} "
                "version of a page.",
                "link to the page as the source does, relative to this file (for example "
                "'../du-lich/ao-ba-om.md'): the site then shows it in this page's language.",
                reference.line,
                f"{'ảnh' if reference.is_image else 'liên kết'} '{reference.target}' dẫn tới "
                f"bản {vietnamese_name(other.code)} của một trang.",
                "liên kết tới trang như bản gốc, tính từ tệp này (ví dụ "
                "'../du-lich/ao-ba-om.md'): trang web sẽ hiện nó bằng ngôn ngữ của trang này.",
            )
        )
    return found


def _language_of_target(
    target: str, staged: str, project: str, languages: Languages, site_url: str
) -> Language | None:
    if site_url and target.startswith(site_url):
        return _language_of_url(target[len(site_url) :], languages)
    path = links.local_path(target)
    if path is None:
        return None
    if path.startswith("/"):
        return _language_of_url(path.lstrip("/"), languages)
    for base, key in ((staged, "code"), (project, "content_dir")):
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
        top = resolved.split("/", 1)[0]
        for candidate in languages:
            if getattr(candidate, key) == top:
                return candidate
    return None


def _language_of_url(path: str, languages: Languages) -> Language | None:
    top = path.split("/", 1)[0]
    for candidate in languages:
        if not candidate.default and candidate.code == top:
            return candidate
    if not path.startswith(("assets/", "#")) and path.split("#", 1)[0].endswith((".html", "/")):
        return languages.default
    return None


def _numbers(
    source: PageText, translation: PageText, language: Language, languages: Languages
) -> list[Finding]:
    """Numbers and dates section by section (when the sections line up), else page by page;
    the title and description are compared on their own."""
    expected = source.quantities(languages.default.code)
    present = translation.quantities(language.code)
    # (wanted, found, where): where is "title", a section's index, or "body" (page by page)
    pairs: list[tuple[list[Quantity], list[Quantity], str | int]] = [
        (expected[0], present[0], "title")
    ]
    if len(expected) == len(present):
        pairs += [
            (mine, theirs, index)
            for index, (mine, theirs) in enumerate(zip(expected[1:], present[1:], strict=True))
        ]
    else:
        pairs.append(
            (
                [q for part in expected[1:] for q in part],
                [q for part in present[1:] for q in part],
                "body",
            )
        )
    found = []
    source_name = english_name(languages.default.code)
    source_vi = vietnamese_name(languages.default.code)
    for wanted, found_here, where in pairs:
        missing = _missing(wanted, found_here)
        if not missing:
            continue
        if where == "title":
            line = translation.meta_line("title")
        elif where == "body":
            line = translation.body_line
        else:  # the sections are cut only now: most translations have no finding
            line = translation.sections[int(where)].line
        extra = _missing(found_here, wanted)
        written = ", ".join(f"'{quantity.text}'" for quantity in missing)
        instead = instead_vi = ""
        if extra:
            others = ", ".join(f"'{q.text}'" for q in extra)
            instead = f" (this text has {others} instead?)"
            instead_vi = f" (có phải văn bản này ghi {others} thay vào đó?)"
        found.append(
            _finding(
                "numbers",
                translation,
                language,
                f"numbers or dates of the {source_name} text are missing here: {written}{instead}.",
                "check them against the source and write them the way this language does "
                "(digits kept, dates in full).",
                line,
                f"thiếu các số hoặc ngày tháng của văn bản {source_vi} ở đây: "
                f"{written}{instead_vi}.",
                "đối chiếu với bản gốc và viết theo cách của ngôn ngữ này (giữ chữ số, ghi đủ "
                "ngày tháng).",
            )
        )
    return found


_DIGIT = re.compile(r"\d")


def _missing(expected: Iterable[Quantity], present: Iterable[Quantity]) -> list[Quantity]:
    """``expected`` quantities not in ``present``. A year also counts where a full date has it,
    and a month without a year ("giữa tháng 4") where the translation names it or its number
    ("mid-April", "the 4th month"); numbers below ten may be written in words."""
    have: set[str] = set()
    for quantity in present:
        have.add(quantity.value)
        have.add(quantity.text)  # "4.0" (Industry 4.0) as written
        if "-" in quantity.value:  # a date (the rest are numbers): its year, or its month
            year, month = quantity.year, quantity.month_only
            have.update(part for part in (year, month) if part)
    missing: dict[str, Quantity] = {}
    for quantity in expected:
        if quantity.value.isdigit() and int(quantity.value) < SPELLED_OUT_BELOW:
            continue  # "Giai đoạn 1" may rightly be "the first phase"
        if quantity.value not in have and (quantity.month_only or "") not in have:
            missing.setdefault(quantity.value, quantity)
    return list(missing.values())


# Each check of a translation against its source, and the findings it reports.
_PAGE_CHECKS = (
    (_front_matter, {"front-matter"}),
    (_alt_texts, {"alt-text", "image-missing"}),
    (_identical_paragraphs, {"identical-paragraph"}),
    (_script, {"script"}),
    (_numbers, {"numbers"}),
)


# ---- the navigation ---------------------------------------------------------------------------


def check_nav(
    labels: Iterable[tuple[str, int]],
    translations: Mapping[str, Mapping[str, str]],
    languages: Languages,
    shown_as: str = "mkdocs.yml",
) -> list[Finding]:
    """Navigation labels (with their line in mkdocs.yml) without a translation per language."""
    found = []
    for language in languages.translations:
        known = translations.get(language.code) or {}
        name = english_name(language.code)
        for label, line in labels:
            translated = known.get(label)
            name_vi = vietnamese_name(language.code)
            if not translated:
                problem = f"the navigation label '{label}' has no {name} translation."
                fix = (
                    f"add '{label}: …' under 'nav_translations:' of language '{language.code}' "
                    "(plugins > i18n > languages)."
                )
                problem_vi = f"tên menu '{label}' chưa được dịch sang {name_vi}."
                fix_vi = (
                    f"thêm '{label}: …' dưới 'nav_translations:' của ngôn ngữ '{language.code}' "
                    "(plugins > i18n > languages), hoặc chạy scripts/finish_translation.py."
                )
            elif language.code in ASCII_ALPHABETS and _has_non_ascii_latin(translated):
                problem = (
                    f"the {name} navigation label for '{label}' ('{translated}') has "
                    f"{english_name(languages.default.code)} letters."
                )
                fix = "translate it, or write names without diacritics ('Tra Vinh')."
                problem_vi = (
                    f"tên menu {name_vi} của '{label}' ('{translated}') có chữ cái "
                    f"{vietnamese_name(languages.default.code)}."
                )
                fix_vi = "dịch tên đó, hoặc viết tên riêng không dấu ('Tra Vinh')."
            else:
                continue
            problem_found = Problem(
                shown_as, problem, fix, line, problem_vi=problem_vi, fix_vi=fix_vi
            )
            found.append(Finding("nav-label", language.code, "", problem_found))
    return found


# ---- languages as CLDR knows them --------------------------------------------------------------


@functools.cache
def vietnamese_name(code: str) -> str:
    """ "tiếng Việt", "tiếng Khmer", "tiếng Anh", for the Vietnamese texts of the findings."""
    try:
        name = Locale.parse(code).get_display_name("vi") or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].lower() + name[1:]


@functools.cache  # asked for every finding of every page
def english_name(code: str) -> str:
    """ "Vietnamese", "Khmer", "English" (the code itself for a language CLDR does not know)."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (UnknownLocaleError, ValueError):
        return code


@functools.cache
def script_of(code: str) -> str | None:
    """The Unicode script name a language is written in: "KHMER", "LATIN"."""
    likely = get_global("likely_subtags").get(code.replace("-", "_"))
    if not likely:
        return None
    parts = likely.split("_")
    script = next((part for part in parts[1:] if len(part) == 4), None)
    if script is None:
        return None
    name = Locale("en").scripts.get(script)
    return name.upper() if name else None


@functools.cache
def _script_of_char(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


@functools.cache
def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


_LETTER = re.compile(r"[^\W\d_]+")  # runs of letters of any script (marks are not \w)


def _count(runs: re.Pattern[str], text: str) -> int:
    """Characters matched by a pattern of runs (a run per word: far fewer matches)."""
    return sum(map(len, runs.findall(text)))


@functools.cache
def _script_letters(script: str) -> re.Pattern[str]:
    """A character class of the letters and marks of ``script`` ("KHMER"), matched at C
    speed.

    Built once from Unicode's character names, looking into a 16-character chunk only when
    its first named character belongs to the script (Unicode blocks are 16-aligned), in the
    Basic Multilingual Plane, where the scripts of living languages are.
    """
    prefix = f"{script} "
    members = (
        [chr(code) for code in range(0x80) if chr(code).isalpha()] if script == "LATIN" else []
    )
    for base in range(0x80, 0x10000, 16):
        first = next(
            (n for n in (unicodedata.name(chr(c), "") for c in range(base, base + 16)) if n), ""
        )
        if first.startswith(prefix):
            members += [
                chr(code)
                for code in range(base, base + 16)
                if unicodedata.category(chr(code))[0] in "LM"
                and unicodedata.name(chr(code), "").startswith(prefix)
            ]
    return re.compile("[" + "".join(re.escape(ch) for ch in members) + "]+")


@functools.cache
def _in_script(ch: str, script: str) -> bool:
    return _script_of_char(ch) == script


def _has_non_ascii_latin(word: str) -> bool:
    return not word.isascii() and any(
        not ch.isascii() and _is_letter(ch) and _in_script(ch, "LATIN") for ch in word
    )


def _resolve(page: str, src: str) -> str:
    return links.resolve(posixpath.dirname(page), src) or src


def _same(first: str, second: str) -> bool:
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text(value: Any) -> str:
    return "" if value is None else str(value)
