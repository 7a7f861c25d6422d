"""Numbers and dates in a page's text, read the way each language writes them.

A translation must keep the source's facts: "2.400 km²" in Vietnamese is "2,400 km²" in English,
"ngày 1 tháng 7 năm 2025" is "1 July 2025" and "ថ្ងៃទី 1 ខែកក្កដា ឆ្នាំ 2025". Each language's
decimal and group symbols, month names and short date order come from Babel (CLDR), so any
language of the table is read without a list of our own::

    >>> [q.value for q in reader("vi").read("Ngày 1 tháng 7 năm 2025, 1.009.168 người")]
    ['2025-07-01', '1009168']
    >>> [q.value for q in reader("en").read("On 1 July 2025, 1,009,168 people")]
    ['2025-07-01', '1009168']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

DAY_WINDOW = 12  # characters of words allowed between a day and its month ("ថ្ងៃទី 1 ខែ")
YEAR_WINDOW = 12  # and between a month and its year ("tháng 7 năm 2025")


@dataclass(frozen=True)
class Quantity:
    value: str  # canonical: "1009168", "3.5", "2025-07-01", "2025-07"
    text: str  # as written
    offset: int

    @property
    def is_date(self) -> bool:
        return bool(_ISO_VALUE.fullmatch(self.value))

    @property
    def year(self) -> str | None:
        return self.value[:4] if self.is_date else None


_ISO_VALUE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_ISO_DATE = re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])")


@functools.cache
def reader(locale: str) -> QuantityReader:
    """The (cached) reader for a language code of the table ("vi", "en", "km")."""
    return QuantityReader(locale)


class QuantityReader:
    def __init__(self, locale: str) -> None:
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            locale = "en"  # unknown to CLDR: read digits the international way
        group = re.escape(get_group_symbol(locale=locale))
        decimal = re.escape(get_decimal_symbol(locale=locale))
        self.group = get_group_symbol(locale=locale)
        self.decimal = get_decimal_symbol(locale=locale)
        self._number = re.compile(
            rf"(?<![\d{decimal}{group}])(?:\d{{1,3}}(?:{group}\d{{3}})+(?!\d)|\d+)"
            rf"(?:{decimal}\d+)?(?!\d)"
        )
        pattern = get_date_format("short", locale=locale).pattern
        self._month_first = pattern.find("M") < pattern.find("d")
        self._numeric_date = re.compile(
            r"(?<![\d/.])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])"  # 1/7/2025
            r"|(?<![\d/.])(\d{1,2})/(\d{4})(?![\d/])"  # 7/2025
        )
        self._months = _month_pattern(locale)

    def read(self, text: str) -> list[Quantity]:
        """Dates first (their digits are not counted again as numbers), then numbers."""
        found: list[Quantity] = []
        taken = bytearray(len(text))

        def take(start: int, end: int) -> bool:
            if any(taken[start:end]):
                return False
            taken[start:end] = b"\1" * (end - start)
            return True

        for match in _ISO_DATE.finditer(text):
            value = _date(match.group(1), match.group(2), match.group(3))
            if value and take(match.start(), match.end()):
                found.append(Quantity(value, match.group(0), match.start()))
        for match in self._numeric_date.finditer(text):
            if match.group(3):
                first, second, year = match.group(1, 2, 3)
                month, day = (first, second) if self._month_first else (second, first)
                value = _date(year, month, day)
            else:
                value = _date(match.group(5), match.group(4), None)
            if value and take(match.start(), match.end()):
                found.append(Quantity(value, match.group(0), match.start()))
        if self._months is not None:
            for match in self._months.finditer(text):
                quantity = self._named_date(text, match)
                if quantity and take(quantity.offset, quantity.offset + len(quantity.text)):
                    found.append(quantity)
        for match in self._number.finditer(text):
            value = self._number_value(match.group(0))
            if value is not None and take(match.start(), match.end()):
                found.append(Quantity(value, match.group(0), match.start()))
        return sorted(found, key=lambda quantity: quantity.offset)

    def _named_date(self, text: str, match: re.Match[str]) -> Quantity | None:
        """A month name with the day and year written around it, in any order CLDR uses."""
        month = _MONTH_NUMBERS[match.re.pattern][match.group(0)]
        start, end = match.start(), match.end()
        day = year = None
        after = re.match(r"\s*(\d{1,2})(?!\d)(?:(?:,\s*|\s+)(\d{4})(?!\d))?", text[end:])
        if after and 1 <= int(after.group(1)) <= 31:  # "July 1, 2025"
            day, year = after.group(1), after.group(2)
            end += after.end()
        else:
            before = re.search(
                rf"(?<![\d.,])(\d{{1,2}})[^\d\n]{{0,{DAY_WINDOW}}}$",
                text[max(0, start - 16) : start],
            )
            if before and 1 <= int(before.group(1)) <= 31:  # "1 July", "ngày 1 tháng 7"
                day = before.group(1)
                start -= len(before.group(0))
            following = re.match(rf"[^\d\n]{{0,{YEAR_WINDOW}}}?(\d{{4}})(?!\d)", text[end:])
            if following:
                year = following.group(1)
                end += following.end()
        if year is None:
            return None  # "tháng 7" alone is not a date we can compare
        value = _date(year, str(month), day)
        return Quantity(value, text[start:end], start) if value else None

    def _number_value(self, written: str) -> str | None:
        plain = written.replace(self.group, "").replace(self.decimal, ".")
        try:
            number = Decimal(plain)
        except InvalidOperation:
            return None
        text = format(number.normalize(), "f")
        return text


def _date(year: str, month: str, day: str | None) -> str | None:
    if not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    value = f"{int(year):04d}-{int(month):02d}"
    return f"{value}-{int(day):02d}" if day is not None else value


_MONTH_NUMBERS: dict[str, dict[str, int]] = {}


def _month_pattern(locale: str) -> re.Pattern[str] | None:
    """Every spelling of the months in ``locale`` (wide and abbreviated, in a date and alone),
    longest first so that "tháng 12" is not read as "tháng 1"."""
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=locale).items():
                name = name.rstrip(".")
                # As CLDR writes it, and capitalised at the start of a sentence ("Tháng 7").
                names.setdefault(name, number)
                names.setdefault(name[:1].upper() + name[1:], number)
    if not names:
        return None
    alternatives = []
    for name in sorted(names, key=len, reverse=True):
        escaped = re.escape(name)
        # Latin words need word edges ("Mayor" is not "May"); Khmer writes no spaces.
        if name[-1].isdigit():
            escaped += r"(?!\d)"
        elif name[-1].isascii():
            escaped += r"(?![^\W\d_])"
        if name[0].isascii():
            escaped = r"(?<![^\W\d_])" + escaped
        alternatives.append(escaped)
    pattern = re.compile("|".join(alternatives))  # case matters: "may" is not "May"
    _MONTH_NUMBERS[pattern.pattern] = names
    return pattern
