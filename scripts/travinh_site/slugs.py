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
