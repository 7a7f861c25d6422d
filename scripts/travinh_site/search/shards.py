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

Postings of a word are a flat list of numbers, three per section that holds it: the page (as
the difference from the previous posting's page), the section's number in its page, and how
often the word is in the section's text and title (``4 * text + title``, the title counted up
to 3). A shard over :data:`SHARD_LIMIT` is cut into shards named by one more letter (the
manifest lists the keys so cut); a query word as short as such a key then matches the words
that are the key itself, not every word starting with it (the first letters typed of a word).
Sections are Material's search entries (:func:`travinh_site.search.index.entries_of`), in
their order; the ranking of lunr, which Material uses, needs nothing else (it counts terms,
not positions).

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
KEY_LENGTH = 2  # letters of a word that name its shard, at least
# A shard larger than this (bytes of JSON) is cut into shards of one more letter each: a common
# prefix ("ch" in Vietnamese) would otherwise weigh tens of kilobytes at thousands of pages.
SHARD_LIMIT = 12_000
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


def key(word: str, rules: Rules, split: Iterable[str] = ()) -> str:
    """The shard a word belongs to (``keyOf`` in engine.js): its first two letters, folded
    where the language folds, and one more for each key of ``split`` it starts with."""
    form = normal(word, rules)
    found = form[:KEY_LENGTH]
    split = set(split)
    while found in split and len(form) > len(found):
        found = form[: len(found) + 1]
    return found


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


def normal(word: str, rules: Rules) -> str:
    """A word as the index compares it: folded where the language folds."""
    return fold(word) if rules.folds else word


def encode(postings: Sequence[tuple[int, int, int, int]]) -> list[int]:
    """A word's postings, three numbers each: the page (as the difference from the previous
    posting's), the section in the page, and the counts (4 * in the text + in the title, at
    most 3)."""
    flat: list[int] = []
    previous = 0
    for number, section, in_title, in_text in postings:
        flat += [number - previous, section, 4 * in_text + min(in_title, 3)]
        previous = number
    return flat


def split_keys(entries: Mapping[str, int], limit: int) -> tuple[dict[str, list[str]], set[str]]:
    """Group words (``entries``: normal form -> its size in bytes) into shards by their first
    letters: two, and one more wherever a shard would be over ``limit`` bytes, letter by letter.
    Returns the shards (key -> normal forms) and the keys split that way; a split key's own
    shard holds the words that are the key itself."""
    shards: dict[str, list[str]] = {}
    split: set[str] = set()
    pending = defaultdict(list)
    for form in sorted(entries):
        pending[form[:KEY_LENGTH]].append(form)
    while pending:
        shard_key, forms = pending.popitem()
        size = sum(entries[form] for form in forms)
        longer = [form for form in forms if len(form) > len(shard_key)]
        if size <= limit or not longer:
            shards[shard_key] = forms
            continue
        split.add(shard_key)
        own = [form for form in forms if len(form) == len(shard_key)]
        if own:
            shards[shard_key] = own
        for form in longer:
            pending[form[: len(shard_key) + 1]].append(form)
    return shards, split


def write(
    docs: Iterable[Mapping[str, Any]], rules: Rules, limit: int = SHARD_LIMIT
) -> dict[str, str]:
    """The index's files: path under the language's root -> content."""
    pages = pages_of(docs)
    # word -> (page, section, in title, in text) per section, in page and section order
    postings: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    sections = 0
    for number, page in enumerate(pages):
        for section, (_, title, text) in enumerate(page.sections):
            sections += 1
            counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            for field, value in ((0, title), (1, text)):
                for word in words(value, rules):
                    counts[word][field] += 1
            for word in sorted(counts):
                in_title, in_text = counts[word]
                postings[word].append((number, section, in_title, in_text))

    # What each shard holds, by normal form: words (and their postings), and inner parts.
    encoded = {word: encode(postings[word]) for word in sorted(postings)}
    by_form: dict[str, dict[str, Any]] = defaultdict(lambda: {"w": {}, "s": defaultdict(set)})
    for word, flat in encoded.items():
        by_form[normal(word, rules)]["w"][word] = flat
        for beginning, rest in khmer_inner_parts(word):
            by_form[normal(rest, rules)]["s"][rest].add(beginning)
    sizes = {
        form: len(compact(entry["w"])) + len(compact(sorted(entry["s"])))
        for form, entry in by_form.items()
    }
    grouped, split = split_keys(sizes, limit)

    files: dict[str, str] = {}
    for shard_key in sorted(grouped):
        content: dict[str, Any] = {"w": {}}
        inner: dict[str, list[str]] = {}
        for form in grouped[shard_key]:
            content["w"].update(by_form[form]["w"])
            for rest, heads in by_form[form]["s"].items():
                inner[rest] = sorted(heads)
        content["w"] = dict(sorted(content["w"].items()))
        if inner:
            content["s"] = dict(sorted(inner.items()))
        files[f"{FOLDER}t/{file_key(shard_key)}.json"] = compact(content)
    for number, page in enumerate(pages):
        files[f"{FOLDER}p/{number}.json"] = compact(
            {"l": page.location, "s": [list(section) for section in page.sections]}
        )
    files[MANIFEST] = compact(
        {
            "pages": len(pages),
            "sections": sections,
            "keys": sorted(grouped),
            "split": sorted(split),
        }
    )
    return files


def version(files: Mapping[str, str]) -> str:
    """A short hash of the index's files, which the worker adds to its requests so that a
    browser never mixes files of two builds from its cache."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path].encode() + b"\0")
    return digest.hexdigest()[:12]
