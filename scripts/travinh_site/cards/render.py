"""Drawing one social card (1200 × 630, what Facebook, Zalo and X show for a shared link).

The page's title in white over its section's colour, the section's name above it and the
site's name below, in the page's language, with Noto Sans and Noto Sans Khmer (the site's
fonts, whole: :mod:`travinh_site.text.fonts`). Text is shaped by HarfBuzz through Pillow's
raqm layout: Khmer subscripts (U+17D2) under their consonant, pre-base vowels before it,
Vietnamese stacked marks (``Ố``, ``ặ``) in place. Pillow falls back to its basic layout, which
draws Khmer wrongly, when libraqm cannot load (it needs Debian's libfribidi0); that is an error
here, never a silent fallback. The basic layout is only drawn on request (``shaping=False``), by
the tests, to show that their reading of a card would see the difference.

The output is a 32-colour palette PNG: the design is flat, so it looks the same as a full PNG
at a fraction of the size (5 to 20 KB), and the encoding is deterministic.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont, features

from travinh_site.cards import layout
from travinh_site.cards.layout import Box, Lines
from travinh_site.errors import Problem, SiteError
from travinh_site.text import fonts
from travinh_site.text.fonts import FontSet, Script

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TITLE_BOX = Box(MARGIN, 150, WIDTH - MARGIN, 500)
TITLE_SIZES = (72, 64, 56, 50)
SECTION_SIZE = 34
SECTION_BASELINE = 112
SITE_NAME_SIZE = 40
SITE_NAME_BASELINE = 590
BAND_TOP = 530  # the darker band behind the site's name
ACCENT = "#ffd54f"  # the site's amber: the section's and site's names
PALETTE_COLOURS = 32


@dataclass(frozen=True)
class Card:
    """Everything a card shows; all of it is part of its cache key."""

    title: str
    site_name: str
    section: str  # the section's name in the menu ("" for a page outside any section)
    language: str  # BCP 47: line breaking and shaping
    colour: str  # the background, "#rrggbb"


def check_shaping() -> None:
    """Raise a problem when Pillow cannot shape text (libraqm, with FriBiDi, not loaded)."""
    if not features.check("raqm"):
        raise SiteError(
            Problem(
                "",
                "Pillow cannot shape text (its libraqm layout needs Debian's libfribidi0): Khmer "
                "in the social cards would be drawn wrongly.",
                "install it ('make site' does it when run as root, or 'sudo apt-get install "
                "libfribidi0').",
                problem_vi="Pillow không sắp chữ được (bộ sắp chữ libraqm cần gói libfribidi0 "
                "của Debian): chữ Khmer trên ảnh chia sẻ sẽ bị vẽ sai.",
                fix_vi="cài gói này ('make site' tự cài khi chạy với quyền root, hoặc 'sudo "
                "apt-get install libfribidi0').",
            )
        )


class Painter:
    """Measures and draws text in runs of one script, each with its font (bold)."""

    def __init__(self, font_set: FontSet, *, shaping: bool = True) -> None:
        if shaping:
            check_shaping()
        self.font_set = font_set
        self.shaping = shaping
        self.engine = ImageFont.Layout.RAQM if shaping else ImageFont.Layout.BASIC

    def font(self, script: Script, size: int) -> ImageFont.FreeTypeFont:
        return _font(str(self.font_set.get(script, bold=True).path), size, self.engine)

    def _language(self, script: Script) -> str | None:
        if not self.shaping:
            return None  # Pillow refuses a language without raqm
        return "km" if script is Script.KHMER else None

    def width(self, text: str, size: int) -> float:
        return sum(
            self.font(script, size).getlength(run, language=self._language(script))
            for script, run in layout.runs(text)
        )

    def ink(self, text: str, size: int) -> tuple[float, float]:
        top = bottom = 0.0
        for script, run in layout.runs(text):
            if not run.strip():
                continue
            box = self.font(script, size).getbbox(run, anchor="ls", language=self._language(script))
            top, bottom = min(top, box[1]), max(bottom, box[3])
        return top, bottom

    def draw(
        self,
        canvas: ImageDraw.ImageDraw,
        x: float,
        baseline: float,
        text: str,
        size: int,
        fill: str,
    ) -> None:
        for script, run in layout.runs(text):
            font = self.font(script, size)
            language = self._language(script)
            canvas.text((x, baseline), run, font=font, fill=fill, anchor="ls", language=language)
            x += font.getlength(run, language=language)


@functools.cache
def _font(path: str, size: int, engine: ImageFont.Layout) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(path, size, layout_engine=engine)
    if font.layout_engine != engine:  # Pillow chose another layout by itself
        check_shaping()
    return font


def missing_characters(text: str, font_set: FontSet) -> list[str]:
    """The characters of ``text`` that the font of their run cannot draw."""
    missing: list[str] = []
    for script, run in layout.runs(unicodedata.normalize("NFC", text)):
        have = fonts.covered(font_set.get(script, bold=True))
        for character in run:
            if character in layout._JOINING or ord(character) in have:
                continue
            if character not in missing:
                missing.append(character)
    return missing


def title_lines(card: Card, painter: Painter) -> Lines:
    title = unicodedata.normalize("NFC", " ".join(card.title.split()))
    return layout.fit(title, card.language, TITLE_BOX, TITLE_SIZES, painter.width, painter.ink)


def draw(card: Card, painter: Painter) -> Image.Image:
    """The card as an RGB image."""
    background = _rgb(card.colour)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    canvas = ImageDraw.Draw(image)
    # Decoration (outside the title's box): two discs of a lighter tone, and the band.
    lighter = _mix(background, (255, 255, 255), 0.10)
    canvas.ellipse((WIDTH - 280, -250, WIDTH + 120, 140), fill=lighter)
    canvas.ellipse((WIDTH - 66, 300, WIDTH + 94, 460), fill=lighter)
    canvas.rectangle((0, BAND_TOP, WIDTH, HEIGHT), fill=_mix(background, (0, 0, 0), 0.28))
    canvas.rectangle((MARGIN, 56, MARGIN + 96, 62), fill=ACCENT)
    if card.section:
        section = unicodedata.normalize("NFC", card.section)
        width = TITLE_BOX.width - 240  # clear of the disc
        if painter.width(section, SECTION_SIZE) > width:
            section = layout.with_ellipsis(
                section, card.language, SECTION_SIZE, width, painter.width
            )
        painter.draw(canvas, MARGIN, SECTION_BASELINE, section, SECTION_SIZE, ACCENT)
    lines = title_lines(card, painter)
    for line, baseline in zip(lines.lines, lines.baselines, strict=True):
        painter.draw(canvas, TITLE_BOX.left, baseline, line, lines.size, "#ffffff")
    painter.draw(
        canvas,
        MARGIN,
        SITE_NAME_BASELINE,
        unicodedata.normalize("NFC", card.site_name),
        SITE_NAME_SIZE,
        ACCENT,
    )
    return image


def encode(image: Image.Image) -> bytes:
    """A palette PNG of the card (no dithering: flat colours and smooth text edges)."""
    palette = image.quantize(
        PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    output = io.BytesIO()
    palette.save(output, "PNG", compress_level=9)
    return output.getvalue()


def png(card: Card, painter: Painter) -> bytes:
    return encode(draw(card, painter))


def renderer_versions() -> str:
    """The versions of what draws the cards (a new Pillow or HarfBuzz may draw differently)."""
    names = ("pil", "raqm", "harfbuzz", "fribidi", "freetype2")
    return ";".join(f"{name}={features.version(name)}" for name in names)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _mix(
    colour: tuple[int, int, int], other: tuple[int, int, int], share: float
) -> tuple[int, int, int]:
    r, g, b = (round(a + (b - a) * share) for a, b in zip(colour, other, strict=True))
    return r, g, b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours."""

    def luminance(colour: str) -> float:
        channels = [c / 255 for c in _rgb(colour)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
