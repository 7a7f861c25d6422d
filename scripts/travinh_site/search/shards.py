"""A language's search index in small files, so that a query downloads only what it needs.

Material's page script fetches ``search/search_index.json`` on every page load, and its worker
builds the whole index in the browser: at 3,000 pages that is megabytes on the first query.
Here ``search_index.json`` holds only the settings; the index itself is cut into files that
our worker (``assets/javascripts/search/worker.js``) fetches after the visitor types:

``search/terms.json``
    what the worker reads first: how many sections and pages there are, and which term
    shards exist.
``search/t/<key>.json``
    a term shard: every word of the index (as written, lower case) whose *key* is ``key``,
    with its postings; for Khmer also the inner parts of longer words. A word's key is its
    first two letters, with diacritics folded where the language folds them ("chùa", "chưa"
    and "chứa" share the shard ``ch``), so the words a query word can match by prefix, by
    tones or by stem are all in the shard of that query word.
``search/p/<n>.json``
    page ``n``'s sections (location, title, text), fetched for the results shown.

Postings of a word are a flat list of numbers, four per section that holds it: the page (as
the difference from the previous posting's page), the section's number in its page, how often
the word is in the section's title, and in its text. Sections are Material's search entries
(:func:`travinh_site.search.index.entries_of`), in their order; the ranking of lunr, which
Material uses, needs nothing else (it counts terms, not positions).

Words are cut as Material's worker cuts them (the language's separator, outside HTML tags),
trimmed of what is not a letter, mark or digit, in lower case; English drops lunr's stop words
where the language's pipeline lists ``stopWordFilter``. Stemming and folding are applied by the
worker to the words of the shards it loads (the same code for the query and the index).

Khmer words are those of the index (cut by :mod:`travinh_site.text.khmer`, joined by U+200B).
A word is also found from inside (ត្រពាំង in ព្រះត្រពាំង): each suffix of a Khmer word that
starts a written cluster is listed in its own key's shard, with the beginnings that complete it
to the word(s) it comes from (``"s": {"ត្រពាំង": ["ព្រះ"]}``).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FOLDER = "search/"
MANIFEST = FOLDER + "terms.json"
KEY_LENGTH = 2  # letters of a word that name its shard
TAG = re.compile(r"<[^>]*>")
DIACRITICS = re.compile("[\u0300-\u036f]")
KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
# Where a written Khmer cluster starts: a consonant or an independent vowel not written under
# another consonant (after the coeng sign U+17D2).
KHMER_CLUSTER = re.compile("(?<!\u17d2)[\u1780-\u17b3]")
KHMER_INNER_MIN = 3  # the worker looks inside words only for pieces this long (as before)

# lunr 2.3.9's English stop words (lunr.stopWordFilter), which Material's worker dropped from
# the index and the query when a language's pipeline lists "stopWordFilter".
STOP_WORDS_TEXT = (
    "a able about across after all almost also am among an and any are as at be because been "
    "but by can cannot could dear did do does either else ever every for from get got had has "
    "have he her hers him his how however i if in into is it its just least let like likely may "
    "me might most must my neither no nor not of off often on only or other our own rather said "
    "say says she should since so some than that the their them then there these they this tis "
    "to too twas us wants was we were what when where which while who whom why will with would "
    "yet you your"
)
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split())


@dataclass(frozen=True)
class Rules:
    """How one language's words are turned into index words."""

    separator: str  # what splits words (a regular expression)
    folds: bool  # diacritics folded for matching (the key is folded)
    stop_words: bool  # lunr's English stop words dropped


def fold(word: str) -> str:
    """Latin diacritics off: "chùa" -> "chua", "đền" -> "den" (``fold`` in text.js)."""
    decomposed = DIACRITICS.sub("", unicodedata.normalize("NFD", word))
    return unicodedata.normalize("NFC", decomposed.replace("đ", "d").replace("Đ", "D"))


def trim(word: str) -> str:
    """What is not a letter, mark or digit off both ends (``EDGES`` in text.js)."""
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start])[0] not in "LMN":
        start += 1
    while end > start and unicodedata.category(word[end - 1])[0] not in "LMN":
        end -= 1
    return word[start:end]


def words(html: str, rules: Rules) -> list[str]:
    """The index words of a title or text, in order: split outside HTML tags as Material's
    worker splits them, trimmed, in lower case."""
    separator = re.compile(rules.separator)
    found = []
    for text in TAG.split(html):
        for piece in separator.split(text):
            word = unicodedata.normalize("NFC", trim(piece).lower())
            if word and not (rules.stop_words and word in STOP_WORDS):
                found.append(word)
    return found


def key(word: str, rules: Rules) -> str:
    """The shard a word belongs to (``key`` in worker.js)."""
    return (fold(word) if rules.folds else word)[:KEY_LENGTH]


def file_key(shard_key: str) -> str:
    """A shard's file name: its letters' code points ("ch" -> "63-68"), safe on every host."""
    return "-".join(f"{ord(letter):x}" for letter in shard_key)


def khmer_inner_parts(word: str) -> list[tuple[str, str]]:
    """(beginning, rest) for each written cluster inside a Khmer word where a rest of at least
    KHMER_INNER_MIN letters starts: ("ព្រះ", "ត្រពាំង") for ព្រះត្រពាំង."""
    if not KHMER.search(word):
        return []
    return [
        (word[: match.start()], word[match.start() :])
        for match in KHMER_CLUSTER.finditer(word)
        if match.start() > 0 and len(word) - match.start() >= KHMER_INNER_MIN
    ]


@dataclass(frozen=True)
class Page:
    """One page of the index: its location and its sections (anchor, title, text)."""

    location: str
    sections: Sequence[tuple[str, str, str]]


def pages_of(docs: Iterable[Mapping[str, Any]]) -> list[Page]:
    """Material's entries grouped by page, in order (each page's own entry comes first)."""
    grouped: dict[str, list[tuple[str, str, str]]] = {}
    for doc in docs:
        location, _, anchor = str(doc["location"]).partition("#")
        grouped.setdefault(location, []).append((anchor, str(doc["title"]), str(doc["text"])))
    return [Page(location, sections) for location, sections in grouped.items()]


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(docs: Iterable[Mapping[str, Any]], rules: Rules) -> dict[str, str]:
    """The index's files: path under the language's root -> content."""
    pages = pages_of(docs)
    # word -> [page, section, in title, in text] per section, in page and section order
    postings: dict[str, list[list[int]]] = defaultdict(list)
    sections = 0
    for number, page in enumerate(pages):
        for section, (_, title, text) in enumerate(page.sections):
            sections += 1
            counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for field, value in ((0, title), (1, text)):
                for word in words(value, rules):
                    counts[word][field] += 1
            for word in sorted(counts):
                postings[word].append([number, section, *counts[word]])

    shards: dict[str, dict[str, Any]] = defaultdict(lambda: {"w": {}, "s": defaultdict(list)})
    for word in sorted(postings):
        flat: list[int] = []
        previous = 0
        for number, section, in_title, in_text in postings[word]:
            flat += [number - previous, section, in_title, in_text]
            previous = number
        shards[key(word, rules)]["w"][word] = flat
        for beginning, rest in khmer_inner_parts(word):
            shards[key(rest, rules)]["s"][rest].append(beginning)

    files: dict[str, str] = {}
    for shard_key in sorted(shards):
        shard = shards[shard_key]
        content: dict[str, Any] = {"w": shard["w"]}
        if shard["s"]:
            content["s"] = {rest: sorted(set(heads)) for rest, heads in sorted(shard["s"].items())}
        files[f"{FOLDER}t/{file_key(shard_key)}.json"] = compact(content)
    for number, page in enumerate(pages):
        files[f"{FOLDER}p/{number}.json"] = compact(
            {"l": page.location, "s": [list(section) for section in page.sections]}
        )
    files[MANIFEST] = compact({"pages": len(pages), "sections": sections, "keys": sorted(shards)})
    return files


def version(files: Mapping[str, str]) -> str:
    """A short hash of the index's files, which the worker adds to its requests so that a
    browser never mixes files of two builds from its cache."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path].encode() + b"\0")
    return digest.hexdigest()[:12]
