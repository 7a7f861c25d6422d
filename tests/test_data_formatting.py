"""Numbers, quantities and dates in each locale's format (Babel), Latin digits for Khmer."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from travinh_site.data.formatting import Formatter
from travinh_site.data.records import DateRange, Period, Quantity

TEXTS = {
    "vi": {"data.qualifier.about": "khoảng {}", "data.unit.households": "hộ"},
    "en": {"data.qualifier.about": "about {}", "data.unit.households": "households"},
    "km": {"data.qualifier.about": "ប្រមាណ {}", "data.unit.households": "គ្រួសារ"},
}

# (language, what, expected): the group and decimal separators are the locale's.
CASES = [
    ("vi", Quantity(Decimal(39020)), "area-hectare", "39.020 ha"),
    ("en", Quantity(Decimal(39020)), "area-hectare", "39,020 ha"),
    ("km", Quantity(Decimal(39020)), "area-hectare", "39,020 ha"),
    ("vi", Quantity(Decimal("15403.7")), "area-hectare", "15.403,7 ha"),
    ("en", Quantity(Decimal("622.5")), "power-megawatt", "622.5 MW"),
    ("vi", Quantity(Decimal(4498)), "power-megawatt", "4.498 MW"),
    ("km", Quantity(Decimal(880), "about"), "area-hectare", "ប្រមាណ 880 ha"),
    ("vi", Quantity(Decimal(90000), "about"), "data.unit.households", "khoảng 90.000 hộ"),
    ("en", Quantity(Decimal(105000)), "mass-tonne", "105,000 t"),
]


@pytest.mark.parametrize(("code", "quantity", "unit", "expected"), CASES)
def test_quantities(code: str, quantity: Quantity, unit: str, expected: str):
    assert Formatter.for_language(code, TEXTS[code]).quantity(quantity, unit) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("vi", "3 tháng 2, 2025"), ("en", "February 3, 2025"), ("km", "3 កុម្ភៈ 2025")],
)
def test_dates_use_the_locale_and_latin_digits(code: str, expected: str):
    formatter = Formatter.for_language(code, TEXTS[code])
    assert formatter.date(datetime.date(2025, 2, 3)) == expected


def test_date_ranges_and_periods():
    en = Formatter.for_language("en", TEXTS["en"])
    days = DateRange(datetime.date(2026, 4, 14), datetime.date(2026, 4, 16))
    assert en.date_range(days) == "Apr 14\u2009–\u200916, 2026"  # CLDR thin spaces
    assert en.period(Period(2025, 1)) == "January 2025"
    assert en.period(Period(2024)) == "2024"
    km = Formatter.for_language("km", TEXTS["km"])
    assert km.date_range(days) == "14 – 16 មេសា 2026"


def test_units_and_the_label_separator_follow_the_glossary():
    """The glossary's units (assets/data/thuat-ngu.yml) replace CLDR's short forms, which
    Khmer prose does not use; a unit it does not give keeps CLDR's."""
    km = Formatter.for_language("km", TEXTS["km"], {"area-hectare": "ហិកតា"}, "៖")
    assert km.quantity(Quantity(Decimal(880), "about"), "area-hectare") == "ប្រមាណ 880 ហិកតា"
    assert km.quantity(Quantity(Decimal(4498)), "power-megawatt") == "4,498 MW"
    assert km.labelled("ផ្ទៃដី", "880 ហិកតា") == "ផ្ទៃដី៖ 880 ហិកតា"
    vi = Formatter.for_language("vi", TEXTS["vi"], {"mass-tonne": "tấn"})
    assert vi.quantity(Quantity(Decimal(71000)), "mass-tonne") == "71.000 tấn"
    assert vi.labelled("Sản lượng", "71.000 tấn") == "Sản lượng: 71.000 tấn"
