"""Translation stamps: which version of its Vietnamese source a translation was made from.

Each translation carries, in its front matter, a hash of the source's normalised text (and the
commit where one is known). A translation is *stale* when the source's hash has changed since;
this needs no git history, so it works on a shallow clone, after a rebase and without git::

    ---
    title: Ba Om Pond
    translation:
      source_hash: 9f2c4e1a7b3d5c60
      source_commit: 4e5d6c7        # optional
      status: draft                 # only while the translation is unfinished
      summary: true                 # a summary, not a full translation (the plan's page)
    ---

The hash covers what a translator translates: the title, the description and the body, after
normalising what does not change the meaning (line endings, Unicode form, trailing spaces,
runs of blank lines), so re-saving a file in another editor does not make translations stale.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from travinh_site.content import frontmatter

KEY = "translation"
DRAFT = "draft"
HASH_LENGTH = 16  # hex digits: plenty to tell versions of one page apart


@dataclass(frozen=True)
class Stamp:
    source_hash: str | None = None
    source_commit: str | None = None
    draft: bool = False
    # The translation summarises its source (the plan's English and Khmer pages): the figures
    # and dates of the source are not all expected in it.
    summary: bool = False


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def source_hash(text: str, shown_as: str = "source") -> str:
    """The hash of a source page's translatable text (front matter title, description, body)."""
    meta, body, _line = frontmatter.split(text, shown_as)
    return hash_of(meta, body)


def hash_of(meta: Mapping[str, Any], body: str) -> str:
    """:func:`source_hash` of a page already split into front matter and body."""
    parts = [
        "title",
        normalise(str(meta.get("title") or "")),
        "description",
        normalise(str(meta.get("description") or "")),
        "body",
        normalise(body),
    ]
    digest = hashlib.sha256("\n\0".join(parts).encode("utf-8")).hexdigest()
    return digest[:HASH_LENGTH]


def read_stamp(meta: Mapping[str, Any]) -> Stamp:
    block = meta.get(KEY)
    if not isinstance(block, Mapping):
        return Stamp()
    source = block.get("source_hash")
    commit = block.get("source_commit")
    return Stamp(
        source_hash=str(source) if source else None,
        source_commit=str(commit) if commit else None,
        draft=block.get("status") == DRAFT,
        summary=block.get("summary") is True,
    )


def with_stamp(text: str, stamp: Stamp) -> str:
    """``text`` (a translation's file) with its ``translation:`` block set to ``stamp``.

    Only that block is rewritten; every other line of the front matter is kept as written.
    """
    block = [f"{KEY}:"]
    # Quoted where YAML would read them otherwise: a commit "0123456" is an octal number.
    if stamp.source_hash:
        block.append(f"  source_hash: {frontmatter.scalar_text(stamp.source_hash)}")
    if stamp.source_commit:
        block.append(f"  source_commit: {frontmatter.scalar_text(stamp.source_commit)}")
    if stamp.draft:
        block.append(f"  status: {DRAFT}")
    if stamp.summary:
        block.append("  summary: true")
    if len(block) == 1:
        block = []
    match = frontmatter.YAML_RE.match(text)
    if not match:
        if not block:
            return text
        return "---\n" + "\n".join(block) + "\n---\n\n" + text
    lines = match.group(1).split("\n")[:-1]  # the group ends with a newline
    kept: list[str] = []
    skipping = False
    for line in lines:
        if re.match(rf"{KEY}\s*:", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    head = "\n".join([*kept, *block])
    return f"---\n{head}\n---\n" + text[match.end() :]
