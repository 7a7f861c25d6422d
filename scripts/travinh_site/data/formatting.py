"""Numbers, quantities and dates in each language's own format, with Babel (CLDR data).

``39020 ha`` is written ``39.020 ha`` in Vietnamese, ``39,020 ha`` in English and ``39,020
ហិកតា`` in Khmer. Khmer uses Latin digits on this site, as Babel's ``km`` locale writes them
(Khmer digits are not used anywhere, so figures read the same in every language). A unit is
written as the glossary (``assets/data/thuat-ngu.yml``, ``units:``) writes it in the language,
the word the pages' prose uses (``ហិកតា``, ``តោន``, ``tấn``); a unit the glossary does not give
falls back to CLDR's short form (``ha``, ``MW``, ``t``). Counted things without a CLDR unit
(households, products) and the words "about" / "more than" are interface texts in
``overrides/strings.yml``; the separator between a label and its value ("Diện tích: …",
"ផ្ទៃដី៖ …") is the glossary's ``label``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import format_decimal
from babel.units import format_unit

from travinh_site.data.records import DateRange, Period, Quantity


@dataclass(frozen=True)
class Formatter:
    """Formats values for one language; ``texts`` are that language's interface texts."""

    locale: Locale
    texts: dict[str, str]
    units: Mapping[str, str] = field(default_factory=dict)  # Babel unit -> as written here
    label_separator: str = ":"

    @classmethod
    def for_language(
        cls,
        code: str,
        texts: dict[str, str],
        units: Mapping[str, str] | None = None,
        label_separator: str = ":",
    ) -> Formatter:
        return cls(Locale.parse(code), texts, dict(units or {}), label_separator)

    def labelled(self, label: str, value: str) -> str:
        """ "Diện tích: 39.020 ha", "ផ្ទៃដី៖ 39,020 ហិកតា"."""
        return f"{label}{self.label_separator} {value}"

    def number(self, value: Decimal | int) -> str:
        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def quantity(self, quantity: Quantity, unit: str) -> str:
        if unit.startswith("data.unit."):  # a counted thing named in strings.yml
            amount = f"{self.number(quantity.value)} {self.texts[unit]}"
        elif unit in self.units:  # as the glossary writes it in this language
            amount = f"{self.number(quantity.value)} {self.units[unit]}"
        else:
            amount = format_unit(quantity.value, unit, length="short", locale=self.locale)
        if quantity.qualifier:
            return self.texts[f"data.qualifier.{quantity.qualifier}"].format(amount)
        return amount

    def date(self, day: datetime.date) -> str:
        return format_date(day, format="long", locale=self.locale)

    def date_range(self, occurrence: DateRange) -> str:
        if occurrence.days == 1:
            return self.date(occurrence.start)
        return format_interval(occurrence.start, occurrence.end, "yMMMd", locale=self.locale)

    def period(self, period: Period) -> str:
        if period.month is None:
            return str(period.year)
        return format_skeleton(
            "yMMMM", datetime.date(period.year, period.month, 1), locale=self.locale
        )
