"""The JSON-LD check of the tests (tests/schemaorg.py) finds what it is meant to find: each
document below breaks one rule, and a correct one of each kind passes."""

from __future__ import annotations

import datetime

import pytest

from tests import schemaorg

TODAY = datetime.date(2026, 12, 1)
SITE = "https://example.org/"
ORGANISATION = {"@type": "GovernmentOrganization", "name": "Sở Khoa học và Công nghệ"}
ADDRESS = {"@type": "PostalAddress", "addressRegion": "Vĩnh Long", "addressCountry": "VN"}
PLACE = {"@type": "Place", "name": "Ao Bà Om", "address": ADDRESS}
EVENT = {
    "@context": "https://schema.org",
    "@type": "Event",
    "@id": f"{SITE}su-kien.html#ok-om-bok-2027",
    "name": "Ok Om Bok",
    "startDate": "2027-11-12",
    "endDate": "2027-11-14",
    "eventStatus": "https://schema.org/EventScheduled",
    "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    "url": f"{SITE}su-kien.html",
    "location": PLACE,
}
ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": f"{SITE}tin-tuc/2026/a.html#article",
    "headline": "Vùng Trà Vinh thuộc tỉnh Vĩnh Long",
    "datePublished": "2025-07-01",
    "dateModified": "2025-07-02",
    "inLanguage": "vi",
    "publisher": ORGANISATION,
    "image": f"{SITE}assets/images/a.jpg",
}
PRODUCT = {
    "@context": "https://schema.org",
    "@graph": [
        {
            "@type": "WebPage",
            "@id": f"{SITE}san-vat/dua.html",
            "url": f"{SITE}san-vat/dua.html",
            "name": "Dừa",
            "inLanguage": "vi",
            "about": [{"@id": f"{SITE}san-vat/dua.html#dua"}],
        },
        {
            "@type": "Product",
            "@id": f"{SITE}san-vat/dua.html#dua",
            "name": "Dừa",
            "additionalProperty": [
                {"@type": "PropertyValue", "name": "Diện tích", "value": 27390, "unitCode": "HAR"}
            ],
        },
    ],
}


def codes(document: dict, level: str = "error") -> set[str]:
    return {f.code for f in schemaorg.check_document(document, TODAY) if f.level == level}


def changed(document: dict, **changes) -> dict:
    result = {**document, **changes}
    return {key: value for key, value in result.items() if value is not ...}


def test_the_vocabulary_is_schema_org_30():
    vocabulary = schemaorg.vocabulary()
    assert vocabulary.release == "30.0"
    assert {"Event", "NewsArticle", "Product", "PostalAddress"} <= set(vocabulary.classes)
    assert len(vocabulary.classes) > 800 and len(vocabulary.properties) > 1400


@pytest.mark.parametrize("document", [EVENT, ARTICLE, PRODUCT], ids=["event", "article", "product"])
def test_correct_documents_pass(document: dict):
    assert codes(document) == set()


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # The produce nodes of issue 12: a null type makes the whole block invalid JSON-LD.
        (
            changed(PRODUCT["@graph"][1], **{"@context": "https://schema.org", "@type": None}),
            {"syntax", "null"},
        ),
        (changed(EVENT, **{"@type": "Evnt"}), {"unknown-type"}),
        (changed(EVENT, nmae="x"), {"unknown-property"}),
        # additionalProperty is a property of a Product or a Place, not of a Thing.
        (
            changed(PRODUCT["@graph"][1], **{"@context": "https://schema.org", "@type": "Thing"}),
            {"domain"},
        ),
        (changed(EVENT, location={"@type": "Product", "name": "x"}), {"range", "event"}),
        (changed(EVENT, eventStatus="https://schema.org/EventFinished"), {"enumeration"}),
        (changed(EVENT, startDate="12/11/2027"), {"date"}),
        (changed(ARTICLE, inLanguage="Tiếng Việt"), {"language"}),
        (changed(EVENT, organizer={"@id": f"{SITE}#nobody"}), {"dangling"}),
        (changed(EVENT, **{"@type": ...}), {"missing-type"}),
        # Google's Event rules: a location with an address, no past event.
        (changed(EVENT, location={"@type": "Place", "name": "Ao Bà Om"}), {"event"}),
        (changed(EVENT, location=...), {"event"}),
        (changed(PRODUCT, **{"@graph": [{"@type": "Place", "address": ADDRESS}]}), {"place"}),
        (
            changed(
                EVENT,
                location={"@type": "Place", "name": "x", "address": {"@type": "PostalAddress"}},
            ),
            {"event"},
        ),
        (changed(EVENT, startDate="2025-02-03", endDate="2025-02-03"), {"past-event"}),
        (changed(EVENT, startDate="2025-02-03", endDate=..., eventStatus=...), {"past-event"}),
        (changed(EVENT, endDate="2027-11-01"), {"event"}),
        (changed(EVENT, name=...), {"event"}),
        # A news article: the fields of issue 15, a publisher that is an organisation.
        (changed(ARTICLE, dateModified=...), {"article"}),
        (changed(ARTICLE, inLanguage=...), {"article"}),
        (changed(ARTICLE, publisher={"@type": "Person", "name": "A"}), {"article"}),
        (changed(ARTICLE, publisher={"@type": "Organization"}), {"article"}),
        (changed(ARTICLE, headline="x" * 111), {"article"}),
        (changed(ARTICLE, dateModified="2025-06-30"), {"article"}),
        (changed(ARTICLE, headline=..., datePublished=...), {"article"}),
    ],
)
def test_each_broken_rule_is_an_error(document: dict, expected: set[str]):
    assert codes(document) == expected


def test_what_google_only_recommends_is_advice():
    assert codes(changed(ARTICLE, image=...)) == set()
    assert "article" in codes(changed(ARTICLE, image=...), "advice")
    assert "event" in codes(EVENT, "advice")  # no image, offers, organizer
    nameless = changed(EVENT, location={"@type": "Place", "address": ADDRESS})
    assert codes(nameless) == set() and "event" in codes(nameless, "advice")


def test_a_past_event_that_did_not_take_place_as_planned_may_stay():
    cancelled = changed(
        EVENT, startDate="2025-02-03", endDate=..., eventStatus="https://schema.org/EventCancelled"
    )
    assert codes(cancelled) == set()


def test_no_request_leaves_the_check():
    remote = changed(EVENT, **{"@context": "https://example.org/context.jsonld"})
    assert codes(remote) == {"syntax"}
