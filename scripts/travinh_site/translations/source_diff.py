"""What changed in a source page since a translation was made, section by section.

A translator updating a stale page needs to know *where* to look, not a line diff of the whole
file: which ``##`` sections changed (and the title or description), with the changed words
marked the way ``git diff --word-diff`` marks them (``[-old-]{+new+}``) and a few words of
context around each change.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from travinh_site.translations.checks import PageText

CONTEXT_WORDS = 6  # words kept on each side of a change
TITLE = "title"
DESCRIPTION = "description"


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "removed", "added", "gap" (context left out)
    text: str


@dataclass(frozen=True)
class SectionChange:
    section: str  # the "##" heading in the source ("" before the first one), or title/...
    change: str  # "changed", "added", "removed"
    pieces: tuple[Piece, ...]
    translation_line: int | None = None  # where the matching part of the translation starts

    @property
    def word_diff(self) -> str:
        marks = {"removed": "[-{}-]", "added": "{{+{}+}}", "gap": "…", "same": "{}"}
        return " ".join(marks[piece.kind].format(piece.text) for piece in self.pieces)


def compare(old: PageText, new: PageText, translation: PageText | None) -> list[SectionChange]:
    """The changes from ``old`` to ``new`` (two versions of one source page)."""
    changes = []
    for key in (TITLE, DESCRIPTION):
        before, after = getattr(old, key), getattr(new, key)
        if before.split() != after.split():
            line = translation.meta_line(key) if translation else None
            changes.append(SectionChange(key, "changed", _word_diff(before, after), line))
    old_sections = old.sections
    new_sections = new.sections
    # The translation's sections follow the source's order; where the counts agree, section
    # number i of the old source is section i of the translation.
    translated = translation.sections if translation else []
    aligned = len(translated) == len(old_sections)

    def line_of(index: int | None) -> int | None:
        if index is None or not aligned or index >= len(translated):
            return None
        return translated[index].line

    headings_before = [section.heading for section in old_sections]
    headings_after = [section.heading for section in new_sections]
    matcher = difflib.SequenceMatcher(None, headings_before, headings_after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2), strict=False))
        for i, j in pairs:
            before, after = old_sections[i].raw, new_sections[j].raw
            if before.split() != after.split():
                pieces = _word_diff(before, after)
                changes.append(
                    SectionChange(new_sections[j].heading, "changed", pieces, line_of(i))
                )
        if tag in ("replace", "delete"):
            for i in range(i1 + len(pairs), i2):
                pieces = (Piece("removed", _short(old_sections[i].raw)),)
                changes.append(
                    SectionChange(old_sections[i].heading, "removed", pieces, line_of(i))
                )
        if tag in ("replace", "insert"):
            for j in range(j1 + len(pairs), j2):
                pieces = (Piece("added", _short(new_sections[j].raw)),)
                after_index = i1 + len(pairs) - 1 if i1 + len(pairs) else None
                changes.append(
                    SectionChange(new_sections[j].heading, "added", pieces, line_of(after_index))
                )
    return changes


def _word_diff(before: str, after: str) -> tuple[Piece, ...]:
    old_words, new_words = before.split(), after.split()
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    pieces: list[Piece] = []
    opcodes = matcher.get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old_words[i1:i2]
            first, last = number == 0, number == len(opcodes) - 1
            keep_head = [] if first else words[:CONTEXT_WORDS]
            keep_tail = [] if last else words[-CONTEXT_WORDS:]
            if len(words) <= len(keep_head) + len(keep_tail):
                pieces.append(Piece("same", " ".join(words)))
                continue
            if keep_head:
                pieces.append(Piece("same", " ".join(keep_head)))
            pieces.append(Piece("gap", ""))
            if keep_tail:
                pieces.append(Piece("same", " ".join(keep_tail)))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(new_words[j1:j2])))
    return tuple(pieces)


def _short(text: str, words: int = 2 * CONTEXT_WORDS) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")
