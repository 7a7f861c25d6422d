"""Every internal link, anchor and file reference of a built site resolves.

The build already checks the links editors write (:mod:`travinh_site.content.links`); this
checks what was published: the theme's navigation, the language switcher, pictures and
their variants, downloads, head links, style sheets' ``url()``, sitemaps. Each reference is
resolved the way a browser resolves it, against the page's address under ``site_url``, so
relative links and a sub-path (``https://example.org/travinh/``) are checked together. A
"page not found" page is resolved as served at a deeper missing address, where hosts show it.

A link to another host is not followed (CI has no network); a link to this host outside the
site's path is an error: it would leave the site once published under a sub-path.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from travinh_site.text import htmlscan

NOT_FOUND = "404.html"
# Where a 404 page is resolved from: a missing address two folders below its own.
_MISSING = "missing/deeper/page.html"
# Attributes holding one URL, by element ("*": any element).
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
SRCSET = {"img", "source"}
META_URLS = {"og:url", "og:image", "twitter:image"}
_CSS_URL = re.compile(
    r"url\(\s*(?P<q>[\"']?)(?P<url>[^\"')]+)(?P=q)\s*\)|@import\s+[\"'](?P<import>[^\"']+)"
)
_SITEMAP_URL = re.compile(r"<loc>([^<]+)</loc>|<xhtml:link[^>]*\bhref=\"([^\"]+)\"")


@dataclass(frozen=True, order=True)
class Broken:
    """A reference of the built site that leads nowhere."""

    file: str  # site-relative: "en/du-lich/ao-ba-om.html"
    line: int
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: '{self.target}' {self.reason}"


@dataclass(frozen=True)
class _Reference:
    file: str
    line: int
    target: str
    base: str  # the address it is resolved against
    # Addresses of this site's own pages (canonical, alternates, sitemaps): another host
    # there means the site was built for another address (SITE_URL).
    own: bool = False


class _Site:
    def __init__(self, root: Path, site_url: str) -> None:
        self.root = root
        self.site_url = site_url.rstrip("/") + "/"
        parts = urlsplit(self.site_url)
        self.origin = (parts.scheme, parts.netloc)
        self.path = parts.path
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        self.ids: dict[str, set[str]] = {}

    def address(self, file: str) -> str:
        if posixpath.basename(file) == NOT_FOUND:
            return self.site_url + posixpath.join(posixpath.dirname(file), _MISSING)
        return self.site_url + file

    def resolve(self, reference: _Reference) -> tuple[str, str] | Broken | None:
        """(file, fragment) inside the site; a Broken; None for other hosts and schemes."""
        url = urljoin(reference.base, reference.target.strip())
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return None
        if (parts.scheme, parts.netloc) != self.origin:
            if reference.own:
                return self._broken(reference, f"is not on the site's address {self.site_url}")
            return None
        path = unquote(parts.path)
        if not path.startswith(self.path):
            return self._broken(reference, f"leaves the site's path {self.path}")
        file = path[len(self.path) :]
        if file == "" or file.endswith("/"):
            file += "index.html"
        elif file not in self.files and f"{file}/index.html" in self.files:
            file += "/index.html"
        if file not in self.files:
            return self._broken(reference, f"points to '{file}', which the site does not have")
        return file, unquote(parts.fragment)

    @staticmethod
    def _broken(reference: _Reference, reason: str) -> Broken:
        return Broken(reference.file, reference.line, reference.target, reason)


def check_site(root: Path, site_url: str) -> list[Broken]:
    """Every broken internal reference of the site built into ``root`` for ``site_url``."""
    site = _Site(root, site_url)
    references: list[_Reference] = []
    for file in sorted(site.files):
        path = root / file
        if file.endswith(".html"):
            document = htmlscan.parse(path.read_text("utf-8"))
            site.ids[file] = {
                value
                for element in document.elements
                for name, value in element.attrs
                if value and (name == "id" or (name == "name" and element.name == "a"))
            }
            references += _html_references(file, document, site.address(file))
        elif file.endswith(".css"):
            references += _css_references(file, path.read_text("utf-8"), site.address(file))
        elif posixpath.basename(file) == "sitemap.xml":
            references += _sitemap_references(file, path.read_text("utf-8"))
        elif file == "robots.txt":
            references += _robots_references(file, path.read_text("utf-8"))

    broken: list[Broken] = []
    for reference in references:
        if reference.target.startswith("#"):  # this very document, wherever it is served
            fragment = unquote(reference.target[1:])
            if fragment and fragment not in site.ids.get(reference.file, set()):
                broken.append(
                    Broken(
                        reference.file,
                        reference.line,
                        reference.target,
                        f"points to '#{fragment}', which this page does not have",
                    )
                )
            continue
        resolved = site.resolve(reference)
        if resolved is None:
            continue
        if isinstance(resolved, Broken):
            broken.append(resolved)
            continue
        target, fragment = resolved
        if fragment and target in site.ids and fragment not in site.ids[target]:
            broken.append(
                Broken(
                    reference.file,
                    reference.line,
                    reference.target,
                    f"points to '#{fragment}', which '{target}' does not have",
                )
            )
    return sorted(set(broken))


def _html_references(file: str, document: htmlscan.Document, address: str) -> Iterator[_Reference]:
    for element in document.elements:
        own = element.name == "link" and element.get("rel") in ("canonical", "alternate")
        for attribute in URL_ATTRIBUTES.get(element.name, ()):
            value = element.get(attribute)
            if value is not None and value.strip():
                yield _Reference(file, element.line, value, address, own)
        if element.name in SRCSET and element.get("srcset"):
            for candidate in (element.get("srcset") or "").split(","):
                if candidate.strip():
                    yield _Reference(file, element.line, candidate.split()[0], address)
        if element.name == "meta" and element.get("property") in META_URLS:
            content = element.get("content") or ""
            yield _Reference(
                file, element.line, content, address, element.get("property") == "og:url"
            )


def _css_references(file: str, css: str, address: str) -> Iterable[_Reference]:
    for match in _CSS_URL.finditer(css):
        url = match.group("url") or match.group("import")
        if not url.startswith(("data:", "#")):
            yield _Reference(file, css.count("\n", 0, match.start()) + 1, url, address)


def _sitemap_references(file: str, xml: str) -> Iterable[_Reference]:
    for match in _SITEMAP_URL.finditer(xml):
        url = match.group(1) or match.group(2)
        line = xml.count("\n", 0, match.start()) + 1
        yield _Reference(file, line, url.strip(), url.strip(), own=True)


def _robots_references(file: str, text: str) -> Iterable[_Reference]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lower().startswith("sitemap:"):
            url = line.split(":", 1)[1].strip()
            yield _Reference(file, number, url, url, own=True)
