"""A post's schema.org ``NewsArticle``, as Google's article guidance describes it.

``headline`` (the title), ``datePublished`` and ``dateModified`` (the post's days, ISO 8601:
a post is dated by its day, so no time of day is made up), ``inLanguage`` (the language of the
text shown), ``image`` (the absolute URL of the post's picture as published, when it has one),
``author`` and ``publisher`` (the organisation that publishes the site, by name and address),
``articleSection`` (the category's label) and ``mainEntityOfPage`` (the page's canonical URL).
It joins the page's own graph (``travinh-data``'s, whose ``WebPage`` names it its
``mainEntity``): a page keeps one JSON-LD block.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from travinh_site.news.posts import Post

CONTEXT = "https://schema.org"


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str  # absolute: the site's home in the page's language


def news_article(
    post: Post, url: str, section: str, publisher: Publisher, image_url: str | None
) -> dict[str, Any]:
    """The JSON-LD document of ``post`` shown at the canonical ``url``."""
    organisation = {"@type": "Organization", "name": publisher.name, "url": publisher.url}
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": url,
        "url": url,
        "headline": post.title,
        "description": post.description,
        "datePublished": post.date.isoformat(),
        "dateModified": post.updated.isoformat(),
        "inLanguage": post.language.code,
        "articleSection": section,
        "author": organisation,
        "publisher": organisation,
    }
    if image_url:
        document["image"] = [image_url]
    if post.sources:
        document["citation"] = [_plain(source) for source in post.sources]
    return document


_LINK = re.compile(r"\[([^\]]*)\]\(([^()\s]+)\)")


def _plain(source: str) -> str:
    """A source as text: a Markdown link "[name](url)" becomes "name (url)"."""
    return _LINK.sub(lambda match: f"{match.group(1)} ({match.group(2)})", source)


def with_article(blocks: list[str], article: dict[str, Any]) -> list[str]:
    """The page's JSON-LD ``blocks`` with ``article`` in them: a node of the page's own graph
    (travinh-data's, whose first node is the WebPage, which names it its ``mainEntity``), so
    that a page keeps one block; a block of its own when the page has no graph."""
    for index, block in enumerate(blocks):
        document = json.loads(block)
        graph = document.get("@graph") if isinstance(document, dict) else None
        if isinstance(graph, list) and graph and graph[0].get("@type") == "WebPage":
            node = {key: value for key, value in article.items() if key != "@context"}
            graph[0]["mainEntity"] = {"@id": node["@id"]}
            graph.append(node)
            return [*blocks[:index], script_json(document), *blocks[index + 1 :]]
    return [*blocks, script_json(article)]


def script_json(document: dict[str, Any]) -> str:
    """JSON safe inside <script> (as travinh_site.data.jsonld writes it: no "</script>")."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
