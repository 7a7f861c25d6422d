"""Tesseract reads every social card of the project's own site back (Khmer, Vietnamese, English
titles), and fails on cards drawn wrongly: the test of the test (tests/ocr.py for how a card is
read and compared)."""

from __future__ import annotations

import html
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from tests import ocr
from tests.conftest import BuildResult
from travinh_site.cards import render
from travinh_site.cards.render import TITLE_BOX, Card, Painter
from travinh_site.text import fonts
from travinh_site.text.fonts import Script

# The title's box, with a margin: nothing else is drawn there.
CROP = (TITLE_BOX.left - 12, TITLE_BOX.top - 6, TITLE_BOX.right + 12, TITLE_BOX.bottom + 6)
# Khmer titles whose basic (unshaped) drawing is visibly wrong: several subscripts and pre-base
# vowels. (A title with one subscript that looks like its full letter, ពិធីបុណ្យអកអំបុក, reads
# back right even unshaped, so it could not show anything.) The third is a real page title.
CONTROLS = (
    "ព្រះវិហារ ស្ត្រី ក្សត្រ ស្រ្តី ខ្សែ ត្រចៀកកាំ ស្ពាន ប្អូន",
    "ប្រាសាទ និងវត្តអារាមខ្មែរនៅត្រាវិញ",
    "ហេតុអ្វីត្រូវវិនិយោគនៅតំបន់ត្រាវិញ",
)


def cards_of(site: Path) -> list[tuple[str, str, str, Path]]:
    """(page, language, title, card file) of every page that names a card."""
    found = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text("utf-8")
        image = re.search(r'<meta property="og:image" content="[^"]*?/(assets/cards/[^"]+)"', text)
        if image is None:
            continue
        title = re.search(r'<meta property="og:title" content="([^"]*)"', text)
        assert title is not None, page
        language = image.group(1).split("/")[2]  # assets/cards/<language>/...
        found.append(
            (
                str(page.relative_to(site)),
                language,
                html.unescape(title.group(1)),
                site / image.group(1),
            )
        )
    return found


def test_tesseract_reads_the_title_of_every_card_of_the_site(project_build: BuildResult):
    cards = cards_of(project_build.site)
    languages = {language for _page, language, _title, _path in cards}
    assert languages == {"vi", "en", "km"} and len(cards) >= 90

    def reading(entry: tuple[str, str, str, Path]) -> tuple[str, ocr.Reading]:
        page, language, title, path = entry
        return page, ocr.compare(title, ocr.crop(path, CROP), language)

    with ThreadPoolExecutor(max_workers=2) as pool:  # one Tesseract process per core
        readings = list(pool.map(reading, cards))
    failing = [f"{page}: {result}" for page, result in readings if not result.passes]
    assert failing == [], "\n".join(failing)


@pytest.fixture(scope="module")
def font_set() -> fonts.FontSet:
    return fonts.font_set()


def drawn(title: str, language: str, painter: Painter) -> Image.Image:
    names = {"vi": "Trà Vinh", "en": "Tra Vinh", "km": "ត្រាវិញ"}
    image = render.draw(Card(title, names[language], "", language, "#0d47a1"), painter)
    return image.crop(CROP)


@pytest.mark.parametrize("title", CONTROLS)
def test_the_reading_fails_on_a_khmer_card_drawn_without_shaping(
    title: str, font_set: fonts.FontSet
):
    shaped = ocr.compare(title, drawn(title, "km", Painter(font_set)), "km")
    unshaped = ocr.compare(title, drawn(title, "km", Painter(font_set, shaping=False)), "km")
    assert shaped.passes, shaped
    assert not unshaped.passes, unshaped


@pytest.mark.parametrize(
    ("title", "language"),
    [("Trung tâm Điện lực Duyên Hải", "vi"), ("Duyen Hai Power Centre", "en")],
)
def test_the_reading_fails_on_a_latin_card_drawn_with_the_wrong_font(
    title: str, language: str, font_set: fonts.FontSet, monkeypatch: pytest.MonkeyPatch
):
    right = ocr.compare(title, drawn(title, language, Painter(font_set)), language)
    assert right.passes, right
    # Latin drawn with the Khmer font, which has no Latin letters: boxes, as a card drawn
    # with the site's Khmer web font alone would show nothing.
    wrong_painter = Painter(font_set)
    original = wrong_painter.font
    monkeypatch.setattr(wrong_painter, "font", lambda script, size: original(Script.KHMER, size))
    wrong = ocr.compare(title, drawn(title, language, wrong_painter), language)
    assert not wrong.passes, wrong
