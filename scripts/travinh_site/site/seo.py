"""URLs, head tags, sitemaps and robots.txt for the three-language site.

Every page lives at the same path under each language prefix (``du-lich/ao-ba-om.html``,
``en/du-lich/ao-ba-om.html``, ``km/du-lich/ao-ba-om.html``). Only *real* versions (translated,
not drafts) are announced to search engines: absolute ``hreflang`` alternates plus
``x-default`` (the Vietnamese page) in the head and in the sitemap. A page shown in Vietnamese
because its translation is missing points its canonical link to the Vietnamese page and is
left out of both, so search engines never see it as duplicate content.

Why ``use_directory_urls: false`` and one ``sitemap.xml`` per folder: Material (9.7+) fetches
``sitemap.xml`` next to *every* ``<link rel="alternate">`` of a page, to keep the visitor on the
same page when the language changes. With per-page hreflang links and directory URLs that is
``/en/du-lich/ao-ba-om/sitemap.xml``, a 404 for each alternate on each page view. With ``.html``
pages the fetch lands in the page's folder, where a small sitemap of that folder's pages is
written; and since no alternate URL ends in ``/``, Material's click handler never rewrites a
link (our switcher already links each language's version of the page).
"""

from __future__ import annotations

import datetime
import posixpath
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from mkdocs.structure.files import File

from travinh_site.content.languages import Catalogue, Language, Languages

X_DEFAULT = "x-default"
SITEMAP = "sitemap.xml"


def normalise_site_url(site_url: str | None) -> str:
    """``site_url`` with exactly one trailing slash (it may carry a sub-path)."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/"


def page_url(page: str, language: Language) -> str:
    """Site-relative URL of ``page`` ("du-lich/x.md") in ``language`` ("en/du-lich/x.html")."""
    file = File(page, src_dir=None, dest_dir="", use_directory_urls=False)
    return language.prefix + file.url


def absolute(site_url: str, url: str) -> str:
    return normalise_site_url(site_url) + url


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class Head:
    """What the head of one page in one language announces."""

    canonical: str
    alternates: tuple[Alternate, ...]  # empty on an untranslated (fallback) page
    og_locale: str
    og_locale_alternates: tuple[str, ...]


def alternates(catalogue: Catalogue, page: str, site_url: str) -> tuple[Alternate, ...]:
    """Absolute hreflang links to every real version of ``page``, then ``x-default``."""
    links = [
        Alternate(language.code, absolute(site_url, page_url(page, language)))
        for language in catalogue.versions(page)
    ]
    default = catalogue.languages.default
    links.append(Alternate(X_DEFAULT, absolute(site_url, page_url(page, default))))
    return tuple(links)


def head(catalogue: Catalogue, page: str, language: Language, site_url: str) -> Head:
    if not catalogue.is_translated(page, language.code):
        default = catalogue.languages.default
        return Head(
            canonical=absolute(site_url, page_url(page, default)),
            alternates=(),
            og_locale=default.og_locale,
            og_locale_alternates=(),
        )
    return Head(
        canonical=absolute(site_url, page_url(page, language)),
        alternates=alternates(catalogue, page, site_url),
        og_locale=language.og_locale,
        og_locale_alternates=tuple(
            version.og_locale for version in catalogue.versions(page) if version != language
        ),
    )


def sitemaps(
    catalogue: Catalogue,
    site_url: str,
    lastmod: Mapping[str, datetime.date] | None = None,
) -> dict[str, str]:
    """Sitemap files by site-relative path.

    ``sitemap.xml`` at the root lists every real page of every language with its alternates;
    every other folder holding real pages gets a ``sitemap.xml`` of its own pages (see the
    module's docstring for why). ``lastmod``: the dates pages last changed, by site-relative
    URL ("en/tin-tuc/2026/x.html"), for the pages that have one (news posts, their date).
    """
    entries: list[tuple[str, str]] = []  # (page URL, <url> element)
    changed = lastmod or {}
    for page in catalogue.pages:
        links = alternates(catalogue, page, site_url)
        for language in catalogue.versions(page):
            url = page_url(page, language)
            element = _url_element(absolute(site_url, url), links, changed.get(url))
            entries.append((url, element))
    by_folder: dict[str, list[str]] = defaultdict(list)
    for url, element in entries:
        by_folder[posixpath.dirname(url)].append(element)
    files = {SITEMAP: _urlset([element for _url, element in entries])}
    for folder, elements in sorted(by_folder.items()):
        if folder:
            files[f"{folder}/{SITEMAP}"] = _urlset(elements)
    return files


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, SITEMAP)}\n"


def not_found_rules(site_url: str, languages: Languages) -> str:
    """Netlify's ``_redirects``: a missing URL under /en/ gets /en/404.html, and so on.

    (Cloudflare Pages finds the nearest 404.html by itself; GitHub Pages only knows the root
    one; nginx is configured as the README shows.)
    """
    base = urlsplit(normalise_site_url(site_url)).path
    lines = [
        f"{base}{language.prefix}*  {base}{language.prefix}404.html  404"
        for language in languages.translations
    ]
    return "".join(line + "\n" for line in lines)


def _url_element(
    loc: str, links: tuple[Alternate, ...], lastmod: datetime.date | None = None
) -> str:
    lines = [f"  <url>\n    <loc>{escape(loc)}</loc>"]
    if lastmod is not None:
        lines.append(f"    <lastmod>{lastmod.isoformat()}</lastmod>")
    lines += [
        f'    <xhtml:link rel="alternate" hreflang="{link.hreflang}" href={quoteattr(link.href)}/>'
        for link in links
    ]
    return "\n".join(lines) + "\n  </url>"


def _urlset(elements: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "".join(element + "\n" for element in elements)
        + "</urlset>\n"
    )
