"""Build a tiny three-language site (one page missing from docs_km) and check its HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildResult, TinySite, make_tiny_site

SITE_URL = "https://example.org/"
PAGE = "du-lich/ao-ba-om.html"
MATERIAL_EN = Path(__import__("material").__file__).parent / "templates/partials/languages/en.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_tiny_site(tmp_path_factory.mktemp("tiny") / "project")
    result = site.build(SITE_URL)
    assert result.returncode == 0, result.output
    return result


def soup(built: BuildResult, path: str) -> BeautifulSoup:
    return BeautifulSoup(built.text(path), "html.parser")


def hreflangs(page: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in page.select("head link[rel=alternate][hreflang]")
    }


@pytest.mark.parametrize(
    ("path", "lang"),
    [("index.html", "vi"), ("en/index.html", "en"), ("km/index.html", "km"), (f"km/{PAGE}", "km")],
)
def test_html_lang_matches_the_language_of_the_url(built: BuildResult, path: str, lang: str):
    assert soup(built, path).html["lang"] == lang


def test_translated_page_announces_absolute_hreflang_and_x_default(built: BuildResult):
    expected = {
        "vi": f"{SITE_URL}{PAGE}",
        "en": f"{SITE_URL}en/{PAGE}",
        "x-default": f"{SITE_URL}{PAGE}",
    }
    for path in (PAGE, f"en/{PAGE}"):
        page = soup(built, path)
        assert hreflangs(page) == expected  # km is not translated: left out
        canonical = page.select_one("link[rel=canonical]")["href"]
        assert canonical == f"{SITE_URL}{path}"
    assert soup(built, "en/" + PAGE).select_one('meta[property="og:locale"]')["content"] == "en_US"
    alternates = [
        meta["content"]
        for meta in soup(built, "en/" + PAGE).select('meta[property="og:locale:alternate"]')
    ]
    assert alternates == ["vi_VN"]


def test_untranslated_page_shows_vietnamese_with_notice_and_canonical(built: BuildResult):
    page = soup(built, f"km/{PAGE}")
    notice = page.select_one(".tv-untranslated")
    assert notice is not None
    assert "មិនទាន់បានបកប្រែ" in notice.get_text()  # the notice is in Khmer
    content = page.select_one("article div[lang=vi]")
    assert content is not None and "Ao rộng khoảng 500 × 300 m" in content.get_text()
    assert page.select_one("link[rel=canonical]")["href"] == f"{SITE_URL}{PAGE}"
    assert hreflangs(page) == {}
    assert page.select_one('meta[name="robots"]') is None  # canonical only: no mixed signals


def test_language_switcher_leads_to_the_same_page_in_each_language(built: BuildResult):
    for path in (PAGE, f"en/{PAGE}", f"km/{PAGE}"):
        links = soup(built, path).select(".md-select__link")
        targets = {link["hreflang"]: urljoin(f"{SITE_URL}{path}", link["href"]) for link in links}
        assert targets == {
            "vi": f"{SITE_URL}{PAGE}",
            "en": f"{SITE_URL}en/{PAGE}",
            "km": f"{SITE_URL}km/{PAGE}",
        }
        names = [link.get_text(strip=True) for link in links]
        assert names == ["Tiếng Việt", "English", "ខ្មែរ"]


def test_sitemap_lists_real_pages_with_alternates_only(built: BuildResult):
    sitemap = built.text("sitemap.xml")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert sorted(locs) == sorted(
        [
            f"{SITE_URL}index.html",
            f"{SITE_URL}en/index.html",
            f"{SITE_URL}km/index.html",
            f"{SITE_URL}{PAGE}",
            f"{SITE_URL}en/{PAGE}",
        ]
    )
    assert f'hreflang="km" href="{SITE_URL}km/index.html"' in sitemap
    assert f"{SITE_URL}km/{PAGE}" not in sitemap
    assert "<lastmod>" not in sitemap  # nothing depends on the build's clock
    robots = built.text("robots.txt")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_every_alternate_has_a_sitemap_beside_it(built: BuildResult):
    """Material fetches sitemap.xml next to each rel=alternate link: none may 404."""
    for html in built.site.rglob("*.html"):
        for href in hreflangs(BeautifulSoup(html.read_text("utf-8"), "html.parser")).values():
            folder = urlsplit(urljoin(href, "sitemap.xml")).path.lstrip("/")
            assert (built.site / folder).is_file(), f"{html}: {folder} missing"


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("404.html", "vi", "Không tìm thấy trang"),
        ("en/404.html", "en", "Page not found"),
        ("km/404.html", "km", "រកមិនឃើញទំព័រ"),
    ],
)
def test_each_language_has_its_own_404_page(built: BuildResult, path: str, lang: str, title: str):
    page = soup(built, path)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == title
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    # Served at any depth: its links must be absolute paths.
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    assert stylesheet.startswith("/assets/")


def material_english_strings() -> set[str]:
    text = MATERIAL_EN.read_text(encoding="utf-8")
    pairs = dict(re.findall(r'"([\w.]+)": "([^"]*)"', text))
    technical = {"language", "direction"}
    return {
        value.replace("#", "").strip()
        for key, value in pairs.items()
        if key not in technical and not key.startswith("search.config")
    }


def test_khmer_pages_carry_no_english_material_strings(built: BuildResult):
    english = material_english_strings()
    assert "Skip to content" in english  # the reference list is really Material's
    for path in ("km/index.html", f"km/{PAGE}", "km/404.html"):
        page = soup(built, path)
        for script in page.select("script:not([type='application/json'])"):
            script.decompose()
        shown = page.get_text(" ", strip=True)
        attributes = " ".join(
            str(value)
            for tag in page.find_all(True)
            for name, value in tag.attrs.items()
            if name in ("aria-label", "placeholder", "title", "alt", "data-md-state")
        )
        config = page.select_one("#__config").get_text()
        for string in english:
            word = re.compile(rf"\b{re.escape(string)}\b")
            assert not word.search(shown), f"{path}: '{string}' shown"
            assert not word.search(attributes), f"{path}: '{string}' in an attribute"
            assert f'"{string}"' not in config, f"{path}: '{string}' in the search texts"


def test_no_reference_to_another_host(built: BuildResult):
    own_host = urlsplit(SITE_URL).netloc
    for html in built.site.rglob("*.html"):
        page = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for tag, attribute in (
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
            ("source", "srcset"),
        ):
            for element in page.find_all(tag):
                for url in str(element.get(attribute, "")).split(","):
                    host = urlsplit(url.strip().split(" ")[0]).netloc
                    assert host in ("", own_host), f"{html}: <{tag} {attribute}={url}>"
    for css in built.site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text("utf-8")):
            assert not re.match(r"^(https?:)?//", url), f"{css}: url({url})"


def test_build_inputs_are_not_published(built: BuildResult):
    assert not (built.site / "strings.yml").exists()


def test_fonts_cover_khmer_and_vietnamese_and_ship_their_licence(built: BuildResult):
    css = built.text("assets/stylesheets/fonts.css")
    assert 'font-family: "Noto Sans Khmer"' in css and "U+1780-17FF" in css
    assert 'font-family: "Noto Sans"' in css and "U+1EA0-1EF9" in css  # Vietnamese letters
    fonts = sorted(path.name for path in (built.site / "assets/fonts").iterdir())
    # Noto Sans and Noto Sans Khmer, 400 and 700, and the face of the Khmer language's name.
    assert "OFL.txt" in fonts and sum(name.endswith(".woff2") for name in fonts) == 5
    assert 'font-family: "Noto Sans Khmer Name"' in css
    assert "unicode-range: U+1781, U+1798, U+179A, U+17C2, U+17D2;" in css  # ខ្មែរ
    assert "SIL OPEN FONT LICENSE" in built.text("assets/fonts/OFL.txt").upper()


@pytest.mark.parametrize(
    ("key", "used_by"), [("image.photo", "photo credits"), ("data.sources", "the data blocks")]
)
def test_a_missing_interface_text_names_the_text_and_who_needs_it(
    tiny_site: TinySite, key: str, used_by: str
):
    strings = tiny_site.root / "overrides/strings.yml"
    text = strings.read_text(encoding="utf-8")
    start = text.index(f"\n{key}:\n") + 1
    end = text.index("\n", text.index("  km:", start)) + 1  # the key and its three lines
    strings.write_text(text[:start] + text[end:], encoding="utf-8")
    result = tiny_site.build()
    assert result.returncode != 0
    assert (
        f"overrides/strings.yml: the text '{key}' used by {used_by} is missing. Fix: add "
        f"'{key}:' with one line per language."
    ) in result.output
    assert "Traceback" not in result.output
