"""Brochures already made, kept by a hash of everything that goes into them: the whole HTML
document (every text, every image's fingerprinted name, the CSS), the fonts' hashes,
WeasyPrint's version and the source of the code that makes them. A build whose brochure pages
are unchanged makes none (and does not even import WeasyPrint); a change in any of them makes
that brochure again. Made under a lock on the key and renamed into place, as the cards."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from travinh_site.brochures import actual_text, document, pdf

SUFFIX = ".pdf"


def maker_fingerprint() -> str:
    digest = hashlib.sha256(pdf.version().encode())
    for source in (document.__file__, pdf.__file__, actual_text.__file__, __file__):
        assert source is not None
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()


@dataclass
class Store:
    folder: Path
    fonts_fingerprint: str
    made: int = 0
    cached: int = 0
    _fingerprint: str = ""

    def key(self, html: str) -> str:
        if not self._fingerprint:
            self._fingerprint = maker_fingerprint()
        digest = hashlib.sha256(f"{self._fingerprint}\n{self.fonts_fingerprint}\n".encode())
        digest.update(html.encode("utf-8"))
        return digest.hexdigest()

    def ensure(self, html: str, make: Callable[[], bytes]) -> Path:
        """The brochure's file, made now by ``make`` if it is not in the store yet."""
        key = self.key(html)
        target = self.folder / f"{key}{SUFFIX}"
        if target.is_file():
            self.cached += 1
            return target
        locks = self.folder / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        with FileLock(locks / f"{key[:2]}.lock"):
            if target.is_file():
                self.cached += 1
                return target
            data = make()
            partial = self.folder / f".{key}.{os.getpid()}.partial"
            partial.write_bytes(data)
            os.replace(partial, target)
            self.made += 1
        return target
