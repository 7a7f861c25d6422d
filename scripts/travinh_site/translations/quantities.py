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
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

DAY_WINDOW = 12  # characters of words allowed between a day and its month ("ថ្ងៃទី 1 ខែ")
YEAR_WINDOW = 12  # and between a month and its year ("tháng 7 năm 2025")


class Quantity(NamedTuple):  # a tuple: pages hold many, made quickly
    value: str  # canonical: "1009168", "3.5", "2025-07-01", "2025-07"
    text: str  # as written
    offset: int

    @property
    def is_date(self) -> bool:
        return bool(_ISO_VALUE.fullmatch(self.value))

    @property
    def year(self) -> str | None:
        return self.value[:4] if self.is_date else None

    @property
    def month_only(self) -> str | None:
        """The month number of a date without a year ("--04" -> "4")."""
        return str(int(self.value[2:4])) if self.value.startswith("--") else None


_ISO_VALUE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
# Around a month's name: its day before it and its year after it, on the same line or the next
# (Markdown joins lines; "ថ្ងៃទី 1\nខែកក្កដា" is one sentence), never across a blank line.
_GAP = r"(?:[^\d\n]|\n(?![ \t]*\n))"
_DAY_BEFORE = re.compile(rf"(?<![\d.,])(\d{{1,2}}){_GAP}{{0,{DAY_WINDOW}}}$")
_YEAR_AFTER = re.compile(rf"{_GAP}{{0,{YEAR_WINDOW}}}?(\d{{4}})(?!\d)")
_TOKEN = re.compile(r"\d(?:[\d.,/-]*\d)?")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # in the locale's order
_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")


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
        number = (
            rf"(?<![\d{decimal}{group}])(?:\d{{1,3}}(?:{group}\d{{3}})+(?!\d)|\d+)"
            rf"(?:{decimal}\d+)?(?!\d)"
        )
        self._number = re.compile(number)
        pattern = get_date_format("short", locale=locale).pattern
        self._month_first = pattern.find("M") < pattern.find("d")
        self._month_names = _month_names(locale)
        self._month_starts = frozenset(name[:MONTH_START] for name in self._month_names)

    def _months_in(self, text: str) -> re.Pattern[str] | None:
        """The pattern of the month names ``text`` contains (None when it names no month).

        A substring test per spelling first: one regular expression with every spelling is
        slow on long texts (Python's ``re`` has no prefix tree), and most texts name no month.
        """
        # Spellings share their first letters ("tháng 1" … "Tháng 12"): those are looked for
        # first, the spellings only under the ones found.
        starts = {start for start in self._month_starts if start in text}
        if not starts:
            return None
        present = tuple(
            name for name in self._month_names if name[:MONTH_START] in starts and name in text
        )
        return _month_pattern(present) if present else None

    def read(self, text: str) -> list[Quantity]:
        """Dates first (their digits are not counted again as numbers), then numbers."""
        found: list[Quantity] = []
        months = self._months_in(text)
        if months is not None:
            spans: list[tuple[int, int]] = []
            for match in months.finditer(text):
                quantity = self._named_date(text, match)
                if quantity and (not spans or quantity.offset >= spans[-1][1]):
                    found.append(quantity)
                    spans.append((quantity.offset, quantity.offset + len(quantity.text)))
            for start, end in spans:  # blank them out, keeping every offset
                text = text[:start] + " " * (end - start) + text[end:]
        # Runs of digits and separators, classified in Python: much faster than one regular
        # expression with an alternative per form (tried at every position of the text).
        for token in _TOKEN.finditer(text):
            written, start = token.group(0), token.start()
            if written.isdigit():  # most tokens: _is_identifier's tests inlined
                if len(written) >= ID_DIGITS or (
                    start and text[start - 1] in _NAME_END and _is_identifier(text, start)
                ):
                    continue
                found.append(Quantity(written.lstrip("0") or "0", written, start))
                continue
            if _is_identifier(text, start):
                continue
            value = None
            if "-" in written and (iso := _ISO.fullmatch(written)):
                value = _date(*iso.groups())
            elif "/" in written and (numeric := _DAY_MONTH_YEAR.fullmatch(written)):
                first, second, year = numeric.groups()
                month, day = (first, second) if self._month_first else (second, first)
                value = _date(year, month, day)
            elif "/" in written and (numeric := _MONTH_YEAR.fullmatch(written)):
                value = _date(numeric.group(2), numeric.group(1), None)
            if value:
                found.append(Quantity(value, written, start))
                continue
            if not self._number.fullmatch(written) and not written.strip("0123456789.,"):
                # Not a number in this language ("4.3" in Vietnamese, where '.' groups
                # thousands): a label such as a section number, compared as written.
                found.append(Quantity(written, written, start))
                continue
            for part in self._number.finditer(written):
                number = part.group(0)
                found.append(Quantity(self._number_value(number), number, start + part.start()))
        if months is not None:
            found.sort(key=lambda quantity: quantity.offset)
        return found

    def _named_date(self, text: str, match: re.Match[str]) -> Quantity | None:
        """A month name with the day and year written around it, in any order CLDR uses."""
        month = self._month_names[match.group(0)]
        start, end = match.start(), match.end()
        day = year = None
        after = re.match(r"\s*(\d{1,2})(?!\d)(?:(?:,\s*|\s+)(\d{4})(?!\d))?", text[end:])
        if after and 1 <= int(after.group(1)) <= 31:  # "July 1, 2025"
            day, year = after.group(1), after.group(2)
            end += after.end()
        else:
            before = _DAY_BEFORE.search(text, max(0, start - DAY_WINDOW - 4), start)
            if before and 1 <= int(before.group(1)) <= 31:  # "1 July", "ngày 1 tháng 7"
                day = before.group(1)
                start -= len(before.group(0))
            following = _YEAR_AFTER.match(text, end)
            if following:
                year = following.group(1)
                end = following.end()
        if year is None:  # "giữa tháng 4", "mid-April": a month (and day) of no given year
            if day is not None and not 1 <= int(day) <= 31:
                return None
            value = f"--{month:02d}" + (f"-{int(day):02d}" if day is not None else "")
            return Quantity(value, text[start:end], start)
        date = _date(year, str(month), day)
        return Quantity(date, text[start:end], start) if date else None

    def _number_value(self, written: str) -> str:
        """The canonical decimal form: "1.009.168" (vi) and "1,009,168" (en) -> "1009168"."""
        plain = written.replace(self.group, "").replace(self.decimal, ".")
        whole, _, fraction = plain.partition(".")
        whole = whole.lstrip("0") or "0"
        fraction = fraction.rstrip("0")
        return f"{whole}.{fraction}" if fraction else whole


# The characters after which digits may be part of a name (_is_identifier looks closer).
_NAME_END = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_")
MONTH_START = 3  # letters of a month's spelling looked for before the whole of it
# A run of this many digits, without separators, is an identifier (the long reference numbers
# of web addresses), not a figure.
ID_DIGITS = 10


def _is_identifier(text: str, start: int) -> bool:
    """Digits that belong to a name rather than state a figure: "QH15", "post982254",
    "sap-xep-124"."""
    before = text[max(0, start - 2) : start]
    if before[-1:].isascii() and before[-1:].isalpha():
        return True
    # "sap-xep-124-xa-phuong": a web address
    return before[-1:] in ("-", "_") and before[:1].isascii() and before[:1].isalpha()


def _date(year: str, month: str, day: str | None) -> str | None:
    if not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    value = f"{int(year):04d}-{int(month):02d}"
    return f"{value}-{int(day):02d}" if day is not None else value


@functools.cache
def _month_names(locale: str) -> dict[str, int]:
    """Every spelling of the months in ``locale`` (wide and abbreviated, in a date and alone),
    longest first so that "tháng 12" is tried before "tháng 1"."""
    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=locale).items():
                name = name.rstrip(".")
                # As CLDR writes it, and capitalised at the start of a sentence ("Tháng 7").
                names.setdefault(name, number)
                names.setdefault(name[:1].upper() + name[1:], number)
    return dict(sorted(names.items(), key=lambda item: len(item[0]), reverse=True))


@functools.lru_cache(maxsize=512)
def _month_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = []
    for name in names:
        escaped = re.escape(name)
        # Latin words need word edges ("Mayor" is not "May"); Khmer writes no spaces.
        if name[-1].isdigit():
            escaped += r"(?!\d)"
        elif name[-1].isascii():
            escaped += r"(?![^\W\d_])"
        if name[0].isascii():
            escaped = r"(?<![^\W\d_])" + escaped
        alternatives.append(escaped)
    return re.compile("|".join(alternatives))  # case matters: "may" is not "May"
