"""schema.org JSON-LD for page heads.

Every page gets one ``<script type="application/ld+json">`` block: a ``@graph`` whose first node
is the ``WebPage`` itself (its URL, title, description and ``inLanguage``: the language of the
text shown), followed by what the page is about:

- ``TouristAttraction`` / ``Place`` / ``GovernmentOrganization`` for each record of
  ``dia-danh.yml``, ``co-quan.yml`` and ``khu-dau-tu.yml`` whose ``page`` is this page (a place
  without its own name takes the page's title: the page is the place);
- ``Event`` for every dated occurrence of the events the page shows in a ``{{ su-kien }}`` block.

``inLanguage`` is the WebPage's: schema.org gives places no language, and an Event's
``inLanguage`` would mean the language spoken at the event, not the language of this page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from travinh_site.data.formatting import Formatter
from travinh_site.data.records import Quantity, Record

CONTEXT = "https://schema.org"
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
    events: Iterable[Record],
    formatter: Formatter,
    page_url_of: Callable[[str], str | None],
) -> dict[str, Any]:
    """The JSON-LD document of one page; ``page_url_of`` gives a page's absolute URL."""
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
    nodes += [
        _event(record, occurrence_index, page, page_url_of)
        for record in events
        for occurrence_index in range(len(record.occurrences()))
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
    record: Record, index: int, page: PageInfo, page_url_of: Callable[[str], str | None]
) -> dict[str, Any]:
    code = page.code
    occurrence = record.occurrences()[index]
    url = (page_url_of(record.get("page")) if record.get("page") else None) or page.url
    node: dict[str, Any] = {
        "@type": "Event",
        "@id": f"{page.url}#{record.id}-{occurrence.start.isoformat()}",
        "name": record.text("name", code),
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": url,
    }
    if record.get("description"):
        node["description"] = record.text("description", code)
    if record.get("place"):
        node["location"] = {"@type": "Place", "name": record.text("place", code)}
    return node


def _number(quantity: Quantity) -> int | float:
    value = quantity.value
    return int(value) if value == value.to_integral_value() else float(value)
