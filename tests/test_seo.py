"""URLs, head tags and sitemaps (travinh_site.site.seo) without MkDocs."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.conftest import LANGUAGES
from travinh_site.content.languages import Catalogue
from travinh_site.site import seo

SITE = "https://example.org/travinh"  # a sub-path, written without its trailing slash
CATALOGUE = Catalogue(
    LANGUAGES,
    {
        "index.md": frozenset({"vi", "en", "km"}),
        "du-lich/ao-ba-om.md": frozenset({"vi", "km"}),
    },
)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_page_urls_keep_the_same_path_under_each_prefix():
    assert seo.page_url("du-lich/ao-ba-om.md", LANGUAGES.get("vi")) == "du-lich/ao-ba-om.html"
    assert seo.page_url("du-lich/ao-ba-om.md", LANGUAGES.get("km")) == "km/du-lich/ao-ba-om.html"
    assert seo.page_url("du-lich/index.md", LANGUAGES.get("en")) == "en/du-lich/index.html"
    assert seo.page_url("đền thờ.md", LANGUAGES.get("vi")) == "%C4%91%E1%BB%81n%20th%E1%BB%9D.html"


def test_head_of_a_translated_page():
    head = seo.head(CATALOGUE, "du-lich/ao-ba-om.md", LANGUAGES.get("km"), SITE)
    assert head.canonical == "https://example.org/travinh/km/du-lich/ao-ba-om.html"
    assert [(a.hreflang, a.href) for a in head.alternates] == [
        ("vi", "https://example.org/travinh/du-lich/ao-ba-om.html"),
        ("km", "https://example.org/travinh/km/du-lich/ao-ba-om.html"),
        ("x-default", "https://example.org/travinh/du-lich/ao-ba-om.html"),
    ]
    assert (head.og_locale, head.og_locale_alternates) == ("km_KH", ("vi_VN",))


def test_head_of_a_fallback_page_points_to_the_source():
    head = seo.head(CATALOGUE, "du-lich/ao-ba-om.md", LANGUAGES.get("en"), SITE)
    assert head.canonical == "https://example.org/travinh/du-lich/ao-ba-om.html"
    assert head.alternates == ()
    assert head.og_locale == "vi_VN"


def test_sitemaps_root_lists_everything_and_each_folder_its_own_pages():
    files = seo.sitemaps(CATALOGUE, SITE)
    assert sorted(files) == [
        "du-lich/sitemap.xml",
        "en/sitemap.xml",
        "km/du-lich/sitemap.xml",
        "km/sitemap.xml",
        "sitemap.xml",
    ]
    root = ET.fromstring(files["sitemap.xml"])
    locs = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert len(locs) == 5 and "https://example.org/travinh/en/du-lich/ao-ba-om.html" not in locs
    first = root.find("s:url", NS)
    assert [link.get("hreflang") for link in first.findall("x:link", NS)] == [
        "vi",
        "km",
        "x-default",
    ]
    km_folder = ET.fromstring(files["km/du-lich/sitemap.xml"])
    assert [loc.text for loc in km_folder.findall("s:url/s:loc", NS)] == [
        "https://example.org/travinh/km/du-lich/ao-ba-om.html"
    ]


def test_robots_points_to_the_sitemap_under_the_sub_path():
    assert seo.robots_txt(SITE).endswith("Sitemap: https://example.org/travinh/sitemap.xml\n")


def test_not_found_rules_send_each_language_to_its_404_page():
    assert seo.not_found_rules(SITE, LANGUAGES) == (
        "/travinh/en/*  /travinh/en/404.html  404\n/travinh/km/*  /travinh/km/404.html  404\n"
    )
