"""Passages in another language than the page's get ``lang`` (travinh_site.site.passages), in
plain text and in built tiny sites."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import TinySite
from travinh_site.site import passages


def found(text: str, context: str) -> list[tuple[str, str]]:
    return [(text[start:end], code) for start, end, code in passages.runs_in(text, context)]


# Columns: the page's language, the text, the passages found in it with their language.
CASES = [
    # A Vietnamese name inside Khmer text, whole (the undecorated "Ao" and "Om" join "Bà").
    ("km", "ស្រះ Ao Bà Om គឺជា", [("Ao Bà Om", "vi")]),
    ("km", "(Vĩnh Long)", [("Vĩnh Long", "vi")]),
    ("km", "ឆ្នាំ 2025 ខេត្ត Định An", [("Định An", "vi")]),
    # A bare syllable between two Vietnamese words belongs to them.
    (
        "en",
        "Source: Cổng thông tin điện tử tỉnh Trà Vinh.",
        [("Cổng thông tin điện tử tỉnh Trà Vinh", "vi")],
    ),
    # English words next to a name stay English, capitalised or not.
    ("en", "The Ao Bà Om pond, by Trà Vinh", [("Ao Bà Om", "vi"), ("Trà Vinh", "vi")]),
    # English written without Vietnamese marks has no Vietnamese passage.
    ("en", "Tra Vinh is part of Vinh Long province.", []),
    # Letters outside the Vietnamese alphabet: not Vietnamese.
    ("en", "Müller and Señor", []),
    # Khmer inside Vietnamese or English text, with its spaces and digits kept whole.
    ("vi", "Lễ hội Ok Om Bok (អកអំបុក) ở Trà Vinh", [("អកអំបុក", "km")]),
    ("en", "choose ថ្ងៃទី 1 ខែកក្កដា here", [("ថ្ងៃទី 1 ខែកក្កដា", "km")]),
    # In its own language nothing is marked.
    ("vi", "Ao Bà Om ở Trà Vinh", []),
    ("km", "ស្រះនេះ", []),
    # A language with a region subtag is the same language.
    ("vi-VN", "Trà Vinh", []),
    # Latin without Vietnamese marks in a Khmer page is not guessed at.
    ("km", "វត្ត Angkorajaborey", []),
]


@pytest.mark.parametrize(("context", "text", "expected"), CASES)
def test_passages_in_another_language_are_found_whole(context, text, expected):
    assert found(text, context) == expected


PAGE = """<!doctype html>
<html lang="km"><head><title>ស្រះ Ao Bà Om</title>
<script>var name = "Trà Vinh";</script></head>
<body>
<p title="Trà Vinh">ស្រះ Ao Bà Om (Vĩnh Long) &amp; Cầu Kè</p>
<pre><code>Trà Vinh</code></pre>
<a href="x.html" aria-label="Trà Vinh">Trà Vinh</a>
<div lang="vi"><p>Trà Vinh và អកអំបុក</p></div>
<p><span lang="vi">Trà Vinh</span> ខេត្ត</p>
</body></html>
"""


def test_marking_wraps_text_only_and_leaves_every_other_byte_as_it_was():
    marked = passages.mark(PAGE)
    spans = marked.count('<span lang="')
    assert marked.replace('<span lang="vi">', "").replace('<span lang="km">', "").replace(
        "</span>", ""
    ) == PAGE.replace('<span lang="vi">', "").replace("</span>", "")
    soup = BeautifulSoup(marked, "html.parser")
    first = soup.select("body > p")[0]
    assert [s.get_text() for s in first.select("span[lang=vi]")] == [
        "Ao Bà Om",
        "Vĩnh Long",
        "Cầu Kè",
    ]
    assert first["title"] == "Trà Vinh"  # attributes cannot hold markup
    assert soup.title.get_text() == "ស្រះ Ao Bà Om"  # nor can the title
    assert "<span" not in str(soup.script) and "<span" not in str(soup.pre)
    assert soup.select_one("a[aria-label]").get_text() == "Trà Vinh"  # its label is read
    # Inside a Vietnamese passage, the Khmer word is marked and the Vietnamese is not.
    inner = soup.select_one("div[lang=vi] p")
    assert [(s["lang"], s.get_text()) for s in inner.select("span")] == [("km", "អកអំបុក")]
    # What is already marked stays as it is.
    assert soup.select("body > p")[1].select("span")[0].get_text() == "Trà Vinh"
    assert spans == 4 + 1  # four new in the first paragraph and the div, one kept
    assert passages.mark(marked) == marked  # marking twice changes nothing


def test_a_document_without_foreign_passages_is_returned_unchanged():
    page = '<html lang="en"><body><p>Tra Vinh &amp; "quotes" <b>bold</b></p></body></html>'
    assert passages.mark(page) == page


def test_built_pages_mark_passages_in_each_language(tiny_site: TinySite):
    tiny_site.write(
        "docs_km/du-lich/ao-ba-om.md",
        "---\ntitle: ស្រះ\ndescription: ស្រះ។\n---\n\n# ស្រះ Ao Bà Om\n\n"
        "ស្រះនៅខេត្ត (Vĩnh Long)។ `Trà Vinh` ក្នុងកូដ។\n",
    )
    tiny_site.write(
        "docs_en/index.md",
        "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\nIn Khmer: ត្រាវិញ.\n"
        "\n[Ba Om Pond](du-lich/ao-ba-om.md)\n",
    )
    tiny_site.write(
        "docs/index.md",
        "---\ntitle: Trang chủ\ndescription: Mô tả.\n---\n\n# Trang chủ\n\n"
        "Tiếng Khmer: ត្រាវិញ.\n\n[Ao Bà Om](du-lich/ao-ba-om.md)\n",
    )
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    km = BeautifulSoup(result.text("km/du-lich/ao-ba-om.html"), "html.parser")
    article = km.select_one("article")
    assert [s.get_text() for s in article.select("span[lang=vi]")] == ["Ao Bà Om", "Vĩnh Long"]
    assert article.select_one("code").get_text() == "Trà Vinh"  # code is left alone
    for path in ("en/index.html", "index.html"):
        page = BeautifulSoup(result.text(path), "html.parser")
        assert [s.get_text() for s in page.select("article span[lang=km]")] == ["ត្រាវិញ"]
