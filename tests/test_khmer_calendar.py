"""Ok Om Bok's day comes from our port of the Khmer calendar (travinh_site.data.khmer_calendar).
It is checked day by day, for every year the sites of the tests show, against two npm
implementations by other authors (khmercal, whose code it ports, and @thyrith/momentkh, written
independently), run with Node; the project's events page shows what both give; and the data
file's account of why the Khmer calendar is used (the Vietnamese 15/10 differs) is true."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from functools import cache

import pytest
from bs4 import BeautifulSoup
from lunar_vn import convert_lunar_to_solar

from tests.conftest import NODE_MODULES, PROJECT, BuildResult, node_tool
from tests.test_project_data import SCHEDULE
from travinh_site.data.khmer_calendar import KATTIK, LunarDate, kattik_full_moon, lunar_date

HARNESS = PROJECT / "tests" / "tools" / "khmer_calendar.mjs"
# The years shown by the project's site (its content's date), by the tiny sites (as of
# 1 December 2026, and 2031 in tests/test_events_site.py), and the published 2024 and 2025.
YEARS = sorted({*SCHEDULE.years, 2024, 2025, 2026, 2027, 2028, 2031, 2032, 2033})
EVENTS_DATA = PROJECT / "assets" / "data" / "su-kien.yml"


@cache
def npm_days() -> list[tuple[datetime.date, LunarDate, LunarDate]]:
    """(day, khmercal's lunar date, momentkh's) for every day of YEARS."""
    node_tool("khmercal/index.js")
    node_tool("@thyrith/momentkh/momentkh.js")
    node = shutil.which("node")
    assert node, "Node.js is missing: run `make test`"
    run = subprocess.run(
        [node, str(HARNESS), str(NODE_MODULES), *map(str, YEARS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "TZ": "Asia/Ho_Chi_Minh"},  # both read the civil date in UTC+7
    )
    assert run.returncode == 0, run.stderr
    return [
        (datetime.date.fromisoformat(day), LunarDate(day_1, month_1), LunarDate(day_2, month_2))
        for day, month_1, day_1, month_2, day_2 in json.loads(run.stdout)
    ]


def test_the_port_agrees_with_both_npm_implementations_on_every_day_of_the_years_shown():
    days = npm_days()
    assert len(days) == sum(366 if year % 4 == 0 else 365 for year in YEARS)
    differences = [
        (day, ours, khmercal, momentkh)
        for day, khmercal, momentkh in days
        if not (ours := lunar_date(day)) == khmercal == momentkh
    ]
    assert differences == []


def test_ok_om_bok_is_15_kattik_of_both_npm_implementations_every_year_shown():
    khmercal = {d.year: d for d, lunar, _other in npm_days() if lunar == LunarDate(15, KATTIK)}
    momentkh = {d.year: d for d, _other, lunar in npm_days() if lunar == LunarDate(15, KATTIK)}
    assert {year: kattik_full_moon(year) for year in YEARS} == khmercal == momentkh


def test_the_events_page_shows_what_both_implementations_give(project_build: BuildResult):
    both = {d.year: d for d, one, two in npm_days() if one == two == LunarDate(15, KATTIK)}
    for prefix in ("", "en/", "km/"):
        html = project_build.text(f"{prefix}su-kien/index.html")
        page = BeautifulSoup(html, "html.parser")
        shown = {time["datetime"] for time in page.select(".tv-data--su-kien time")}
        for year in SCHEDULE.years:
            assert both[year].isoformat() in shown, (prefix, year)


def test_the_2025_festival_night_was_15_kattik_not_the_vietnamese_15_10():
    # Trà Vinh's Ok Om Bok night at Ao Bà Om: 5 November 2025 (baovinhlong.com.vn, 2025-10).
    assert kattik_full_moon(2025) == datetime.date(2025, 11, 5)
    assert convert_lunar_to_solar(15, 10, 2025, 0, time_zone=7.0) == datetime.date(2025, 12, 4)


def test_the_data_files_account_of_the_two_calendars_is_true():
    comment = " ".join(
        line.lstrip("# ")
        for line in EVENTS_DATA.read_text("utf-8").splitlines()
        if line.startswith("#")
    )
    pairs = re.findall(r"(\d{4}) (\d{1,2} \w{3}) / (\d{1,2} \w{3})", comment)
    assert [int(year) for year, *_days in pairs] == [2024, 2025, 2026, 2027, 2028]
    for year, khmer, vietnamese in pairs:

        def day(text: str, year: str = year) -> datetime.date:
            return datetime.datetime.strptime(f"{text} {year}", "%d %b %Y").date()

        assert kattik_full_moon(int(year)) == day(khmer), year
        assert convert_lunar_to_solar(15, 10, int(year), 0, time_zone=7.0) == day(vietnamese)


@pytest.mark.parametrize("year", [1970, 2101])
def test_years_outside_the_checked_range_are_refused(year: int):
    with pytest.raises(ValueError, match="1971-2100"):
        lunar_date(datetime.date(year, 6, 1))
