"""Passages in another language than the page's, found by their writing and marked with ``lang``.

Khmer and English pages name Vietnamese places ("ស្រះ Ao Bà Om", "(Vĩnh Long)"); Vietnamese and
English pages quote Khmer words. A screen reader reads a passage with the voice of the language
it is marked with, and a browser picks fonts, hyphenation and line breaking by it (WCAG 3.1.2,
"Language of Parts"). Editors write no HTML for this: the built page's text is scanned, and

- a run of Khmer script outside a Khmer passage becomes ``<span lang="km">…</span>``;
- a run of Latin words carrying Vietnamese diacritics, outside a Vietnamese passage, becomes
  ``<span lang="vi">…</span>``. Undecorated syllables join the run when they plainly belong to
  the name: capitalised next to it ("Ao" in "Ao Bà Om", "Vinh" in "Trà Vinh"), or between two
  of its words ("tin" in "thông tin điện tử"); English small words ("the", "of") never do.

Text in code, scripts, styles, the document head and form controls is left alone, and so is
every attribute (a ``title`` or ``alt`` cannot hold markup) and the text of elements named by
an ``aria-label`` (screen readers read the label instead). Each detector is keyed by the
language it finds, so a page in that language (or a passage already marked with it) is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from travinh_site.text import htmlscan

Run = tuple[int, int]  # start and end offsets within a text

# Text here is not prose: marking it would change code or break the element's content model.
SKIP = frozenset(
    {"head", "script", "style", "code", "pre", "kbd", "samp", "textarea", "select", "option"}
    | {"svg", "math", "template", "title"}
)

# ---- Khmer ------------------------------------------------------------------------------------

_KHMER = "\u1780-\u17ff\u19e0-\u19ff"
# Khmer letters, with the spaces, zero-width (non-)joiners and digits found inside a phrase.
_KHMER_RUN = re.compile(rf"[{_KHMER}](?:[{_KHMER}\u200b-\u200d\s0-9]*[{_KHMER}])?")


def khmer_runs(text: str) -> list[Run]:
    return [match.span() for match in _KHMER_RUN.finditer(text)]


# ---- Vietnamese -------------------------------------------------------------------------------

# Letters with the marks of the Vietnamese alphabet (lower case; upper case is folded first).
_VIETNAMESE_MARKED = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
# A word of Latin letters (precomposed, or followed by combining marks).
_LETTER = r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"  # Latin, not × ÷
_WORD = re.compile(rf"[{_LETTER}][{_LETTER}\u0300-\u036f]*")
# The shape of a Vietnamese syllable written without its marks: initial, vowels, final.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)
# English words of that shape that never belong to a Vietnamese name next to them.
_ENGLISH_SMALL_WORDS = frozenset(
    [
        "a",
        "at",
        "by",
        "do",
        "go",
        "he",
        "in",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "the",
        "to",
        "up",
        "we",
    ]
)
# What may stand between two words of one name: a space (or no-break space) or a hyphen.
_JOINER = re.compile(r"(?:[ \u00a0]|&nbsp;|&#160;|&#xa0;|-){1,2}", re.IGNORECASE)


def _kind(word: str) -> str:
    """ "marked" (Vietnamese marks), "plain" (could be a bare syllable) or "other"."""
    folded = unicodedata.normalize("NFC", word).lower()
    marked = False
    for letter in folded:
        if letter in _VIETNAMESE_MARKED:
            marked = True
        elif not letter.isascii():  # ñ, ü, ø…: another language's letter
            return "other"
    if marked:
        return "marked"
    return "plain" if _SYLLABLE.fullmatch(folded) else "other"


# Any letter of the Vietnamese alphabet with a mark, in either case, or a combining mark: a text
# without one holds no Vietnamese run (most text of English and Khmer pages).
_ANY_MARKED = re.compile(
    "["
    + "".join(sorted(_VIETNAMESE_MARKED | {c.upper() for c in _VIETNAMESE_MARKED}))
    + "\u0300-\u036f]"
)


def vietnamese_runs(text: str) -> list[Run]:
    if not _ANY_MARKED.search(text):
        return []
    words = list(_WORD.finditer(text))
    kinds = [_kind(word.group()) for word in words]
    joined = [  # joined[i]: word i and word i+1 are parts of one phrase
        _JOINER.fullmatch(text, words[i].end(), words[i + 1].start()) is not None
        for i in range(len(words) - 1)
    ]
    chosen = [kind == "marked" for kind in kinds]

    def may_extend(i: int) -> bool:
        word = words[i].group()
        return (
            kinds[i] == "plain" and word[0].isupper() and word.lower() not in _ENGLISH_SMALL_WORDS
        )

    changed = True
    while changed:  # capitalised syllables next to a chosen word join it
        changed = False
        for i in range(len(words)):
            if chosen[i] or not may_extend(i):
                continue
            left = i > 0 and joined[i - 1] and chosen[i - 1]
            right = i + 1 < len(words) and joined[i] and chosen[i + 1]
            if left or right:
                chosen[i] = changed = True
    for i in range(1, len(words) - 1):  # a bare syllable between two chosen words
        if (
            not chosen[i]
            and kinds[i] == "plain"
            and words[i].group().lower() not in _ENGLISH_SMALL_WORDS
            and chosen[i - 1]
            and chosen[i + 1]
            and joined[i - 1]
            and joined[i]
        ):
            chosen[i] = True

    runs: list[Run] = []
    for i, word in enumerate(words):
        if not chosen[i]:
            continue
        if runs and i > 0 and chosen[i - 1] and joined[i - 1]:
            runs[-1] = (runs[-1][0], word.end())
        else:
            runs.append(word.span())
    return runs


# A character one of the detectors could start a run with (checked before anything costlier).
_CANDIDATE = re.compile(f"[{_KHMER}]|{_ANY_MARKED.pattern}")

# The detectors, by the language each finds (a BCP 47 primary subtag).
DETECTORS: dict[str, Callable[[str], list[Run]]] = {"km": khmer_runs, "vi": vietnamese_runs}


def _primary(lang: str | None) -> str:
    return (lang or "").split("-")[0].lower()


def runs_in(text: str, context: str | None) -> list[tuple[int, int, str]]:
    """The passages of ``text`` not in the ``context`` language: (start, end, language)."""
    found = [
        (start, end, code)
        for code, detect in DETECTORS.items()
        if code != _primary(context)
        for start, end in detect(text)
    ]
    return sorted(found)


def mark(html: str) -> str:
    """``html`` with each passage in another language wrapped in ``<span lang="…">``."""
    edits: list[tuple[int, str]] = []
    # Text in prose only: inside <body>, not in a SKIP element, not in one whose aria-label
    # screen readers read instead of its text.
    for start, end, lang in htmlscan.texts_outside(html, _CANDIDATE, SKIP, "aria-label"):
        for run_start, run_end, code in runs_in(html[start:end], lang):
            edits.append((start + run_start, f'<span lang="{code}">'))
            edits.append((start + run_end, "</span>"))
    if not edits:
        return html
    parts, last = [], 0
    for offset, insert in edits:
        parts.append(html[last:offset])
        parts.append(insert)
        last = offset
    parts.append(html[last:])
    return "".join(parts)
