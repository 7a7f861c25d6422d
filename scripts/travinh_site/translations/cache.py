"""A cache of per-page analyses, by content hash (as Material's optimize plugin caches images).

Reading, counting and checking every page is most of a coverage run's cost; a page whose
source and translations are byte for byte what they were last time gives the same result. Each
entry is keyed by a hash of those files, the settings, and the code and CLDR data that produce
the result (:func:`fingerprint`), so an edit to any of them is a miss, never a stale answer.
The file lives in ``.cache/`` (never committed) and keeps only the entries of the last run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import babel

# Raised when the layout of an entry changes (2: problems carry their Vietnamese; 3: a source
# says the languages a news post is published in).
FORMAT = 3
# The modules whose code decides an entry's content (relative to the package's root).
_MODULES = (
    "translations/coverage.py",
    "translations/cache.py",
    "translations/checks.py",
    "translations/quantities.py",
    "content/stamps.py",
    "content/frontmatter.py",
    "content/links.py",
    "content/posts.py",
)


@functools.cache
def fingerprint() -> str:
    digest = hashlib.sha1(f"{FORMAT}\0{babel.__version__}".encode())
    here = Path(__file__).parent.parent
    for name in _MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


# Where the build and scripts/check_translations.py keep it (one file: each profits from the
# other's work), relative to the project.
DEFAULT_PATH = ".cache/translation-coverage.json"


class AnalysisCache:
    """Entries (JSON-compatible values) by key; ``path`` None keeps nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        if path is None or not path.is_file():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # a damaged cache is only a slower run
        if isinstance(data, dict) and data.get("fingerprint") == fingerprint():
            self._old = data.get("entries") or {}

    def get(self, key: str) -> Any | None:
        value = self._old.get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        if self.path is None or self._used.keys() == self._old.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        data = {"fingerprint": fingerprint(), "entries": self._used}
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.path)
