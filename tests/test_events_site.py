"""Events for every coming year, in a tiny three-language site built as of 1 December 2026
(tests/conftest.py): expected festival dates for 2026-2028 marked as such, announced dates in
their place, "upcoming" from the content's date (never the clock), the calendar feeds with
TENTATIVE and CONFIRMED events under stable UIDs, one .ics per event, and JSON-LD that declares
only confirmed events still to come, each at a postal address."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.conftest import (
    DEFAULT_NAV,
    PROJECT,
    SOURCE_DATE_EPOCH,
    BuildResult,
    TinySite,
    make_tiny_site,
)
from travinh_site.data.khmer_calendar import kattik_full_moon

SITE_URL = "https://example.org/"
# A festival with the Khmer-calendar rule and two years announced; one expected only in
# mid-April; one with a rule that is not computed; an event under way on the build's date, one
# just over, and a 2025 anniversary.
EVENTS = """\
- id: ky-niem
  category: anniversary
  date: 2025-02-03
  region: &region {vi: Vĩnh Long, en: Vinh Long, km: វិញឡុង}
  name: {vi: Kỷ niệm, en: Anniversary, km: ខួប}
  source: example.vn (1)
- id: dang-dien-ra
  category: anniversary
  start: 2026-11-30
  end: 2026-12-02
  name: {vi: Đang diễn ra, en: Under way, km: កំពុងប្រព្រឹត្ត}
  place: {vi: Quảng trường, en: The square, km: ទីលាន}
  region: *region
  source: example.vn (2)
- id: vua-xong
  category: anniversary
  date: 2026-11-30
  name: {vi: Vừa xong, en: Just over, km: ទើបចប់}
  source: example.vn (3)
- id: ok-om-bok
  category: festival
  page: le-hoi.md
  expected: kattik-full-moon
  name: {vi: Ok Om Bok, en: Ok Om Bok festival, km: បុណ្យអកអំបុក}
  rule: {vi: Rằm tháng Kattik, en: Full moon of Kattik, km: ពេញបូណ៌មី ខែកត្តិក}
  place: {vi: Ao Bà Om, en: Ba Om Pond, km: ស្រះ Ao Bà Om}
  locality: {vi: Phường Nguyệt Hóa, en: Nguyet Hoa ward, km: សង្កាត់ Nguyệt Hóa}
  region: *region
  dates:
    - {start: 2027-11-12, end: 2027-11-14}
    - 2025-11-05
  source: example.vn (4)
- id: tet
  category: festival
  expected: mid-april
  name: {vi: Tết, en: New Year, km: ចូលឆ្នាំ}
  rule: {vi: Giữa tháng 4, en: Mid-April, km: ពាក់កណ្ដាលខែមេសា}
  source: example.vn (5)
- id: sene
  category: festival
  name: {vi: Sene, en: Sene, km: សែន}
  rule: {vi: Khoảng tháng 9, en: Around September, km: ប្រមាណខែកញ្ញា}
  source: example.vn (6)
"""
PAGES = {
    "le-hoi.md": ("Lễ hội", "Festival", "បុណ្យ", "{{ su-kien: ok-om-bok }}"),
    "su-kien.md": (
        "Sự kiện",
        "Events",
        "ព្រឹត្តិការណ៍",
        "{{ su-kien: upcoming }}\n\n{{ su-kien: festival }}\n\n{{ su-kien: 2025 }}",
    ),
}
EXPECTED_NOTE = {
    "vi": "dự kiến, theo âm lịch; ngày chính thức được công bố hằng năm",
    "en": "expected, from the lunar calendar; the official dates are announced each year",
    "km": "រំពឹងទុកតាមច័ន្ទគតិ។ កាលបរិច្ឆេទផ្លូវការត្រូវប្រកាសជារៀងរាល់ឆ្នាំ។",
}
MID_APRIL = {
    "vi": ("Giữa tháng 4 năm 2027, 3 ngày (có năm 4 ngày)", "dự kiến; ngày chính thức"),
    "en": ("Mid-April 2027, 3 days (4 in some years)", "expected; the official dates"),
    "km": ("ពាក់កណ្ដាលខែមេសា ឆ្នាំ 2027 រយៈពេល 3 ថ្ងៃ (ឆ្នាំខ្លះ 4 ថ្ងៃ)", "រំពឹងទុក។"),
}
PREFIXES = ("", "en/", "km/")
# Ok Om Bok's expected day in 2028 (the Khmer calendar, checked against two other
# implementations in tests/test_khmer_calendar.py); 2026's is 24 November, past on 1 December.
OK_OM_BOK_2028 = datetime.date(2028, 11, 1)


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n---\n\n# {title}\n\n{body}\n"


def events_site(root: Path, events: str = EVENTS) -> TinySite:
    site = make_tiny_site(root)
    site.write("assets/data/su-kien.yml", events)
    for name, (vi, en, km, body) in PAGES.items():
        for folder, title in (("docs", vi), ("docs_en", en), ("docs_km", km)):
            site.write(f"{folder}/{name}", page(title, body))
    site.set_nav([*DEFAULT_NAV, {"Lễ hội": "le-hoi.md"}, {"Sự kiện": "su-kien.md"}])
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = events_site(tmp_path_factory.mktemp("events") / "project").build(SITE_URL)
    assert result.returncode == 0, result.output
    return result


def soup(built: BuildResult, path: str) -> BeautifulSoup:
    return BeautifulSoup(built.text(path), "html.parser")


@dataclass
class Row:
    when: str  # the date cell's text (the date, its note, the link's text)
    times: list[str]  # its <time datetime>
    name: str
    ics: str | None  # the link to its own .ics file


def tables(built: BuildResult, path: str) -> dict[str, list[Row]]:
    """Caption -> rows of each events table of the page, in order."""
    found = {}
    for table in soup(built, path).select(".tv-data--su-kien table"):
        rows = []
        for row in table.select("tbody tr"):
            first, second = row.select("td, th")[:2]
            link = first.select_one("a.tv-events__ics[download]")
            rows.append(
                Row(
                    first.get_text(" ", strip=True),
                    [time["datetime"] for time in first.select("time")],
                    (second.strong or second).get_text(strip=True),
                    link["href"] if link else None,
                )
            )
        found[table.caption.get_text()] = rows
    return found


def test_kattik_full_moon_of_2028_is_the_one_the_tests_expect():
    assert kattik_full_moon(2028) == OK_OM_BOK_2028


YEAR_CAPTIONS = {
    "": ["Năm 2028", "Năm 2027", "Năm 2026", "Năm 2025"],
    "en/": ["2028", "2027", "2026", "2025"],
    "km/": ["ឆ្នាំ 2028", "ឆ្នាំ 2027", "ឆ្នាំ 2026", "ឆ្នាំ 2025"],
}
DATE_2028 = {"": "1 tháng 11, 2028", "en/": "November 1, 2028", "km/": "1 វិច្ឆិកា 2028"}
NAMES = {"": "Ok Om Bok", "en/": "Ok Om Bok festival", "km/": "បុណ្យអកអំបុក"}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_festivals_show_the_current_year_and_the_next_two(built: BuildResult, prefix: str):
    code = prefix.rstrip("/") or "vi"
    found = tables(built, f"{prefix}su-kien.html")
    captions = YEAR_CAPTIONS[prefix]
    assert [caption for caption in found if caption in captions] == captions  # newest first
    y2028, y2027, y2026, y2025 = (found[caption] for caption in captions)
    ok_om_bok = NAMES[prefix]
    # Not announced: expected, computed from the Khmer calendar, marked as such, in the language.
    (expected,) = [row for row in y2028 if row.name == ok_om_bok]
    assert expected.times == [OK_OM_BOK_2028.isoformat()]
    assert expected.when.startswith(f"{DATE_2028[prefix]} {EXPECTED_NOTE[code]}")
    (expected_2026,) = [row for row in y2026 if row.name == ok_om_bok]
    assert expected_2026.times == ["2026-11-24"] and EXPECTED_NOTE[code] in expected_2026.when
    # Announced: the dates replace that year's expected day (13 November 2027), with no note.
    assert [row.times for row in y2027 if row.name == ok_om_bok] == [["2027-11-12/2027-11-14"]]
    assert not any(EXPECTED_NOTE[code] in row.when for row in y2027 if row.name == ok_om_bok)
    # 2025 is shown only for what was announced (no expected dates for past years).
    assert [row.times for row in y2025 if row.name == ok_om_bok] == [["2025-11-05"]]
    # Chôl Chnăm Thmây: the time of year only, expected; no day, no calendar file.
    mid_april, note = MID_APRIL[code]
    (tet,) = [row for row in y2027 if row.times == ["2027-04"]]
    assert tet.when.startswith(mid_april) and note in tet.when and tet.ics is None
    # Sene Đôlta (no 'expected'): no date in any year; its rule in the festivals' table.
    assert not any(row.name == "Sene" for rows in (y2028, y2027, y2026) for row in rows)
    rules = list(found.values())[-1]  # name, rule, place
    assert [row.when for row in rules][2] in ("Sene", "សែន")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_upcoming_lists_what_is_still_to_come_in_date_order(built: BuildResult, prefix: str):
    upcoming = next(iter(tables(built, f"{prefix}su-kien.html").values()))
    # As of 1 December 2026: the event under way (until 2 December) is still to come; the one
    # of 30 November, Ok Om Bok 2026 (24 November) and 2025 are over.
    assert [row.times for row in upcoming] == [
        ["2026-11-30/2026-12-02"],
        ["2027-04"],
        ["2027-11-12/2027-11-14"],
        ["2028-04"],
        [OK_OM_BOK_2028.isoformat()],
    ]


def test_upcoming_follows_the_content_date_not_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # The same content dated 1 June 2031 (SOURCE_DATE_EPOCH), whatever the clock says.
    when = datetime.datetime(2031, 6, 1, tzinfo=datetime.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.timestamp())))
    result = events_site(tmp_path / "project").build(SITE_URL)
    assert result.returncode == 0, result.output
    found = tables(result, "en/su-kien.html")
    assert [caption for caption in found if caption.isdigit()] == [
        "2033",
        "2032",
        "2031",
        "2027",
        "2025",
    ]
    assert [row.times for row in next(iter(found.values()))] == [
        [kattik_full_moon(2031).isoformat()],
        ["2032-04"],
        [kattik_full_moon(2032).isoformat()],
        ["2033-04"],
        [kattik_full_moon(2033).isoformat()],
    ]


def vevents(text: str) -> dict[str, object]:
    return {str(event["uid"]): event for event in Calendar.from_ical(text).walk("VEVENT")}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_feeds_carry_expected_dates_as_tentative_and_announced_ones_as_confirmed(
    built: BuildResult, prefix: str
):
    events = vevents(built.text(f"{prefix}du-lieu/su-kien.ics"))
    statuses = {uid.split("@")[0]: str(event["status"]) for uid, event in events.items()}
    assert statuses == {
        "ky-niem-2025-02-03": "CONFIRMED",
        "dang-dien-ra-2026-11-30": "CONFIRMED",
        "vua-xong-2026-11-30": "CONFIRMED",
        "ok-om-bok-2025": "CONFIRMED",
        "ok-om-bok-2026": "TENTATIVE",
        "ok-om-bok-2027": "CONFIRMED",
        "ok-om-bok-2028": "TENTATIVE",
    }  # a time of year (mid-April) is no event of a calendar; nor is a rule alone
    tentative = events["ok-om-bok-2028@example.org"]
    assert tentative.decoded("dtstart") == OK_OM_BOK_2028
    assert tentative.decoded("dtend") == OK_OM_BOK_2028 + datetime.timedelta(days=1)
    code = prefix.rstrip("/") or "vi"
    assert EXPECTED_NOTE[code] in str(tentative["description"])
    announced = events["ok-om-bok-2027@example.org"]
    assert str(announced.decoded("dtstart")) == "2027-11-12" and announced["sequence"] == 1


def test_a_festivals_uid_stays_when_its_dates_are_announced(tmp_path: Path, built: BuildResult):
    before = vevents(built.text("du-lieu/su-kien.ics"))["ok-om-bok-2028@example.org"]
    announced = EVENTS.replace("    - 2025-11-05\n", "    - 2025-11-05\n    - 2028-10-31\n")
    result = events_site(tmp_path / "project", announced).build(SITE_URL)
    assert result.returncode == 0, result.output
    after = vevents(result.text("du-lieu/su-kien.ics"))["ok-om-bok-2028@example.org"]
    assert (str(before["status"]), before.decoded("dtstart")) == ("TENTATIVE", OK_OM_BOK_2028)
    assert (str(after["status"]), str(after.decoded("dtstart"))) == ("CONFIRMED", "2028-10-31")
    assert after["sequence"] > before.get("sequence", 0)  # a revision of the same event


@pytest.mark.parametrize("prefix", PREFIXES)
def test_each_dated_event_has_its_own_calendar_file_linked_from_its_row(
    built: BuildResult, prefix: str
):
    feed = vevents(built.text(f"{prefix}du-lieu/su-kien.ics"))
    rows = [row for rows in tables(built, f"{prefix}su-kien.html").values() for row in rows]
    linked = [row for row in rows if row.ics]
    assert len(linked) >= 7
    for row in linked:
        target = (built.site / prefix / row.ics).resolve()
        (uid, event), *others = vevents(target.read_text("utf-8")).items()
        assert others == []
        start = row.times[0].split("/")[0]
        assert str(event.decoded("dtstart")) == start, row
        # The same event as in the feed (one UID: importing both gives one event).
        assert feed[uid].to_ical() == event.to_ical()
    # Every dated row has one; a time of year has none.
    assert {row.times[0] for row in rows if not row.ics and row.times} == {
        "2026-04",
        "2027-04",
        "2028-04",
    }


def json_ld_events(built: BuildResult, path: str) -> list[dict]:
    (script,) = soup(built, path).select('head script[type="application/ld+json"]')
    return [node for node in json.loads(script.string)["@graph"] if node["@type"] == "Event"]


def test_search_engines_get_only_confirmed_events_still_to_come(built: BuildResult):
    events = json_ld_events(built, "en/su-kien.html")
    # Not 2025 nor what ended before 1 December 2026; not the expected dates (2026, 2028):
    # schema.org cannot say "expected" and a search engine would show them as the date.
    assert [(e["name"], e["startDate"], e["endDate"]) for e in events] == [
        ("Under way", "2026-11-30", "2026-12-02"),
        ("Ok Om Bok festival", "2027-11-12", "2027-11-14"),
    ]
    assert events[1]["@id"] == "https://example.org/en/su-kien.html#ok-om-bok-2027"
    assert events[1]["location"] == {
        "@type": "Place",
        "name": "Ba Om Pond",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Nguyet Hoa ward",
            "addressRegion": "Vinh Long",
            "addressCountry": "VN",
        },
    }
    # The festival's own page declares it too, in its language.
    (own,) = json_ld_events(built, "km/le-hoi.html")
    assert own["location"]["address"]["addressRegion"] == "វិញឡុង"


def test_expected_without_a_rule_is_refused_at_its_line(tmp_path: Path):
    broken = EVENTS.replace("  rule: {vi: Giữa tháng 4, en: Mid-April, km: ពាក់កណ្ដាលខែមេសា}\n", "")
    line = broken.splitlines().index("- id: tet") + 1
    result = events_site(tmp_path / "project", broken).build(SITE_URL)
    assert result.returncode != 0
    assert f"assets/data/su-kien.yml:{line}: the event 'tet' has 'expected' but no calendar" in (
        result.output
    )
    assert "sự kiện 'tet' có 'expected' nhưng thiếu quy tắc lịch 'rule'" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_expectation_is_refused_with_the_choices(tmp_path: Path):
    broken = EVENTS.replace("expected: mid-april", "expected: mid-apirl")
    result = events_site(tmp_path / "project", broken).build(SITE_URL)
    assert result.returncode != 0
    assert "'mid-apirl' is not a possible 'expected'" in result.output
    assert "mid-april" in result.output and "Traceback" not in result.output


def test_a_content_date_beyond_the_khmer_calendar_is_one_clear_line(tmp_path, monkeypatch):
    when = datetime.datetime(2099, 6, 1, tzinfo=datetime.UTC)  # 2099-2101: past 2100
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.timestamp())))
    result = events_site(tmp_path / "project").build(SITE_URL)
    assert result.returncode != 0
    assert "the Khmer calendar is computed only for 1971-2100" in result.output
    assert "lịch Khmer chỉ được tính cho 1971-2100" in result.output
    assert "Traceback" not in result.output


def test_the_editors_command_lists_each_festivals_dates_year_by_year(tmp_path: Path):
    site = events_site(tmp_path / "project")
    run = subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "event_dates.py"), "--project", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )
    assert run.returncode == 0, run.stderr
    lines = [" ".join(line.split()) for line in run.stdout.splitlines()]
    assert "As of 2026-12-01 (the content's date), years 2026-2028:" in lines
    assert "ok-om-bok 2026 2026-11-24 dự kiến / expected" in lines
    assert "ok-om-bok 2027 2027-11-12..2027-11-14 đã công bố / announced" in lines
    assert "ok-om-bok 2028 2028-11-01 dự kiến / expected" in lines
    assert "tet 2027 2027-04 (giữa tháng / mid-month) dự kiến / expected" in lines
    assert "sene - - không có ngày dự kiến / no expected date" in lines
    assert not any(line.startswith("ky-niem") for line in lines)  # not a yearly festival
