"""Khmer word segmentation for the search indexes.

Khmer writes no spaces between words, so a search index that splits text at spaces sees a whole
phrase as one "word". The build cuts every run of Khmer text into words and joins them with
U+200B (zero width space), which the search splits on and nobody sees:

1. **ICU** (``icukit-pyicu``: ICU 78 and its full Khmer dictionary, pinned) finds the words.
2. **The words of the whole index become its vocabulary, and every run is cut with one
   deterministic rule over that vocabulary** (:func:`cut`: the fewest characters outside any
   word, then the fewest words, then the longest first word). Where ICU's words are the best
   cut, which is nearly everywhere, nothing changes.
3. The browser cuts the visitor's query with the same rule over the same vocabulary
   (``cut`` in ``assets/javascripts/search/text.js``), read from the index it has downloaded,
   so the query's words are the index's words in every browser. The browsers' own segmenters
   agree neither with each other nor with ICU: Chromium builds ICU with a reduced Khmer
   dictionary and cuts ព្រះត្រពាំង, ស្ថិតនៅ or អាយុកាល in two where ICU keeps one word;
   Safari and Firefox use others. ``Intl.Segmenter`` serves only for words the site lacks.

Why the browser's cut equals the build's: the build's cut of a run over the whole vocabulary
uses only words that are in the index; over that smaller set it is still a best cut, and the
tie-break picks the same one (``tests/test_khmer.py`` checks it on real text).

A word inside a longer word (ត្រពាំង inside ព្រះត្រពាំង, which ICU keeps whole) is found by
the browser, which searches for query words the index lacks inside the index's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import icu

ZWSP = "\u200b"

# A run of Khmer letters, signs and digits. Khmer punctuation (។ ៕ ៖ ៘ ៙ ៚) ends a run: it is
# not part of a word, and the search splits on it.
RUN = re.compile(r"[\u1780-\u17D3\u17D7\u17DC\u17DD\u17E0-\u17E9\u17F0-\u17F9\u19E0-\u19FF]+")


def runs(text: str) -> Iterator[re.Match[str]]:
    """The runs of Khmer text in ``text``."""
    return RUN.finditer(text)


class Segmenter:
    """ICU's Khmer word break iterator (step 1 above)."""

    def __init__(self) -> None:
        self._breaks = icu.BreakIterator.createWordInstance(icu.Locale("km"))

    def words(self, run: str) -> list[str]:
        """ICU's words of one run of Khmer text."""
        self._breaks.setText(run)
        words = []
        start = self._breaks.first()
        for end in self._breaks:
            words.append(run[start:end])
            start = end
        return words


def cut(run: str, vocabulary: frozenset[str], lengths: Mapping[str, tuple[int, ...]]) -> list[str]:
    """Cut ``run`` into words of ``vocabulary``: the fewest characters left out of any word,
    then the fewest words, then (among equals) the longest first word. Characters no word
    covers are kept together as one piece. ``lengths`` maps a character to the lengths of the
    vocabulary's words that start with it, longest first (:func:`lengths_by_start`).

    The browser runs the same function (``cut`` in ``assets/javascripts/search/text.js``).
    """
    size = len(run)
    # cost[i]: the best cut of run[i:] as one number, characters left out * scale + words (so
    # that comparing numbers compares (left out, words)); step[i]: the length of its first
    # piece; is_word[i]: whether that piece is a word. Filled from the end.
    scale = size + 1
    cost = [0] * (size + 1)
    step = [1] * (size + 1)
    is_word = [False] * (size + 1)
    no_lengths: tuple[int, ...] = ()
    for start in range(size - 1, -1, -1):
        best, length, word = cost[start + 1] + scale, 1, False
        for candidate in lengths.get(run[start], no_lengths):
            end = start + candidate
            if end <= size and cost[end] + 1 < best and run[start:end] in vocabulary:
                best, length, word = cost[end] + 1, candidate, True
        cost[start], step[start], is_word[start] = best, length, word
    pieces: list[str] = []
    start, previous_was_word = 0, True
    while start < size:
        end = start + step[start]
        if not is_word[start] and not previous_was_word:
            pieces[-1] += run[start:end]  # one piece for characters no word covers
        else:
            pieces.append(run[start:end])
        previous_was_word = is_word[start]
        start = end
    return pieces


def lengths_by_start(words: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """For each first character, the lengths of the words starting with it, longest first."""
    found: dict[str, set[int]] = {}
    for word in words:
        if word:
            found.setdefault(word[0], set()).add(len(word))
    return {start: tuple(sorted(sizes, reverse=True)) for start, sizes in found.items()}


class Vocabulary:
    """The Khmer words of one index, and the cut of its texts over them (step 3 above)."""

    def __init__(self, segmenter: Segmenter, texts: Iterable[str]) -> None:
        # Each distinct run once: titles, menus and common phrases repeat across pages.
        distinct = {match.group() for text in texts for match in runs(text)}
        words: set[str] = set()
        for run in distinct:
            words.update(segmenter.words(run))
        self.words = frozenset(words)
        self.lengths = lengths_by_start(self.words)
        self._cuts: dict[str, list[str]] = {}

    def cut(self, run: str) -> list[str]:
        found = self._cuts.get(run)
        if found is None:
            found = self._cuts[run] = cut(run, self.words, self.lengths)
        return found

    def mark(self, text: str) -> str:
        """``text`` with U+200B between the words of every Khmer run (and between a run and
        letters or digits it touches, as in ឆ្នាំ2025)."""

        def words(match: re.Match[str]) -> str:
            before = ZWSP if match.start() > 0 and text[match.start() - 1].isalnum() else ""
            after = ZWSP if match.end() < len(text) and text[match.end()].isalnum() else ""
            return before + ZWSP.join(self.cut(match.group())) + after

        return RUN.sub(words, text)
