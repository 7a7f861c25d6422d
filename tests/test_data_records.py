"""Reading assets/data/*.yml: values, and the errors an editor can cause (file, line, fix)."""

from __future__ import annotations

import datetime
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES
from travinh_site.data import records
from travinh_site.data.records import DateRange, Period, Quantity
from travinh_site.data.schema import DATASETS
from travinh_site.errors import SiteError

NAME = "  name:\n    vi: Tên\n    en: Name\n    km: ឈ្មោះ\n"


def parse(dataset: str, text: str) -> tuple[records.Record, ...]:
    return records.parse(textwrap.dedent(text), DATASETS[dataset], LANGUAGES)


def problems(dataset: str, text: str) -> list[str]:
    with pytest.raises(SiteError) as caught:
        parse(dataset, text)
    return [problem.english() for problem in caught.value.problems]


def test_reads_quantities_with_their_qualifiers_and_periods():
    (record,) = parse(
        "san-vat",
        "- id: tom\n" + NAME + "  area: more than 33300\n  output: about 105000\n"
        "  households: khoảng 90000\n  as_of: 2025-01\n  source: vietfishmagazine.com\n",
    )
    assert record.get("area") == Quantity(Decimal(33300), "more_than")
    assert record.get("output") == Quantity(Decimal(105000), "about")
    assert record.get("households") == Quantity(Decimal(90000), "about")
    assert record.get("as_of") == Period(2025, 1)
    assert record.sources("km") == ["vietfishmagazine.com"]
    assert record.text("name", "km") == "ឈ្មោះ"


def test_events_have_dated_occurrences_in_order():
    (festival, anniversary) = parse(
        "su-kien",
        "- id: le-hoi\n  category: festival\n"
        + NAME
        + "  rule: {vi: Rằm, en: Full moon, km: ពេញបូណ៌មី}\n"
        "  dates:\n    - {start: 2027-04-14, end: 2027-04-16}\n    - 2026-04-14\n  source: x.vn\n"
        "- id: ky-niem\n  category: anniversary\n" + NAME + "  date: 2025-09-02\n  source: x.vn\n",
    )
    assert festival.occurrences() == (
        DateRange(datetime.date(2026, 4, 14), datetime.date(2026, 4, 14)),
        DateRange(datetime.date(2027, 4, 14), datetime.date(2027, 4, 16)),
    )
    assert anniversary.occurrences()[0].days == 1


def test_a_source_may_differ_per_language():
    (record,) = parse(
        "su-kien",
        "- id: a\n  category: anniversary\n" + NAME + "  date: 2025-02-03\n  source:\n"
        "    - {vi: Quyết định 32/QĐ-UBND, en: Decision 32/QD-UBND, km: សេចក្ដីសម្រេច 32}\n"
        "    - baotravinh.vn\n",
    )
    assert record.sources("en") == ["Decision 32/QD-UBND", "baotravinh.vn"]
    assert record.sources("vi") == ["Quyết định 32/QĐ-UBND", "baotravinh.vn"]


# Table of editor mistakes: (dataset, YAML, the message expected with its line).
MISTAKES = [
    (
        "khu-dau-tu",
        "- id: a\n  type: economic-zone\n  name:\n    vi: A\n    en: A\n  source: x.vn\n",
        "assets/data/khu-dau-tu.yml:3: 'name' has no 'km' (ខ្មែរ) version. "
        "Fix: add a line 'km: ...' under 'name:'.",
    ),
    (
        "su-kien",
        "- id: a\n  category: anniversary\n" + NAME + "  date: 2025-02-30\n  source: x.vn\n",
        "assets/data/su-kien.yml:7: '2025-02-30' is not a valid date for 'date' "
        "(day is out of range for month). Fix: write the date as year-month-day, e.g. 2025-02-03.",
    ),
    (
        "khu-dau-tu",
        "- id: a\n  type: economic-zone\n" + NAME + "  aera: 100\n  source: x.vn\n",
        "assets/data/khu-dau-tu.yml:7: 'aera' is not a field of khu-dau-tu.yml. "
        "Fix: did you mean 'area'?",
    ),
    (
        "khu-dau-tu",
        "- id: a\n  type: economic-zone\n" + NAME + "  area: 39.020\n  source: x.vn\n",
        "assets/data/khu-dau-tu.yml:7: '39.020' is not a number for 'area'. Fix: write the number "
        "without thousands separators",
    ),
    (
        "khu-dau-tu",
        "- id: a\n  type: zone\n" + NAME + "  source: x.vn\n",
        "assets/data/khu-dau-tu.yml:2: 'zone' is not a possible 'type'.",
    ),
    (
        "san-vat",
        "- id: a\n" + NAME + "  source: x.vn\n- id: a\n" + NAME + "  source: x.vn\n",
        "assets/data/san-vat.yml:7: the id 'a' is also used by the record at line 1.",
    ),
    (
        "su-kien",
        "- id: a\n  category: anniversary\n" + NAME + "  source: x.vn\n",
        "assets/data/su-kien.yml:1: the event 'a' has no date.",
    ),
    (
        "su-kien",
        "- id: a\n  category: festival\n"
        + NAME
        + "  dates:\n    - {start: 2026-04-16, end: 2026-04-14}\n"
        "  source: x.vn\n",
        "assets/data/su-kien.yml:8: the end is before the start.",
    ),
    (
        "san-vat",
        "- id: a\n" + NAME + "  name:\n    vi: B\n    en: B\n    km: B\n  source: x.vn\n",
        "assets/data/san-vat.yml:6: the field 'name' is written twice in this record.",
    ),
    (
        "san-vat",
        "- id: a\n" + NAME.replace("en: Name", "fr: Nom") + "  source: x.vn\n",
        "assets/data/san-vat.yml:4: 'fr' under 'name' is not a language of the site.",
    ),
    (
        "san-vat",
        "- id: a\n" + NAME,
        "assets/data/san-vat.yml:1: the record 'a' has no 'source'.",
    ),
    (
        "san-vat",
        "- id: a\n  name: [broken\n",
        "assets/data/san-vat.yml:3: is not valid YAML",
    ),
]


@pytest.mark.parametrize(("dataset", "text", "expected"), MISTAKES)
def test_mistakes_are_reported_with_file_line_and_fix(dataset: str, text: str, expected: str):
    found = problems(dataset, text)
    assert any(message.startswith(expected) for message in found), found


def test_every_mistake_of_a_file_is_reported_at_once():
    found = problems(
        "khu-dau-tu",
        "- id: a\n  type: economic-zone\n  name: A\n  area: lots\n  source: x.vn\n",
    )
    assert [message.split(":")[1] for message in found] == ["3", "4"]


def test_an_unknown_data_file_is_named(tmp_path: Path):
    (tmp_path / "assets/data").mkdir(parents=True)
    (tmp_path / "assets/data/su-kien.yml").write_text("", encoding="utf-8")
    (tmp_path / "assets/data/sukien.yml").write_text("", encoding="utf-8")
    (tmp_path / "assets/data/README.md").write_text("notes", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        records.load(tmp_path, LANGUAGES)
    assert (
        caught.value.problems[0]
        .english()
        .startswith(
            "assets/data/sukien.yml: is not one of the site's data files. "
            "Fix: did you mean 'su-kien.yml'?"
        )
    )


def test_the_project_data_is_valid():
    data = records.load(Path(__file__).resolve().parent.parent, LANGUAGES)
    assert data["khu-dau-tu"] and data["san-vat"] and data["su-kien"]
