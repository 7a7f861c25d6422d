"""ASCII slugs made from Vietnamese text: "Ao Bà Om" -> "ao-ba-om", "Đền thờ" -> "den-tho".

Vietnamese letters are Latin letters with combining marks once decomposed (NFKD), except
'đ'/'Đ', which Unicode does not decompose; dropping the marks and mapping 'đ' is the whole of
it, so no transliteration library is needed. Letters of other scripts (Khmer) are dropped.
"""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


def heading_anchor(text: str, separator: str = "-") -> str:
    """The id of a heading (Markdown's ``toc`` extension calls this as ``slugify``).

    Latin headings get ASCII anchors (``#nguon-tham-khao``: easy to type and share). A heading
    in another script keeps its letters *with their combining marks*: Khmer vowel signs and
    subscripts are marks, and slug functions built on ``\\w`` drop them (ប្រភព became បរភព).
    """
    text = unicodedata.normalize("NFC", re.sub(r"<[^>]*>", "", text)).strip()
    if all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text):
        return slugify(text).replace("-", separator)
    kept = [c if unicodedata.category(c)[0] in "LMN" else " " for c in text.lower()]
    return separator.join("".join(kept).split())
