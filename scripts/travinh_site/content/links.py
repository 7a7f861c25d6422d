"""Finding the links and images of a Markdown page, with their line numbers, and checking them.

MkDocs reports a broken link without its line ("Doc file 'x.md' contains a link 'y.md', but the
target is not found"). Editors need the line and a suggestion, so the page source is scanned
here: inline links and images, reference definitions and raw ``<a href>`` / ``<img src>``,
skipping fenced code blocks and code spans.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from travinh_site.errors import Problem

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_BRACKETED = r"(?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]]*\])*"  # nested once, no blank line
_INLINE = re.compile(
    r"(?P<image>!?)\[(?P<text>" + _BRACKETED + r")\]"
    r"\(\s*(?P<target><[^>\n]*>|[^\s()]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
    r"(?:\{(?P<attributes>[^{}\n]*)\})?"  # attr_list: ![alt](x.svg){ .decorative }
)
_DEFINITION = re.compile(r"^[ ]{0,3}\[(?P<text>[^\]\n]+)\]:[ \t]*(?P<target><[^>\n]*>|\S+)", re.M)
_RAW_HTML = re.compile(
    r"<(?P<tag>a|img)\b[^>]*?\b(?:href|src)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reference:
    line: int
    target: str
    is_image: bool
    text: str = ""  # the link text, or an image's alt text
    attributes: str = ""  # an attr_list right after it, without braces: " .decorative "
    syntax: str = "inline"  # "inline" ![x](y), "definition" [x]: y, or "html" <img src>


def mask_code(text: str) -> str:
    """``text`` with fenced code blocks and code spans blanked out, newlines kept."""
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[index] = ""
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            lines[index] = ""
    masked = "\n".join(lines)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)


def find_references(text: str, first_line: int = 1) -> list[Reference]:
    """Every link and image target in ``text``; ``first_line`` is the line ``text`` starts on."""
    masked = mask_code(text)

    def line_of(offset: int) -> int:
        return first_line + masked.count("\n", 0, offset)

    found: list[tuple[int, Reference]] = []
    for match in _INLINE.finditer(masked):
        target = match.group("target").strip("<>")
        is_image = bool(match.group("image"))
        reference = Reference(
            line_of(match.start()),
            target,
            is_image,
            text=match.group("text"),
            attributes=match.group("attributes") or "",
        )
        found.append((match.start(), reference))
    for match in _DEFINITION.finditer(masked):
        target = match.group("target").strip("<>")
        reference = Reference(
            line_of(match.start()), target, False, match.group("text"), syntax="definition"
        )
        found.append((match.start(), reference))
    for match in _RAW_HTML.finditer(masked):
        target = match.group("dq") if match.group("dq") is not None else match.group("sq")
        is_image = match.group("tag").lower() == "img"
        reference = Reference(line_of(match.start()), target, is_image, syntax="html")
        found.append((match.start(), reference))
    return [reference for _offset, reference in sorted(found, key=lambda item: item[0])]


def local_path(target: str) -> str | None:
    """The path part of a link to a file of this site, or None for external links and anchors."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def resolve(folder: str, target: str) -> str | None:
    """The path, from the root, of the file of this site that ``target`` (written in a file in
    ``folder``) points to; None for external links and anchors."""
    path = local_path(target)
    return posixpath.normpath(posixpath.join(folder, path)) if path else None


def check(
    references: Iterable[Reference],
    src_uri: str,
    shown_as: str,
    exists: Callable[[str], bool],
    candidates: Callable[[], Iterable[str]],
) -> list[Problem]:
    """Problems with the references of the page staged at ``src_uri``.

    ``exists`` says whether a staged path resolves to a file of the site (the i18n plugin's
    files resolve a page missing in one language to the default language's version);
    ``candidates()`` gives the staged paths offered as suggestions (asked for only when a
    reference is broken: listing them for every page would cost more than the check).
    """
    folder = posixpath.dirname(src_uri)
    problems = []
    known: list[str] | None = None  # the candidates, sorted
    for reference in references:
        path = local_path(reference.target)
        if path is None:
            continue
        kind = "image" if reference.is_image else "link"
        kind_vi = "ảnh" if reference.is_image else "liên kết"
        if path.startswith("/"):
            problems.append(
                Problem(
                    shown_as,
                    f"the {kind} '{reference.target}' starts with '/', so it breaks when the site "
                    "is published under a sub-path.",
                    "write it relative to this file, for example '../du-lich/ao-ba-om.md'.",
                    reference.line,
                    problem_vi=f"{kind_vi} '{reference.target}' bắt đầu bằng '/', nên sẽ hỏng khi "
                    "trang web được đăng ở một thư mục con.",
                    fix_vi="viết đường dẫn tính từ tệp này, ví dụ '../du-lich/ao-ba-om.md'.",
                )
            )
            continue
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if path.endswith("/"):
            resolved = posixpath.join(resolved, "index.md")
        if not resolved.startswith("../") and exists(resolved):
            continue
        if known is None:  # listed once, and only for a page with a broken reference
            known = sorted(candidates())
        fix, fix_vi = _suggestion(resolved, folder, known, reference.is_image)
        problems.append(
            Problem(
                shown_as,
                f"the {kind} '{reference.target}' points to a file that does not exist.",
                fix,
                reference.line,
                problem_vi=f"{kind_vi} '{reference.target}' trỏ tới một tệp không tồn tại.",
                fix_vi=fix_vi,
            )
        )
    return problems


def _suggestion(
    resolved: str, folder: str, candidates: list[str], is_image: bool
) -> tuple[str, str]:
    """The fix, in English and Vietnamese: the closest existing paths, relative to ``folder``."""
    pool = [c for c in candidates if c.endswith(".md") != is_image]
    # Compare file names (a typo is usually there), without their extension: '.md' alone would
    # make 'nowhere.md' look like 'index.md', and 'photo.jpg' for 'photo.png' is a likely
    # mistake. Files of the same name (index.md) come closest path first. A name like nothing
    # gets no suggestion rather than a page of the same folder.
    by_name: dict[str, list[str]] = {}
    for candidate in pool:
        by_name.setdefault(_stem(candidate), []).append(candidate)
    names = difflib.get_close_matches(_stem(resolved), list(by_name), n=3, cutoff=0.6)

    def distance(path: str) -> float:
        return -difflib.SequenceMatcher(None, path, resolved).ratio()

    close = [path for name in names for path in sorted(by_name[name], key=distance)]
    if close:
        quoted = [f"'{posixpath.relpath(path, folder or '.')}'" for path in close[:3]]
        return f"did you mean {' or '.join(quoted)}?", f"có phải ý bạn là {' hay '.join(quoted)}?"
    if is_image:
        return (
            "put the image in assets/images/ or correct the path (relative to this file).",
            "đặt ảnh vào thư mục assets/images/ hoặc sửa lại đường dẫn (tính từ tệp này).",
        )
    return (
        "correct the path (it is relative to this file) or create the page.",
        "sửa lại đường dẫn (tính từ tệp này) hoặc tạo trang đó.",
    )


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0]
