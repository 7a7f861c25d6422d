"""schema.org JSON-LD for page heads.

Every page gets one ``<script type="application/ld+json">`` block: a ``@graph`` whose first node
is the ``WebPage`` itself (its URL, title, description and ``inLanguage``: the language of the
text shown), followed by what the page is about:

- ``TouristAttraction`` / ``Place`` / ``GovernmentOrganization`` for each record of
  ``dia-danh.yml``, ``co-quan.yml`` and ``khu-dau-tu.yml`` whose ``page`` is this page (a place
  without its own name takes the page's title: the page is the place);
- ``Product`` for each produce of ``san-vat.yml`` whose page this is;
- ``Event`` for the occurrences of the events the page shows in a ``{{ su-kien }}`` block (or
  whose own page it is) that are confirmed (an anniversary's date, a festival's announced dates)
  and not over as of the build's date. An expected date is left out: schema.org cannot say
  "expected", and a search engine would show it as the date. A past one is left out too: schema.org
  has no status for an event that took place (no ``eventStatus`` means ``EventScheduled`` to
  Google), and search engines show no past events. Each location is a ``Place`` with a
  ``PostalAddress`` (ward or commune and province as the record gives them, country VN), which
  search engines require of an event.

``inLanguage`` is the WebPage's: schema.org gives places no language, and an Event's
``inLanguage`` would mean the language spoken at the event, not the language of this page.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from travinh_site.data.formatting import Formatter
from travinh_site.data.records import Quantity, Record
from travinh_site.data.schedule import Occurrence

CONTEXT = "https://schema.org"
COUNTRY = "VN"  # ISO 3166-1: every place of the site is in Vietnam (FACTS.md section 1)
UNIT_CODES = {"area-hectare": "HAR", "power-megawatt": "MAW"}  # UN/CEFACT common codes


@dataclass(frozen=True)
class PageInfo:
    url: str  # absolute canonical URL
    title: str
    description: str
    code: str  # language of the text shown
    site_name: str
    site_url: str  # absolute URL of the site's home in this language


def page_graph(
    page: PageInfo,
    subjects: Iterable[Record],
    events: Iterable[Occurrence],
    formatter: Formatter,
    page_url_of: Callable[[str], str | None],
    today: datetime.date,
) -> dict[str, Any]:
    """The JSON-LD document of one page; ``page_url_of`` gives a page's absolute URL and
    ``today`` is the build's date."""
    web_page: dict[str, Any] = {
        "@type": "WebPage",
        "@id": page.url,
        "url": page.url,
        "name": page.title,
        "inLanguage": page.code,
        "isPartOf": {"@type": "WebSite", "name": page.site_name, "url": page.site_url},
    }
    if page.description:
        web_page["description"] = page.description
    nodes = [_subject(record, page, formatter) for record in subjects]
    unique: dict[str, Occurrence] = {}  # each once, in the order shown
    for occurrence in events:
        unique.setdefault(occurrence.key, occurrence)
    nodes += [
        _event(occurrence, page, page_url_of)
        for occurrence in unique.values()
        if occurrence.confirmed and not occurrence.is_past(today)
    ]
    if nodes:
        web_page["about"] = [{"@id": node["@id"]} for node in nodes]
    return {"@context": CONTEXT, "@graph": [web_page, *nodes]}


def script_json(document: dict[str, Any]) -> str:
    """JSON safe to place inside <script>: no "</script>" or "<!--" can appear in it."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _subject(record: Record, page: PageInfo, formatter: Formatter) -> dict[str, Any]:
    code = page.code
    kind = record.get("type")
    schema_type = record.dataset.schema_type or kind
    node: dict[str, Any] = {
        "@type": schema_type,
        "@id": f"{page.url}#{record.id}",
        "name": record.text("name", code) or page.title,
        "url": page.url,
    }
    description = (
        record.text("summary", code) or record.text("description", code) or page.description
    )
    if description:
        node["description"] = description
    address = record.text("address", code) or record.text("location", code)
    if address:
        node["address"] = address
    properties = []
    for spec in record.dataset.fields:
        quantity = record.get(spec.name)
        if isinstance(quantity, Quantity) and spec.unit in UNIT_CODES:
            properties.append(
                {
                    "@type": "PropertyValue",
                    "name": formatter.texts[spec.label_key],
                    "value": _number(quantity),
                    "unitCode": UNIT_CODES[spec.unit],
                    "description": formatter.quantity(quantity, spec.unit),
                }
            )
    if properties:
        node["additionalProperty"] = properties
    return node


def _event(
    occurrence: Occurrence, page: PageInfo, page_url_of: Callable[[str], str | None]
) -> dict[str, Any]:
    code = page.code
    record = occurrence.record
    assert occurrence.dates is not None  # a confirmed occurrence has its days
    url = (page_url_of(record.get("page")) if record.get("page") else None) or page.url
    node: dict[str, Any] = {
        "@type": "Event",
        "@id": f"{page.url}#{occurrence.key}",
        "name": record.text("name", code),
        "startDate": occurrence.dates.start.isoformat(),
        "endDate": occurrence.dates.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": url,
    }
    if record.get("description"):
        node["description"] = record.text("description", code)
    address: dict[str, Any] = {"@type": "PostalAddress"}
    if record.get("locality"):
        address["addressLocality"] = record.text("locality", code)
    if record.get("region"):
        address["addressRegion"] = record.text("region", code)
    address["addressCountry"] = COUNTRY
    location: dict[str, Any] = {"@type": "Place"}
    if record.get("place"):
        location["name"] = record.text("place", code)
    location["address"] = address
    node["location"] = location
    return node


def _number(quantity: Quantity) -> int | float:
    value = quantity.value
    return int(value) if value == value.to_integral_value() else float(value)
