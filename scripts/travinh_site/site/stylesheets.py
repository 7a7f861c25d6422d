"""The site's own stylesheets (mkdocs.yml ``extra_css``) served as one file.

Every stylesheet linked in the head blocks the first paint: a phone on a slow network opens a
connection (or waits for a free one: six per host over HTTP/1.1) for each, and paints nothing
until the last one has arrived. Seven small files cost the home page about 0.3 s of its first
contentful paint in Lighthouse's mobile run (benchmarks/page_weight.py, README.md); one file
with the same rules in the same order does not, and styles the same (the cascade follows
the order of the rules, which is kept).

The files are combined only when that cannot change what they mean: all in one folder (their
relative ``url()``s resolve from the combined file as from each), no ``@import`` or
``@charset`` (valid only at the top of a stylesheet), no absolute URL. Otherwise the pages link
them one by one, as MkDocs does.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

COMBINED_NAME = "extra.css"
_TOP_ONLY = re.compile(r"@(import|charset)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Combined:
    path: str  # site-relative, in the folder of the stylesheets it combines
    content: str


def combine(paths: Sequence[str], read: Callable[[str], str | None]) -> Combined | None:
    """The stylesheets at ``paths`` (site-relative) as one, in their order; None when they
    should stay separate or one of them cannot be read (``read`` gives None)."""
    if len(paths) < 2:
        return None
    if any("://" in path or path.startswith(("/", "//")) for path in paths):
        return None
    folders = {posixpath.dirname(path) for path in paths}
    if len(folders) != 1:
        return None
    parts = []
    for path in paths:
        text = read(path)
        if text is None or _TOP_ONLY.search(text):
            return None
        parts.append(f"/* {posixpath.basename(path)} */\n{text.strip()}\n")
    folder = folders.pop()
    return Combined(posixpath.join(folder, COMBINED_NAME), "\n".join(parts))
