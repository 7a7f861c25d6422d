"""Content safety: what a page written by an editor may not contain.

Editors are trusted, but their accounts can be stolen, and whatever a page carries is served
with the site's name on it. Markdown lets raw HTML through, so a page could run a script,
frame another site, send a form elsewhere or pull in remote styles. Each page is checked as
Python-Markdown rendered it (code blocks and code spans are text there, character references
are decoded as a browser would, and attributes set with ``{ … }`` are included), and each
finding is located in the Markdown source by the text that produced it, code masked the way
:mod:`travinh_site.links` masks it.

Refused: ``<script>``; ``<iframe>``/``<frame>`` except from the addresses allowed in
``mkdocs.yml``; elements that load or redirect (``<object>``, ``<embed>``, ``<base>``,
``<meta>``, ``<link>``, ``<form>``); event attributes (``onclick=…``); ``javascript:`` and
``vbscript:`` URLs and ``data:`` URLs other than images; remote ``@import`` and ``url()`` in
``<style>`` and ``style=``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.entities import codepoint2name
from urllib.parse import urlsplit

from travinh_site import htmlscan
from travinh_site.errors import Problem
from travinh_site.links import mask_code

# Elements an editor's page may not contain, with why (completing "it ..."), in English and
# in Vietnamese.
FORBIDDEN = {
    "script": (
        "runs a program in every visitor's browser",
        "chạy một chương trình trong trình duyệt của mọi người xem",
    ),
    "object": ("runs plug-in content", "chạy nội dung của phần mềm bổ trợ"),
    "embed": ("runs plug-in content", "chạy nội dung của phần mềm bổ trợ"),
    "applet": ("runs plug-in content", "chạy nội dung của phần mềm bổ trợ"),
    "base": ("redirects every link of the page", "đổi đích của mọi liên kết trong trang"),
    "meta": (
        "can send visitors to another address",
        "có thể chuyển người xem sang một địa chỉ khác",
    ),
    "link": ("loads files into the page", "nạp thêm tệp vào trang"),
    "form": (
        "could send what visitors type to another site",
        "có thể gửi những gì người xem nhập sang một trang web khác",
    ),
    "frameset": ("replaces the page with other pages", "thay trang bằng các trang khác"),
}
FRAMES = ("iframe", "frame")
# Attributes holding a URL (``srcset`` holds several).
URL_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "data",
        "poster",
        "background",
        "cite",
        "longdesc",
        "ping",
        "srcset",
        "codebase",
        "manifest",
    ]
)
# SVG animation attributes that can set a link's target.
ANIMATION_ATTRIBUTES = frozenset({"values", "to", "from", "by"})
IMAGE_SOURCES = {("img", "src"), ("img", "srcset"), ("source", "srcset"), ("source", "src")}
_SCRIPT_SCHEME = re.compile(r"(javascript|vbscript):")
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?[\"']?(?P<url>[^\"')\s;]+)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*[\"']?(?P<url>[^\"')\s]+)", re.IGNORECASE)
_LOCATING_LENGTH = 40  # how much of a URL is looked for in the source to find its line
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a URL's scheme


@dataclass(frozen=True)
class Finding:
    """Something unsafe in a rendered page, with a pattern that finds it in the source."""

    problem: str
    fix: str
    pattern: str  # a regular expression (case-insensitive) matching it in the Markdown
    problem_vi: str
    fix_vi: str


@dataclass(frozen=True)
class FrameRule:
    """An allowed beginning of ``<iframe src>``: scheme, host and path prefix."""

    prefix: str

    def allows(self, url: str) -> bool:
        wanted, given = urlsplit(self.prefix), urlsplit(url.strip())
        return (
            given.scheme.lower() == wanted.scheme.lower()
            and given.netloc.lower() == wanted.netloc.lower()
            and given.path.startswith(wanted.path)
        )


def frame_rules(prefixes: Iterable[str], where: str = "mkdocs.yml") -> tuple[FrameRule, ...]:
    """Validate the allowed iframe addresses: absolute https:// URLs with a host and a path
    ending in "/" (so "https://maps.example/" cannot be stretched to "maps.example.evil")."""
    rules = []
    for prefix in prefixes:
        parts = urlsplit(prefix)
        if parts.scheme != "https" or not parts.netloc or not parts.path.endswith("/"):
            raise ValueError(
                f"{where}: allowed_iframes entry '{prefix}' must be the beginning of https "
                "addresses, ending with '/' (for example 'https://www.youtube-nocookie.com/embed/')."
            )
        rules.append(FrameRule(prefix))
    return tuple(rules)


def inspect(page_html: str, frames: Sequence[FrameRule] = ()) -> list[Finding]:
    """Everything unsafe in a page's rendered content, in document order."""
    document = htmlscan.parse(page_html)
    findings: list[Finding] = []
    for element in document.elements:
        findings.extend(_inspect_element(element, frames))
    for raw in document.raw_texts:
        if raw.element.name == "style":
            findings.extend(_inspect_css(raw.text, "a <style> element", "một thẻ <style>"))
    return findings


def _inspect_element(element: htmlscan.Element, frames: Sequence[FrameRule]) -> list[Finding]:
    name = element.name
    tag = rf"<\s*{re.escape(name)}\b"
    found: list[Finding] = []
    if name in FORBIDDEN:
        why, why_vi = FORBIDDEN[name]
        found.append(
            Finding(
                f"a <{name}> element is not allowed in a page: it {why}.",
                "remove it. A video or map can be embedded with <iframe> from an address "
                "allowed in mkdocs.yml (allowed_iframes); for anything else, ask a developer.",
                tag,
                f"không được dùng thẻ <{name}> trong trang: thẻ này {why_vi}.",
                "hãy xoá thẻ này. Có thể nhúng video hoặc bản đồ bằng <iframe> từ một địa chỉ "
                "được cho phép trong mkdocs.yml (allowed_iframes); với trường hợp khác, hãy hỏi "
                "người phát triển.",
            )
        )
    if name in FRAMES:
        found.extend(_inspect_frame(element, frames, tag))
    for attribute, value in element.attrs:
        if attribute.startswith("on"):
            found.append(
                Finding(
                    f"the attribute '{attribute}' on <{name}> runs a program in visitors' "
                    "browsers.",
                    f"remove '{attribute}=…'.",
                    rf"\b{re.escape(attribute)}\s*=",
                    f"thuộc tính '{attribute}' của thẻ <{name}> chạy một chương trình trong "
                    "trình duyệt của người xem.",
                    f"hãy xoá '{attribute}=…'.",
                )
            )
        elif value is not None:
            found.extend(_inspect_value(name, attribute, value))
    return found


def _inspect_frame(
    element: htmlscan.Element, frames: Sequence[FrameRule], tag: str
) -> list[Finding]:
    source = element.get("src") or ""
    allowed = ", ".join(f"'{rule.prefix}'" for rule in frames)
    if element.has("srcdoc") or not any(rule.allows(source) for rule in frames):
        shown = f"'{source}'" if source else "no address"
        shown_vi = f"'{source}'" if source else "không có địa chỉ"
        return [
            Finding(
                f"the <{element.name}> shows {shown}, which is not an allowed address "
                f"(allowed: {allowed or 'none'}).",
                "remove it, or ask a developer to add the address's beginning to allowed_iframes "
                "(travinh-security plugin) in mkdocs.yml.",
                tag,
                f"thẻ <{element.name}> hiển thị {shown_vi}, không phải một địa chỉ được cho phép "
                f"(được phép: {allowed or 'không có'}).",
                "hãy xoá thẻ này, hoặc nhờ người phát triển thêm phần đầu của địa chỉ vào "
                "allowed_iframes (plugin travinh-security) trong mkdocs.yml.",
            )
        ]
    if not (element.get("title") or "").strip():
        return [
            Finding(
                f"the <{element.name}> has no title: screen readers announce a frame by it.",
                'add title="…" saying what it shows, in the language of the page.',
                tag,
                f"thẻ <{element.name}> không có title: trình đọc màn hình giới thiệu khung nhúng "
                "bằng title.",
                'hãy thêm title="…" nói rõ nội dung được nhúng, bằng ngôn ngữ của trang.',
            )
        ]
    return []


def _inspect_value(element: str, attribute: str, value: str) -> list[Finding]:
    found: list[Finding] = []
    if attribute == "style":
        where = (f"the style attribute of <{element}>", f"thuộc tính style của thẻ <{element}>")
        found.extend(_inspect_css(value, *where))
    if attribute not in URL_ATTRIBUTES and attribute not in ANIMATION_ATTRIBUTES:
        return found
    if "srcset" in attribute:
        urls = [part.strip().split(" ")[0] for part in value.split(",")]
    elif attribute in ANIMATION_ATTRIBUTES:  # "a;b;c": each may become the target
        urls = value.split(";")
    else:
        urls = [value]
    for url in urls:
        plain = _CONTROL.sub("", url).lower()
        scheme = _SCRIPT_SCHEME.match(plain)
        if scheme:
            found.append(
                Finding(
                    f"the {attribute} of <{element}> is a '{scheme.group(1)}:' address, which "
                    "runs a program when used.",
                    "link to a page of the site or to a web address (https://…) instead.",
                    _URL_START + _spelled(url.strip()[:_LOCATING_LENGTH]),
                    f"{attribute} của thẻ <{element}> là một địa chỉ '{scheme.group(1)}:', sẽ "
                    "chạy một chương trình khi được dùng.",
                    "hãy liên kết tới một trang của trang web hoặc một địa chỉ web (https://…).",
                )
            )
        elif (
            plain.startswith("data:")
            and attribute in URL_ATTRIBUTES
            and not ((element, attribute) in IMAGE_SOURCES and plain.startswith("data:image/"))
        ):
            found.append(
                Finding(
                    f"the {attribute} of <{element}> is a 'data:' address, which can hold a "
                    "whole page or program.",
                    "put the file in assets/ and link to it.",
                    _URL_START + _spelled(url.strip()[:_LOCATING_LENGTH]),
                    f"{attribute} của thẻ <{element}> là một địa chỉ 'data:', có thể chứa cả "
                    "một trang hoặc một chương trình.",
                    "hãy đặt tệp vào thư mục assets/ và liên kết tới tệp đó.",
                )
            )
    return found


def _inspect_css(css: str, where: str, where_vi: str) -> list[Finding]:
    found: list[Finding] = []
    imports = list(_CSS_IMPORT.finditer(css))
    for match in imports:
        if _REMOTE.match(match.group("url")):
            found.append(
                Finding(
                    f"{where} imports styles from '{match.group('url')}', another site.",
                    "remove the @import; the site's styles are in assets/stylesheets/.",
                    re.escape(match.group("url")),
                    f"{where_vi} nhập kiểu trình bày từ '{match.group('url')}', một trang web "
                    "khác.",
                    "hãy xoá @import; kiểu trình bày của trang web nằm trong assets/stylesheets/.",
                )
            )
    imported = {match.group("url") for match in imports}
    for match in _CSS_URL.finditer(css):
        url = match.group("url")
        if _REMOTE.match(url) and not url.lower().startswith("data:") and url not in imported:
            found.append(
                Finding(
                    f"{where} loads '{url}' from another site.",
                    "put the file in assets/ and refer to it there, or remove it.",
                    re.escape(url),
                    f"{where_vi} tải '{url}' từ một trang web khác.",
                    "hãy đặt tệp vào thư mục assets/ và tham chiếu tới đó, hoặc xoá nó.",
                )
            )
    return found


def _spelled(word: str) -> str:
    """A pattern for ``word`` however a page may spell it: any letter as a character reference
    (``&#x61;``), with the tabs and line breaks browsers drop from a URL's scheme between."""
    ignored = r"(?:\s|&(?:tab|newline);|&#0*(?:9|10|13);|&#x0*(?:9|a|d);)*"
    letters = []
    for letter in word:
        if letter.isspace():  # Markdown may have turned a tab into spaces: any will do
            continue
        spellings = [re.escape(letter)]
        for code in sorted({ord(letter.lower()), ord(letter.upper())}):
            spellings += [f"&#0*{code};", f"&#x0*{code:x};"]
            if code in codepoint2name:
                spellings.append(f"&{codepoint2name[code]};")
        if letter == ":":
            spellings.append("&colon;")
        letters.append("(?:" + "|".join(spellings) + ")")
    return ignored.join(letters)


# What stands before a URL in Markdown or HTML: an attribute's "=", a link's "](", a
# reference definition's "]:", or a ";" between animation values.
_URL_START = r"(?:=\s*[\"']?|\]\(\s*<?|\]:\s*<?|;)\s*"


def locate(findings: Sequence[Finding], markdown: str, first_line: int) -> list[int | None]:
    """The source line of each finding: the n-th finding with a pattern is put on the n-th
    match of that pattern outside code and HTML comments (None when it cannot be found, for
    example when the source spells it with character references)."""
    masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), mask_code(markdown))
    seen: dict[str, int] = {}
    lines: list[int | None] = []
    for finding in findings:
        index = seen.get(finding.pattern, 0)
        seen[finding.pattern] = index + 1
        matches = list(re.finditer(finding.pattern, masked, re.IGNORECASE))
        if index < len(matches):
            lines.append(first_line + masked.count("\n", 0, matches[index].start()))
        else:
            lines.append(None)
    return lines


def check_page(
    page_html: str,
    markdown: str,
    shown_as: str,
    first_line: int = 1,
    frames: Sequence[FrameRule] = (),
) -> list[Problem]:
    """The problems of one page: ``page_html`` is its rendered content, ``markdown`` its body
    (without front matter), which starts on line ``first_line`` of ``shown_as``."""
    findings = inspect(page_html, frames)
    return [
        Problem(
            shown_as,
            finding.problem,
            finding.fix,
            line,
            problem_vi=finding.problem_vi,
            fix_vi=finding.fix_vi,
        )
        for finding, line in zip(findings, locate(findings, markdown, first_line), strict=True)
    ]
