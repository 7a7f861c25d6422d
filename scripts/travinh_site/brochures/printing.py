"""Printing a page of the site: where each link leads, for the reader of the paper.

A printed link is only its text. Each link of a page's content gets ``data-print-url``, the
absolute address it leads to, which the print style sheet
(``assets/stylesheets/print.css``) writes after the link's text; a link to a place in the same
page, or whose text already is its address, gets none.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit

from travinh_site.text import htmlscan

ATTRIBUTE = "data-print-url"
_TAG = re.compile(r"<[^>]*>")


def annotate(content: str, page_url: str, site_url: str) -> str:
    """``content`` (a page's rendered HTML, at ``page_url`` in the site) with each link's
    address for print."""
    document = htmlscan.parse(content)
    pieces: list[str] = []
    position = 0
    for element in document.elements:
        if element.name != "a" or element.has(ATTRIBUTE):
            continue
        href = element.get("href")
        if not href or "headerlink" in (element.get("class") or ""):
            continue
        address = _address(href, page_url, site_url)
        if address is None:
            continue
        end = content.find("</a>", element.end)
        text = html.unescape(_TAG.sub("", content[element.end : end])).strip()
        if text in (address, href, address.removeprefix("mailto:")):
            continue
        pieces.append(content[position : element.end - 1])
        pieces.append(f' {ATTRIBUTE}="{html.escape(address, quote=True)}">')
        position = element.end
    pieces.append(content[position:])
    return "".join(pieces)


def _address(href: str, page_url: str, site_url: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    if not parts.path:
        return None  # a place in the same page: it is on the paper already
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), parts.path))
    address = site_url + target.lstrip("/")
    return f"{address}#{parts.fragment}" if parts.fragment else address
