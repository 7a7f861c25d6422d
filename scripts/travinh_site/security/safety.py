"""Content safety: what a page written by an editor may not contain.

Editors are trusted, but their accounts can be stolen, and whatever a page carries is served
with the site's name on it. Markdown lets raw HTML through, so a page could run a script,
frame another site, send a form elsewhere or pull in remote styles. Each page is checked as
Python-Markdown rendered it (code blocks and code spans are text there, character references
are decoded as a browser would, and attributes set with ``{ … }`` are included), and each
finding is located in the Markdown source by the text that produced it, code masked the way
:mod:`travinh_site.content.links` masks it.

Refused: ``<script>``; ``<iframe>``/``<frame>`` except from the addresses allowed in
``mkdocs.yml``; elements that load or redirect (``<object>``, ``<embed>``, ``<base>``,
``<meta>``, ``<link>``, ``<form>``); elements whose content browsers do not read as markup
(``<noscript>``, ``<textarea>``, ``<xmp>``…: what hides inside them from a check runs in a
browser); event attributes (``onclick=…``); ``javascript:`` and ``vbscript:`` URLs and
``data:`` URLs other than images; anything the browser would fetch from another host by itself
(an image, a ``srcset``, a video, an SVG ``<image>`` or ``<use>``: a tracking pixel in every
visitor's browser), while links to other sites stay allowed; remote ``@import``, ``url()``,
``image-set()`` and strings in ``<style>`` and ``style=``, however CSS escapes spell them;
``position: fixed`` or ``absolute`` and ``z-index`` (content laid over the page); a comment or
``<style>`` left open (it would swallow the rest of the page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.entities import codepoint2name
from urllib.parse import urlsplit

from travinh_site.content.links import mask_code
from travinh_site.errors import Problem
from travinh_site.text import html5

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
# Elements whose content browsers read as text, not markup, where a check reading it as
# markup (or the other way round) would see other elements than the browser: refused too.
for _name in ("noscript", "textarea", "xmp", "plaintext", "noembed", "noframes", "title"):
    FORBIDDEN[_name] = (
        "makes browsers read what follows differently from how the site checks it",
        "khiến trình duyệt đọc phần tiếp theo khác với cách trang web kiểm tra nó",
    )
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
# URL attributes a browser follows only when the visitor chooses to (a link, a citation); every
# other one it fetches by itself as the page loads, so a remote one is refused.
FOLLOWED_ONLY = {("a", "href"), ("area", "href"), ("a", "xlink:href")}
# Citations, and a form's target (forms are refused: a button's alone sends nothing).
NOT_FETCHED = frozenset({"cite", "longdesc", "action", "formaction"})
_SCRIPT_SCHEME = re.compile(r"(javascript|vbscript):")
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
# In CSS: an @import, a url() (quoted or not), or a string (image-set("…"), src("…")).
_CSS_REFERENCE = re.compile(
    r"(?P<import>@import\s*)?"
    r"(?:url\(\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<bare>[^)\s]*))"
    r"|\"(?P<string>[^\"]*)\"|'(?P<string_single>[^']*)')",
    re.IGNORECASE,
)
# A remote address anywhere in CSS, for what the references above might misread.
_CSS_ANY_REMOTE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*:)?//[^\s\"'()\\]+", re.IGNORECASE)
# "\75 rl(" is "url(": CSS escapes are decoded before anything is looked for.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\r\n|[\n\r\f])|(.))", re.DOTALL)
_CSS_URL_GROUPS = ("double", "single", "bare", "string", "string_single")
# Content laid over the page: taken out of its flow, or stacked above the header and menu
# (any z-index does it, with a negative margin or a sticky position).
_CSS_OVERLAY = re.compile(
    r"\b(?:position\s*:\s*(?:fixed|absolute)\b|z-index\s*:\s*[^;}\s]+)", re.IGNORECASE
)
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
    """Everything unsafe in a page's rendered content, in document order. It is parsed as a
    browser parses it where it ends up, inside ``<article>`` (:func:`html5.fragment`), so the
    check sees the elements that would be built, SVG's and MathML's included."""
    content = html5.fragment(page_html)
    findings: list[Finding] = []
    for element in content.elements:
        findings.extend(_inspect_element(element, frames))
        if element.name == "style":
            where = ("a <style> element", "một thẻ <style>", r"<\s*style\b")
            findings.extend(_inspect_css(element.text, *where))
    # What swallows the rest (raw text elements other than <style> are refused already).
    if content.left_open == "style":
        findings.append(_unclosed("<style>", "<style>", r"<\s*style\b", "</style>", "</style>"))
    elif content.left_open == "comment":
        findings.append(_unclosed("comment <!--", "chú thích <!--", "<!--", "-->", "-->"))
    elif content.left_open == "tag":
        findings.append(
            _unclosed(
                "tag (or a quoted attribute value)",
                "thẻ (hoặc giá trị thuộc tính trong dấu ngoặc kép)",
                r"<[a-z][^>]*$",
                "'>' (or the closing quote)",
                "'>' (hoặc dấu ngoặc kép đóng)",
            )
        )
    return findings


def _unclosed(what: str, what_vi: str, pattern: str, closing: str, closing_vi: str) -> Finding:
    return Finding(
        f"a {what} is never closed: browsers would swallow the rest of the page into it.",
        f"close it with {closing}, or remove it.",
        pattern,
        f"{what_vi} không được đóng: trình duyệt sẽ nuốt phần còn lại của trang vào trong nó.",
        f"hãy đóng nó bằng {closing_vi}, hoặc xoá nó.",
    )


def _inspect_element(element: html5.Element, frames: Sequence[FrameRule]) -> list[Finding]:
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


def _inspect_frame(element: html5.Element, frames: Sequence[FrameRule], tag: str) -> list[Finding]:
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
        found.extend(_inspect_css(value, *where, r"\bstyle\s*="))
    if attribute not in URL_ATTRIBUTES and attribute not in ANIMATION_ATTRIBUTES:
        return found
    if "srcset" in attribute:
        urls = [part.split()[0] for part in value.split(",") if part.strip()]
    elif attribute in ANIMATION_ATTRIBUTES:  # "a;b;c": each may become the target
        urls = value.split(";")
    else:
        urls = [value]
    # What the browser fetches by itself; a frame's address has its own rule, and a forbidden
    # element is refused once, whatever it points to.
    fetched = not (
        (element, attribute) in FOLLOWED_ONLY
        or attribute in NOT_FETCHED
        or element in FORBIDDEN
        or element in FRAMES
    )
    for url in urls:
        # Browsers drop tabs and line breaks in a URL and read "\" as "/".
        plain = _CONTROL.sub("", url).replace("\\", "/").lower()
        start = _SRCSET_START if "srcset" in attribute else _URL_START
        scheme = _SCRIPT_SCHEME.match(plain)
        if scheme:
            found.append(
                Finding(
                    f"the {attribute} of <{element}> is a '{scheme.group(1)}:' address, which "
                    "runs a program when used.",
                    "link to a page of the site or to a web address (https://…) instead.",
                    _locating(start, url),
                    f"{attribute} của thẻ <{element}> là một địa chỉ '{scheme.group(1)}:', sẽ "
                    "chạy một chương trình khi được dùng.",
                    "hãy liên kết tới một trang của trang web hoặc một địa chỉ web (https://…).",
                )
            )
        elif plain.startswith("data:"):
            if attribute in URL_ATTRIBUTES and not (
                (element, attribute) in IMAGE_SOURCES and plain.startswith("data:image/")
            ):
                found.append(
                    Finding(
                        f"the {attribute} of <{element}> is a 'data:' address, which can hold a "
                        "whole page or program.",
                        "put the file in assets/ and link to it.",
                        _locating(start, url),
                        f"{attribute} của thẻ <{element}> là một địa chỉ 'data:', có thể chứa "
                        "cả một trang hoặc một chương trình.",
                        "hãy đặt tệp vào thư mục assets/ và liên kết tới tệp đó.",
                    )
                )
        elif fetched and _REMOTE.match(plain):
            found.append(
                Finding(
                    f"the {attribute} of <{element}> loads '{url.strip()}' from another site: "
                    "every visitor's browser would request it (a tracking pixel, for one).",
                    "put the file in assets/images/ and refer to it there (EDITING.md, "
                    "'Images'); a link to another site (<a href>) is fine.",
                    _locating(start, url),
                    f"{attribute} của thẻ <{element}> tải '{url.strip()}' từ một trang web khác: "
                    "trình duyệt của mọi người xem sẽ gửi yêu cầu tới đó (ví dụ một điểm ảnh "
                    "theo dõi).",
                    "hãy đặt tệp vào thư mục assets/images/ và tham chiếu tới đó (EDITING.md, mục "
                    "ảnh); liên kết tới trang web khác (<a href>) thì được phép.",
                )
            )
    return found


def _locating(start: str, url: str) -> str:
    """The pattern that finds ``url`` in the source after ``start`` (built for a finding only:
    a URL's every spelling makes a long pattern, and most URLs are fine)."""
    return start + _spelled(url.strip()[:_LOCATING_LENGTH])


def _inspect_css(css: str, where: str, where_vi: str, located: str) -> list[Finding]:
    """Remote references (``@import``, ``url()``, strings as in ``image-set("…")``) and
    overlays in a style sheet or ``style`` attribute, its CSS escapes decoded first.
    ``located`` finds the element or attribute in the source, for a finding whose address
    the source spells otherwise (with escapes)."""
    decoded = decoded_css(css)
    remote: dict[str, bool] = {}  # address -> whether it is imported
    for match in _CSS_REFERENCE.finditer(decoded):
        url = next(
            match.group(group) for group in _CSS_URL_GROUPS if match.group(group) is not None
        )
        url = url.strip()
        if _REMOTE.match(url.replace("\\", "/")) and not url.lower().startswith("data:"):
            remote[url] = remote.get(url, False) or bool(match.group("import"))
    for match in _CSS_ANY_REMOTE.finditer(decoded):
        if not any(match.group() in url for url in remote):
            remote[match.group()] = False
    found: list[Finding] = []
    for url, imported in remote.items():
        pattern = re.escape(url) if url in css else located
        if imported:
            found.append(
                Finding(
                    f"{where} imports styles from '{url}', another site.",
                    "remove the @import; the site's styles are in assets/stylesheets/.",
                    pattern,
                    f"{where_vi} nhập kiểu trình bày từ '{url}', một trang web khác.",
                    "hãy xoá @import; kiểu trình bày của trang web nằm trong assets/stylesheets/.",
                )
            )
        else:
            found.append(
                Finding(
                    f"{where} loads '{url}' from another site.",
                    "put the file in assets/ and refer to it there, or remove it.",
                    pattern,
                    f"{where_vi} tải '{url}' từ một trang web khác.",
                    "hãy đặt tệp vào thư mục assets/ và tham chiếu tới đó, hoặc xoá nó.",
                )
            )
    for match in _CSS_OVERLAY.finditer(decoded):
        declaration = re.sub(r"\s*:\s*", ": ", match.group().lower())
        found.append(
            Finding(
                f"{where} sets '{declaration}', which can lay content over the page "
                "(its menu, its search, its text).",
                "remove it: what a page shows stays in its flow.",
                located,
                f"{where_vi} đặt '{declaration}', có thể phủ nội dung lên trên trang "
                "(trình đơn, ô tìm kiếm, văn bản).",
                "hãy xoá nó: nội dung của trang phải nằm trong dòng chảy của trang.",
            )
        )
    return found


def decoded_css(css: str) -> str:
    """``css`` with its escapes decoded (``\\75 rl(`` is ``url(``), as a browser reads it."""
    if "\\" not in css:
        return css

    def character(match: re.Match[str]) -> str:
        code, newline, other = match.groups()
        if newline is not None:  # an escaped line break continues a string
            return ""
        if other is not None:
            return other
        number = int(code, 16)
        valid = 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF
        return chr(number) if valid else "\ufffd"

    return _CSS_ESCAPE.sub(character, css)


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
# Before each URL of a srcset: the attribute's "=" or the "," after the previous one.
_SRCSET_START = r"(?:=\s*[\"']?|,)\s*"


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
