"""Which datasets exist under ``assets/data/`` and which fields their records may have.

A dataset is one YAML file (``assets/data/khu-dau-tu.yml``); its name is also the word editors
write in a page to show it (``{{ khu-dau-tu }}``, see :mod:`.blocks`). Every record has an
``id`` (unique in its file, used in URLs, feeds and page blocks) and a ``source``; its other
fields are declared here, so that an unknown field is a typo reported with its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    TEXT = "text"  # one text per language: {vi: ..., en: ..., km: ...}
    STRING = "string"  # one text for all languages (a number such as "00142", a decision)
    QUANTITY = "quantity"  # 39020, "about 880", "more than 33300"
    DATE = "date"  # 2025-02-03
    PERIOD = "period"  # a year (2024) or a month (2025-01): what a figure refers to
    DATES = "dates"  # a list of dates or {start, end} ranges: a recurring event's occurrences
    CHOICE = "choice"  # one of a fixed list of words
    PAGE = "page"  # a page path in docs/ ("dau-tu/khu-kinh-te-dinh-an.md")
    SOURCES = "sources"  # one source or a list of them


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = False
    # QUANTITY: a Babel unit ("area-hectare") or the interface text naming what is counted
    # ("data.unit.households" in overrides/strings.yml).
    unit: str = ""
    choices: tuple[str, ...] = ()
    example: str = ""  # shown in error messages as the way to write it

    @property
    def label_key(self) -> str:
        """Its label in overrides/strings.yml."""
        return f"data.field.{self.name}"


SOURCE = Field("source", Kind.SOURCES, required=True, example="vietnamplus.vn (115193)")
PAGE = Field("page", Kind.PAGE, example="dau-tu/khu-kinh-te-dinh-an.md")


@dataclass(frozen=True)
class Dataset:
    name: str  # the file's name without .yml, and the word used in pages
    fields: tuple[Field, ...]
    # How a table of several records is laid out: columns of fields (a column holding several
    # quantity fields lists them together as "figures").
    columns: tuple[tuple[str, ...], ...] = ()
    schema_type: str = ""  # schema.org type of its records, when there is one for all

    @property
    def file(self) -> str:
        return f"{self.name}.yml"

    def field(self, name: str) -> Field | None:
        return next((field for field in self.fields if field.name == name), None)

    @property
    def field_names(self) -> tuple[str, ...]:
        return ("id", *(field.name for field in self.fields))


INVESTMENT_AREAS = Dataset(
    "khu-dau-tu",
    (
        Field(
            "type",
            Kind.CHOICE,
            required=True,
            choices=("economic-zone", "power-centre", "industrial-park"),
        ),
        Field("name", Kind.TEXT, required=True),
        Field("location", Kind.TEXT),
        Field("summary", Kind.TEXT),
        Field("area", Kind.QUANTITY, unit="area-hectare", example="39020 (or: about 880)"),
        Field("first_phase_area", Kind.QUANTITY, unit="area-hectare", example="15403.7"),
        Field("capacity", Kind.QUANTITY, unit="power-megawatt", example="4498"),
        PAGE,
        SOURCE,
    ),
    columns=(("name",), ("type",), ("location",), ("area", "first_phase_area", "capacity")),
    schema_type="Place",
)

PRODUCE = Dataset(
    "san-vat",
    (
        Field("name", Kind.TEXT, required=True),
        Field("summary", Kind.TEXT),
        Field("area", Kind.QUANTITY, unit="area-hectare", example="27390 (or: about 750)"),
        Field("output", Kind.QUANTITY, unit="mass-tonne", example="about 105000"),
        Field("households", Kind.QUANTITY, unit="data.unit.households", example="about 90000"),
        Field("products", Kind.QUANTITY, unit="data.unit.products", example="393"),
        Field("geographical_indication", Kind.STRING, example='"00142"'),
        Field("as_of", Kind.PERIOD, example="2024 (or a month: 2025-01)"),
        Field("note", Kind.TEXT),
        PAGE,
        SOURCE,
    ),
    columns=(
        ("name",),
        ("area", "output", "households", "products", "geographical_indication"),
        ("as_of", "note"),
    ),
    # A produce of the area (schema.org: "any offered product"); its figures are valid
    # additionalProperty values of a Product, not of a Thing.
    schema_type="Product",
)

# How a yearly festival's expected dates are found (su-kien.yml ``expected:``, data/schedule.py).
KATTIK_FULL_MOON = "kattik-full-moon"  # computed: the full-moon day of the Khmer month Kattik
MID_APRIL = "mid-april"  # the time of year only: mid-April (no day is computed)

EVENTS = Dataset(
    "su-kien",
    (
        Field("category", Kind.CHOICE, required=True, choices=("anniversary", "festival")),
        Field("name", Kind.TEXT, required=True),
        Field("description", Kind.TEXT),
        Field("date", Kind.DATE, example="2025-02-03"),
        Field("start", Kind.DATE, example="2026-04-14"),
        Field("end", Kind.DATE, example="2026-04-16"),
        Field("dates", Kind.DATES, example="- {start: 2026-04-14, end: 2026-04-16}"),
        Field("rule", Kind.TEXT),
        Field("expected", Kind.CHOICE, choices=(KATTIK_FULL_MOON, MID_APRIL)),
        Field("place", Kind.TEXT),
        # The place's address for search engines (JSON-LD): its ward or commune, its province.
        Field("locality", Kind.TEXT),
        Field("region", Kind.TEXT),
        PAGE,
        SOURCE,
    ),
    schema_type="Event",
)

PLACES = Dataset(
    "dia-danh",
    (
        Field("type", Kind.CHOICE, required=True, choices=("TouristAttraction", "Place")),
        Field("name", Kind.TEXT),
        Field("address", Kind.TEXT),
        Field("page", Kind.PAGE, required=True, example="du-lich/ao-ba-om.md"),
        SOURCE,
    ),
)

ORGANISATIONS = Dataset(
    "co-quan",
    (
        Field("type", Kind.CHOICE, required=True, choices=("GovernmentOrganization",)),
        Field("name", Kind.TEXT, required=True),
        Field("description", Kind.TEXT),
        Field("page", Kind.PAGE, required=True, example="ke-hoach-2025/index.md"),
        SOURCE,
    ),
)

DATASETS: dict[str, Dataset] = {
    dataset.name: dataset for dataset in (INVESTMENT_AREAS, PRODUCE, EVENTS, PLACES, ORGANISATIONS)
}
