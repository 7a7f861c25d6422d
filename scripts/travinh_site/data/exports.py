"""Downloads for reuse, one set per language under ``du-lieu/`` (``/en/du-lieu/...``):

- ``su-kien.ics``: the events as an iCalendar feed (RFC 5545, written with the ``icalendar``
  library), one all-day VEVENT per dated occurrence (data/schedule.py): anniversaries and
  announced festival dates ``STATUS:CONFIRMED``, a festival's expected dates for the current
  year and the next two ``STATUS:TENTATIVE``. A festival's UID is its id and year, the same
  before and after its dates are announced, so a subscribed calendar moves the tentative event
  instead of adding a second one. A festival expected only at a time of year (mid-April) has no
  VEVENT until its dates are announced;
- ``su-kien/<id>-<year>.ics`` (``<id>-<date>.ics`` for an anniversary): each of those events
  alone, for the "add to calendar" link of its row on the events page;
- ``khu-dau-tu.csv`` and ``khu-dau-tu.json``: the investment areas. Numbers are plain
  (``39020``, ``15403.7``) so spreadsheets and programs read them; texts are in the language of
  the file. The CSV starts with a byte-order mark so that Excel opens Vietnamese and Khmer text
  correctly.

Nothing depends on the clock: DTSTAMP, which RFC 5545 requires, is the occurrence's own start
(the feed carries no other time), so two builds of one commit are byte-identical.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from travinh_site.data.records import Data, Quantity, Record
from travinh_site.data.schedule import Occurrence, Schedule, event_file

EXPORT_DIR = "du-lieu"
EVENTS_FEED = f"{EXPORT_DIR}/su-kien.ics"
EVENT_FILES = f"{EXPORT_DIR}/su-kien/"  # one .ics per event
AREAS_CSV = f"{EXPORT_DIR}/khu-dau-tu.csv"
AREAS_JSON = f"{EXPORT_DIR}/khu-dau-tu.json"
AREA_QUANTITIES = (("area", "ha"), ("first_phase_area", "ha"), ("capacity", "mw"))


@dataclass(frozen=True)
class ExportContext:
    code: str  # language of the texts
    site_url: str  # absolute, with a trailing slash
    # page path -> site-relative URL in this language; None for a page not written yet
    page_url_of: Callable[[str], str | None]
    texts: dict[str, str]
    schedule: Schedule

    def absolute(self, page: str | None) -> str:
        url = self.page_url_of(page) if page else None
        return self.site_url + url if url is not None else ""


def exports(data: Data, context: ExportContext) -> dict[str, str]:
    """Every download of one language, by site-relative path inside its prefix."""
    files = {
        EVENTS_FEED: events_calendar(data["su-kien"], context),
        AREAS_CSV: areas_csv(data["khu-dau-tu"], context),
        AREAS_JSON: areas_json(data["khu-dau-tu"], context),
    }
    for occurrence in dated_occurrences(data["su-kien"], context.schedule):
        calendar = _calendar(context)
        calendar.add_component(_vevent(occurrence, context))
        files[EVENT_FILES + event_file(occurrence)] = _text(calendar)
    return files


def dated_occurrences(records: tuple[Record, ...], schedule: Schedule) -> list[Occurrence]:
    """The occurrences with days (all but those expected at a time of year only)."""
    return [occurrence for occurrence in schedule.all(records) if occurrence.dates is not None]


def events_calendar(records: tuple[Record, ...], context: ExportContext) -> str:
    calendar = _calendar(context)
    calendar.add("name", context.texts["data.calendar.name"])  # RFC 7986
    calendar.add("x-wr-calname", context.texts["data.calendar.name"])  # older clients
    for occurrence in dated_occurrences(records, context.schedule):
        calendar.add_component(_vevent(occurrence, context))
    return _text(calendar)


def _text(calendar: Calendar) -> str:
    ical: bytes = calendar.to_ical()  # unannotated in icalendar
    return ical.decode("utf-8")


def _host(context: ExportContext) -> str:
    return urlsplit(context.site_url).hostname or "localhost"


def _calendar(context: ExportContext) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{_host(context)}//travinh-data events//{context.code.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _vevent(occurrence: Occurrence, context: ExportContext) -> Event:
    code = context.code
    record = occurrence.record
    assert occurrence.dates is not None
    event = Event()
    event.add("uid", f"{occurrence.key}@{_host(context)}")
    stamp = datetime.datetime.combine(occurrence.dates.start, datetime.time(), datetime.UTC)
    event.add("dtstamp", stamp)
    event.add("dtstart", occurrence.dates.start)
    event.add("dtend", occurrence.dates.end + datetime.timedelta(days=1))  # exclusive
    event.add("status", "CONFIRMED" if occurrence.confirmed else "TENTATIVE")
    if occurrence.confirmed and record.get("expected"):
        # The announced dates revise the tentative event of the same UID (RFC 5545 3.8.7.4).
        event.add("sequence", 1)
    event.add("summary", record.text("name", code), parameters={"LANGUAGE": code})
    description = [record.text("description", code)] if record.get("description") else []
    if record.get("rule"):
        description.append(record.text("rule", code))
    if not occurrence.confirmed:
        description.append(context.texts[f"data.expected.{occurrence.expectation}"])
    description.append(f"{context.texts['data.sources']} {'; '.join(record.sources(code))}")
    event.add("description", "\n".join(description), parameters={"LANGUAGE": code})
    if record.get("place"):
        event.add("location", record.text("place", code), parameters={"LANGUAGE": code})
    event.add("categories", [context.texts[f"data.category.{record.get('category')}"]])
    event.add("transp", "TRANSPARENT")  # an anniversary does not make anyone busy
    if url := context.absolute(record.get("page")):
        event.add("url", url)
    return event


def area_rows(records: tuple[Record, ...], context: ExportContext) -> list[dict[str, Any]]:
    """One flat row per investment area, in the language of ``context``."""
    code = context.code
    rows = []
    for record in records:
        row: dict[str, Any] = {
            "id": record.id,
            "name": record.text("name", code),
            "type": record.get("type"),
            "type_label": context.texts[f"data.type.{record.get('type')}"],
            "location": record.text("location", code),
        }
        for name, unit in AREA_QUANTITIES:
            quantity: Quantity | None = record.get(name)
            row[f"{name}_{unit}"] = quantity.value if quantity else None
            row[f"{name}_qualifier"] = quantity.qualifier if quantity else ""
        row["page_url"] = context.absolute(record.get("page"))
        row["sources"] = "; ".join(record.sources(code))
        rows.append(row)
    return rows


def areas_csv(records: tuple[Record, ...], context: ExportContext) -> str:
    rows = area_rows(records, context)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    fieldnames = list(rows[0]) if rows else ["id", "name"]
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return buffer.getvalue()


def areas_json(records: tuple[Record, ...], context: ExportContext) -> str:
    document = {
        "inLanguage": context.code,
        "name": context.texts["data.downloads.title"],
        "units": {"ha": "hectare", "mw": "megawatt"},
        "areas": area_rows(records, context),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=_number) + "\n"


def _number(value: object) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
