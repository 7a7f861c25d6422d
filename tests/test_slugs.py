"""Heading anchors (travinh_site.text.slugs.heading_anchor, Markdown's toc slugify)."""

from __future__ import annotations

import pytest

from travinh_site.text.slugs import heading_anchor


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Nguồn tham khảo", "nguon-tham-khao"),  # Latin: ASCII, easy to type and share
        ("Đền thờ <em>Bác</em>", "den-tho-bac"),
        ("Why invest?", "why-invest"),
        ("ប្រភព", "ប្រភព"),  # Khmer keeps its vowel signs and subscripts (not បរភព)
        ("ស្រះ Ao Bà Om", "ស្រះ-ao-bà-om"),
        ("ពិធីបុណ្យ​អកអំបុក", "ពិធីបុណ្យ-អកអំបុក"),  # a zero-width space separates words
    ],
)
def test_heading_anchors(heading: str, anchor: str):
    assert heading_anchor(heading, "-") == anchor
