"""The Khmer lunisolar calendar (Chhankitek): which lunar day and month a civil date is.

Ok Om Bok is held on the full-moon day (15 Kert, ថ្ងៃ១៥កើត) of the Khmer month Kattik (កត្តិក,
"Kađấc", called "tháng 10" in Vietnamese sources). The Khmer calendar places its leap months in
other years than the Vietnamese âm lịch, so its Kattik 15 can fall a month before the Vietnamese
15/10 (2025, 2028) or a day after it (2026, 2027); published festival dates follow the Khmer
calendar (assets/data/su-kien.yml says more).

No Python package computes this calendar correctly. This module is a port, line by line, of the
npm package ``khmercal`` 0.1.0 (index.js, ``lunar()``), lunar day and month only; the tests
(tests/test_khmer_calendar.py) check it day by day, 1971-2100, against ``khmercal`` itself and
against ``@thyrith/momentkh`` 2.5.5, an implementation by another author, run with Node.

Dates are civil dates in Vietnam and Cambodia (UTC+7).

Ported from khmercal, whose licence follows:

    MIT License

    Copyright (c) 2022 Seanghay Yath

    Permission is hereby granted, free of charge, to any person obtaining a copy
    of this software and associated documentation files (the "Software"), to deal
    in the Software without restriction, including without limitation the rights
    to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
    copies of the Software, and to permit persons to whom the Software is
    furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all
    copies or substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
    IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
    FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
    AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
    LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
    OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
    SOFTWARE.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

# khmercal's month names (its romanisation), in the order of a 13-month year; a 12-month year
# has neither leap month (Bathamsath, Tutiyasath), a 13-month year no Asath.
MONTHS = (
    "MĬKÔSĔR",
    "BŎSS",
    "MÉAKH",
    "PHÂLKŬN",
    "CHÉTR",
    "VĬSAKH",
    "CHÉSTH",
    "ASATH",
    "BÂTHÂMSATH",
    "TŬTĔYÉASATH",
    "SRAPÔNÂ",
    "PHÔTRÔBÂT",
    "ÂSSŎCH",
    "KÂTDĔK",
)
KATTIK = "KÂTDĔK"  # កត្តិក
FIRST_YEAR, LAST_YEAR = 1971, 2100  # the years checked against the two npm implementations

_EPOCH = datetime.date(1970, 11, 29)  # khmercal's day 0 (its constant 286596e5 ms, in UTC+7)


@dataclass(frozen=True)
class LunarDate:
    day: int  # 1-30: 1-15 the waxing days (Kert), 16-30 the waning days (Roaach)
    month: str  # one of MONTHS


def _aharakoune(year: int) -> int:
    return (year * 292207 + 373) % 800


def _harakoune(year: int) -> int:
    return (year * 292207 + 373) // 800 + 1


def _avomane(year: int) -> int:
    return (11 * _harakoune(year) + 650) % 692


def _regular_leap(year: int) -> bool:
    return (800 - _aharakoune(year)) <= 207


def _bodethey(year: int) -> int:
    harakoune = _harakoune(year)
    return (harakoune + (11 * harakoune + 650) // 692) % 30


def _jais_leap(year: int) -> bool:
    """A 13-month year (Adhikameas)."""
    this, following = _bodethey(year), _bodethey(year + 1)
    return (
        this > 24 or this < 6 or (this == 24 and following == 6) or (this == 25 and following == 5)
    )


@functools.cache
def _protetin_leap(year: int) -> bool:
    this, following = _avomane(year), _avomane(year + 1)
    normal = _regular_leap(year)
    value = normal and this < 127
    if not normal:
        if this == 137 and following == 0:
            value = False
        elif this < 138:
            value = True
    if not value:
        value = _protetin_leap(year - 1) and _jais_leap(year - 1)
    return value


def _great_leap(year: int) -> bool:
    """A year whose Jesth has 30 days (Chantreathimeas)."""
    return _protetin_leap(year) and not _jais_leap(year)


@functools.cache
def _days_in_year(year: int) -> int:
    if _jais_leap(year):
        return 384
    if _great_leap(year):
        return 355
    return 354


def _month_lengths(year: int) -> tuple[int, ...]:
    leap_month, great = _jais_leap(year), _great_leap(year)
    lengths = []
    for index in range(12 + int(leap_month)):
        position = index - 1 if leap_month and index >= 8 else index
        lengths.append(29 + int(position % 2 != 0) + int(position == 6 and great))
    return tuple(lengths)


@functools.cache
def _lunar_days_since_epoch_year(civil_year: int) -> int:
    first, last = 1970 - 638 + 1, civil_year - 638
    if first > last:
        first, last = last, first
    return sum(_days_in_year(year) for year in range(first, last))


def lunar_date(day: datetime.date) -> LunarDate:
    """The Khmer lunar day and month of the civil date ``day`` (UTC+7)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"the Khmer calendar is computed for {FIRST_YEAR}-{LAST_YEAR} only")
    year = day.year - 638
    number = abs(abs((day - _EPOCH).days) - _lunar_days_since_epoch_year(day.year)) + 1
    if number > _days_in_year(year):
        number -= _days_in_year(year)
        year += 1
    lengths = _month_lengths(year)
    month = 0
    for length in lengths:
        if number <= length:
            break
        number -= length
        month += 1
    names = [
        name
        for index, name in enumerate(MONTHS)
        if (index not in (8, 9) if len(lengths) == 12 else index != 7)
    ]
    return LunarDate(number, names[month])


@functools.cache
def kattik_full_moon(year: int) -> datetime.date:
    """The full-moon day (15 Kert) of Kattik in the civil ``year``: Ok Om Bok's day."""
    day = datetime.date(year, 10, 1)  # Kattik's full moon falls from late October on
    while day.year == year:
        if lunar_date(day) == LunarDate(15, KATTIK):
            return day
        day += datetime.timedelta(days=1)
    raise LookupError(f"no 15 Kattik from October in {year}")  # pragma: no cover
