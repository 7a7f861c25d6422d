"""Search in Chromium: queries typed into the real search box on /, /en/ and /km/ of a tiny
three-language site (tests/search_pages.py), and the browser's word rules checked against the
build's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.conftest import Watched, watched_page
from tests.search_pages import make_search_site
from tests.static_host import ServedSite, serve_built
from tests.test_khmer import KHMER_TEXTS
from travinh_site.search import index, shards
from travinh_site.text.khmer import Segmenter, Vocabulary, runs

pytestmark = pytest.mark.browser

CHUA_ANG = "du-lich/chua-ang.html"
CANH_CHUA = "am-thuc/canh-chua.html"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    site = make_search_site(tmp_path_factory.mktemp("search-browser") / "project")
    with serve_built(site.build) as served:
        yield served


# Runs before Material's scripts: notes whether the search worker has answered the last query
# Material sent it (the worker answers only the last one; it waits for a pause in typing).
WATCH_SEARCH_WORKER = """
const PageWorker = window.Worker;
window.__searchAnswered = true;
window.Worker = class extends PageWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", event => {
      if (event.data && event.data.type === 3) window.__searchAnswered = true;
    });
  }
  postMessage(message, ...rest) {
    if (message && message.type === 2) window.__searchAnswered = false;
    return super.postMessage(message, ...rest);
  }
};
"""


@pytest.fixture
def searching(browser: BrowserContext, search_site: ServedSite) -> Iterator[Watched]:
    with watched_page(browser, search_site) as watched:
        watched.page.add_init_script(WATCH_SEARCH_WORKER)
        yield watched


@dataclass(frozen=True)
class Result:
    path: str  # the result's page, from the site root
    title: str  # as shown, <mark> included


def search(watched: Watched, path: str, query: str) -> list[Result]:
    """Open ``path``, type ``query`` into the search box, and read the results shown."""
    page = watched.page
    if urlsplit(page.url).path != "/" + path:
        page.goto(watched.site.url(path), wait_until="load")
        page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    # The worker fetches the index files a query needs: results are settled once it has
    # answered, no request is in flight and they stop changing.
    in_flight: set[object] = set()

    def started(request: object) -> None:
        in_flight.add(request)

    def ended(request: object) -> None:
        in_flight.discard(request)

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    try:
        # Playwright types letters it has no key for (Vietnamese, Khmer) without key events;
        # Material reads the query on keyup, which a keyboard sends with every key.
        box.type(query)
        box.press("End")
        return settled_results(page, in_flight)
    finally:
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", ended)
        page.remove_listener("requestfailed", ended)


def settled_results(page: Page, in_flight: set[object]) -> list[Result]:
    """The results of the last query, once the worker has answered it and they are shown."""
    readings: list[tuple[str, list[Result]] | None] = []
    for _ in range(100):
        page.wait_for_timeout(100)
        if in_flight or not page.evaluate("window.__searchAnswered"):
            readings.append(None)
            continue
        items = page.locator(".md-search-result__list > li").all()
        readings.append(
            (
                page.locator(".md-search-result__meta").inner_text(),
                [
                    Result(
                        urlsplit(str(item.locator("a").first.get_attribute("href"))).path.lstrip(
                            "/"
                        ),
                        item.locator("a").first.locator("h1").inner_html(),
                    )
                    for item in items
                ],
            )
        )
        if len(readings) >= 3 and readings[-1] is not None and readings[-1] == readings[-2]:
            break
    assert readings[-1] is not None, "the search's requests did not finish"
    return readings[-1][1]


def paths(results: list[Result]) -> list[str]:
    return [result.path for result in results]


@pytest.mark.parametrize("query", ["chua ang", "Chùa Âng", "tra vinh", "Trà Vinh"])
def test_vietnamese_with_or_without_tones_finds_chua_ang(searching: Watched, query: str):
    results = search(searching, "index.html", query)
    assert CHUA_ANG in paths(results)
    chua_ang = next(result for result in results if result.path == CHUA_ANG)
    if "ang" in query.lower() or "âng" in query.lower():
        assert paths(results)[0] == CHUA_ANG
        assert chua_ang.title == "<mark>Chùa</mark> <mark>Âng</mark>"  # as written, highlighted
    assert searching.console_errors == [] and searching.failures == []


def test_exact_tones_rank_first(searching: Watched):
    # "chùa" (pagoda) is on the Chùa Âng page; "chua" (sour) on the canh chua page.
    found = paths(search(searching, "index.html", "chùa"))
    assert found[0] == CHUA_ANG and CANH_CHUA in found
    found = paths(search(searching, "index.html", "chua"))  # no tones typed: both found
    assert {CANH_CHUA, CHUA_ANG} <= set(found)
    # More of the words typed beats tones: "chua ang" matches both words of Chùa Âng only.
    assert paths(search(searching, "index.html", "chua ang"))[0] == CHUA_ANG


def test_english_finds_words_by_their_stem(searching: Watched):
    results = search(searching, "en/index.html", "pagodas")  # the page says "Pagoda"
    assert paths(results)[0] == "en/" + CHUA_ANG
    assert results[0].title == "Ang <mark>Pagoda</mark>"
    assert "en/" + CHUA_ANG in paths(search(searching, "en/index.html", "temple"))  # "temples"
    assert paths(search(searching, "en/index.html", "chùa")) == []  # English pages only
    assert searching.console_errors == [] and searching.failures == []


@pytest.mark.parametrize(
    "query",
    [
        "ត្រពាំង",  # only inside ព្រះត្រពាំង on the page
        "ព្រះត្រពាំង",
        "វត្តអង្គ",  # two words typed together: វត្ត + អង្គ
        "អង្គ",
    ],
)
def test_khmer_words_are_found_inside_longer_strings(searching: Watched, query: str):
    results = search(searching, "km/index.html", query)
    assert paths(results)[0] == "km/" + CHUA_ANG
    assert searching.console_errors == [] and searching.failures == []


def index_files(watched: Watched) -> list[str]:
    """The paths of the search index files requested (not the search's scripts)."""
    return [
        urlsplit(url).path
        for url in watched.requests
        if "/search/" in urlsplit(url).path and "/assets/" not in urlsplit(url).path
    ]


def test_a_khmer_page_fetches_only_the_khmer_index(searching: Watched):
    search(searching, "km/index.html", "វត្ត")
    fetched = index_files(searching)
    assert "/km/search/search_index.json" in fetched and "/km/search/terms.json" in fetched
    assert any(path.startswith("/km/search/t/") for path in fetched)
    assert all(path.startswith("/km/search/") for path in fetched), fetched
    assert searching.foreign_requests() == []


def test_a_vietnamese_page_fetches_only_the_vietnamese_index(searching: Watched):
    search(searching, "du-lich/chua-ang.html", "chua")
    fetched = index_files(searching)
    assert "/search/search_index.json" in fetched and "/search/terms.json" in fetched
    assert all(path.startswith("/search/") for path in fetched), fetched


def test_a_page_load_fetches_no_index_and_a_query_only_its_words_shards(searching: Watched):
    """Material fetches search_index.json (the settings) with every page; the index itself and
    the engine come only once the visitor types, and then only the shard of each word typed
    (t/<its first two letters, folded>.json) and the pages shown."""
    page = searching.page
    page.goto(searching.site.url("index.html"), wait_until="load")
    page.wait_for_load_state("networkidle")
    assert index_files(searching) == ["/search/search_index.json"]
    assert not any(url.endswith("/engine.js") for url in searching.requests)
    searching.reset()
    search(searching, "index.html", "chùa âng")
    fetched = index_files(searching)
    shards = sorted(path for path in fetched if "/t/" in path)
    assert shards == ["/search/t/61-6e.json", "/search/t/63-68.json"]  # "an", "ch"
    assert sorted(path for path in fetched if "/p/" in path) == [
        "/search/p/0.json",  # the home page, which links to both
        "/search/p/1.json",  # Chùa Âng
        "/search/p/2.json",  # Canh chua ("chua")
    ]
    assert any(url.endswith("/engine.js") for url in searching.requests)
    assert searching.console_errors == [] and searching.failures == []


def test_results_show_the_matching_section_highlighted(searching: Watched):
    page = searching.page
    results = search(searching, "index.html", "mái tầng")
    assert paths(results)[0] == CHUA_ANG
    teaser = page.locator(".md-search-result__list > li").first.locator("article").nth(1)
    assert teaser.locator("h2").inner_html() == "Kiến trúc"
    # Material shows the paragraphs of a section that hold a match, not the others.
    assert "<mark>mái</mark> nhiều <mark>tầng</mark>" in teaser.inner_html()
    assert "Phần này" not in teaser.inner_html()


def test_browser_words_are_the_builds(searching: Watched):
    """The engine folds, trims and names shards as the build did (shards.py), also where
    large shards were cut by one more letter."""
    words = ["Trà", "Vinh,", "«Âng»", "Đền", "chùa", "chưa", "ព្រះត្រពាំង។", "(2025)", "x", "ch"]
    split = ["ch", "chu", "tr", "ព្"]
    page = searching.page
    page.goto(searching.site.url("index.html"))
    for script in ("text.js", "engine.js"):
        page.add_script_tag(url=f"/assets/javascripts/search/{script}")
    in_browser = page.evaluate(
        """([words, split]) => {
            const { EDGES } = self.travinhSearch
            const config = { lang: ["travinh"], pipeline: [], separator: " ", fields: {} }
            const engine = self.travinhEngine(config, location.href)
            return words.map(word => {
                const trimmed = word.replace(EDGES, "").toLowerCase()
                return [trimmed, engine.keyOf(trimmed, new Set()),
                        engine.keyOf(trimmed, new Set(split))]
            })
        }""",
        [words, split],
    )
    rules = shards.Rules(index.SEPARATOR, folds=True, stop_words=False)
    expected = []
    for word in words:
        trimmed = shards.trim(word).lower()
        expected.append([trimmed, shards.key(trimmed, rules), shards.key(trimmed, rules, split)])
    assert in_browser == expected
    assert ["chùa", "ch", "chua"] in expected  # the cut keys are in use


def test_a_result_lists_the_best_pages_only(searching: Watched):
    """At most `results` pages (travinh-search), the best first: their files only are
    fetched. The engine runs here in the page, on the site's own Vietnamese index."""
    page = searching.page
    page.goto(searching.site.url("index.html"))
    for script in ("text.js", "engine.js"):
        page.add_script_tag(url=f"/assets/javascripts/search/{script}")
    found = page.evaluate(
        """async results => {
            const { config } = await (await fetch("/search/search_index.json")).json()
            const engine = self.travinhEngine({ ...config, results }, location.origin + "/")
            const items = await engine.search("chùa")
            return items.map(group => group.find(item => !item.location.includes("#")).location)
        }""",
        1,
    )
    assert found == [CHUA_ANG]  # of the three pages with "chùa" or "chua"


def test_browser_cuts_khmer_like_the_build(searching: Watched):
    """The build cuts real Khmer text into words (ICU, then the cut over the vocabulary); the
    browser, knowing only the index, cuts the same text into the same words."""
    vocabulary = Vocabulary(Segmenter(), KHMER_TEXTS)
    index_docs = [{"title": "", "text": vocabulary.mark(text)} for text in KHMER_TEXTS]
    all_runs = [match.group() for text in KHMER_TEXTS for match in runs(text)]
    page = searching.page
    page.goto(searching.site.url("km/index.html"))
    page.add_script_tag(url="/assets/javascripts/search/text.js")
    in_browser = page.evaluate(
        """([docs, runs]) => {
            const { khmerVocabulary, cut } = self.travinhSearch
            const vocabulary = khmerVocabulary(docs)
            return runs.map(run => cut(run, vocabulary.words, vocabulary.lengths)
                .map(([piece]) => piece))
        }""",
        [index_docs, all_runs],
    )
    assert len(all_runs) > 10
    assert in_browser == [vocabulary.cut(run) for run in all_runs]


def test_browser_folds_tones_and_leaves_khmer_alone(searching: Watched):
    page = searching.page
    page.goto(searching.site.url("index.html"))
    page.add_script_tag(url="/assets/javascripts/search/text.js")
    folded = page.evaluate(
        "words => words.map(self.travinhSearch.fold)",
        ["Trà Vinh", "Chùa Âng", "Đền thờ", "lịch sử", "ព្រះត្រពាំង", "Ao Bà Om"],
    )
    assert folded == ["Tra Vinh", "Chua Ang", "Den tho", "lich su", "ព្រះត្រពាំង", "Ao Ba Om"]
