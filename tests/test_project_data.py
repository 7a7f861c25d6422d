"""The project's own data (assets/data/) and its outputs in the real site: every record in
every language with the locale's formats, the feeds, the downloads and every JSON-LD block."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests import schemaorg
from tests.conftest import LANGUAGES, PROJECT, BuildResult
from tests.test_content import VIETNAMESE
from travinh_site.content.as_of import as_of
from travinh_site.data import blocks, records
from travinh_site.data.formatting import Formatter
from travinh_site.data.records import Quantity
from travinh_site.data.schedule import Schedule
from travinh_site.data.schema import Kind
from travinh_site.site import strings
from travinh_site.site.config import TravinhConfig

DATA = records.load(PROJECT, LANGUAGES)
TEXTS = strings.load(PROJECT / TravinhConfig().strings, LANGUAGES, "overrides/strings.yml")
SHOWN = [record for name in blocks.SHOWN_IN_PAGES for record in DATA[name]]
# The project's site is built as of its last commit (or SOURCE_DATE_EPOCH), like the build.
SCHEDULE = Schedule(as_of(PROJECT))
# What a number >= 1000 looks like in each locale, written out independently of Babel:
# Vietnamese groups with "." and has a decimal ","; English and Khmer the other way round.
GROUPED = {
    "vi": re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$"),
    "en": re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$"),
}
GROUPED["km"] = GROUPED["en"]
KHMER_DIGITS = re.compile(r"[\u17e0-\u17e9]")
# Texts a row does not show: summaries and descriptions (shown on the record's page), an event's
# address parts (for search engines only).
NOT_SHOWN = ("summary", "description", "locality", "region")


def rendered(record: records.Record, code: str) -> str:
    context = blocks.Context(
        code=code,
        formatter=Formatter.for_language(code, TEXTS[code]),
        page_url="x/index.html",
        page_url_of=lambda path: path.replace(".md", ".html"),
        downloads=blocks.Downloads({}),
        schedule=SCHEDULE,
    )
    block = blocks.Block(1, record.dataset.name, ())  # as a table row, with its name
    html = blocks.render(block, [record], context)
    return BeautifulSoup(html, "html.parser").get_text(" ")


@pytest.mark.parametrize("code", LANGUAGES.codes)
@pytest.mark.parametrize("record", SHOWN, ids=lambda record: record.id)
def test_each_record_renders_in_each_language_with_its_formats(record, code: str):
    text = rendered(record, code)
    assert record.text("name", code) in text
    assert not KHMER_DIGITS.search(text)  # Latin digits everywhere, Khmer included
    for spec in record.dataset.fields:
        value = record.get(spec.name)
        if isinstance(value, Quantity):
            number = format_decimal(value.value, locale=code, decimal_quantization=False)
            assert number in text, f"{record.id} {spec.name} in {code}"
            if value.value >= 1000:
                assert GROUPED[code].match(number), number
        elif spec.kind is Kind.TEXT and value and spec.name not in NOT_SHOWN:
            assert value[code] in text
    for occurrence in record.occurrences():
        assert format_date(occurrence.start, "long", locale=code) in text
    if record.dataset.name == "su-kien":  # and its expected dates, for each year shown
        for occurrence in SCHEDULE.occurrences(record):
            if occurrence.dates is not None:
                assert format_date(occurrence.dates.start, "long", locale=code) in text


@pytest.mark.parametrize("record", list(DATA.all()), ids=lambda record: record.id)
def test_english_data_carries_no_vietnamese(record):
    texts = [value["en"] for value in record.values.values() if isinstance(value, dict)]
    texts += record.sources("en")
    for text in texts:
        assert not VIETNAMESE.search(text), f"{record.shown_as}:{record.line}: {text}"


def language_of(prefix: str) -> str:
    return prefix.rstrip("/") or LANGUAGES.default.code


@pytest.mark.parametrize("prefix", [language.prefix for language in LANGUAGES])
def test_calendar_feeds_parse_and_hold_every_event(project_build: BuildResult, prefix: str):
    calendar = Calendar.from_ical(project_build.text(f"{prefix}du-lieu/su-kien.ics"))
    events = calendar.walk("VEVENT")
    expected = [
        (
            occurrence.record.text("name", language_of(prefix)),
            occurrence.dates.start,
            "CONFIRMED" if occurrence.confirmed else "TENTATIVE",
        )
        for occurrence in SCHEDULE.all(DATA["su-kien"])
        if occurrence.dates is not None
    ]
    # The seven anniversaries of the 2025 plan, and Ok Om Bok in each year shown.
    assert len(expected) == 7 + len(SCHEDULE.years)
    found = [(str(e["summary"]), e.decoded("dtstart"), str(e["status"])) for e in events]
    assert sorted(found) == sorted(expected)
    ok_om_bok = sorted(str(e["uid"]) for e in events if str(e["uid"]).startswith("ok-om-bok-"))
    assert [uid.split("@")[0] for uid in ok_om_bok] == [f"ok-om-bok-{y}" for y in SCHEDULE.years]


@pytest.mark.parametrize("prefix", [language.prefix for language in LANGUAGES])
def test_downloads_hold_every_investment_area(project_build: BuildResult, prefix: str):
    ids = [record.id for record in DATA["khu-dau-tu"]]
    text = (project_build.site / f"{prefix}du-lieu/khu-dau-tu.csv").read_text("utf-8-sig")
    assert [row["id"] for row in csv.DictReader(io.StringIO(text))] == ids
    document = json.loads(project_build.text(f"{prefix}du-lieu/khu-dau-tu.json"))
    assert [area["id"] for area in document["areas"]] == ids
    # ... and the investment pages link to them.
    page = BeautifulSoup(project_build.text(f"{prefix}dau-tu/index.html"), "html.parser")
    links = {a["href"] for a in page.select("article a[download]")}
    assert {"../du-lieu/khu-dau-tu.csv", "../du-lieu/khu-dau-tu.json"} <= links


def html_pages(site: Path) -> list[Path]:
    # 404 pages, the editors' translation dashboard (tien-do-ban-dich.html) and the display
    # boards' screen (man-hinh.html) are not pages.
    not_pages = {"404.html", "tien-do-ban-dich.html", "man-hinh.html"}
    return sorted(path for path in site.rglob("*.html") if path.name not in not_pages)


def test_every_json_ld_block_parses_and_names_the_page_language(project_build: BuildResult):
    pages = html_pages(project_build.site)
    assert len(pages) >= 3 * 17
    types: set[str] = set()
    for path in pages:
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        shown = page.select_one("article div[lang]")  # an untranslated page's text
        language = shown["lang"] if shown else page.html["lang"]
        scripts = page.select('script[type="application/ld+json"]')
        assert scripts, f"{path}: no JSON-LD"
        for script in scripts:
            document = json.loads(script.string)
            web_page = document["@graph"][0]
            assert web_page["@type"] == "WebPage" and web_page["inLanguage"] == language, path
            types.update(node["@type"] for node in document["@graph"])
    assert {"WebPage", "Place", "TouristAttraction", "Product", "NewsArticle"} <= types


def test_every_json_ld_block_is_valid_schema_org(project_build: BuildResult):
    count, findings = schemaorg.check_site(project_build.site, SCHEDULE.today)
    assert count == len(html_pages(project_build.site))  # one block on every page
    assert list(schemaorg.errors(findings)) == []


@pytest.mark.parametrize("record", [r for r in DATA["dia-danh"]], ids=lambda record: record.id)
def test_each_place_with_a_page_is_declared_on_it(project_build: BuildResult, record):
    page = record.get("page")
    if not (PROJECT / "docs" / page).is_file():
        pytest.skip(f"docs/{page} is not written yet")
    for language in LANGUAGES:
        html = project_build.text(language.prefix + page.replace(".md", ".html"))
        soup = BeautifulSoup(html, "html.parser")
        graph = json.loads(soup.select_one('script[type="application/ld+json"]').string)["@graph"]
        assert record.get("type") in [node["@type"] for node in graph], (language.code, page)
