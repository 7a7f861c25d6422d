"""The cards already drawn, kept by a hash of everything that goes into them.

A card's key is the SHA-256 of what it shows (:class:`~.render.Card`: title, site name,
section, language, colour), the source of the code that draws it (:mod:`.render`,
:mod:`.layout` and this module), the versions of Pillow and its text libraries, and the fonts'
own hashes. A rebuild with nothing changed draws nothing; a changed title draws that one card
again. The cards live in ``.cache/cards/<key>.png`` (git-ignored), from where the build
publishes them.

The parallel build runs one process per language, and languages share a card (a page shown in
Vietnamese at its English and Khmer addresses has the Vietnamese page's card): a card is drawn
under a lock on its key, so that one process draws it while another waits and then finds it,
and it is written to a temporary file renamed into place, so that nobody reads half a card.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from filelock import FileLock

from travinh_site.cards import layout, render
from travinh_site.cards.render import Card, Painter
from travinh_site.text.fonts import FontSet

SUFFIX = ".png"


def renderer_fingerprint() -> str:
    """What draws the cards: the source of the drawing code and the libraries' versions."""
    digest = hashlib.sha256()
    for source in (render.__file__, layout.__file__, __file__):
        assert source is not None
        digest.update(Path(source).read_bytes())
    digest.update(render.renderer_versions().encode())
    return digest.hexdigest()


@dataclass
class Store:
    folder: Path
    font_set: FontSet
    rendered: int = 0
    cached: int = 0
    _painter: Painter | None = field(default=None, repr=False)
    _fingerprint: str = field(default="", repr=False)

    def key(self, card: Card) -> str:
        if not self._fingerprint:
            self._fingerprint = renderer_fingerprint()
        inputs = {
            "card": asdict(card),
            "renderer": self._fingerprint,
            "fonts": self.font_set.fingerprint,
        }
        text = json.dumps(inputs, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def ensure(self, card: Card) -> tuple[str, Path]:
        """The card's key and file, drawn now if it is not in the store yet."""
        key = self.key(card)
        target = self.path(key)
        if target.is_file():
            self.cached += 1
            return key, target
        locks = self.folder / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        with FileLock(locks / f"{key[:2]}.lock"):
            if target.is_file():  # drawn by another process while we waited
                self.cached += 1
                return key, target
            data = render.png(card, self.painter)
            partial = self.folder / f".{key}.{os.getpid()}.partial"
            partial.write_bytes(data)
            os.replace(partial, target)
            self.rendered += 1
        return key, target

    @property
    def painter(self) -> Painter:
        if self._painter is None:
            self._painter = Painter(self.font_set)
        return self._painter
