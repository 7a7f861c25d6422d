"""The HTTP headers the site is served with: a Content-Security-Policy that the built pages
satisfy, the usual hardening headers, and long cache lifetimes for fingerprinted files.

Material inlines small scripts in every page (``__md_scope`` differs with the page's depth),
so the policy allows exactly those, by the SHA-256 of their text computed from the built
pages, and nothing else inline. The result is written twice: as ``_headers`` (the format of
Netlify and Cloudflare Pages; :func:`nginx` renders it for nginx), and as a ``<meta>`` policy
in each page for hosts that cannot set headers (GitHub Pages), holding that page's own hashes
(a ``<meta>`` policy cannot say ``frame-ancestors``, so that one lives in the header only).

Only files whose name carries a content hash (``bundle.a5f9d56c.min.js``,
``ao-ba-om-800.1a2b3c4d.avif``) get a year of caching: a new version has a new name. Our own
styles and fonts keep their names from build to build, so they are revalidated like pages
(hosts answer an unchanged file with a 304): a stale style sheet for a day would be worse
than one conditional request.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from travinh_site.text import html5, htmlscan

SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
# A name part that is a content hash: "bundle.a5f9d56c.min.js", "x-800.1a2b3c4d.avif".
_FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.")
IMMUTABLE = "public, max-age=31536000, immutable"
# Features no page uses, refused to the page and anything it embeds. Only names Chromium
# knows: an unknown one is reported in the console of every page.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
# Features an embedded video or map needs, granted to the allowed frame addresses only.
FRAME_FEATURES = frozenset({"autoplay", "encrypted-media", "fullscreen", "picture-in-picture"})


@dataclass
class Inline:
    """The SHA-256 sources of a set of pages' inline scripts, styles and style attributes."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)

    def update(self, other: Inline) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes

    def to_json(self) -> dict[str, list[str]]:
        return {
            "scripts": sorted(self.scripts),
            "styles": sorted(self.styles),
            "style_attributes": sorted(self.style_attributes),
        }

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> Inline:
        return cls(set(data["scripts"]), set(data["styles"]), set(data["style_attributes"]))


@dataclass
class SiteInputs:
    """What ``_headers`` is made of: what the pages have inline, and the configuration."""

    inline: Inline
    frames: list[str]
    hsts_max_age: int
    hsts_include_subdomains: bool

    def to_json(self) -> str:
        return json.dumps(
            {
                **self.inline.to_json(),
                "frames": self.frames,
                "hsts_max_age": self.hsts_max_age,
                "hsts_include_subdomains": self.hsts_include_subdomains,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> SiteInputs:
        data = json.loads(text)
        inline = Inline.from_json(data)
        return cls(inline, data["frames"], data["hsts_max_age"], data["hsts_include_subdomains"])


HEADERS_FILE = "_headers"
# A parallel build's processes each leave what they saw here; see write_from_parts.
PARTS = ".headers-inputs.{}.json"


def write_site_headers(site: Path, inputs: SiteInputs) -> None:
    """Write ``site/_headers`` for the files in ``site``."""
    paths = sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
    every_response = site_headers(
        policy(inputs.inline, inputs.frames),
        inputs.frames,
        hsts_max_age=inputs.hsts_max_age,
        hsts_include_subdomains=inputs.hsts_include_subdomains,
    )
    rules_ = rules(every_response, cache_patterns(paths))
    (site / HEADERS_FILE).write_text(render(rules_), encoding="utf-8")


def write_from_parts(site: Path) -> None:
    """Merge the inputs the processes of a parallel build left in ``site`` (their pages'
    inline content), remove them, and write ``_headers``. Nothing to do if there are none."""
    parts = sorted(site.glob(PARTS.format("*")))
    if not parts:
        return
    merged = SiteInputs.from_json(parts[0].read_text(encoding="utf-8"))
    for part in parts[1:]:
        merged.inline.update(SiteInputs.from_json(part.read_text(encoding="utf-8")).inline)
    for part in parts:
        part.unlink()
    write_site_headers(site, merged)


def sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_of(page_html: str) -> Inline:
    """What runs or styles inline in one page, as a browser reads it: the text of each script
    and style element (raw in HTML, its character references decoded in SVG) and each style
    attribute's value, from the page's tree (:mod:`travinh_site.text.html5`)."""
    found = Inline()
    for element in html5.select(page_html, "script, style, [style]"):
        if element.name == "script":
            kind = (element.get("type") or "").strip().lower()
            if not element.has("src") and kind in SCRIPT_TYPES:
                found.scripts.add(sha256_source(element.text))
        elif element.name == "style":
            found.styles.add(sha256_source(element.text))
        style = element.get("style")
        if style is not None:
            found.style_attributes.add(sha256_source(style))
    return found


def policy(inline: Inline, frames: Sequence[str] = (), *, for_meta: bool = False) -> str:
    """The Content-Security-Policy for pages with ``inline`` content; ``frames`` are the
    address prefixes editors may embed. ``for_meta`` leaves out what ``<meta>`` cannot carry."""
    styles = ["'self'", *sorted(inline.styles)]
    if inline.style_attributes:
        styles += ["'unsafe-hashes'", *sorted(inline.style_attributes)]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *sorted(inline.scripts)]),
        ("style-src", styles),
        # Material's icons are data: SVG images in its style sheets.
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("media-src", ["'self'"]),
        ("connect-src", ["'self'"]),  # the search index
        ("worker-src", ["'self'"]),  # the search worker
        ("manifest-src", ["'self'"]),
        ("frame-src", sorted(frames)),
        ("form-action", ["'self'"]),
        ("base-uri", ["'none'"]),
        ("frame-ancestors", [] if for_meta else ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives if values)


def meta_tag(content_policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content_policy}">'


def with_meta_policy(page_html: str, frames: Sequence[str] = ()) -> tuple[str, Inline]:
    """``page_html`` with its own policy as ``<meta>``, right after ``<meta charset>`` (or at
    the start of ``<head>``), before anything it governs; and what it found inline."""
    inline = inline_of(page_html)
    anchor = _policy_place(page_html)
    if anchor is None:  # not a page (a fragment): nothing to govern
        return page_html, inline
    tag = meta_tag(policy(inline, frames, for_meta=True))
    return page_html[:anchor] + tag + page_html[anchor:], inline


def _policy_place(page_html: str) -> int | None:
    """The offset just after the page's ``<meta charset>`` start tag, else after ``<head>``'s;
    None for a fragment. (The offsets of :mod:`.htmlscan`: every other byte stays.)"""
    head = None
    for element in htmlscan.elements(page_html):
        if element.name == "meta" and element.has("charset"):
            return element.end
        if element.name == "head" and head is None:
            head = element.end
        elif element.name == "body":
            break
    return head


# ---- the _headers file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Headers for the URL paths matching ``pattern`` (``*`` matches any characters)."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        expression = ".*".join(re.escape(part) for part in self.pattern.split("*"))
        return re.fullmatch(expression, path) is not None


def is_fingerprinted(path: str) -> bool:
    return _FINGERPRINT.search(posixpath.basename(path)) is not None


def cache_patterns(files: Iterable[str]) -> list[str]:
    """URL patterns of the fingerprinted files among ``files`` (site-relative paths): a whole
    folder as ``/folder/*`` when everything under it is fingerprinted, the files one by one
    otherwise (Cloudflare Pages allows 100 rules)."""
    paths = sorted(files)
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        parts = path.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            by_folder.setdefault("/".join(parts[:depth]), []).append(path)
    patterns: list[str] = []
    covered: set[str] = set()
    for folder in sorted(by_folder, key=lambda f: (f.count("/"), f)):
        inside = by_folder[folder]
        if covered.issuperset(inside):
            continue
        if all(is_fingerprinted(path) for path in inside):
            patterns.append(f"/{folder}/*")
            covered.update(inside)
    patterns += [f"/{p}" for p in paths if p not in covered and is_fingerprinted(p)]
    return sorted(patterns)


def site_headers(
    content_policy: str,
    frames: Sequence[str] = (),
    *,
    hsts_max_age: int = 31536000,
    hsts_include_subdomains: bool = False,
) -> tuple[tuple[str, str], ...]:
    """The headers every response gets."""
    allowed = " ".join(f'"{_origin(prefix)}"' for prefix in sorted(frames))
    permissions = ", ".join(
        f"{feature}=({allowed})" if allowed and feature in FRAME_FEATURES else f"{feature}=()"
        for feature in DENIED_FEATURES
    )
    headers = [
        ("Content-Security-Policy", content_policy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", permissions),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if hsts_max_age > 0:
        subdomains = "; includeSubDomains" if hsts_include_subdomains else ""
        headers.append(("Strict-Transport-Security", f"max-age={hsts_max_age}{subdomains}"))
    return tuple(headers)


def rules(every_response: Sequence[tuple[str, str]], cached: Iterable[str]) -> list[Rule]:
    return [Rule("/*", tuple(every_response))] + [
        Rule(pattern, (("Cache-Control", IMMUTABLE),)) for pattern in cached
    ]


def render(all_rules: Sequence[Rule]) -> str:
    lines = [
        "# HTTP headers of the site (Netlify and Cloudflare Pages read this file; README.md shows",
        "# nginx). Written by the build (travinh-security plugin): the policy's hashes are those",
        "# of the built pages' inline scripts. Paths are relative to the published folder.",
    ]
    for rule in all_rules:
        lines.append(rule.pattern)
        lines += [f"  {name}: {value}" for name, value in rule.headers]
    return "\n".join(lines) + "\n"


def parse(text: str) -> list[Rule]:
    """Read a ``_headers`` file (comments and blank lines ignored)."""
    parsed: list[Rule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            parsed.append(Rule(line.strip(), ()))
        elif parsed and ":" in line:
            name, value = line.strip().split(":", 1)
            last = parsed[-1]
            parsed[-1] = Rule(last.pattern, (*last.headers, (name.strip(), value.strip())))
    return parsed


def headers_for(all_rules: Sequence[Rule], path: str) -> list[tuple[str, str]]:
    """The headers a host sends for ``path`` (site-relative, starting with "/")."""
    return [header for rule in all_rules if rule.matches(path) for header in rule.headers]


def nginx(all_rules: Sequence[Rule], prefix: str = "/") -> str:
    """The same headers as nginx ``add_header`` lines. nginx drops a server's ``add_header``
    lines inside any ``location`` that has its own, so each location repeats them."""
    every: Mapping[str, str] = {}
    lines = [
        "# Generated from site/_headers by scripts/site_headers.py; include it in the server",
        "# block that serves site/. Regenerate it after every build (the hashes change).",
    ]
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    for rule in all_rules:
        if rule.pattern == "/*":
            every = dict(rule.headers)
            lines += [_add_header(name, value, "") for name, value in rule.headers]
    for rule in all_rules:
        if rule.pattern == "/*":
            continue
        path = prefix + rule.pattern.lstrip("/")
        if path.endswith("/*"):
            location = f"location ^~ {path[:-1]} {{"
        elif "*" in path:
            regex = ".*".join(re.escape(part) for part in path.split("*"))
            location = f"location ~ ^{regex}$ {{"
        else:
            location = f"location = {path} {{"
        merged = {**every, **dict(rule.headers)}
        lines.append(location)
        lines += [_add_header(name, value, "    ") for name, value in merged.items()]
        lines.append("}")
    return "\n".join(lines) + "\n"


def _add_header(name: str, value: str, indent: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{indent}add_header {name} "{escaped}" always;'


def _origin(prefix: str) -> str:
    match = re.match(r"^([a-z][a-z0-9+.-]*://[^/]+)", prefix, re.IGNORECASE)
    return match.group(1) if match else prefix
