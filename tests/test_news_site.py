"""News in a tiny real site: listings (newest first, paginated, by year and category), the
feeds read back with real parsers, a post's page (date line, picture, sources, NewsArticle
JSON-LD), what each language shows of posts it lacks (never Vietnamese text), Vietnamese-only
posts, the home page's latest posts, the head's feed links and the sitemaps' dates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from tests.conftest import LANGUAGES, PROJECT, BuildResult, TinySite, make_tiny_site
from travinh_site.translations import coverage

JSON_FEED_SCHEMA = json.loads(
    (PROJECT / "tests" / "schemas" / "jsonfeed-1.1.schema.json").read_text("utf-8")
)
SITE_URL = "https://example.org/travinh/"
KHMER = re.compile(r"[\u1780-\u17FF]")


def post(title: str, date: str, category: str, *, extra: str = "", body: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndescription: Tóm tắt của {title}.\ndate: {date}\n"
        f"category: {category}\n{extra}---\n\n# {title}\n\n{body or 'Nội dung.'}\n"
    )


# Vietnamese posts: (file, title, date, category); five of them, 2 to a page (per_page: 2).
VIETNAMESE = [
    ("2026/hoi-cho", "Hội chợ dừa", "2026-11-28", "san-vat"),
    ("2026/le-hoi", "Lễ hội Ok Om Bok", "2026-11-05", "van-hoa"),
    ("2026/khu-kinh-te", "Khu kinh tế Định An", "2026-03-02", "dau-tu"),
    ("2025/sap-nhap", "Sáp nhập tỉnh", "2025-07-01", "hanh-chinh"),
    ("2025/chua-hang", "Chùa Hang", "2025-06-30", "du-lich"),
]


def news_pages() -> dict[str, str]:
    pages = {
        "docs/index.md": "---\ntitle: Trang chủ\ndescription: Trang chủ.\n---\n\n# Trang chủ\n\n"
        "## Tin mới\n\n{{ tin-tuc }}\n\n[Ao Bà Om](du-lich/ao-ba-om.md)\n",
        "docs_en/index.md": "---\ntitle: Home\ndescription: Home.\n---\n\n# Home\n\n"
        "## Latest news\n\n{{ tin-tuc }}\n\n[Ba Om Pond](du-lich/ao-ba-om.md)\n",
        "docs_km/index.md": "---\ntitle: ទំព័រដើម\ndescription: ទំព័រដើម។\n---\n\n# ទំព័រដើម\n\n"
        "{{ tin-tuc: 5 }}\n",
    }
    for file, title, date, category in VIETNAMESE:
        extra = ""
        if file == "2026/hoi-cho":
            extra = (
                "image:\n  file: dua.svg\n  alt: Hình minh họa cây dừa\n"
                "sources:\n  - '[Báo Trà Vinh](https://baotravinh.vn/)'\n"
            )
        if file == "2026/le-hoi":
            extra = "languages: [vi]\n"  # local news: Vietnamese only
        pages[f"docs/tin-tuc/{file}.md"] = post(title, date, category, extra=extra)
    # English: two posts translated; Khmer: one.
    pages["docs_en/tin-tuc/2026/hoi-cho.md"] = post(
        "Coconut fair",
        "2026-11-28",
        "san-vat",
        extra="image:\n  file: dua.svg\n  alt: Illustration of a coconut palm\n"
        "sources:\n  - Tra Vinh newspaper\n",
    ).replace("Tóm tắt của Coconut fair.", "Summary of the coconut fair.")
    pages["docs_en/tin-tuc/2025/sap-nhap.md"] = (
        "---\ntitle: Provinces merged\ndescription: Summary of the merger.\n---\n\n"
        "# Provinces merged\n\nText.\n"
    )
    pages["docs_km/tin-tuc/2026/khu-kinh-te.md"] = (
        "---\ntitle: តំបន់សេដ្ឋកិច្ច\ndescription: សេចក្ដីសង្ខេប។\n---\n\n# តំបន់សេដ្ឋកិច្ច\n\nអត្ថបទ។\n"
    )
    pages["docs/du-lich/ao-ba-om.md"] = (
        "---\ntitle: Ao Bà Om\ndescription: Ao Bà Om là di tích.\n---\n\n# Ao Bà Om\n\nAo.\n"
    )
    pages["docs_en/du-lich/ao-ba-om.md"] = (
        "---\ntitle: Ba Om Pond\ndescription: Ba Om Pond is a relic.\n---\n\n# Ba Om Pond\n\nA.\n"
    )
    return pages


def configure(site: TinySite, **options: object) -> None:
    """Give the travinh-news plugin ``options`` in the site's mkdocs.yml."""
    config = site.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    config.write_text(text.replace("  - travinh-news\n", f"  - travinh-news:\n{lines}", 1), "utf-8")


def make_news_site(root: Path) -> TinySite:
    site = make_tiny_site(root, news_pages())
    (site.root / "assets" / "images").mkdir(parents=True)
    for name in ("dua.svg", "dua.svg.yml"):
        (site.root / "assets" / "images" / name).write_bytes(
            (PROJECT / "assets" / "images" / name).read_bytes()
        )
    site.set_nav(
        [
            {"Trang chủ": "index.md"},
            {"Du lịch": [{"Ao Bà Om": "du-lich/ao-ba-om.md"}]},
            {"Tin tức": "tin-tuc/index.md"},
        ]
    )
    configure(site, per_page=2, feed_entries=4)
    return site


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_news_site(tmp_path_factory.mktemp("news") / "project")
    result = site.build(SITE_URL)
    assert result.returncode == 0, result.output
    return result


def soup(result: BuildResult, path: str) -> BeautifulSoup:
    return BeautifulSoup(result.text(path), "html.parser")


def titles(page: BeautifulSoup) -> list[str]:
    return [h2.get_text(strip=True) for h2 in page.select(".tv-news-list h2")]


# ---- listings --------------------------------------------------------------------------------


def test_the_listing_is_newest_first_two_to_a_page(news: BuildResult):
    pages = [titles(soup(news, f"tin-tuc/{name}.html")) for name in ("index", "trang-2", "trang-3")]
    assert pages == [
        ["Hội chợ dừa", "Lễ hội Ok Om Bok"],
        ["Khu kinh tế Định An", "Sáp nhập tỉnh"],
        ["Chùa Hang"],
    ]
    assert not (news.site / "tin-tuc/trang-4.html").exists()
    second = soup(news, "tin-tuc/trang-2.html").select_one("nav.tv-pagination")
    assert second.select_one('a[rel="prev"]')["href"] == "index.html"
    assert second.select_one('a[rel="next"]')["href"] == "trang-3.html"
    assert second.span.get_text() == "Trang 2 / 3"
    assert soup(news, "tin-tuc/trang-2.html").title.get_text().startswith("Tin tức – Trang 2 / 3")


def test_each_listing_entry_links_its_post_and_category(news: BuildResult):
    item = soup(news, "tin-tuc/index.html").select_one(".tv-news-item")
    assert item.h2.a["href"] == "2026/hoi-cho.html"
    assert item.time["datetime"] == "2026-11-28"
    assert item.time.get_text() == "28 tháng 11, 2026"
    assert item.select(".tv-post-meta a")[0]["href"] == "chu-de/san-vat/index.html"
    assert item.select("p")[-1].get_text() == "Tóm tắt của Hội chợ dừa."


def test_an_archive_per_year_and_a_page_per_category(news: BuildResult):
    assert titles(soup(news, "tin-tuc/2025/index.html")) == ["Sáp nhập tỉnh", "Chùa Hang"]
    assert titles(soup(news, "tin-tuc/2026/index.html")) == ["Hội chợ dừa", "Lễ hội Ok Om Bok"]
    assert titles(soup(news, "tin-tuc/2026/trang-2.html")) == ["Khu kinh tế Định An"]
    assert titles(soup(news, "tin-tuc/chu-de/hanh-chinh/index.html")) == ["Sáp nhập tỉnh"]
    browse = soup(news, "tin-tuc/chu-de/hanh-chinh/index.html").select_one("nav.tv-news-browse")
    current = browse.select_one('a[aria-current="page"]')
    assert current.get_text() == "Hành chính"
    years = [a.get_text() for a in browse.select("p")[1].select("a")]
    assert years == ["2026", "2025"]


def test_english_and_khmer_listings_show_only_their_own_posts(news: BuildResult):
    assert titles(soup(news, "en/tin-tuc/index.html")) == ["Coconut fair", "Provinces merged"]
    assert titles(soup(news, "km/tin-tuc/index.html")) == ["តំបន់សេដ្ឋកិច្ច"]
    # No Vietnamese post title anywhere in an English or Khmer listing (Vietnamese-only and
    # untranslated posts included).
    vietnamese = [title for _file, title, _date, _category in VIETNAMESE]
    for path in sorted(news.site.glob("*/tin-tuc/**/*.html")):
        relative = path.relative_to(news.site).as_posix()
        if relative.split("/")[0] in ("en", "km") and not re.search(
            r"/\d{4}/[a-z-]+\.html$", relative
        ):
            text = path.read_text("utf-8")
            assert not [t for t in vietnamese if t in text], relative
    empty = soup(news, "km/tin-tuc/chu-de/du-lich/index.html").select_one(".tv-news-empty")
    assert empty.get_text(" ", strip=True).startswith("មិនទាន់មានព័ត៌មានជាភាសាខ្មែរនៅឡើយទេ។")
    assert empty.a["hreflang"] == "vi" and empty.a["href"] == "../../../../tin-tuc/index.html"


def test_the_switcher_of_a_listing_page_another_language_lacks_leads_to_its_news(news: BuildResult):
    links = {
        a["hreflang"]: a["href"]
        for a in soup(news, "tin-tuc/trang-3.html").select(".md-select__link")
    }
    assert links == {
        "vi": "trang-3.html",
        "en": "../en/tin-tuc/index.html",
        "km": "../km/tin-tuc/index.html",
    }


# ---- a post's page ---------------------------------------------------------------------------


def test_a_post_shows_its_date_category_picture_and_sources(news: BuildResult):
    page = soup(news, "tin-tuc/2026/hoi-cho.html")
    article = page.select_one("article.md-content__inner")
    meta = article.select_one(".tv-post-meta")
    assert meta.find_previous_sibling("h1").get_text(strip=True).startswith("Hội chợ dừa")
    assert meta.time["datetime"] == "2026-11-28"
    assert meta.a["href"] == "../chu-de/san-vat/index.html"
    image = article.select_one("img.tv-post-image")
    assert image["alt"] == "Hình minh họa cây dừa"
    assert re.fullmatch(r"\.\./\.\./assets/images/dua\.[0-9a-f]{8}\.svg", image["src"])
    assert (news.site / "tin-tuc/2026" / image["src"]).resolve().is_file()
    sources = article.select("h2")[-1]
    assert sources.get_text(strip=True).startswith("Nguồn")
    assert sources.find_next("li").a["href"] == "https://baotravinh.vn/"


def news_article(page: BeautifulSoup) -> dict:
    """The post's NewsArticle: a node of the page's one JSON-LD graph, its WebPage's main
    entity."""
    (block,) = page.select('script[type="application/ld+json"]')
    graph = json.loads(block.string)["@graph"]
    (article,) = [node for node in graph if node["@type"] == "NewsArticle"]
    assert graph[0]["@type"] == "WebPage" and graph[0]["mainEntity"] == {"@id": article["@id"]}
    return article


def test_a_post_has_its_news_article_json_ld(news: BuildResult):
    assert news_article(soup(news, "en/tin-tuc/2026/hoi-cho.html")) == {
        "@type": "NewsArticle",
        "@id": f"{SITE_URL}en/tin-tuc/2026/hoi-cho.html#article",
        "mainEntityOfPage": f"{SITE_URL}en/tin-tuc/2026/hoi-cho.html",
        "url": f"{SITE_URL}en/tin-tuc/2026/hoi-cho.html",
        "headline": "Coconut fair",
        "description": "Summary of the coconut fair.",
        "datePublished": "2026-11-28",
        "dateModified": "2026-11-28",
        "inLanguage": "en",
        "articleSection": "Produce",
        "author": {"@type": "Organization", "name": "Tra Vinh", "url": f"{SITE_URL}en/"},
        "publisher": {"@type": "Organization", "name": "Tra Vinh", "url": f"{SITE_URL}en/"},
        "image": [
            SITE_URL
            + soup(news, "en/tin-tuc/2026/hoi-cho.html")
            .select_one("img.tv-post-image")["src"]
            .replace("../../../", "")
        ],
        "citation": ["Tra Vinh newspaper"],
    }
    vietnamese = news_article(soup(news, "tin-tuc/2026/hoi-cho.html"))
    assert vietnamese["citation"] == ["Báo Trà Vinh (https://baotravinh.vn/)"]
    assert vietnamese["image"][0].startswith(f"{SITE_URL}assets/images/dua.")


def test_an_untranslated_post_falls_back_like_every_page(news: BuildResult):
    page = soup(news, "en/tin-tuc/2026/khu-kinh-te.html")
    assert page.html["lang"] == "en"
    assert page.select_one(".tv-untranslated") is not None
    assert page.select_one("div[lang=vi] h1").get_text(strip=True).startswith("Khu kinh tế")
    assert page.select_one('link[rel="canonical"]')["href"] == (
        f"{SITE_URL}tin-tuc/2026/khu-kinh-te.html"
    )
    assert [
        b for b in page.select('script[type="application/ld+json"]') if "NewsArticle" in b.string
    ] == []  # its canonical, the Vietnamese post, has it
    sitemaps = "".join(p.read_text("utf-8") for p in news.site.rglob("sitemap.xml"))
    assert f"{SITE_URL}en/tin-tuc/2026/khu-kinh-te.html" not in sitemaps
    assert f"{SITE_URL}km/tin-tuc/2026/khu-kinh-te.html" in sitemaps


def test_a_vietnamese_only_post_appears_only_in_vietnamese(news: BuildResult):
    assert "Lễ hội Ok Om Bok" in titles(soup(news, "tin-tuc/index.html"))
    for code in ("en", "km"):
        feed = news.text(f"{code}/tin-tuc/atom.xml") + news.text(f"{code}/tin-tuc/feed.json")
        assert "le-hoi" not in feed and "Ok Om Bok" not in feed
    # Its page exists at the other addresses, as every untranslated page does.
    assert soup(news, "km/tin-tuc/2026/le-hoi.html").select_one(".tv-untranslated") is not None


def test_the_translation_report_does_not_miss_a_vietnamese_only_post(news: BuildResult):
    project = news.site.parent
    report = coverage.check(project, LANGUAGES, use_git=False)
    assert report.status("tin-tuc/2026/le-hoi.md", "en") is None
    assert report.status("tin-tuc/2026/le-hoi.md", "km") is None
    # A post published in every language is missing where it is not translated.
    assert report.status("tin-tuc/2025/sap-nhap.md", "km").state == coverage.MISSING
    assert report.summary("km").pages == 6  # of the 7 Vietnamese pages, one is Vietnamese-only
    assert report.summary("km").states[coverage.MISSING] == 4


# ---- the home page, the head, the sitemaps ---------------------------------------------------


def test_the_home_page_shows_the_latest_three_posts_of_its_language(news: BuildResult):
    def latest(path: str) -> list[tuple[str, str]]:
        block = soup(news, path).select_one(".tv-news-latest")
        return [(a.get_text(), a["href"]) for a in block.select("li > a")]

    assert latest("index.html") == [
        ("Hội chợ dừa", "tin-tuc/2026/hoi-cho.html"),
        ("Lễ hội Ok Om Bok", "tin-tuc/2026/le-hoi.html"),
        ("Khu kinh tế Định An", "tin-tuc/2026/khu-kinh-te.html"),
    ]
    assert latest("en/index.html") == [
        ("Coconut fair", "tin-tuc/2026/hoi-cho.html"),
        ("Provinces merged", "tin-tuc/2025/sap-nhap.html"),
    ]
    assert latest("km/index.html") == [("តំបន់សេដ្ឋកិច្ច", "tin-tuc/2026/khu-kinh-te.html")]


def test_every_page_links_its_languages_feeds_in_its_head(news: BuildResult):
    for path, prefix in (
        ("index.html", ""),
        ("km/du-lich/ao-ba-om.html", "km/"),
        ("en/404.html", "en/"),
    ):
        links = {
            link["type"]: link["href"]
            for link in soup(news, path).select('head link[rel="alternate"][type]')
        }
        assert links == {
            "application/atom+xml": f"{SITE_URL}{prefix}tin-tuc/atom.xml",
            "application/feed+json": f"{SITE_URL}{prefix}tin-tuc/feed.json",
        }, path


def test_the_sitemaps_date_posts_and_listings(news: BuildResult):
    sitemap = news.text("sitemap.xml")
    assert (
        f"<loc>{SITE_URL}tin-tuc/2025/sap-nhap.html</loc>\n    <lastmod>2025-07-01</lastmod>"
        in sitemap
    )
    assert f"<loc>{SITE_URL}tin-tuc/index.html</loc>\n    <lastmod>2026-11-28</lastmod>" in sitemap
    assert f"<loc>{SITE_URL}en/tin-tuc/2025/sap-nhap.html</loc>\n    <lastmod>2025-07-01" in sitemap
    assert "<loc>https://example.org/travinh/du-lich/ao-ba-om.html</loc>\n    <xhtml" in sitemap


# ---- the feeds -------------------------------------------------------------------------------


def test_the_atom_feeds_are_valid_and_absolute(news: BuildResult):
    parsed = feedparser.parse(news.text("en/tin-tuc/atom.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == "en"
    assert parsed.feed.link == f"{SITE_URL}en/tin-tuc/index.html"
    assert parsed.feed.id == f"{SITE_URL}en/tin-tuc/index.html"
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [
        f"{SITE_URL}en/tin-tuc/atom.xml"
    ]
    assert [entry.id for entry in parsed.entries] == [entry.link for entry in parsed.entries]
    assert [(e.title, e.link, e.published, e.tags[0].label) for e in parsed.entries] == [
        (
            "Coconut fair",
            f"{SITE_URL}en/tin-tuc/2026/hoi-cho.html",
            "2026-11-28T00:00:00+07:00",
            "Produce",
        ),
        (
            "Provinces merged",
            f"{SITE_URL}en/tin-tuc/2025/sap-nhap.html",
            "2025-07-01T00:00:00+07:00",
            "Administration",
        ),
    ]
    assert parsed.entries[0].summary == "Summary of the coconut fair."


def test_a_feed_holds_the_latest_entries_only(news: BuildResult):
    parsed = feedparser.parse(news.text("tin-tuc/atom.xml"))
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == [  # feed_entries: 4 of the 5
        "Hội chợ dừa",
        "Lễ hội Ok Om Bok",
        "Khu kinh tế Định An",
        "Sáp nhập tỉnh",
    ]


def test_the_khmer_feeds_hold_only_khmer_entries(news: BuildResult):
    atom = feedparser.parse(news.text("km/tin-tuc/atom.xml"))
    assert not atom.bozo and atom.feed.language == "km"
    document = json.loads(news.text("km/tin-tuc/feed.json"))
    entries = [(e.title, e.summary) for e in atom.entries]
    items = [(i["title"], i["summary"]) for i in document["items"]]
    assert entries == items == [("តំបន់សេដ្ឋកិច្ច", "សេចក្ដីសង្ខេប។")]
    for title, summary in entries:
        assert KHMER.search(title) and KHMER.search(summary)
    assert {i["language"] for i in document["items"]} == {"km"}


@pytest.mark.parametrize("code", ["vi", "en", "km"])
def test_the_json_feeds_follow_json_feed_1_1(news: BuildResult, code: str):
    prefix = "" if code == "vi" else f"{code}/"
    document = json.loads(news.text(f"{prefix}tin-tuc/feed.json"))
    jsonschema.validate(document, JSON_FEED_SCHEMA)
    assert document["feed_url"] == f"{SITE_URL}{prefix}tin-tuc/feed.json"
    assert document["language"] == code


def test_the_json_feed_schema_refuses_a_broken_feed():
    broken = {"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1"}]}
    with pytest.raises(jsonschema.ValidationError):  # an item without content
        jsonschema.validate(broken, JSON_FEED_SCHEMA)
    dated = {
        **broken,
        "items": [{"id": "1", "content_text": "t", "date_published": "2026-11-28"}],
    }
    with pytest.raises(jsonschema.ValidationError):  # not an RFC 3339 date-time
        jsonschema.validate(dated, JSON_FEED_SCHEMA)


def test_two_builds_write_the_same_news_files(tmp_path: Path, news: BuildResult):
    site = make_news_site(tmp_path / "again")
    again = site.build(SITE_URL)
    assert again.returncode == 0, again.output
    for path in sorted(news.site.rglob("*")):
        relative = path.relative_to(news.site)
        if path.is_file() and relative.parts[0] != "assets":
            assert (again.site / relative).read_bytes() == path.read_bytes(), relative


def test_a_site_without_posts_has_no_news(tiny_site: TinySite):
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    assert not (result.site / "tin-tuc").exists()
    assert 'type="application/atom+xml"' not in result.text("index.html")


def test_a_translation_of_a_vietnamese_only_post_is_reported_and_not_listed(tmp_path: Path):
    from travinh_site.content.languages import scan
    from travinh_site.news.posts import collect

    site = make_tiny_site(tmp_path / "project", news_pages())
    site.write(
        "docs_en/tin-tuc/2026/le-hoi.md",
        "---\ntitle: Ok Om Bok festival\ndescription: Summary.\n---\n\n# Ok Om Bok festival\n",
    )
    site.write(
        "docs_km/tin-tuc/2026/khu-kinh-te.md",
        "---\ntitle: តំបន់សេដ្ឋកិច្ច\ndescription: សេចក្ដីសង្ខេប។\ndate: 2026-03-03\n"
        "category: dau-tu\n---\n",
    )
    categories = ("du-lich", "dau-tu", "san-vat", "van-hoa", "hanh-chinh")
    room = collect(site.root, LANGUAGES, scan(site.root, LANGUAGES), categories)
    assert [post.page for post in room.of("en")] == [
        "tin-tuc/2026/hoi-cho.md",
        "tin-tuc/2025/sap-nhap.md",
    ]
    assert [str(problem) for problem in room.problems] == [
        # in the order of the pages: 2026/khu-kinh-te, then 2026/le-hoi
        "docs_km/tin-tuc/2026/khu-kinh-te.md:4: ngày '2026-03-03' khác với bản tiếng Việt "
        "('2026-03-02', docs/tin-tuc/2026/khu-kinh-te.md); một tin chỉ có một ngày ở mọi thứ "
        "tiếng, là của bản tiếng Việt. Cách sửa: viết 'date: 2026-03-02', hoặc xóa dòng này.\n"
        "  docs_km/tin-tuc/2026/khu-kinh-te.md:4: the date '2026-03-03' differs from the "
        "Vietnamese post's ('2026-03-02', docs/tin-tuc/2026/khu-kinh-te.md); a post has one "
        "date in every language, the Vietnamese post's. Fix: write 'date: 2026-03-02', or "
        "delete the line.",
        "docs_en/tin-tuc/2026/le-hoi.md:1: bản tiếng Việt (docs/tin-tuc/2026/le-hoi.md) ghi rằng "
        "tin không đăng bằng English ('languages:'), nên bản dịch này không bao giờ được liệt kê. "
        "Cách sửa: thêm 'en' vào 'languages:' trong docs/tin-tuc/2026/le-hoi.md, hoặc xóa tệp "
        "này.\n"
        "  docs_en/tin-tuc/2026/le-hoi.md:1: the Vietnamese post (docs/tin-tuc/2026/le-hoi.md) "
        "says it is not published in English ('languages:'), so this translation is never "
        "listed. Fix: add 'en' to 'languages:' in docs/tin-tuc/2026/le-hoi.md, or delete this "
        "file.",
    ]
    (khmer,) = room.of("km")
    assert khmer.date.isoformat() == "2026-03-02"  # the Vietnamese post's
