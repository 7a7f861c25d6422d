"""The glossary's checks on one page: the terms it uses and the sources of its figures.

Run by :func:`travinh_site.content.checks.check_content` on every published page (a draft
translation is checked once it is finished). What a visitor reads is checked: the title, the
description and the body's prose (link texts, tables and source lines included; code, link
targets, HTML tags and data-block lines not; nor ``todo:``, which is for editors).
"""

from __future__ import annotations

import re

from travinh_site.content import figures, frontmatter
from travinh_site.content.glossary import Glossary, variant_problem, variants
from travinh_site.content.links import mask_code
from travinh_site.errors import Problem

_KEY = re.compile(r"^(title|description)[ \t]*:", re.M)
_HIDDEN = (
    re.compile(r"(?<=\])\([^)\n]*\)"),  # link targets
    re.compile(r"<[^>\n]*>"),  # HTML tags
    re.compile(r"https?://\S+"),
    re.compile(r"^[ \t]*\{\{.*\}\}[ \t]*$", re.M),  # data blocks
    re.compile(r"\{[ \t]*[:.#][^}\n]*\}"),  # attribute lists
)


def problems(glossary: Glossary, code: str, shown_as: str, text: str) -> list[Problem]:
    """The glossary problems of a page (``text`` is its whole file, already decoded)."""
    meta, body, first_line = frontmatter.split(text, shown_as)
    lines = meta_lines(text)
    found: list[Problem] = []
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str):
            found += _variants(glossary, code, shown_as, " ".join(value.split()), lines[key])
    found += _variants(glossary, code, shown_as, visible(body), first_line)
    found += figures.problems(glossary, code, shown_as, meta, lines, body, first_line)
    return sorted(found, key=lambda problem: problem.line or 0)


def meta_lines(text: str) -> dict[str, int]:
    """The line of the front matter's ``title`` and ``description`` (1 when absent)."""
    text = frontmatter.normalise_newlines(text)
    head = text[: text.find("\n---", 3) + 1] if text.startswith("---") else ""
    lines = {"title": 1, "description": 1}
    for match in _KEY.finditer(head):
        lines[match.group(1)] = head.count("\n", 0, match.start()) + 1
    return lines


def visible(body: str) -> str:
    """``body`` with what a visitor does not read blanked out (lines and offsets kept)."""
    text = mask_code(body)
    for pattern in _HIDDEN:
        text = pattern.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
    return text


def _variants(
    glossary: Glossary, code: str, shown_as: str, text: str, first_line: int
) -> list[Problem]:
    return [
        variant_problem(shown_as, first_line + text.count("\n", 0, found.start), found, code)
        for found in variants(glossary, text, code)
    ]
