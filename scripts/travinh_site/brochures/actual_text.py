"""Exact Khmer text in the PDFs: each drawn piece of Khmer text carries its Unicode text as
``/ActualText`` (ISO 32000-1, 14.9.4), which text extraction, search and copy use instead of the
fonts' glyph-to-text maps.

Those maps cannot be right for Khmer. WeasyPrint writes one text per glyph, from the first
cluster the glyph was seen in; HarfBuzz shapes a whole Khmer syllable as one cluster, so a vowel
sign first seen in ត្រា gives every later ា the text "ត្រា" (តាំង came out as ត្រាំង), and
pre-base vowels and subscripts, drawn before or below their consonant, come out in visual order
(ខ្មែរ as រខ្មែ). With /ActualText, poppler's pdftotext gives the text exactly as written.

This wraps an internal of WeasyPrint (``weasyprint.draw.draw_text``, which draws one text box),
so WeasyPrint is pinned exactly (requirements.txt) and a test fails if the wrapping stops
working (tests/test_brochures.py reads the Khmer titles back with pdftotext).
"""

from __future__ import annotations

import re
from typing import Any

KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
# Characters drawn as nothing: left out of the text (the brochures put U+200B between words).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_MARK = "_travinh_actual_text"


def install() -> None:
    """Wrap WeasyPrint's text drawing (once; WeasyPrint must be importable)."""
    import pydyf  # type: ignore[import-untyped]
    import weasyprint.draw as draw  # type: ignore[import-untyped]

    original = draw.draw_text
    if getattr(original, _MARK, False):
        return

    def draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        text = textbox.text
        if not KHMER.search(text) or not text.strip():
            return original(stream, textbox, *args, **kwargs)
        actual = pydyf.String(text.translate(INVISIBLE))
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": actual}))
        try:
            return original(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    setattr(draw_text, _MARK, True)
    draw.draw_text = draw_text
