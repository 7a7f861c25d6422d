"""A tiny three-language site with data blocks: HTML, downloads, JSON-LD and error messages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.conftest import DEFAULT_NAV, BuildResult, TinySite, make_tiny_site

SITE_URL = "https://example.org/"

AREAS = """\
- id: khu-a
  type: economic-zone
  name: {vi: Khu A, en: Zone A, km: តំបន់ A}
  location: {vi: Trà Cú, en: Tra Cu, km: Trà Cú}
  area: 39020
  first_phase_area: 15403.7
  page: dau-tu.md
  source: example.vn (1)
- id: khu-b
  type: power-centre
  name: {vi: Khu B, en: Centre B, km: មជ្ឈមណ្ឌល B}
  area: about 880
  capacity: 4498
  source: example.vn (2)
"""
EVENTS = """\
- id: ky-niem
  category: anniversary
  date: 2025-02-03
  name: {vi: Kỷ niệm, en: Anniversary, km: ខួប}
  source: example.vn (3)
- id: le-hoi
  category: festival
  page: dau-tu.md
  name: {vi: Lễ hội, en: Festival, km: បុណ្យ}
  rule: {vi: Rằm tháng 10 âm lịch, en: Full moon of the 10th lunar month, km: ពេញបូណ៌មី}
  dates:
    - {start: 2026-11-24, end: 2026-11-25}
    - 2027-11-13
  source: example.vn (4)
- id: chi-co-luat
  category: festival
  page: du-lich/chua-viet.md
  name: {vi: Chỉ có luật, en: Rule only, km: មានតែវិធាន}
  rule: {vi: Giữa tháng 4, en: Mid-April, km: ពាក់កណ្ដាលខែមេសា}
  source: example.vn (5)
"""
PLACES = """\
- id: ao-ba-om
  type: TouristAttraction
  page: du-lich/ao-ba-om.md
  address: {vi: Phường Nguyệt Hóa, en: Nguyet Hoa ward, km: សង្កាត់ Nguyệt Hóa}
  source: example.vn (6)
- id: chua-chua-viet
  type: TouristAttraction
  page: du-lich/chua-chua-viet.md
  source: example.vn (7)
"""


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n{body}\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_tiny_site(tmp_path_factory.mktemp("data") / "project")
    site.write("assets/data/khu-dau-tu.yml", AREAS)
    site.write("assets/data/su-kien.yml", EVENTS)
    site.write("assets/data/dia-danh.yml", PLACES)
    for folder, title in (("docs", "Đầu tư"), ("docs_en", "Investment"), ("docs_km", "វិនិយោគ")):
        site.write(
            f"{folder}/dau-tu.md", page(title, "{{ khu-dau-tu }}\n\n{{ khu-dau-tu: khu-a }}")
        )
    for folder, title in (("docs", "Sự kiện"), ("docs_en", "Events")):  # km: not translated
        site.write(f"{folder}/su-kien.md", page(title, "{{ su-kien }}\n\n```\n{{ su-kien }}\n```"))
    site.set_nav([*DEFAULT_NAV, {"Đầu tư": "dau-tu.md"}, {"Sự kiện": "su-kien.md"}])
    result = site.build(SITE_URL)
    assert result.returncode == 0, result.output
    return result


def soup(built: BuildResult, path: str) -> BeautifulSoup:
    return BeautifulSoup(built.text(path), "html.parser")


def article_text(built: BuildResult, path: str) -> str:
    return soup(built, path).select_one("article").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("path", "figures"),
    [
        ("dau-tu.html", ["39.020 ha", "15.403,7 ha", "khoảng 880 ha", "4.498 MW", "Khu kinh tế"]),
        (
            "en/dau-tu.html",
            ["39,020 ha", "15,403.7 ha", "about 880 ha", "4,498 MW", "Economic zone"],
        ),
        ("km/dau-tu.html", ["39,020 ha", "15,403.7 ha", "ប្រមាណ 880 ha", "4,498 MW", "តំបន់ សេដ្ឋកិច្ច"]),
    ],
)
def test_investment_records_render_in_each_language(built: BuildResult, path: str, figures: list):
    text = article_text(built, path).replace("តំបន់សេដ្ឋកិច្ច", "តំបន់ សេដ្ឋកិច្ច")
    for figure in figures:
        assert figure in text, f"{path}: {figure}"
    table, facts = soup(built, path).select(".tv-data")
    assert len(table.select("tbody tr")) == 2  # every record
    assert facts.select_one("dl.tv-facts") is not None  # one record: its facts


@pytest.mark.parametrize(
    ("path", "dates"),
    [
        ("su-kien.html", ["3 tháng 2, 2025", "13 tháng 11, 2027", "Rằm tháng 10 âm lịch"]),
        ("en/su-kien.html", ["February 3, 2025", "November 13, 2027", "Mid-April"]),
        # Not translated into Khmer: the Vietnamese text, with Vietnamese formats.
        ("km/su-kien.html", ["3 tháng 2, 2025", "13 tháng 11, 2027"]),
    ],
)
def test_events_render_with_the_locale_date_format(built: BuildResult, path: str, dates: list):
    text = article_text(built, path)
    for date in dates:
        assert date in text, f"{path}: {date}"
    captions = [c.get_text() for c in soup(built, path).select(".tv-data caption")]
    assert captions[0].endswith("2027") and captions[1].endswith("2026")  # newest year first
    assert "{{ su-kien }}" in soup(built, path).select_one("article pre").get_text()  # code: kept


@pytest.mark.parametrize("prefix", ["", "en/", "km/"])
def test_calendar_feed_parses_and_holds_every_dated_event(built: BuildResult, prefix: str):
    calendar = Calendar.from_ical(built.text(f"{prefix}du-lieu/su-kien.ics"))
    events = calendar.walk("VEVENT")
    assert len(events) == 3  # one anniversary, a festival on two dates; a rule alone is no event
    starts = sorted(str(event.decoded("dtstart")) for event in events)
    assert starts == ["2025-02-03", "2026-11-24", "2027-11-13"]
    festival = next(e for e in events if str(e.decoded("dtstart")) == "2026-11-24")
    assert str(festival.decoded("dtend")) == "2026-11-26"  # the day after the last day
    language = prefix.rstrip("/") or "vi"
    assert all(event["summary"].params["LANGUAGE"] == language for event in events)
    assert len({event["uid"] for event in events}) == 3


@pytest.mark.parametrize(("prefix", "name"), [("", "Khu A"), ("en/", "Zone A"), ("km/", "តំបន់ A")])
def test_investment_areas_download_as_csv_and_json(built: BuildResult, prefix: str, name: str):
    raw = (built.site / f"{prefix}du-lieu/khu-dau-tu.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == ["khu-a", "khu-b"]
    assert rows[0]["name"] == name and rows[0]["area_ha"] == "39020"
    assert rows[1]["area_qualifier"] == "about" and rows[1]["capacity_mw"] == "4498"
    document = json.loads(built.text(f"{prefix}du-lieu/khu-dau-tu.json"))
    assert [area["id"] for area in document["areas"]] == ["khu-a", "khu-b"]
    assert document["areas"][0]["first_phase_area_ha"] == 15403.7
    assert document["inLanguage"] == (prefix.rstrip("/") or "vi")
    links = [a["href"] for a in soup(built, f"{prefix}dau-tu.html").select(".tv-data a[download]")]
    assert "du-lieu/khu-dau-tu.csv" in links and "du-lieu/khu-dau-tu.json" in links


def json_ld(built: BuildResult, path: str) -> list[dict]:
    blocks = soup(built, path).select('head script[type="application/ld+json"]')
    return [json.loads(block.string) for block in blocks]


@pytest.mark.parametrize(
    ("path", "language", "name"),
    [
        ("du-lich/ao-ba-om.html", "vi", "Ao Bà Om"),
        ("en/du-lich/ao-ba-om.html", "en", "Ba Om Pond"),
        ("km/du-lich/ao-ba-om.html", "vi", "Ao Bà Om"),  # untranslated: the Vietnamese text
    ],
)
def test_tourism_page_declares_a_tourist_attraction(
    built: BuildResult, path: str, language: str, name: str
):
    (document,) = json_ld(built, path)
    page, attraction = document["@graph"]
    assert page["@type"] == "WebPage" and page["inLanguage"] == language
    assert attraction["@type"] == "TouristAttraction" and attraction["name"] == name
    assert page["about"] == [{"@id": attraction["@id"]}]


def test_events_page_declares_its_events_still_to_come(built: BuildResult):
    (document,) = json_ld(built, "en/su-kien.html")
    events = [node for node in document["@graph"] if node["@type"] == "Event"]
    # As of 1 December 2026 (tests/conftest.py): 2025 and 24-25 November 2026 are over.
    assert [(e["name"], e["startDate"], e["endDate"]) for e in events] == [
        ("Festival", "2027-11-13", "2027-11-13"),
    ]


def test_records_link_to_their_page_once_it_is_written(built: BuildResult):
    rows = soup(built, "en/su-kien.html").select(".tv-events tbody th, .tv-events tbody td")
    links = {cell.get_text(" ", strip=True): cell.find("a") for cell in rows}
    assert links["Festival"]["href"] == "dau-tu.html"  # its page
    assert links["Rule only"] is None  # du-lich/chua-viet.md is not written yet
    # A festival's own page declares its dated occurrences still to come as Events.
    (document,) = json_ld(built, "en/dau-tu.html")
    types = [node["@type"] for node in document["@graph"]]
    assert types == ["WebPage", "Place", "Event"]


def test_every_page_has_json_ld_naming_its_language(built: BuildResult):
    for html in built.site.rglob("*.html"):
        if html.name in ("404.html", "tien-do-ban-dich.html", "man-hinh.html"):  # not pages
            continue  # (the editors' translation dashboard, the display boards' screen)
        page = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        shown = page.select_one("article div[lang]")  # an untranslated page's text
        language = shown["lang"] if shown else page.html["lang"]
        documents = json_ld(built, str(html.relative_to(built.site)))
        assert [d["@graph"][0]["inLanguage"] for d in documents] == [language], html


def test_sources_are_not_published_and_pages_not_yet_written_are_tolerated(built: BuildResult):
    assert not (built.site / "assets/data").exists()
    # A record may name a page still to be written (the build above passed in strict mode).
    assert "the page 'du-lich/chua-chua-viet.md' does not exist yet" in built.output


def broken_site(tiny: TinySite) -> TinySite:
    tiny.write("assets/data/su-kien.yml", EVENTS)
    tiny.set_nav([*DEFAULT_NAV, {"Sự kiện": "su-kien.md"}])
    return tiny


def test_a_mistyped_block_fails_the_build_naming_page_and_line(tiny_site: TinySite):
    site = broken_site(tiny_site)
    site.write("docs/su-kien.md", page("Sự kiện", "{{ su-kien }}"))
    site.write("docs_km/su-kien.md", page("ព្រឹត្តិការណ៍", "{{ su-kein }}\n\n{{ su-kien: 2031 }}"))
    result = site.build(SITE_URL)
    assert result.returncode != 0
    assert (
        "docs_km/su-kien.md:8: '{{ su-kein }}' names no data that can be shown in a page. "
        "Fix: did you mean '{{ su-kien }}'?" in result.output
    )
    assert "docs_km/su-kien.md:10: no record of su-kien.yml matches '2031'." in result.output
    assert "Traceback" not in result.output


def test_a_data_mistake_fails_the_build_naming_file_and_line(tiny_site: TinySite):
    site = broken_site(tiny_site)
    site.write("assets/data/su-kien.yml", EVENTS.replace("2025-02-03", "2025-02-30"))
    site.write("docs/su-kien.md", page("Sự kiện", "{{ su-kien }}"))
    result = site.build(SITE_URL)
    assert result.returncode != 0
    assert "assets/data/su-kien.yml:3: '2025-02-30' is not a valid date for 'date'" in result.output
    assert "Traceback" not in result.output


def test_a_record_naming_a_page_almost_like_an_existing_one_is_a_mistake(tiny_site: TinySite):
    tiny_site.write(
        "assets/data/dia-danh.yml", PLACES.replace("du-lich/ao-ba-om.md", "du-lich/ao-ba-omm.md")
    )
    result = tiny_site.build(SITE_URL)
    assert result.returncode != 0
    assert (
        "assets/data/dia-danh.yml:3: the page 'du-lich/ao-ba-omm.md' does not exist. "
        "Fix: did you mean 'du-lich/ao-ba-om.md' (docs/du-lich/ao-ba-om.md)?" in result.output
    )
