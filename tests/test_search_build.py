"""Build a tiny three-language site and inspect its search indexes and page configuration."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildResult
from tests.search_pages import make_search_site

SITE_URL = "https://example.org/"
ZWSP = "\u200b"
INDEXES = {
    "vi": "search/search_index.json",
    "en": "en/search/search_index.json",
    "km": "km/search/search_index.json",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = make_search_site(tmp_path_factory.mktemp("search") / "project").build(SITE_URL)
    assert result.returncode == 0, result.output
    return result


def index(built: BuildResult, code: str) -> dict:
    return json.loads(built.text(INDEXES[code]))


def pages_of(index: dict) -> set[str]:
    return {doc["location"].split("#")[0] for doc in index["docs"]}


def test_each_language_has_its_own_index_of_its_own_pages(built: BuildResult):
    assert pages_of(index(built, "vi")) == {
        "index.html",
        "du-lich/chua-ang.html",
        "am-thuc/canh-chua.html",
    }
    # Locations are relative to the language's root; the untranslated canh-chua page (shown
    # in Vietnamese at /en/ and /km/) is only in the Vietnamese index.
    assert pages_of(index(built, "en")) == {"index.html", "du-lich/chua-ang.html"}
    assert pages_of(index(built, "km")) == {"index.html", "du-lich/chua-ang.html"}
    written = [
        path.relative_to(built.site).as_posix() for path in built.site.rglob("search_index.json")
    ]
    assert sorted(written) == sorted(INDEXES.values())


def test_titles_and_texts_are_in_the_index_language(built: BuildResult):
    titles = {code: {doc["title"] for doc in index(built, code)["docs"]} for code in INDEXES}
    assert "Chùa Âng" in titles["vi"] and "Ang Pagoda" in titles["en"]
    assert "វត្ត" + ZWSP + "អង្គ" in titles["km"]
    assert not any(re.search("[\u1780-\u17ff]", title) for title in titles["vi"] | titles["en"])
    en_text = " ".join(doc["text"] for doc in index(built, "en")["docs"])
    assert "temples" in en_text and "Chùa" not in en_text


def test_khmer_text_is_cut_into_words(built: BuildResult):
    text = next(
        doc["text"]
        for doc in index(built, "km")["docs"]
        if doc["location"] == "du-lich/chua-ang.html"
    )
    words = re.findall("[\u1780-\u17d3]+", text)  # the index's Khmer words, cut at U+200B
    assert {"វត្ត", "អង្គ", "ខេត្ត", "ព្រះត្រពាំង"} <= set(words)
    assert "វត្តអង្គ" not in text  # not one run: "វត្ត" + U+200B + "អង្គ"
    assert text.replace(ZWSP, "") == (
        "<p>វត្តអង្គស្ថិតនៅខេត្តត្រាវិញ។ ឈ្មោះប្រវត្តិសាស្ត្ររបស់ខេត្តគឺ ព្រះត្រពាំង។</p>"
    )
    separator = re.compile(index(built, "km")["config"]["separator"])
    assert separator.split("វត្ត" + ZWSP + "អង្គ។ ខេត្ត") == ["វត្ត", "អង្គ", "ខេត្ត"]


def test_search_settings_per_language(built: BuildResult):
    vi, en, km = (index(built, code)["config"] for code in ("vi", "en", "km"))
    # Vietnamese (and Latin names in Khmer pages) match with tones folded: the lunr language
    # "travinh" of assets/javascripts/lunr/min/lunr.travinh.min.js.
    assert vi["lang"] == ["travinh"] and km["lang"] == ["travinh"]
    assert built.text("assets/javascripts/lunr/min/lunr.travinh.min.js")
    assert "fold" in built.text("assets/javascripts/search/text.js")
    assert en["lang"] == ["en"] and "stemmer" in en["pipeline"]
    assert "\\u200b" in km["separator"]


def test_the_index_is_utf8_json(built: BuildResult):
    raw = (built.site / INDEXES["vi"]).read_bytes()
    assert "Chùa Âng".encode() in raw and b"\\u00" not in raw


def page_config(built: BuildResult, path: str) -> dict:
    soup = BeautifulSoup(built.text(path), "html.parser")
    return json.loads(soup.select_one("#__config").get_text())


@pytest.mark.parametrize(
    ("path", "index_path"),
    [
        ("index.html", "search/search_index.json"),
        ("du-lich/chua-ang.html", "search/search_index.json"),
        ("en/du-lich/chua-ang.html", "en/search/search_index.json"),
        ("km/index.html", "km/search/search_index.json"),
        ("km/du-lich/chua-ang.html", "km/search/search_index.json"),
        ("km/am-thuc/canh-chua.html", "km/search/search_index.json"),  # untranslated
        ("km/404.html", "km/search/search_index.json"),
    ],
)
def test_each_page_loads_its_language_index(built: BuildResult, path: str, index_path: str):
    """Material fetches search/search_index.json relative to __config.base and resolves the
    results' locations against it."""
    config = page_config(built, path)
    page_url = urljoin(SITE_URL, path)
    base = urljoin(page_url, config["base"])
    assert urljoin(base, "search/search_index.json") == urljoin(SITE_URL, index_path)
    worker = urljoin(page_url, config["search"])
    assert urlsplit(worker).path == "/assets/javascripts/search/worker.js"
    assert (built.site / "assets/javascripts/search/worker.js").is_file()
    material = parse_qs(urlsplit(worker).query)["material"][0]
    material_path = urlsplit(urljoin(worker, material)).path.lstrip("/")
    assert re.fullmatch(r"assets/javascripts/workers/search\.\w+\.min\.js", material_path)
    assert (built.site / material_path).is_file()


def test_search_box_is_shown(built: BuildResult):
    for path in ("index.html", "en/index.html", "km/index.html"):
        soup = BeautifulSoup(built.text(path), "html.parser")
        assert soup.select_one('form[name="search"] input.md-search__input') is not None


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            "plugins:\n",
            "plugins:\n  - search\n",
            "list 'travinh-search' under plugins instead of 'search'",
        ),
        (
            "fold_diacritics: [vi, km]",
            "fold_diacritics: [vn]",
            "travinh-search names the language 'vn', which is not one of the site's (vi, en, km)",
        ),
        (
            "en: [stemmer, stopWordFilter, trimmer]",
            "en: [stem]",
            "travinh-search pipeline of 'en' has unknown steps ['stem']",
        ),
    ],
)
def test_configuration_mistakes_are_explained(tmp_path: Path, replace: str, by: str, message):
    site = make_search_site(tmp_path / "project")
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert replace in text
    config.write_text(text.replace(replace, by, 1), encoding="utf-8")
    result = site.build(SITE_URL)
    assert result.returncode != 0
    assert message in result.output
    assert "Traceback" not in result.output
