"""One search index per language.

Material's search plugin writes one ``search/search_index.json`` and mkdocs-static-i18n fills it
with every language's pages, which every visitor downloads. Here each language gets its own
index, at its own prefix (``search/``, ``en/search/``, ``km/search/``), holding only the pages
really written in that language, with their locations relative to the language's root. Each
page's ``__config`` points Material's search at its language's root (:func:`retarget_config`),
so a page loads only its own language's files.

Pages are cut into sections with Material's own ``SearchIndex`` (the same entries its plugin
writes); Khmer text is cut into words (:mod:`travinh_site.text.khmer`). The index is written in
small files (:mod:`travinh_site.search.shards`) as UTF-8 JSON; ``search_index.json``, which
Material's page script fetches on every page load, holds only the settings (:func:`to_json`).

What the browser does with it (``assets/javascripts/search/``): our search worker speaks
Material's worker protocol, fetches the shards a query needs once the visitor types, ranks the
sections as Material's lunr did (exact tones first, titles first) and answers with Material's
results, which Material's search box shows and highlights.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from material.plugins.search.plugin import SearchIndex

from travinh_site.search import shards
from travinh_site.text.khmer import Segmenter, Vocabulary

INDEX = "search/search_index.json"
# Our worker, beside Material's (assets/javascripts/workers/): see worker.js.
WORKER = "assets/javascripts/search/worker.js"
MATERIAL_ASSETS = "assets/javascripts/"
# The `lang` of an index whose words match with diacritics folded (worker.js reads it).
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

    lang: Sequence[str]  # Material's search languages; FOLDING: diacritics folded
    separator: str  # what splits words (a regular expression)
    pipeline: Sequence[str]  # lunr steps kept: "stemmer", "stopWordFilter", "trimmer"
    fields: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: dict(FIELDS))
    results: int = 10  # pages listed at most (each one a page file fetched)

    def as_json(self) -> dict[str, Any]:
        return {
            "lang": list(self.lang),
            "separator": self.separator,
            "pipeline": list(self.pipeline),
            "fields": {name: dict(spec) for name, spec in self.fields.items()},
            "results": self.results,
        }

    def rules(self) -> shards.Rules:
        """How the index's words are made (as Material's lunr pipeline made them)."""
        folds = FOLDING in self.lang
        return shards.Rules(
            separator=self.separator,
            folds=folds,
            stop_words=not folds and "stopWordFilter" in self.pipeline,
        )


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


def to_json(settings: Settings, prefix: str, version: str) -> str:
    """``search_index.json``: the settings, where the language's index files are (``prefix``:
    its folder from the site's root, "km/") and their version (the worker asks for
    ``km/search/terms.json?v=<version>``); no documents (Material's page script fetches this
    file on every page load and hands it to the worker)."""
    config = {**settings.as_json(), "prefix": prefix, "version": version}
    return json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))


def retarget_config(block: str, prefix: str) -> str:
    """Point the ``__config`` of a rendered Material page at one language's search.

    ``base`` (the folder whose ``search/search_index.json`` Material fetches, and against which
    it resolves result locations) becomes the language's root; ``search`` (the search worker)
    becomes our worker, beside Material's (``assets/javascripts/workers/``).
    """
    match = CONFIG_SCRIPT.search(block)
    if match is None:
        return block
    config = json.loads(match.group(2))
    if prefix:
        config["base"] = str(config["base"]).rstrip("/") + "/" + prefix
    root, _, _ = str(config["search"]).rpartition(MATERIAL_ASSETS)
    config["search"] = root + WORKER
    script = match.group(1) + str(htmlsafe_json_dumps(config)) + match.group(3)
    return block[: match.start()] + script + block[match.end() :]
