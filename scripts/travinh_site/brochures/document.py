"""A brochure's HTML: a cover, a table of contents and one chapter per page, made from the
pages' own rendered content (the HTML each page shows), never from a second copy of any text.

What changes between the page and the chapter, and why:

- heading permalinks (``¶``) are dropped, and every ``id`` is prefixed with its chapter's
  (every page has a "Nguồn" section: their anchors would collide);
- a link to a page that is in the brochure leads to its chapter (or the anchor in it), any
  other link of the site to its absolute URL (the PDF is read away from the site), links to
  other hosts stay as they are; each chapter says its page's address under its title;
- images are given the site address they are published at, which the PDF renderer resolves
  to the build's own files (:mod:`.pdf`), never over the network;
- Khmer text gets U+200B between its words (ICU's, :mod:`travinh_site.text.khmer`): Pango has no
  Khmer dictionary and would break Khmer lines only at spaces. Never before ៗ (U+17D7), which
  would then start a line.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from travinh_site.text import htmlscan, khmer

# Where the renderer finds the site's files: a host that does not exist, mapped to the build's
# own files by the brochures' URL fetcher (:mod:`.pdf`).
SITE_ROOT = "https://site.invalid/"

_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"(<[^>]*>)")
_REPEAT = "\u17d7"  # ៗ


@dataclass(frozen=True)
class Chapter:
    page: str  # the page's URL in the site, relative to its root ("km/dau-tu/index.html")
    title: str
    url: str  # the page's absolute URL
    language: str  # the language of its text
    content: str  # the page's rendered content (page.content)


@dataclass(frozen=True)
class Texts:
    """The words of the brochure, in its language (overrides/strings.yml)."""

    title: str
    site_name: str
    description: str
    contents: str  # "Table of contents"
    online: str  # "Online:"
    made_from: str  # "... made from the pages of {url} ..."


def chapter_id(index: int) -> str:
    return f"c{index + 1}"


def document(
    chapters: list[Chapter], texts: Texts, language: str, site_root: str, home: str, css: str
) -> str:
    """The brochure as one HTML document; ``site_root``: the site's address (ending in "/"),
    ``home``: the address of the language's home page."""
    pages = {chapter.page: chapter_id(n) for n, chapter in enumerate(chapters)}
    body = [_cover(chapters, texts, home)]
    for index, chapter in enumerate(chapters):
        body.append(_chapter(index, chapter, pages, site_root, texts))
    return (
        f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_escape(texts.title)}</title>\n"
        f'<meta name="author" content="{_escape(texts.site_name)}">\n'
        f'<meta name="description" content="{_escape(texts.description)}">\n'
        f"<style>\n{css}\n</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _cover(chapters: list[Chapter], texts: Texts, site_url: str) -> str:
    entries = "\n".join(
        f'<li><a href="#{chapter_id(n)}">{_text(chapter.title)}</a></li>'
        for n, chapter in enumerate(chapters)
    )
    return (
        '<section class="cover">\n'
        f'<p class="cover__site">{_text(texts.site_name)}</p>\n'
        f'<p class="cover__title">{_text(texts.title)}</p>\n'
        f'<p class="cover__description">{_text(texts.description)}</p>\n'
        f'<p class="cover__url"><a href="{_escape(site_url)}">{_escape(site_url)}</a></p>\n'
        "</section>\n"
        '<nav class="contents">\n'
        f"<h2>{_text(texts.contents)}</h2>\n<ol>\n{entries}\n</ol>\n"
        f'<p class="made-from">{_text(texts.made_from.replace("{url}", site_url))}</p>\n'
        "</nav>"
    )


def _chapter(
    index: int, chapter: Chapter, pages: dict[str, str], site_url: str, texts: Texts
) -> str:
    prefix = chapter_id(index)
    content = _HEADERLINK.sub("", chapter.content)
    content = _rewrite(content, chapter.page, prefix, pages, site_url)
    content = _with_khmer_breaks(content)
    online = (
        f'<p class="online">{_text(texts.online)} '
        f'<a href="{_escape(chapter.url)}">{_escape(chapter.url)}</a></p>'
    )
    if "</h1>" in content:
        content = content.replace("</h1>", "</h1>\n" + online, 1)
    else:  # a page without a heading of its own: its title is the chapter's
        content = f"<h1>{_text(chapter.title)}</h1>\n{online}\n{content}"
    return (
        f'<section class="chapter" id="{prefix}" lang="{chapter.language}">\n{content}\n</section>'
    )


def _rewrite(content: str, page: str, prefix: str, pages: dict[str, str], site_url: str) -> str:
    """Ids, links and image addresses of one chapter (see the module's docstring)."""
    document = htmlscan.parse(content)
    pieces: list[str] = []
    position = 0
    for element in document.elements:
        if not any(element.has(name) for name in ("id", "href", "src", "srcset")):
            continue
        pieces.append(content[position : element.start])
        pieces.append(_start_tag(element, page, prefix, pages, site_url))
        position = element.end
    pieces.append(content[position:])
    text = "".join(pieces)
    # <picture>'s sources would be ignored anyway (the renderer reads the <img> in it).
    return re.sub(r"<source\b[^>]*>", "", text)


def _start_tag(
    element: htmlscan.Element, page: str, prefix: str, pages: dict[str, str], site_url: str
) -> str:
    attributes: list[tuple[str, str | None]] = []
    for name, value in element.attrs:
        if value is not None and name == "id":
            value = f"{prefix}-{value}"
        elif value is not None and name == "href":
            value = _link(value, page, prefix, pages, site_url)
        elif value is not None and name == "src":
            value = _asset(value, page)
        elif name in ("srcset", "sizes", "loading", "fetchpriority", "decoding", "download"):
            continue
        attributes.append((name, value))
    written = "".join(
        f" {name}" if value is None else f' {name}="{_escape(value)}"' for name, value in attributes
    )
    return f"<{element.name}{written}>"


def _link(href: str, page: str, prefix: str, pages: dict[str, str], site_url: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href  # another host, mail: as it is
    if not parts.path:  # "#anchor" in the same page
        return f"#{prefix}-{parts.fragment}" if parts.fragment else f"#{prefix}"
    target = _resolve(page, parts.path)
    if target in pages:
        chapter = pages[target]
        return f"#{chapter}-{parts.fragment}" if parts.fragment else f"#{chapter}"
    absolute = site_url + target
    return f"{absolute}#{parts.fragment}" if parts.fragment else absolute


def _asset(src: str, page: str) -> str:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return src  # refused by the fetcher: nothing is fetched from another host
    return SITE_ROOT + _resolve(page, parts.path)


def _resolve(page: str, path: str) -> str:
    """``path`` as written in ``page`` (both site-relative), as a path from the site's root."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return joined.lstrip("/") if joined != "." else ""


def _with_khmer_breaks(content: str) -> str:
    """U+200B between the Khmer words of every text between tags."""
    segmenter = khmer.Segmenter()

    def words(match: re.Match[str]) -> str:
        return _join(segmenter.words(match.group(0)))

    parts = _TAG.split(content)
    for index in range(0, len(parts), 2):  # the even parts are text
        parts[index] = khmer.RUN.sub(words, parts[index])
    return "".join(parts)


def _join(words: Iterable[str]) -> str:
    joined = ""
    for word in words:
        if joined and not word.startswith(_REPEAT):
            joined += khmer.ZWSP
        joined += word
    return joined


def breaks(text: str) -> str:
    """``text`` (no markup) with U+200B between its Khmer words."""
    segmenter = khmer.Segmenter()
    return khmer.RUN.sub(lambda match: _join(segmenter.words(match.group(0))), text)


def _text(value: str) -> str:
    return _escape(breaks(value))


def _escape(value: str) -> str:
    return html.escape(value, quote=True)
