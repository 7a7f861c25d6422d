"""What an information screen shows, in one language: the highlights of the site's own data.

One slide to welcome (the site's name and description), then each place to visit
(``dia-danh.yml``, named and described by its page), each product (``san-vat.yml``, with its
figures), the economic zone and the power centre with their key figures and the industrial
parks (``khu-dau-tu.yml``), the events still to come on the build's date (``su-kien.yml``, as
the events page lists them, :mod:`travinh_site.data.schedule`: announced dates, and festivals'
expected ones marked as such; the date is :func:`travinh_site.content.as_of.as_of`, never the
clock) and the yearly festivals with their calendar rule. Every figure is shown with its source.
Nothing here is written twice: the texts are the records' and the pages' own, the formats
Babel's (:mod:`travinh_site.data.formatting`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from travinh_site.data.formatting import Formatter
from travinh_site.data.records import Data, Record
from travinh_site.data.schedule import Occurrence, Schedule
from travinh_site.data.schema import DATASETS, KATTIK_FULL_MOON, MID_APRIL

EXPECTATIONS = (KATTIK_FULL_MOON, MID_APRIL)

# Upcoming dated events shown at most, soonest first.
MAX_EVENTS = 6


@dataclass(frozen=True)
class Figure:
    label: str  # "Diện tích"
    value: str  # "39.020 ha"


@dataclass(frozen=True)
class Slide:
    kind: str  # "welcome", "place", "produce", "investment", "events", "festivals"
    kicker: str  # the slide's category, in the language ("Điểm đến")
    heading: str
    text: str = ""
    figures: tuple[Figure, ...] = ()
    items: tuple[tuple[str, str], ...] = ()  # (when or what, name): the events, the parks
    source: str = ""  # "Nguồn: …"


@dataclass(frozen=True)
class PageText:
    title: str
    description: str


@dataclass
class Context:
    code: str
    texts: dict[str, str]  # interface texts (overrides/strings.yml) in ``code``
    site_name: str
    description: str
    today: datetime.date
    # The title and description of a page (docs path) in this language; None if no such page.
    page_text: Callable[[str], PageText | None]
    formatter: Formatter = field(init=False)

    def __post_init__(self) -> None:
        self.formatter = Formatter.for_language(self.code, self.texts)


def slides(data: Data, context: Context) -> list[Slide]:
    texts = context.texts
    shown = [Slide("welcome", texts["screen.title"], context.site_name, context.description)]
    for record in data["dia-danh"]:
        if record.get("type") == "TouristAttraction":
            place = _place(record, context)
            if place is not None:
                shown.append(place)
    for record in data["san-vat"]:
        shown.append(_with_figures("produce", texts["screen.produce"], record, context))
    parks = []
    for record in data["khu-dau-tu"]:
        if record.get("type") == "industrial-park":
            parks.append(record)
        else:
            shown.append(_with_figures("investment", texts["screen.investment"], record, context))
    if parks:
        shown.append(
            Slide(
                "investment",
                texts["screen.investment"],
                texts["screen.industrial_parks"],
                items=tuple(
                    (_figure_values(record, ("area",), context), record.text("name", context.code))
                    for record in parks
                ),
                source=_sources(parks, context),
            )
        )
    shown += _events(data["su-kien"], context)
    return shown


def _place(record: Record, context: Context) -> Slide | None:
    page = context.page_text(record.get("page", ""))
    name = record.text("name", context.code) or (page.title if page else "")
    if not name:
        return None
    return Slide(
        "place",
        context.texts["screen.places"],
        name,
        page.description if page else "",
        figures=(
            (Figure(context.texts["screen.address"], record.text("address", context.code)),)
            if record.get("address")
            else ()
        ),
        source=_sources([record], context),
    )


def _with_figures(kind: str, kicker: str, record: Record, context: Context) -> Slide:
    dataset = record.dataset
    figures = []
    for spec in dataset.fields:
        value = record.get(spec.name)
        if value is None:
            continue
        if spec.unit:
            shown = context.formatter.quantity(value, spec.unit)
        elif spec.name == "geographical_indication":
            shown = str(value)
        elif spec.name == "as_of":
            shown = context.formatter.period(value)
        else:
            continue
        figures.append(Figure(context.texts[spec.label_key], shown))
    return Slide(
        kind,
        kicker,
        record.text("name", context.code),
        record.text("summary", context.code),
        figures=tuple(figures),
        source=_sources([record], context),
    )


def _figure_values(record: Record, names: tuple[str, ...], context: Context) -> str:
    values = []
    for name in names:
        spec = record.dataset.field(name)
        value = record.get(name)
        if spec is not None and value is not None:
            values.append(context.formatter.quantity(value, spec.unit))
    return ", ".join(values)


def _events(records: tuple[Record, ...], context: Context) -> list[Slide]:
    texts = context.texts
    coming = [
        occurrence
        for occurrence in Schedule(context.today).all(records)
        if not occurrence.is_past(context.today)
    ][:MAX_EVENTS]
    found = []
    if coming:
        found.append(
            Slide(
                "events",
                texts["screen.events"],
                texts["screen.events"],
                items=tuple(
                    (_when(occurrence, context), occurrence.record.text("name", context.code))
                    for occurrence in coming
                ),
                source=_sources([occurrence.record for occurrence in coming], context),
            )
        )
    yearly = [record for record in records if record.get("rule")]
    if yearly:
        found.append(
            Slide(
                "festivals",
                texts["screen.events"],
                texts["screen.festivals"],
                items=tuple(
                    (record.text("rule", context.code), record.text("name", context.code))
                    for record in yearly
                ),
                source=_sources(yearly, context),
            )
        )
    return found


def _when(occurrence: Occurrence, context: Context) -> str:
    """Its days, or the time of year expected; an expected date says so, as the events page
    does (:mod:`travinh_site.data.blocks`)."""
    texts = context.texts
    if occurrence.dates is None:  # only the time of year is expected
        expectation = occurrence.expectation
        return texts[f"data.expected.{expectation}.when"].format(occurrence.window.start.year)
    when = context.formatter.date_range(occurrence.dates)
    if not occurrence.confirmed:
        when += f" ({texts[f'data.expected.{occurrence.expectation}']})"
    return when


def _sources(records: list[Record], context: Context) -> str:
    seen: list[str] = []
    for record in records:
        for source in record.sources(context.code):
            if source not in seen:
                seen.append(source)
    return f"{context.texts['data.sources']} {'; '.join(seen)}" if seen else ""


def required_texts() -> list[str]:
    """The interface texts the screens use (overrides/strings.yml)."""
    keys = [
        "screen.title",
        "screen.places",
        "screen.produce",
        "screen.investment",
        "screen.industrial_parks",
        "screen.events",
        "screen.festivals",
        "screen.address",
        "data.sources",
    ]
    keys += [f"data.expected.{rule}" for rule in EXPECTATIONS]
    keys += [f"data.expected.{rule}.when" for rule in EXPECTATIONS if rule == MID_APRIL]
    for name in ("san-vat", "khu-dau-tu"):
        keys += [
            spec.label_key
            for spec in DATASETS[name].fields
            if spec.unit
            or spec.name
            in (
                "geographical_indication",
                "as_of",
            )
        ]
    return sorted(set(keys))
