"""One small search index per language.

Material's search plugin writes one ``search/search_index.json`` and mkdocs-static-i18n fills it
with every language's pages, which every visitor downloads. Here each language gets its own
index, at its own prefix (``search/search_index.json``, ``en/search/search_index.json``,
``km/search/search_index.json``), holding only the pages really written in that language, with
their locations relative to the language's root. Each page's ``__config`` points Material's
search at its language's root (:func:`retarget_config`), so a page loads only its own index.

Pages are cut into sections with Material's own ``SearchIndex`` (the same entries its plugin
writes); Khmer text is cut into words (:mod:`travinh_site.text.khmer`); the JSON is written as UTF-8
(Material escapes every non-ASCII character as ``\\uXXXX``: six bytes for each Vietnamese or
Khmer letter).

What the browser does with it (``assets/javascripts/search/``): Material's search worker runs
behind a small worker of ours that prepares the query (Khmer words, Vietnamese tones) and the
results (exact tones first); the ``travinh`` lunr language folds diacritics.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from jinja2.utils import htmlsafe_json_dumps
from material.plugins.search.plugin import SearchIndex

from travinh_site.text.khmer import Segmenter, Vocabulary

INDEX = "search/search_index.json"
# Our worker, beside Material's (assets/javascripts/workers/): see worker.js.
WORKER = "assets/javascripts/search/worker.js"
MATERIAL_ASSETS = "assets/javascripts/"
# The lunr "language" of assets/javascripts/lunr/min/lunr.travinh.min.js: diacritics folded.
FOLDING = "travinh"
# Material's default field boosts (material/plugins/search/plugin.py).
FIELDS: Mapping[str, Mapping[str, float]] = {
    "title": {"boost": 1e3},
    "text": {"boost": 1e0},
    "tags": {"boost": 1e6},
}

# What splits words, in every language: spaces and hyphens (as in Material), U+200B (between
# Khmer words), and punctuation, Latin and Khmer, so that "Âng," is indexed and highlighted as
# "Âng". The query is split the same way (our worker drops punctuation from it).
SEPARATOR = r'[\s\u200b\-,.;:!?()\[\]"“”‘’«»…/\u17d4\u17d5\u17d6]+'

CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


@dataclass(frozen=True)
class Settings:
    """The ``config`` of one language's index, as Material's search worker reads it."""

    lang: Sequence[str]  # lunr languages
    separator: str  # what splits words (a regular expression)
    pipeline: Sequence[str]  # lunr steps kept: "stemmer", "stopWordFilter", "trimmer"
    fields: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: dict(FIELDS))

    def as_json(self) -> dict[str, Any]:
        return {
            "lang": list(self.lang),
            "separator": self.separator,
            "pipeline": list(self.pipeline),
            "fields": {name: dict(spec) for name, spec in self.fields.items()},
        }


def entries_of(pages: Iterable[Any]) -> list[dict[str, Any]]:
    """Material's search entries (one per section) of MkDocs pages whose content is rendered."""
    index = SearchIndex()
    for page in pages:
        index.add_entry_from_context(page)
    entries: list[dict[str, Any]] = index.entries  # Material is untyped
    return entries


def relocate(location: str, prefix: str) -> str:
    """ "km/du-lich/x.html#y" -> "du-lich/x.html#y": locations relative to the language root."""
    return location[len(prefix) :] if prefix and location.startswith(prefix) else location


def documents(entries: Iterable[Mapping[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The index's documents: Material's entries, located relative to the language root."""
    return [{**entry, "location": relocate(str(entry["location"]), prefix)} for entry in entries]


def mark_khmer_words(docs: list[dict[str, Any]], segmenter: Segmenter) -> None:
    """Cut the Khmer text of every title and text into words (over the index's vocabulary)."""
    vocabulary = Vocabulary(segmenter, (doc[key] for doc in docs for key in ("title", "text")))
    for doc in docs:
        doc["title"] = vocabulary.mark(doc["title"])
        doc["text"] = vocabulary.mark(doc["text"])


def to_json(docs: list[dict[str, Any]], settings: Settings) -> str:
    """The index file, as UTF-8 JSON."""
    return json.dumps(
        {"config": settings.as_json(), "docs": docs},
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )


def retarget_config(block: str, prefix: str) -> str:
    """Point the ``__config`` of a rendered Material page at one language's search.

    ``base`` (the folder whose ``search/search_index.json`` Material fetches, and against which
    it resolves result locations) becomes the language's root; ``search`` (the search worker)
    becomes our worker, which starts Material's (its path is passed in the URL).
    """
    match = CONFIG_SCRIPT.search(block)
    if match is None:
        return block
    config = json.loads(match.group(2))
    if prefix:
        config["base"] = str(config["base"]).rstrip("/") + "/" + prefix
    material_worker = str(config["search"])
    root, _, material_path = material_worker.rpartition(MATERIAL_ASSETS)
    ours = f"{root}{WORKER}?material={quote('../' + material_path)}"
    config["search"] = ours
    script = match.group(1) + str(htmlsafe_json_dumps(config)) + match.group(3)
    return block[: match.start()] + script + block[match.end() :]
