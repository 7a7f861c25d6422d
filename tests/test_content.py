"""The project's real content, every page of every section: complete in each language.

These tests read docs/, docs_en/, docs_km/ and assets/data/ as they are, so they cover pages
added later by anyone. The rules (issue 3): every Vietnamese page has an English and a Khmer
version with the same headings; English pages carry no Vietnamese text (Vietnamese letters as
the signal); at least 60% of the letters of a Khmer page's body are Khmer script; every page
has a title and a description of at most 160 characters.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.conftest import PROJECT
from travinh_site.content import frontmatter
from travinh_site.content.languages import markdown_files
from travinh_site.content.stamps import read_stamp

SOURCE = "docs"
TRANSLATIONS = {"en": "docs_en", "km": "docs_km"}
PAGES = sorted(markdown_files(PROJECT / SOURCE))

# Vietnamese letters: ă â đ ê ô ơ ư, the vowels with a grave, acute or tilde, and those with a
# hook, a dot below or two marks (U+1EA0–U+1EF9). English pages write "Tra Vinh", "Dinh An".
VIETNAMESE = re.compile(r"[ĂăÂâĐđÊêÔôƠơƯưÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúýĨĩŨũ\u1ea0-\u1ef9]")
HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
KHMER_SHARE = 0.60


def read(folder: str, page: str) -> tuple[dict, str]:
    shown_as = f"{folder}/{page}"
    meta, body, _line = frontmatter.split(
        frontmatter.read_text(PROJECT / shown_as, shown_as), shown_as
    )
    return meta, body


def read_if_written(folder: str, page: str) -> tuple[dict, str]:
    """Like read(), for tests of a page's text: a missing page is the translation test's."""
    if not (PROJECT / folder / page).is_file():
        pytest.skip(f"{folder}/{page} is missing: reported by the translation test")
    return read(folder, page)


def headings(body: str) -> list[int]:
    """The levels of the page's headings, in order (code blocks skipped)."""
    levels, in_code = [], False
    for line in body.splitlines():
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code and (match := HEADING.match(line)):
            levels.append(len(match.group(1)))
    return levels


def prose(body: str) -> str:
    """The text a reader sees: without link targets, HTML tags, code and data-block lines."""
    text = re.sub(r"```.*?```|~~~.*?~~~", " ", body, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link and image targets
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"^\s*\{\{.*\}\}\s*$", " ", text, flags=re.M)
    return re.sub(r"https?://\S+", " ", text)


def khmer_share(text: str) -> float:
    khmer = other = 0
    for char in text:
        if "\u1780" <= char <= "\u17ff":
            if unicodedata.category(char)[0] in "LM":
                khmer += 1
        elif char.isalpha():
            other += 1
    return khmer / max(khmer + other, 1)


def test_the_site_has_pages():
    assert "index.md" in PAGES and len(PAGES) > 3


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("code", sorted(TRANSLATIONS))
def test_every_page_is_translated_with_the_same_headings(page: str, code: str):
    folder = TRANSLATIONS[code]
    path = PROJECT / folder / page
    assert path.is_file(), f"{folder}/{page} is missing"
    meta, body = read(folder, page)
    assert not read_stamp(meta).draft, f"{folder}/{page} is a draft"
    _source_meta, source_body = read(SOURCE, page)
    assert headings(body) == headings(source_body), f"{folder}/{page}: headings differ"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("folder", [SOURCE, *TRANSLATIONS.values()])
def test_every_page_has_a_title_and_a_short_description(page: str, folder: str):
    meta, _body = read_if_written(folder, page)
    assert str(meta.get("title") or "").strip(), f"{folder}/{page}: no title"
    description = str(meta.get("description") or "").strip()
    assert description, f"{folder}/{page}: no description"
    assert len(description) <= 160, f"{folder}/{page}: description of {len(description)} chars"


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_carry_no_vietnamese(page: str):
    folder = TRANSLATIONS["en"]
    meta, body = read_if_written(folder, page)
    for name, text in (("title", meta.get("title")), ("description", meta.get("description"))):
        found = VIETNAMESE.findall(str(text or ""))
        assert not found, f"{folder}/{page}: Vietnamese letters in its {name}: {found}"
    for line in prose(body).splitlines():
        found = VIETNAMESE.findall(line)
        assert not found, f"{folder}/{page}: Vietnamese letters {found} in: {line.strip()}"


@pytest.mark.parametrize("page", PAGES)
def test_khmer_pages_are_written_in_khmer(page: str):
    folder = TRANSLATIONS["km"]
    _meta, body = read_if_written(folder, page)
    share = khmer_share(prose(body))
    assert share >= KHMER_SHARE, f"{folder}/{page}: {share:.0%} of its letters are Khmer"


def test_the_helpers_measure_what_they_claim():
    assert headings("# A\n```\n# not\n```\n## B\n### C\n") == [1, 2, 3]
    assert khmer_share("ខេត្តត្រាវិញ") == 1.0
    assert 0.4 < khmer_share("ស្រះ Ao Bà Om ជាទីតាំង") < 0.7
    assert prose("[ត្រាវិញ](../x-long-english-path.md)") == "[ត្រាវិញ]"
    assert VIETNAMESE.findall("Trà Vinh, Định An") == ["à", "Đ", "ị"]
    assert VIETNAMESE.findall("Tra Vinh, Dinh An") == []
