"""Options of the ``travinh-cards`` plugin in mkdocs.yml (all optional)::

plugins:
  - travinh-cards:
      colours: {du-lich: "#1b5e20"}   # a section (first folder of a page's path): a colour
"""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

from travinh_site.cards import render
from travinh_site.errors import Problem, SiteError
from travinh_site.text import fonts

# The default colour of each section of the site, dark enough for the white title and the
# amber names (contrast at least 4.5:1, checked): Material's deep shades.
DEFAULT = "default"
COLOURS = {
    DEFAULT: "#00695c",  # the site's teal: the home page and pages outside any section
    "gioi-thieu": "#004d40",
    "du-lich": "#1b5e20",
    "dau-tu": "#0d47a1",
    "san-vat": "#4e342e",
    "su-kien": "#6a1b9a",
    "bao-chi": "#37474f",
    "ke-hoach-2025": "#1a237e",
}
MIN_CONTRAST = 4.5
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class CardsConfig(base.Config):
    # Cards already drawn, by the hash of what they show (relative to mkdocs.yml's folder).
    cache_dir = c.Type(str, default=".cache/cards")
    # Where the cards are published in the site (their names carry their hash).
    output_dir = c.Type(str, default="assets/cards")
    # The full Noto fonts (Debian's fonts-noto-core).
    fonts_dir = c.Type(str, default=fonts.DEFAULT_FOLDER)
    # Section (first folder of a page's path) -> background colour "#rrggbb"; added to and
    # overriding COLOURS above.
    colours = c.Type(dict, default={})


def colours(config: CardsConfig) -> dict[str, str]:
    """The colours by section; a problem for one that is not a colour or too light."""
    chosen = {**COLOURS, **{str(k): str(v) for k, v in config.colours.items()}}
    problems = []
    for section, colour in chosen.items():
        if not _HEX.match(colour):
            problems.append(
                Problem(
                    "mkdocs.yml",
                    f"travinh-cards 'colours' gives '{section}' the colour '{colour}'.",
                    'write a colour as "#" and six hexadecimal digits, for example "#1b5e20".',
                    problem_vi=f"'colours' của travinh-cards đặt cho '{section}' màu '{colour}'.",
                    fix_vi='viết màu bằng "#" và sáu chữ số hệ mười sáu, ví dụ "#1b5e20".',
                )
            )
            continue
        worst = min(render.contrast("#ffffff", colour), render.contrast(render.ACCENT, colour))
        if worst < MIN_CONTRAST:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    f"travinh-cards: the colour '{colour}' of '{section}' is too light for the "
                    f"cards' white and amber text (contrast {worst:.1f}:1, at least "
                    f"{MIN_CONTRAST}:1 is needed).",
                    "choose a darker colour.",
                    problem_vi=f"travinh-cards: màu '{colour}' của '{section}' quá sáng cho chữ "
                    f"trắng và vàng trên ảnh (độ tương phản {worst:.1f}:1, cần ít nhất "
                    f"{MIN_CONTRAST}:1).",
                    fix_vi="hãy chọn một màu đậm hơn.",
                )
            )
    if problems:
        raise SiteError(*problems)
    return chosen
