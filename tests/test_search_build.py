"""Build a tiny three-language site and inspect its search indexes (in small files: the
settings, the manifest, term shards and pages, scripts/travinh_site/search/shards.py) and page
configuration."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BuildResult
from tests.search_pages import make_search_site
from travinh_site.search import index as search_index
from travinh_site.search import shards

SITE_URL = "https://example.org/"
ZWSP = "\u200b"
INDEXES = {
    "vi": "search/search_index.json",
    "en": "en/search/search_index.json",
    "km": "km/search/search_index.json",
}
FOLDERS = {code: path.removesuffix("search_index.json") for code, path in INDEXES.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = make_search_site(tmp_path_factory.mktemp("search") / "project").build(SITE_URL)
    assert result.returncode == 0, result.output
    return result


def index(built: BuildResult, code: str) -> dict:
    return json.loads(built.text(INDEXES[code]))


def docs(built: BuildResult, code: str) -> list[dict]:
    """The language's sections as Material's entries were (location, title, text), read back
    from its page files."""
    found = []
    manifest = json.loads(built.text(FOLDERS[code] + "terms.json"))
    for number in range(manifest["pages"]):
        page = json.loads(built.text(f"{FOLDERS[code]}p/{number}.json"))
        for anchor, title, text in page["s"]:
            location = page["l"] + (f"#{anchor}" if anchor else "")
            found.append({"location": location, "title": title, "text": text})
    return found


def shard(built: BuildResult, code: str, key: str) -> dict:
    return json.loads(built.text(f"{FOLDERS[code]}t/{shards.file_key(key)}.json"))


def pages_of(docs: list[dict]) -> set[str]:
    return {doc["location"].split("#")[0] for doc in docs}


def test_each_language_has_its_own_index_of_its_own_pages(built: BuildResult):
    assert pages_of(docs(built, "vi")) == {
        "index.html",
        "du-lich/chua-ang.html",
        "am-thuc/canh-chua.html",
    }
    # Locations are relative to the language's root; the untranslated canh-chua page (shown
    # in Vietnamese at /en/ and /km/) is only in the Vietnamese index.
    assert pages_of(docs(built, "en")) == {"index.html", "du-lich/chua-ang.html"}
    assert pages_of(docs(built, "km")) == {"index.html", "du-lich/chua-ang.html"}
    written = [
        path.relative_to(built.site).as_posix() for path in built.site.rglob("search_index.json")
    ]
    assert sorted(written) == sorted(INDEXES.values())
    # Every index file is in one language's search folder.
    files = [path.relative_to(built.site).as_posix() for path in built.site.rglob("*.json")]
    folders = {path.partition("search/")[0] for path in files if "search/" in path}
    assert folders == {"", "en/", "km/"}


def test_search_index_json_holds_the_settings_only(built: BuildResult):
    """Material's page script fetches it on every page load: no documents in it."""
    for code in INDEXES:
        assert index(built, code)["docs"] == []
        assert len((built.site / INDEXES[code]).read_bytes()) < 600
    assert index(built, "km")["config"]["prefix"] == "km/"
    assert index(built, "km")["config"]["results"] == 10  # travinh-search's default
    assert index(built, "vi")["config"]["prefix"] == ""


def test_titles_and_texts_are_in_the_index_language(built: BuildResult):
    titles = {code: {doc["title"] for doc in docs(built, code)} for code in INDEXES}
    assert "Chùa Âng" in titles["vi"] and "Ang Pagoda" in titles["en"]
    assert "វត្ត" + ZWSP + "អង្គ" in titles["km"]
    assert not any(re.search("[\u1780-\u17ff]", title) for title in titles["vi"] | titles["en"])
    en_text = " ".join(doc["text"] for doc in docs(built, "en"))
    assert "temples" in en_text and "Chùa" not in en_text


def test_khmer_text_is_cut_into_words(built: BuildResult):
    text = next(
        doc["text"] for doc in docs(built, "km") if doc["location"] == "du-lich/chua-ang.html"
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
    # Vietnamese (and Latin names in Khmer pages) match with tones folded ("travinh"), by the
    # worker's engine (assets/javascripts/search/engine.js, with text.js's `fold`).
    assert vi["lang"] == ["travinh"] and km["lang"] == ["travinh"]
    assert "fold" in built.text("assets/javascripts/search/text.js")
    assert "fold" in built.text("assets/javascripts/search/engine.js")
    assert en["lang"] == ["en"] and "stemmer" in en["pipeline"]
    assert "porterStemmer" in built.text("assets/javascripts/search/stemmer.js")
    assert "\\u200b" in km["separator"]


def test_words_are_sharded_by_their_folded_first_letters(built: BuildResult):
    manifest = json.loads(built.text("search/terms.json"))
    assert "ch" in manifest["keys"] and manifest["pages"] == 3 and manifest["sections"] == 4
    words = shard(built, "vi", "ch")["w"]
    # "chùa" (pagoda) and "chua" (sour) share the shard, each with its own postings: page,
    # section, 4 * count in the text + count in the title (pages as differences; pages in
    # the order of their files: 0 index.md, 1 am-thuc/canh-chua.md, 2 du-lich/chua-ang.md).
    assert {"chùa", "chua", "chánh"} <= set(words)
    # The home page's text once; Chùa Âng: title once, text twice; its Kiến trúc: text once.
    assert words["chùa"] == [0, 0, 4, 2, 0, 9, 0, 1, 4]
    # The home page's text once ("Canh chua"); Canh chua: title once, text three times.
    assert words["chua"] == [0, 0, 4, 1, 0, 13]
    assert "âng" in shard(built, "vi", "an")["w"]  # folded key: "ân" -> "an"
    assert all(shards.fold(word).startswith("ch") for word in words)


def test_a_large_shard_is_cut_by_one_more_letter():
    """A shard over the limit is cut into shards of one more letter, and the manifest says
    which keys were cut, so that the worker (engine.js keyOf) finds each word's shard."""
    text = "<p>" + " ".join(["chùa", "chúa", "chua", "chưa", "chợ", "chi", "cho"] * 30) + "</p>"
    docs = [{"location": f"p{n}.html", "title": "Ch", "text": text} for n in range(20)]
    rules = shards.Rules(search_index.SEPARATOR, folds=True, stop_words=False)
    whole = shards.write(docs, rules, limit=10**9)
    cut = shards.write(docs, rules, limit=400)
    assert json.loads(whole["search/terms.json"])["split"] == []
    manifest = json.loads(cut["search/terms.json"])
    assert "ch" in manifest["split"]
    assert "ch" in manifest["keys"]  # the shard of the word "ch" itself (the titles')
    for word in ("chùa", "chưa", "chợ", "chi", "ch"):
        shard_key = shards.key(word, rules, manifest["split"])
        assert word in json.loads(cut[f"search/t/{shards.file_key(shard_key)}.json"])["w"]
    assert shards.key("chùa", rules, manifest["split"]).startswith("chu")
    words_whole = {w for path, c in whole.items() if "/t/" in path for w in json.loads(c)["w"]}
    words_cut = {w for path, c in cut.items() if "/t/" in path for w in json.loads(c)["w"]}
    assert words_whole == words_cut


def test_english_drops_lunr_stop_words_and_keeps_words_as_written(built: BuildResult):
    keys = set(json.loads(built.text("en/search/terms.json"))["keys"])
    assert "is" not in keys  # "is", "of", "the" are lunr stop words
    words = shard(built, "en", "te")["w"]
    assert "temples" in words  # stemmed by the worker, not here
    assert "of" not in keys and "the" not in keys


def test_khmer_inner_parts_point_to_their_words(built: BuildResult):
    inner = shard(built, "km", "ត្")["s"]
    assert inner["ត្រពាំង"] == ["ព្រះ"]  # ត្រពាំង is found inside ព្រះត្រពាំង
    assert "ព្រះត្រពាំង" in shard(built, "km", "ព្")["w"]


def test_the_index_is_utf8_json(built: BuildResult):
    raw = b"".join(path.read_bytes() for path in sorted((built.site / "search/p").iterdir()))
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
    # The worker's engine, beside it, and the language's index files it fetches.
    for script in ("worker.js", "engine.js", "text.js", "stemmer.js"):
        assert (built.site / "assets/javascripts/search" / script).is_file()
    prefix = index(built, "km" if path.startswith("km/") else "vi")["config"]["prefix"]
    assert (built.site / prefix / "search/terms.json").is_file()


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
        (
            "fold_diacritics: [vi, km]",
            "fold_diacritics: [vi, km]\n      results: 0",
            "travinh-search results is 0",
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
