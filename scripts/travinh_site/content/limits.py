"""Limits on the Markdown shapes that Python-Markdown cannot render in time linear in a page.

Python-Markdown renders nested blocks by recursion: a list nested a few hundred levels deep ends
in ``RecursionError``, and each level costs more than the one before. Its link patterns scan
from every ``[`` to the end of the paragraph for the closing bracket: thousands of unclosed
``[`` (or of ``(`` after ``](``) in one paragraph take minutes. No page needs either (the
site's deepest list has three levels), so a page beyond these limits is refused before it is
rendered, with its line and the fix; within them, rendering time grows linearly with the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mkdocs.utils.meta import YAML_RE

from travinh_site.errors import Problem

# Levels of blocks inside blocks (lists, quotes, admonitions, <div markdown>); Python-Markdown
# reaches its recursion limit near 120 list levels.
MAX_NESTING = 20
# "[" (or "(" of a link's address) open at once in one paragraph, never closed or nested; each
# costs a scan of the rest of the paragraph.
MAX_UNCLOSED = 100
TAB = 4  # Python-Markdown's tab_length: one level of indentation

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_QUOTES = re.compile(r"^(?:\s*>)+")
_MARKDOWN_BLOCK = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\bmarkdown\b", re.IGNORECASE)
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class _Block:
    """A paragraph of the source (lines between blank lines), or one row of a table."""

    line: int
    text: str


def problems(text: str, shown_as: str) -> list[Problem]:
    """The places where ``text`` (a whole page, front matter included) goes beyond the limits:
    at most one problem of each kind, at its first line."""
    match = YAML_RE.match(text)
    first_line = text[: match.end()].count("\n") + 1 if match else 1
    lines = _without_code(text[match.end() :] if match else text)
    found: list[Problem] = []
    deep = _too_deep(lines)
    if deep is not None:
        depth, index = deep
        found.append(
            Problem(
                shown_as,
                f"blocks are nested {depth} levels deep here (lists in lists, quotes in quotes); "
                f"pages may nest at most {MAX_NESTING}.",
                "flatten the list: split it into several lists, or turn its inner levels into "
                "paragraphs or a table.",
                first_line + index,
                problem_vi=f"các khối lồng nhau sâu {depth} cấp ở đây (danh sách trong danh sách, "
                f"trích dẫn trong trích dẫn); trang chỉ được lồng tối đa {MAX_NESTING} cấp.",
                fix_vi="làm phẳng danh sách: tách thành nhiều danh sách, hoặc chuyển các cấp "
                "bên trong thành đoạn văn hoặc bảng.",
            )
        )
    for block in _blocks(lines):
        unclosed = _unclosed(block.text)
        if unclosed is not None:
            count, bracket = unclosed
            found.append(
                Problem(
                    shown_as,
                    f"this paragraph has {count} '{bracket}' open at once (never closed, or "
                    f"nested); Markdown allows at most {MAX_UNCLOSED} (each one slows the "
                    "build).",
                    f"close each '{bracket}' or remove it; to show the character itself, write "
                    f"'\\{bracket}'.",
                    first_line + block.line,
                    problem_vi=f"đoạn văn này có {count} dấu '{bracket}' cùng mở một lúc "
                    f"(không được đóng, hoặc lồng nhau); Markdown chỉ cho phép tối đa "
                    f"{MAX_UNCLOSED} dấu (mỗi dấu làm chậm việc tạo trang).",
                    fix_vi=f"hãy đóng mỗi dấu '{bracket}' hoặc xoá nó; để hiện chính ký tự "
                    f"đó, hãy viết '\\{bracket}'.",
                )
            )
            break
    return found


def _without_code(text: str) -> list[str]:
    """The lines of ``text``, those of fenced code blocks left empty: code is not Markdown."""
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        fenced = _FENCE.match(line)
        if fence is not None:
            if fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence):
                fence = None
            lines[index] = ""
        elif fenced:
            fence = fenced.group(1)
            lines[index] = ""
    return lines


def _too_deep(lines: list[str]) -> tuple[int, int] | None:
    """The first line (0-based) nested deeper than the limit, with its depth."""
    open_blocks: list[str] = []  # <div markdown> and the like, innermost last
    for index, line in enumerate(lines):
        stripped = line.lstrip(" \t")
        columns = len(line[: len(line) - len(stripped)].expandtabs(TAB))
        quotes = _QUOTES.match(line)
        depth = columns // TAB + (quotes.group().count(">") if quotes else 0)
        for tag in _MARKDOWN_BLOCK.findall(line):
            open_blocks.append(tag.lower())
        depth += len(open_blocks)
        for closing in re.findall(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>", line):
            if open_blocks and open_blocks[-1] == closing.lower():
                open_blocks.pop()
        if depth > MAX_NESTING:
            return depth, index
    return None


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """Paragraphs (a table: each row on its own, as Markdown renders its cells apart)."""
    start = 0
    for index in range(len(lines) + 1):
        if index < len(lines) and lines[index].strip():
            continue
        block = lines[start:index]
        if len(block) > 1 and _TABLE_SEPARATOR.match(block[1]):
            yield from (_Block(start + offset, row) for offset, row in enumerate(block))
        elif block:
            yield _Block(start, "\n".join(block))
        start = index + 1


def _unclosed(text: str) -> tuple[int, str] | None:
    """How many "[" (or "(") of ``text`` are open at once at most (never closed, or nested),
    when over the limit."""
    if text.count("[") <= MAX_UNCLOSED and text.count("(") <= MAX_UNCLOSED:
        return None  # the common case: too few to matter, whatever their order
    text = re.sub(r"\\.", "", text)  # escaped brackets are text
    for opening, closing in (("[", "]"), ("(", ")")):
        depth = deepest = 0
        for character in text:
            if character == opening:
                depth += 1
                deepest = max(deepest, depth)
            elif character == closing and depth:
                depth -= 1
        if deepest > MAX_UNCLOSED:
            return deepest, opening
    return None
