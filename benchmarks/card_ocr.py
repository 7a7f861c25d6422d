#!/usr/bin/env python3
"""How well Tesseract reads the social cards back: every page title of the site, drawn shaped
(Pillow's raqm layout, as the build draws it) and unshaped (Pillow's basic layout, the broken
drawing the card test must catch), with the errors counted as tests/test_cards_ocr.py counts
them (tests/ocr.py: the title's box, one Tesseract language per script, errors against a limit
of max(2, 10 %) for Khmer and max(1, 3 %) for Latin). Also the card files' sizes, per language.

    .venv/bin/python benchmarks/card_ocr.py [--site site]   # after `make site`

Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests import ocr  # noqa: E402 - after the path is set
from tests.test_cards_ocr import CONTROLS, CROP  # noqa: E402
from travinh_site.cards import render  # noqa: E402
from travinh_site.cards.render import Card, Painter  # noqa: E402
from travinh_site.text import fonts  # noqa: E402

NAMES = {"vi": "Trà Vinh", "en": "Tra Vinh", "km": "ត្រាវិញ"}


def titles(site: Path) -> list[tuple[str, str, Path]]:
    """(language, title, card file) of every page that names a card, once per card."""
    found: dict[Path, tuple[str, str, Path]] = {}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        image = re.search(r'<meta property="og:image" content="[^"]*?/(assets/cards/[^"]+)"', text)
        title = re.search(r'<meta property="og:title" content="([^"]*)"', text)
        if image and title:
            path = site / image.group(1)
            found[path] = (image.group(1).split("/")[2], html.unescape(title.group(1)), path)
    return list(found.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=PROJECT / "site")
    args = parser.parse_args()
    font_set = fonts.font_set()
    shaped, unshaped = Painter(font_set), Painter(font_set, shaping=False)
    cards = titles(args.site)
    sizes: dict[str, list[int]] = defaultdict(list)
    for language, _title, path in cards:
        sizes[language].append(path.stat().st_size)
    for language, values in sorted(sizes.items()):
        print(f"cards {language}: {len(values)}, {min(values):,}-{max(values):,} bytes")

    def read(entry: tuple[str, str, bool]) -> tuple[str, str, bool, ocr.Reading]:
        language, title, shaping = entry
        painter = shaped if shaping else unshaped
        card = Card(title, NAMES[language], "", language, "#0d47a1")
        image = render.draw(card, painter).crop(CROP)
        return language, title, shaping, ocr.compare(title, image, language)

    entries = [(language, title, shaping) for language, title, _p in cards for shaping in (1, 0)]
    entries += [("km", title, shaping) for title in CONTROLS for shaping in (True, False)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # one Tesseract per core
        readings = list(pool.map(read, entries))
    print(f"\n{'':4} {'layout':8} {'titles':>6} {'read':>5} {'errors':>7} {'worst':>14}")
    for language in ("km", "vi", "en"):
        for shaping in (True, False):
            group = [
                r
                for lang, _t, s, r in readings[: 2 * len(cards)]
                if lang == language and s == shaping
            ]
            if not group:
                continue
            errors = [r.khmer[0] + r.latin[0] for r in group]
            worst = max(
                group, key=lambda r: (r.khmer[0] + r.latin[0]) / max(1, r.khmer[1] + r.latin[1])
            )
            print(
                f"{language:4} {'raqm' if shaping else 'basic':8} {len(group):6d} "
                f"{sum(r.passes for r in group):5d} {sum(errors):7d}   "
                f"{worst.khmer[0] + worst.latin[0]}/{worst.khmer[1] + worst.latin[1]} "
                f"{worst.expected}"
            )
    print("\ncontrols (Khmer, several subscripts and pre-base vowels): errors / characters (limit)")
    for _language, title, shaping, reading in readings[2 * len(cards) :]:
        limit = ocr.khmer_limit(reading.khmer[1])
        verdict = "read" if reading.passes else "NOT read"
        print(
            f"  {'raqm ' if shaping else 'basic'} {reading.khmer[0]:2d}/{reading.khmer[1]} "
            f"({limit}) {verdict:8s} {title}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
