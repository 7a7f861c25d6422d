"""The news feeds of one language: Atom (RFC 4287) and JSON Feed 1.1, at stable addresses
(``tin-tuc/atom.xml`` and ``tin-tuc/feed.json`` under the language's prefix).

Each holds the language's latest posts (50 by default), newest first, with absolute links, the
language (``xml:lang``, ``language``) and dates from the posts' front matter: a post's day at
midnight in the site's time zone (``utc_offset``), since Atom and JSON Feed want a time and a
post has only a day. Nothing comes from the clock or from git, so two builds of one commit
write the same bytes.

Written with the standard library (ElementTree, json) rather than a feed library: the two
formats are a few dozen elements, the output is exactly what is asked for (no generator
element with a version, no "now" filled in for a missing date), and the tests read the feeds
back with real parsers (feedparser; a JSON Feed 1.1 schema).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

from travinh_site.content.languages import Language
from travinh_site.news.posts import Post
from travinh_site.site import seo

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_TYPE = "application/atom+xml"
JSON_FEED_TYPE = "application/feed+json"


@dataclass(frozen=True)
class Feed:
    """One language's feed, whatever its format."""

    language: Language
    title: str
    description: str
    site_url: str  # with its trailing slash
    home: str  # site-relative URL of the language's listing ("en/tin-tuc/index.html")
    path: str  # site-relative URL of this feed file ("en/tin-tuc/atom.xml")
    author: str  # the organisation that publishes the site
    author_url: str  # absolute
    utc_offset: str  # "+07:00"
    labels: Mapping[str, str]  # category -> its label in this language
    updated: datetime.date  # the newest post of the site (a feed needs a date when empty too)
    posts: Sequence[Post]

    def absolute(self, url: str) -> str:
        return seo.absolute(self.site_url, url)

    def url_of(self, post: Post) -> str:
        return self.absolute(seo.page_url(post.page, self.language))

    def timestamp(self, day: datetime.date) -> str:
        """RFC 3339: the day at midnight in the site's time zone."""
        return f"{day.isoformat()}T00:00:00{self.utc_offset}"


def atom(feed: Feed) -> str:
    """The Atom document of ``feed``."""
    root = ElementTree.Element("feed", {"xmlns": ATOM_NS, "xml:lang": feed.language.code})
    _text(root, "id", feed.absolute(feed.home))
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.description)
    ElementTree.SubElement(
        root, "link", {"rel": "self", "type": ATOM_TYPE, "href": feed.absolute(feed.path)}
    )
    ElementTree.SubElement(
        root, "link", {"rel": "alternate", "type": "text/html", "href": feed.absolute(feed.home)}
    )
    _text(root, "updated", feed.timestamp(feed.updated))
    author = ElementTree.SubElement(root, "author")
    _text(author, "name", feed.author)
    _text(author, "uri", feed.author_url)
    for post in feed.posts:
        entry = ElementTree.SubElement(root, "entry")
        url = feed.url_of(post)
        _text(entry, "id", url)
        _text(entry, "title", post.title)
        ElementTree.SubElement(
            entry, "link", {"rel": "alternate", "type": "text/html", "href": url}
        )
        _text(entry, "published", feed.timestamp(post.date))
        _text(entry, "updated", feed.timestamp(post.updated))
        ElementTree.SubElement(
            entry, "category", {"term": post.category, "label": feed.labels[post.category]}
        )
        _text(entry, "summary", post.description)
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def json_feed(feed: Feed) -> str:
    """The JSON Feed 1.1 document of ``feed``."""
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.absolute(feed.home),
        "feed_url": feed.absolute(feed.path),
        "description": feed.description,
        "language": feed.language.code,
        "authors": [{"name": feed.author, "url": feed.author_url}],
        "items": [
            {
                "id": feed.url_of(post),
                "url": feed.url_of(post),
                "title": post.title,
                "content_text": post.description,
                "summary": post.description,
                "date_published": feed.timestamp(post.date),
                "date_modified": feed.timestamp(post.updated),
                "tags": [feed.labels[post.category]],
                "language": feed.language.code,
            }
            for post in feed.posts
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, tag).text = text
