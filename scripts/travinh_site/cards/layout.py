"""Where a card's title goes: script runs, line breaks, sizes, and the ellipsis.

- **Runs.** Pillow has no font fallback and Noto Sans Khmer has no Latin letters or digits,
  while Khmer titles are full of them (``ស្រះ Ao Bà Om``, ``ផលិតផល OCOP``): a title is cut into
  runs of Khmer and of everything else, each drawn with its own font on one baseline.
- **Line breaks.** Khmer writes no spaces between words, so lines break where ICU's line
  break iterator allows (with its Khmer dictionary), in every language; a piece wider than a
  line is cut between grapheme clusters, so a consonant never loses its subscript or vowel.
- **Fit.** The largest of a few sizes at which the title fits the title box in at most
  three lines, measured on the glyphs' ink (stacked Vietnamese marks, Khmer subscripts);
  past three lines at the smallest size, the third line ends in an ellipsis. Nothing is ever
  drawn outside the box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import icu

from travinh_site.text.fonts import Script

ELLIPSIS = "\u2026"
MAX_LINES = 3
ORPHAN = 0.3  # a last line narrower than this share of the box is avoided if a smaller size can
# Characters that belong to the run they are in (no glyph of their own, or a mark on the
# letter before them).
_JOINING = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def script_of(character: str) -> Script | None:
    """The script whose font draws ``character``; None for one that joins the run it is in."""
    point = ord(character)
    if 0x1780 <= point <= 0x17FF or 0x19E0 <= point <= 0x19FF:
        return Script.KHMER
    if character in _JOINING or unicodedata.category(character).startswith("M"):
        return None
    return Script.LATIN


def runs(text: str) -> list[tuple[Script, str]]:
    """``text`` as runs of one script each, in order (marks stay with their letter)."""
    found: list[tuple[Script, str]] = []
    for character in text:
        script = script_of(character)
        if found and (script is None or found[-1][0] is script):
            found[-1] = (found[-1][0], found[-1][1] + character)
        else:
            found.append((script or Script.LATIN, character))
    return found


def has_khmer(text: str) -> bool:
    return any(script_of(character) is Script.KHMER for character in text)


def _pieces(iterator: icu.BreakIterator, text: str) -> list[str]:
    iterator.setText(text)
    pieces = []
    start = iterator.first()
    for end in iterator:
        pieces.append(text[start:end])
        start = end
    return pieces


def break_pieces(text: str, language: str) -> list[str]:
    """``text`` cut at every place a line may break (ICU's rules for ``language``)."""
    return _pieces(icu.BreakIterator.createLineInstance(icu.Locale(language)), text)


def graphemes(text: str) -> list[str]:
    """``text`` as user-perceived characters (a Khmer consonant with its subscripts and
    vowels is one)."""
    return _pieces(icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot()), text)


# Width in pixels of a text at a size; ink above and below the baseline, (top, bottom), as
# negative and positive offsets.
Width = Callable[[str, int], float]
Ink = Callable[[str, int], tuple[float, float]]


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass(frozen=True)
class Lines:
    size: int
    lines: tuple[str, ...]
    baselines: tuple[float, ...]  # y of each line's baseline
    truncated: bool


def wrap(
    text: str, language: str, size: int, width: float, measure: Width, max_lines: int
) -> tuple[list[str], bool]:
    """Greedy lines of ``text`` no wider than ``width``; whether text was left over (then the
    last line ends in an ellipsis)."""
    pieces = break_pieces(text, language)
    lines: list[str] = []
    line = ""
    index = 0
    while index < len(pieces):
        candidate = line + pieces[index]
        if measure(candidate.rstrip(), size) <= width:
            line = candidate
            index += 1
            continue
        if not line:  # one piece wider than a line: cut it between grapheme clusters
            clusters = graphemes(pieces[index])
            keep = len(clusters)
            while keep > 1 and measure("".join(clusters[:keep]), size) > width:
                keep -= 1
            line = "".join(clusters[:keep])
            pieces[index] = "".join(clusters[keep:])
            if not pieces[index]:
                index += 1
        lines.append(line.rstrip())
        line = ""
        if len(lines) == max_lines:
            break
    else:
        if line.strip():
            lines.append(line.rstrip())
        return lines, False
    if index >= len(pieces) or not "".join(pieces[index:]).strip():
        return lines, False
    lines[-1] = with_ellipsis(lines[-1], language, size, width, measure)
    return lines, True


def with_ellipsis(line: str, language: str, size: int, width: float, measure: Width) -> str:
    """``line`` shortened so that it fits ``width`` with an ellipsis after it, cut at a word
    when that keeps most of the line, else between grapheme clusters."""
    clusters = graphemes(line)
    while clusters and measure("".join(clusters).rstrip() + ELLIPSIS, size) > width:
        clusters.pop()
    cut = "".join(clusters).rstrip()
    pieces = break_pieces(cut, language)
    if len(pieces) > 1:
        at_word = "".join(pieces[:-1]).rstrip()
        if measure(at_word, size) >= 0.7 * measure(cut, size):
            cut = at_word
    return cut.rstrip(" ,.;:-–—") + ELLIPSIS


def line_height(text: str, size: int) -> float:
    """Khmer needs room above (vowels) and below (subscripts); Latin for stacked marks."""
    return size * (1.6 if has_khmer(text) else 1.28)


def fit(
    text: str, language: str, box: Box, sizes: Sequence[int], measure: Width, ink: Ink
) -> Lines:
    """The title's lines at the largest size in ``sizes`` that fits ``box`` untruncated, or
    at the smallest, truncated; centred vertically on the ink of its glyphs."""
    chosen: Lines | None = None
    untruncated: Lines | None = None
    for size in sizes:
        lines, truncated = wrap(text, language, size, box.width, measure, MAX_LINES)
        placed = _place(lines, text, size, box, ink)
        if placed is None:
            continue
        chosen = Lines(size, tuple(lines), placed, truncated)
        if truncated:
            continue
        # A last line of one short word ("… Duyên / Hải"): a smaller size may avoid it.
        if len(lines) == 1 or measure(lines[-1], size) >= ORPHAN * box.width:
            return chosen
        untruncated = untruncated or chosen
    if untruncated is not None:
        return untruncated
    if chosen is not None:
        return chosen
    # Not even the smallest size fits with three lines: fewer lines, down to one.
    size = sizes[-1]
    for count in range(MAX_LINES - 1, 0, -1):
        lines, truncated = wrap(text, language, size, box.width, measure, count)
        placed = _place(lines, text, size, box, ink)
        if placed is not None:
            return Lines(size, tuple(lines), placed, truncated)
    raise ValueError(f"a title cannot fit the card at {size} px: {text!r}")


def _place(lines: list[str], text: str, size: int, box: Box, ink: Ink) -> tuple[float, ...] | None:
    """Baselines that centre ``lines`` in ``box``, or None when their ink does not fit."""
    if not lines:
        return None
    step = line_height(text, size)
    top = ink(lines[0], size)[0]
    bottom = ink(lines[-1], size)[1]
    for line in lines[1:-1]:  # a middle line may reach higher or lower than the first, last
        line_top, line_bottom = ink(line, size)
        top = min(top, line_top)
        bottom = max(bottom, line_bottom)
    height = (len(lines) - 1) * step + bottom - top
    if height > box.height:
        return None
    first = box.top + (box.height - height) / 2 - top
    baselines = tuple(first + n * step for n in range(len(lines)))
    for n, line in enumerate(lines):  # every line's own ink inside the box
        line_top, line_bottom = ink(line, size)
        if baselines[n] + line_top < box.top - 0.5 or baselines[n] + line_bottom > box.bottom + 0.5:
            return None
    return baselines
