#!/usr/bin/env python3
"""The festival dates the site shows, as of the content's date (assets/data/su-kien.yml).

    .venv/bin/python scripts/event_dates.py           every festival, year by year
    .venv/bin/python scripts/event_dates.py --check   beside each computed date, the same day
                                                      from two npm implementations of the
                                                      Khmer calendar and the Vietnamese 15/10

For each yearly festival and each year shown (the current year and the next two; "current" is
the date of the last commit, or SOURCE_DATE_EPOCH): the announced dates, or the expected ones
computed from its calendar rule, or none. ``--check`` (``make festival-dates``) needs the
tests' npm tools (installed by ``make test``) and the ``lunar-vn`` package (requirements.txt).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from travinh_site.content.as_of import as_of
from travinh_site.data import records
from travinh_site.data.schedule import Occurrence, Schedule
from travinh_site.errors import Problem, SiteError
from travinh_site.site import cli

PROJECT = Path(__file__).resolve().parent.parent
HARNESS = PROJECT / "tests" / "tools" / "khmer_calendar.mjs"
NODE_MODULES = PROJECT / ".cache" / "node" / "node_modules"
STATUS = {
    "announced": "đã công bố / announced",
    "expected": "dự kiến / expected",
    "fixed": "cố định / fixed",
}


def when(occurrence: Occurrence) -> str:
    if occurrence.dates is None:
        month = occurrence.window.start
        return f"{month.year}-{month.month:02d} (giữa tháng / mid-month)"
    start, end = occurrence.dates.start, occurrence.dates.end
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def npm_kattik_full_moons(years: range) -> dict[int, tuple[str, str]]:
    """{year: (khmercal's 15 Kattik, momentkh's 15 Kattik)}, run with Node."""
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "khmercal").is_dir():
        raise SiteError(
            Problem(
                "",
                "--check needs Node.js and the tests' npm tools.",
                "run `make test` (or `make festival-dates`) once, which installs them.",
                problem_vi="--check cần Node.js và các công cụ npm của bộ kiểm thử.",
                fix_vi="hãy chạy `make test` (hoặc `make festival-dates`) một lần để cài chúng.",
            )
        )
    run = subprocess.run(
        [node, str(HARNESS), str(NODE_MODULES), *map(str, years)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TZ": "Asia/Ho_Chi_Minh"},
    )
    found: dict[int, list[str]] = {year: ["", ""] for year in years}
    for day, khmercal_month, khmercal_day, momentkh_month, momentkh_day in json.loads(run.stdout):
        year = int(day[:4])
        if (khmercal_month, khmercal_day) == ("KÂTDĔK", 15):
            found[year][0] = day
        if (momentkh_month, momentkh_day) == ("KÂTDĔK", 15):
            found[year][1] = day
    return {year: (pair[0], pair[1]) for year, pair in found.items()}


def vietnamese_15_10(year: int) -> str:
    from lunar_vn import convert_lunar_to_solar  # only for --check (requirements.txt)

    day: datetime.date = convert_lunar_to_solar(15, 10, year, 0, time_zone=7.0)
    return day.isoformat()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Ngày các lễ hội trên trang web, tính đến ngày của nội dung. "
        "(The festival dates the site shows, as of the content's date.)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="so với hai bản cài đặt lịch Khmer trên npm và ngày 15/10 âm lịch Việt Nam "
        "(beside two npm Khmer calendars and the Vietnamese 15/10)",
    )
    parser.add_argument("--project", type=Path, default=PROJECT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    def run() -> int:
        data = records.load(args.project, cli.languages(args.project))
        schedule = Schedule(as_of(args.project))
        schedule.check()
        checks = npm_kattik_full_moons(schedule.years) if args.check else {}
        cli.say(
            f"Tính đến ngày {schedule.today.isoformat()} (ngày của nội dung), các năm "
            f"{schedule.years[0]}-{schedule.years[-1]}:",
            f"As of {schedule.today.isoformat()} (the content's date), years "
            f"{schedule.years[0]}-{schedule.years[-1]}:",
        )
        header = ["festival", "year", "date", "status"]
        if args.check:
            header += ["khmercal", "momentkh", "VN 15/10 (lunar-vn)"]
        rows = [header]
        for record in data["su-kien"]:
            if not record.get("rule"):
                continue  # an event with its own date, not a yearly festival
            occurrences = [o for o in schedule.occurrences(record) if o.year in schedule.years]
            if not occurrences:
                rows.append([record.id, "-", "-", "không có ngày dự kiến / no expected date"])
            for occurrence in occurrences:
                row = [record.id, str(occurrence.year), when(occurrence)]
                row.append(STATUS[occurrence.status.value])
                if args.check and occurrence.expectation == "kattik-full-moon":
                    row += [*checks[occurrence.year], vietnamese_15_10(occurrence.year)]
                rows.append(row)
        widths = [max(len(row[i]) for row in rows if i < len(row)) for i in range(len(header))]
        for row in rows:  # a row may stop short: no check for a date not computed
            line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row))
            sys.stdout.write(line.rstrip() + "\n")
        return 0

    return cli.run(run)


if __name__ == "__main__":
    sys.exit(main())
