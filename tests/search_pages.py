"""A tiny three-language site for the search tests (build and browser).

Chùa Âng in every language (the Khmer page names the province's old name, ព្រះត្រពាំង); a
Vietnamese-only page about canh chua ("sour soup", not "chùa", "pagoda") whose English and
Khmer URLs show the Vietnamese text.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TinySite, make_tiny_site

PAGES = {
    "docs/index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ.\n---\n\n# Trang chủ\n\n"
    "[Chùa Âng](du-lich/chua-ang.md), [Canh chua](am-thuc/canh-chua.md)\n",
    "docs/du-lich/chua-ang.md": "---\ntitle: Chùa Âng\ndescription: Chùa Âng ở Trà Vinh.\n---\n"
    "\n# Chùa Âng\n\nChùa Âng là một ngôi chùa Khmer ở Trà Vinh, gần Ao Bà Om.\n\n"
    "## Kiến trúc\n\nPhần này nói về kiến trúc.\n\nChánh điện của chùa có mái nhiều tầng.\n",
    "docs/am-thuc/canh-chua.md": "---\ntitle: Canh chua\ndescription: Một món canh.\n---\n\n"
    "# Canh chua\n\nCanh chua là món canh có vị chua. Người ta nấu canh chua với cá.\n",
    "docs_en/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\n"
    "[Ang Pagoda](du-lich/chua-ang.md)\n",
    "docs_en/du-lich/chua-ang.md": "---\ntitle: Ang Pagoda\ndescription: Ang Pagoda.\n---\n\n"
    "# Ang Pagoda\n\nAng Pagoda is one of the Khmer temples of Tra Vinh, near Ba Om Pond.\n",
    "docs_km/index.md": "---\ntitle: ទំព័រដើម\ndescription: ទំព័រដើម។\n---\n\n# ទំព័រដើម\n\n"
    "[វត្តអង្គ](du-lich/chua-ang.md)\n",
    "docs_km/du-lich/chua-ang.md": "---\ntitle: វត្តអង្គ\ndescription: វត្តអង្គ។\n---\n\n"
    "# វត្តអង្គ\n\nវត្តអង្គស្ថិតនៅខេត្តត្រាវិញ។ ឈ្មោះប្រវត្តិសាស្ត្ររបស់ខេត្តគឺ ព្រះត្រពាំង។\n",
}
NAV = [
    {"Trang chủ": "index.md"},
    {"Du lịch": [{"Chùa Âng": "du-lich/chua-ang.md"}]},
    {"Ẩm thực": [{"Canh chua": "am-thuc/canh-chua.md"}]},
]


def make_search_site(root: Path) -> TinySite:
    site = make_tiny_site(root, PAGES)
    site.set_nav(NAV)
    return site
