"""Every figure on a page has a source line for it.

EDITING.md's rule ("every figure has its source, under ``## Nguồn``") as a check, precise enough
to run on every build without crying wolf.

**A figure** is, in the prose of a page (its description and body; not its headings, link
texts, code, data-block lines or source lines):

- a number with a unit or a counted thing of the glossary (``65 km``, ``39.020 ha``,
  ``10.000–20.000 DWT``, ``500 × 300 m``, ``393 sản phẩm``, ``tháng 10``),
- a percentage (``31–32%``),
- a year, alone or in a date (``năm 1994``, ``1/7/2025``, ``(1930–2025)``), but not the digits
  of a reference (``202/2025/QH15``, ``post982254``).

**A source line** is a line under a heading that is one of the glossary's ``sources`` words
(``## Nguồn``, ``## Sources``, ``## ប្រភព``), a paragraph starting with one (``Nguồn: …``), a
footnote (``[^1]: …``), a data block (``{{ khu-dau-tu }}``, whose table prints its records'
sources), or an item of a news post's ``sources:`` (the post's page shows them as its sources
section).

**For it.** A figure is about a glossary ``subject`` of its sentence: the page's own topic (a
subject its title names) when the sentence names it; else the nearest subject within
:data:`NEAR` characters, in its clause first, then before it, then after it ("hơn 140 ngôi chùa
Khmer": *chùa Khmer*; "Người Khmer chiếm khoảng 31–32%": *người Khmer*). It has a source when:

- a footnote reference follows it in its sentence, or it sits in a table row whose "Nguồn"
  column is filled (the fact sheet's table);
- it is about the page's topic, or about no subject the glossary knows, and the page has a
  source line;
- it is about another subject, and a source line names that subject (any accepted form:
  "- Chùa Khmer: tổng hợp các nguồn").

A page with figures and no source line is one problem; each subject whose figures have no
source line is one problem, quoting its figures (file, line, and the line to add as the fix).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from travinh_site.content.glossary import Glossary, Occurrence, Term, form_pattern, is_latin
from travinh_site.content.links import mask_code
from travinh_site.errors import Problem

NEAR = 60  # characters: farther than this, a term is not taken for what a figure is about
SHOWN_FIGURES = 3  # figures quoted in one problem
_NUMBER = r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?"
_SPAN = rf"{_NUMBER}(?:[ \t]*[–-][ \t]*{_NUMBER})?(?:[ \t]*×[ \t]*{_NUMBER})*"
_PERCENT = re.compile(rf"(?<![\w.,]){_SPAN}[ \t]?%")
# A year, or the year of a date (1/7/2025, 11/1997); not between slashes (202/2025/QH15).
_YEAR = re.compile(r"(?<![\w.,/])(?:\d{1,2}/){0,2}(?:1\d|20)\d\d(?![\w/])")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FOOTNOTE_DEFINITION = re.compile(r"^[ \t]{0,3}\[\^[^\]\n]+\]:")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\n]+\](?!:)")
_DATA_BLOCK = re.compile(r"^[ \t]*\{\{.*\}\}[ \t]*$")
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}")
_LINK_TARGET = re.compile(r"(?<=\])\([^)\n]*\)")
_LINK_TEXT = re.compile(r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](?=\()")
_HTML = re.compile(r"<[^>\n]*>")
_URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|org|net|gov)\b\S*")
_ATTRIBUTES = re.compile(r"\{[ \t]*[:.#][^}\n]*\}")
# Where a sentence ends: its punctuation before a space, a blank line, a list item, a table row.
_SENTENCE_END = re.compile(
    r"(?<=[.!?;។៕])(?:[ \t]+|[ \t]*\n)"
    r"|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])|\n(?=[ \t]*\|)|(?<=\|)\n"
)
_CLAUSE_END = re.compile(r"[,;:()៖|]")
_PHRASE_END = re.compile(r"[,;:()៖|\s]")


@dataclass(frozen=True)
class Figure:
    text: str
    line: int
    start: int  # offset in the text it was found in
    end: int
    subject: Term | None = None
    sourced: bool = False  # by a footnote or its table row


@dataclass(frozen=True)
class SourceLine:
    line: int
    text: str


@dataclass(frozen=True)
class PageFigures:
    figures: list[Figure]
    sources: list[SourceLine]
    topic: frozenset[str]  # ids of the subjects the page's title names


def problems(
    glossary: Glossary,
    code: str,
    shown_as: str,
    meta: dict[str, object],
    meta_lines: dict[str, int],
    body: str,
    first_line: int,
) -> list[Problem]:
    """The figures of a page without a source line for them (``body`` starts on
    ``first_line``; ``meta_lines`` gives the line of the front matter's fields)."""
    found = read(glossary, code, meta, meta_lines, body, first_line)
    if not found.figures:
        return []
    if not found.sources:
        unsourced = [figure for figure in found.figures if not figure.sourced]
        return [_no_sources(shown_as, unsourced, code, glossary)] if unsourced else []
    named = {
        occurrence.term.id
        for source in found.sources
        for occurrence in glossary.occurrences(source.text, code)
    }
    missing: dict[str, list[Figure]] = {}
    for figure in found.figures:
        subject = figure.subject
        if figure.sourced or subject is None or subject.id in found.topic:
            continue
        if subject.id not in named:
            missing.setdefault(subject.id, []).append(figure)
    return [_unsourced(shown_as, figures, code, glossary) for figures in missing.values()]


def read(
    glossary: Glossary,
    code: str,
    meta: dict[str, object],
    meta_lines: dict[str, int],
    body: str,
    first_line: int,
) -> PageFigures:
    """The figures of a page, what each is about, and the page's source lines."""
    topic = _topic(glossary, code, str(meta.get("title") or ""))
    words, subjects, sources, sourced_rows = _split(glossary, code, body, first_line)
    listed = meta.get("sources")
    if isinstance(listed, list):  # a news post's: shown as its last section (content.posts)
        line = meta_lines.get("sources", 1)
        sources = [*sources, *(SourceLine(line, item) for item in listed if isinstance(item, str))]
    figures = _figures(glossary, code, words, subjects, first_line, topic, sourced_rows)
    description = meta.get("description")
    if isinstance(description, str):
        line = meta_lines.get("description", 1)
        text = " ".join(description.split())
        figures = _figures(glossary, code, text, text, line, topic, frozenset()) + figures
    return PageFigures(figures, sources, topic)


def _topic(glossary: Glossary, code: str, title: str) -> frozenset[str]:
    """The subjects the title names, and those whose name is part of one of them (on the page
    "Dừa sáp Cầu Kè", *dừa* is the page's topic too)."""
    named = [found.term for found in glossary.occurrences(title, code) if found.term.subject]
    forms = [form.casefold() for term in named for form in term.forms(code)]
    return frozenset(
        term.id
        for term in glossary.terms
        if term.subject
        and any(part.casefold() in form for part in term.forms(code) for form in forms)
    )


# ---- the page's parts ----------------------------------------------------------------------


def _split(
    glossary: Glossary, code: str, body: str, first_line: int
) -> tuple[str, str, list[SourceLine], frozenset[int]]:
    """The text figures are looked for in and the text their subjects are looked for in (both
    the length and lines of ``body``, what is not prose blanked out), the source lines, and
    the lines of table rows whose source column is filled."""
    words = tuple(word.casefold() for word in glossary.sources.get(code, ()))
    lines = mask_code(body).split("\n")
    sources: list[SourceLine] = []
    sourced_rows: set[int] = set()
    section: int | None = None  # the level of the source section's heading
    paragraph = False  # in a paragraph that started "Nguồn: …"
    source_column: int | None = None  # in a table with a "Nguồn" column
    for index, line in enumerate(lines):
        number = first_line + index
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if section is not None and level <= section:
                section = None
            if _plain(heading.group(2)) in words:
                section = level
            lines[index] = ""  # a heading names; it does not state
            paragraph = False
            continue
        if not line.strip():
            paragraph, source_column = False, None
            continue
        if _DATA_BLOCK.match(line):
            sources.append(SourceLine(number, ""))  # its table prints its records' sources
            lines[index] = ""
            continue
        if section is not None or _FOOTNOTE_DEFINITION.match(line):
            sources.append(SourceLine(number, line.strip()))
            lines[index] = ""
            continue
        if paragraph or _starts_with(line, words):
            sources.append(SourceLine(number, line.strip()))
            lines[index] = ""
            paragraph = True
            continue
        if _TABLE_ROW.match(line):
            cells = [_plain(cell) for cell in line.strip().strip("|").split("|")]
            if index + 1 < len(lines) and _TABLE_RULE.match(lines[index + 1]):
                source_column = next((i for i, c in enumerate(cells) if c in words), None)
            elif (
                source_column is not None
                and source_column < len(cells)
                and cells[source_column]
                and not _TABLE_RULE.match(line)
            ):
                sourced_rows.add(number)
    subjects = "\n".join(lines)
    figures = _blank(_LINK_TEXT, subjects)  # a link's text names a page: not a figure
    for pattern in (_LINK_TARGET, _HTML, _URL, _ATTRIBUTES):
        subjects, figures = _blank(pattern, subjects), _blank(pattern, figures)
    return figures, subjects, sources, frozenset(sourced_rows)


def _plain(text: str) -> str:
    return text.strip().strip("*_").rstrip(":៖").strip().casefold()


def _starts_with(line: str, words: tuple[str, ...]) -> bool:
    start = line.strip().lstrip("*_").casefold()
    return any(
        start.startswith(word) and start[len(word) :].lstrip("*_")[:1] in (":", "៖")
        for word in words
    )


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)


# ---- figures and what they are about -------------------------------------------------------


def _figures(
    glossary: Glossary,
    code: str,
    text: str,
    subjects_text: str,
    first_line: int,
    topic: frozenset[str],
    sourced_rows: frozenset[int],
) -> list[Figure]:
    spans: list[tuple[int, int, bool]] = []  # start, end, a year (or date) only
    quantity = _quantity_pattern(glossary, code)
    for pattern in (quantity, _PERCENT, _YEAR):
        if pattern is not None:
            spans += [(m.start(), m.end(), pattern is _YEAR) for m in pattern.finditer(text)]
    merged: list[tuple[int, int, bool]] = []
    for start, end, year in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(end, last[1]), last[2] and year)
        else:
            merged.append((start, end, year))
    if not merged:
        return []
    occurrences = [
        found for found in glossary.occurrences(subjects_text, code) if found.term.subject
    ]
    ends = [0, *(match.end() for match in _SENTENCE_END.finditer(subjects_text)), len(text)]
    figures = []
    for start, end, year in merged:
        sentence = next((b, e) for b, e in itertools.pairwise(ends) if b <= start < e)
        subject = _about(occurrences, subjects_text, start, end, sentence, topic, year)
        line = first_line + text.count("\n", 0, start)
        sourced = line in sourced_rows or _footnote_after(subjects_text, end, sentence[1])
        written = " ".join(text[start:end].split())
        figures.append(Figure(written, line, start, end, subject, sourced))
    return figures


@functools.lru_cache(maxsize=32)
def _quantity_pattern(glossary: Glossary, code: str) -> re.Pattern[str] | None:
    after: list[str] = []
    before: list[str] = []
    for word in (*glossary.unit_forms.get(code, ()), *glossary.counted.get(code, ())):
        if word.endswith("{}"):
            before.append(word[:-2].strip())  # "tháng {}": the word comes first
        else:
            after.append(word)
    parts = []
    if after:
        units = "|".join(form_pattern(word) for word in sorted(after, key=len, reverse=True))
        parts.append(rf"(?<![\w.,/]){_SPAN}[ \t]?(?:{units})")
    if before:
        words = "|".join(form_pattern(word) for word in sorted(before, key=len, reverse=True))
        parts.append(rf"(?:{words})[ \t]?{_SPAN}(?!\w)")
    return re.compile("|".join(parts)) if parts else None


def _about(
    occurrences: list[Occurrence],
    text: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    topic: frozenset[str],
    year: bool,
) -> Term | None:
    """The subject a figure at ``start:end`` is about (see the module's docstring); a year
    is about a subject of its own clause only ("Từ ngày 1/7/2025, …" is about no subject)."""
    inside = [o for o in occurrences if o.start >= sentence[0] and o.end <= sentence[1]]
    on_topic = [o for o in inside if o.term.id in topic]
    if on_topic:
        return on_topic[0].term
    # Khmer puts spaces between phrases, not words: there a space ends a clause too.
    ends = _PHRASE_END if _spaceless(text, start) else _CLAUSE_END
    clause_start = max((m.end() for m in ends.finditer(text, sentence[0], start)), default=0)
    clause_stop = ends.search(text, end, sentence[1])
    clause = (max(clause_start, sentence[0]), clause_stop.start() if clause_stop else sentence[1])

    def gap(found: Occurrence) -> int:
        return start - found.end if found.end <= start else max(found.start - end, 0)

    near = [o for o in inside if gap(o) <= NEAR]
    in_clause = [o for o in near if o.start >= clause[0] and o.end <= clause[1]]
    before = [o for o in near if o.end <= start]
    after = [o for o in near if o.start >= end]
    for group in (in_clause,) if year else (in_clause, before, after):
        if group:
            return min(group, key=gap).term
    return None


def _spaceless(text: str, start: int) -> bool:
    """Whether the words before ``start`` are of a script written without spaces between
    words (the letter before the figure's phrase is not Latin)."""
    letter = next(
        (char for char in reversed(text[max(0, start - 20) : start]) if char.isalpha()), ""
    )
    return bool(letter) and not is_latin(letter)


def _footnote_after(text: str, end: int, sentence_end: int) -> bool:
    """A footnote reference later in the figure's sentence ("65 km bờ biển[^1].")."""
    return bool(_FOOTNOTE_REFERENCE.search(text, end, sentence_end))


# ---- problems ------------------------------------------------------------------------------


def _quoted(figures: list[Figure], line_word: str, more_word: str) -> str:
    shown = ", ".join(
        f"'{figure.text}' ({line_word} {figure.line})" for figure in figures[:SHOWN_FIGURES]
    )
    more = len(figures) - SHOWN_FIGURES
    return shown + (more_word.format(more) if more > 0 else "")


def _en(figures: list[Figure]) -> str:
    return _quoted(figures, "line", " and {} more")


def _vi(figures: list[Figure]) -> str:
    return _quoted(figures, "dòng", " và {} số liệu khác")


def _heading(glossary: Glossary, code: str) -> str:
    words = glossary.sources.get(code, ())
    return f"## {words[0]}" if words else "## Nguồn"


def _no_sources(shown_as: str, figures: list[Figure], code: str, glossary: Glossary) -> Problem:
    heading = _heading(glossary, code)
    return Problem(
        shown_as,
        f"the page gives figures ({_en(figures)}) but no source for them.",
        f"add a section '{heading}' at the end of the page, one line per source "
        "('- what: where it comes from'); a figure without a source is taken out, or noted "
        "under 'todo:' until one is found.",
        figures[0].line,
        problem_vi=f"trang có số liệu ({_vi(figures)}) nhưng không ghi nguồn.",
        fix_vi=f"thêm mục '{heading}' ở cuối trang, mỗi nguồn một dòng ('- nội dung: lấy từ "
        "đâu'); số liệu chưa có nguồn thì bỏ đi, hoặc ghi vào 'todo:' cho đến khi tìm được "
        "nguồn.",
    )


def _unsourced(shown_as: str, figures: list[Figure], code: str, glossary: Glossary) -> Problem:
    subject = figures[0].subject
    assert subject is not None
    name = subject.preferred.get(code) or subject.id
    heading = _heading(glossary, code)
    return Problem(
        shown_as,
        f"{_en(figures)}: about '{name}', but no source line of the page names '{name}'.",
        f"add a line under '{heading}' such as '- {name}: <where the figure comes from>'; a "
        "figure without a source is taken out, or noted under 'todo:' until one is found.",
        figures[0].line,
        problem_vi=f"{_vi(figures)}: nói về '{name}', nhưng không dòng nguồn nào của trang "
        f"nêu '{name}'.",
        fix_vi=f"thêm dưới '{heading}' một dòng như '- {name}: <số liệu lấy từ đâu>'; số liệu "
        "chưa có nguồn thì bỏ đi, hoặc ghi vào 'todo:' cho đến khi tìm được nguồn.",
    )
