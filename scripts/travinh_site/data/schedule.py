"""Which occurrences of each event the site shows, as of the build's date.

An event has its own date (an anniversary: ``date:`` or ``start:``/``end:``), or it is a yearly
festival with a calendar ``rule:``. A festival's occurrences are the dates the organisers
announced (``dates:``) and, for the current year and the next two, its *expected* dates when its
rule can be computed (``expected:``):

- ``kattik-full-moon``: the full-moon day of the Khmer month Kattik, computed with
  :mod:`.khmer_calendar` (Ok Om Bok);
- ``mid-april``: only the time of year is known (Chôl Chnăm Thmây: mid-April, 3 days, 4 in
  some years; its days depend on the moment of the sun's entry, which no second implementation
  confirms, so no day is computed).

An announced date replaces the expected one of its year. "Today" is the build's date
(:func:`travinh_site.content.as_of.as_of`: the content's commit, never the clock), so two builds
of one commit show the same years and the same "upcoming" events.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from travinh_site.data import khmer_calendar
from travinh_site.data.records import DateRange, Record
from travinh_site.data.schema import KATTIK_FULL_MOON, MID_APRIL
from travinh_site.errors import Problem, SiteError

YEARS_AHEAD = 2  # expected dates for the current year and the next two


class Status(Enum):
    FIXED = "fixed"  # an event with its own date (an anniversary)
    ANNOUNCED = "announced"  # a festival's dates as announced (``dates:``)
    EXPECTED = "expected"  # from the festival's calendar rule; not announced yet


@dataclass(frozen=True)
class Occurrence:
    record: Record
    key: str  # stable across builds and languages: feeds' UIDs, file names, JSON-LD ids
    year: int
    status: Status
    # The days, or None when only the time of year is expected (``window`` then holds it).
    dates: DateRange | None
    window: DateRange  # the days it falls within: its dates, or the month expected

    @property
    def confirmed(self) -> bool:
        return self.status is not Status.EXPECTED

    @property
    def expectation(self) -> str:
        """The ``expected:`` rule this occurrence comes from ("" when confirmed)."""
        return "" if self.confirmed else str(self.record.get("expected"))

    def is_past(self, today: datetime.date) -> bool:
        """Over before ``today``; an event under way today is not past."""
        return self.window.end < today


@dataclass(frozen=True)
class Schedule:
    """The occurrences shown as of ``today``, the build's date."""

    today: datetime.date

    @property
    def years(self) -> range:
        """The years that get expected dates."""
        return range(self.today.year, self.today.year + YEARS_AHEAD + 1)

    def check(self) -> None:
        """A build's date whose years the Khmer calendar does not cover is a clear problem."""
        first, last = self.years[0], self.years[-1]
        if first < khmer_calendar.FIRST_YEAR or last > khmer_calendar.LAST_YEAR:
            raise SiteError(
                Problem(
                    "",
                    f"the build's date ({self.today.isoformat()}) asks for festival dates in "
                    f"{first}-{last}, but the Khmer calendar is computed only for "
                    f"{khmer_calendar.FIRST_YEAR}-{khmer_calendar.LAST_YEAR}.",
                    "build from the project's git clone, or set SOURCE_DATE_EPOCH to a date "
                    "in that range.",
                    problem_vi=f"ngày của bản dựng ({self.today.isoformat()}) cần ngày lễ hội "
                    f"trong các năm {first}-{last}, nhưng lịch Khmer chỉ được tính cho "
                    f"{khmer_calendar.FIRST_YEAR}-{khmer_calendar.LAST_YEAR}.",
                    fix_vi="hãy tạo trang từ bản sao git của dự án, hoặc đặt SOURCE_DATE_EPOCH "
                    "bằng một ngày trong khoảng đó.",
                )
            )

    def occurrences(self, record: Record) -> tuple[Occurrence, ...]:
        """The record's occurrences, in date order."""
        recurring = bool(record.get("rule"))
        status = Status.ANNOUNCED if recurring else Status.FIXED
        found: list[tuple[int, Status, DateRange | None, DateRange]] = [
            (dates.start.year, status, dates, dates) for dates in record.occurrences()
        ]
        announced_years = {year for year, *_rest in found}
        expectation = record.get("expected")
        if expectation:
            for year in self.years:
                if year not in announced_years:
                    found.append((year, Status.EXPECTED, *_expected(expectation, year)))
        found.sort(key=lambda item: (item[3].start, item[3].end))
        return tuple(_keyed(record, found, recurring))

    def all(self, records: Iterable[Record]) -> list[Occurrence]:
        """Every occurrence of ``records``, by date (then in the records' order)."""
        everything = [
            (index, occurrence)
            for index, record in enumerate(records)
            for occurrence in self.occurrences(record)
        ]
        everything.sort(key=lambda item: (item[1].window.start, item[0]))
        return [occurrence for _index, occurrence in everything]


def event_file(occurrence: Occurrence) -> str:
    """The name of an occurrence's own .ics file (data/exports.py), linked from its row."""
    return f"{occurrence.key}.ics"


def _expected(expectation: str, year: int) -> tuple[DateRange | None, DateRange]:
    """The expected days (None if only the time of year is known) and the window they fall in."""
    if expectation == KATTIK_FULL_MOON:
        day = khmer_calendar.kattik_full_moon(year)
        return DateRange(day, day), DateRange(day, day)
    if expectation == MID_APRIL:
        return None, DateRange(datetime.date(year, 4, 1), datetime.date(year, 4, 30))
    raise ValueError(f"unknown expectation {expectation!r}")  # the schema allows no other


def _keyed(
    record: Record,
    found: list[tuple[int, Status, DateRange | None, DateRange]],
    recurring: bool,
) -> Iterable[Occurrence]:
    """Keys: a festival's occurrence is "<id>-<year>" whether expected or announced (so the
    announced date replaces the expected one in a subscribed calendar); another event's is
    "<id>-<first day>". A second occurrence with the same key gets "-2", and so on."""
    seen: dict[str, int] = {}
    for year, status, dates, window in found:
        key = f"{record.id}-{year}" if recurring else f"{record.id}-{window.start.isoformat()}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        yield Occurrence(record, key, year, status, dates, window)
