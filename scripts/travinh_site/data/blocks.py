"""The ``{{ dataset }}`` lines editors write in pages, and the HTML they become.

An editor places data in a page with one line of its own::

    {{ khu-dau-tu }}                      every investment area, as a table
    {{ khu-dau-tu: khu-kinh-te-dinh-an }} one record, as a list of its facts
    {{ su-kien: 2025 }}                   the events of 2025
    {{ su-kien: festival }}               the records whose category (or type) is "festival"
    {{ su-kien: upcoming }}               the events still to come, in date order

Events are shown with their occurrences as of the build's date (:mod:`.schedule`): a festival's
announced dates, and its expected dates for the current year and the next two, marked as such.

The same line is written in every language's page; the block is rendered in that page's
language. The syntax is deliberately small and line-based, so it cannot break the Markdown
around it, shows up as itself in any Markdown preview, and a mistake in it (an unknown dataset
or record) is reported with the page and line. Lines inside code blocks are left alone, so the
syntax can be documented in a page.

Blocks become raw HTML (tables, definition lists) without blank lines, which Markdown passes
through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from itertools import groupby

from mkdocs.utils import get_relative_url

from travinh_site.content import posts
from travinh_site.content.links import mask_code
from travinh_site.data.formatting import Formatter
from travinh_site.data.records import Data, DateRange, Record
from travinh_site.data.schedule import Occurrence, Schedule, event_file
from travinh_site.data.schema import DATASETS, Dataset, Kind
from travinh_site.errors import Problem, did_you_mean

_BLOCK = re.compile(
    r"^[ ]{0,3}\{\{[ \t]*(?P<name>[^\s:{}]+)[ \t]*(?::(?P<args>[^{}]*))?\}\}[ \t]*$"
)
_LOOKS_LIKE_BLOCK = re.compile(r"^[ ]{0,3}\{\{")
_YEAR = re.compile(r"^\d{4}$")
SHOWN_IN_PAGES = ("khu-dau-tu", "san-vat", "su-kien")
UPCOMING = "upcoming"  # {{ su-kien: upcoming }}


@dataclass(frozen=True)
class Block:
    line: int  # in the page's file
    dataset: str
    selectors: tuple[str, ...]


@dataclass(frozen=True)
class Downloads:
    """Site-relative URLs of a dataset's downloads in the language being rendered."""

    links: dict[str, tuple[tuple[str, str], ...]]  # dataset -> ((label, url), ...)
    # The folder of the single-event .ics files ("en/du-lieu/su-kien/"); "" for none.
    event_files: str = ""


@dataclass(frozen=True)
class Context:
    """Everything a block needs to render in one page of one language."""

    code: str  # the language of the text shown
    formatter: Formatter
    page_url: str  # the current page's site-relative URL ("en/dau-tu/index.html")
    # page path ("dau-tu/x.md") -> its URL in this language; None for a page not written yet
    page_url_of: Callable[[str], str | None]
    downloads: Downloads
    schedule: Schedule

    @property
    def texts(self) -> dict[str, str]:
        return self.formatter.texts

    def href(self, url: str) -> str:
        return get_relative_url(url, self.page_url)


def find_blocks(markdown: str, first_line: int, shown_as: str) -> tuple[list[Block], list[Problem]]:
    """The data blocks of a page body (outside code), and lines that look like broken ones."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    for offset, line in enumerate(mask_code(markdown).split("\n")):
        number = first_line + offset
        match = _BLOCK.match(line)
        if match:
            name = match.group("name")
            selectors = tuple((match.group("args") or "").split())
            if name == posts.BLOCK:
                continue  # the latest news posts: the travinh-news plugin's block
            if name not in SHOWN_IN_PAGES:
                problems.append(_unknown_dataset(shown_as, number, name))
                continue
            blocks.append(Block(number, name, selectors))
        elif _LOOKS_LIKE_BLOCK.match(line):
            problems.append(
                Problem(
                    shown_as,
                    f"'{line.strip()}' looks like a data block but is not written as one.",
                    "write it alone on its line, e.g. '{{ khu-dau-tu }}' or '{{ su-kien: 2025 }}'.",
                    number,
                    problem_vi=f"'{line.strip()}' trông giống một khối dữ liệu nhưng viết chưa "
                    "đúng.",
                    fix_vi="viết khối một mình trên một dòng, ví dụ '{{ khu-dau-tu }}' hoặc "
                    "'{{ su-kien: 2025 }}'.",
                )
            )
    return blocks, problems


def replace_blocks(markdown: str, rendered: Callable[[], str]) -> str:
    """``markdown`` with each block line (outside code) replaced by ``rendered()``, in order."""
    lines = markdown.split("\n")
    masked = mask_code(markdown).split("\n")
    for index, line in enumerate(masked):
        match = _BLOCK.match(line)
        if match and match.group("name") in SHOWN_IN_PAGES:
            lines[index] = f"\n{rendered()}\n"  # blank lines around: an HTML block
    return "\n".join(lines)


def select(
    block: Block, data: Data, shown_as: str, schedule: Schedule
) -> tuple[list[Record], list[Problem]]:
    """The records a block shows: all, or those matching any of its selectors."""
    records = list(data[block.dataset])
    if not block.selectors:
        return records, []
    problems: list[Problem] = []
    chosen: set[str] = set()
    for selector in block.selectors:
        matching = [
            record.id
            for record in records
            if _matches(record, selector)
            or any(_occurs(o, selector, schedule) for o in _occurrences(record, schedule))
        ]
        events = block.dataset == "su-kien"
        if not matching and not (selector == UPCOMING and events):
            choices = _choice_words(records) | ({UPCOMING} if events else set())
            words = sorted({record.id for record in records} | choices)
            hint, hint_vi = did_you_mean(selector, words)
            problems.append(
                Problem(
                    shown_as,
                    f"no record of {block.dataset}.yml matches '{selector}'.",
                    f"{hint}Write a record's id, a year, or one of: {', '.join(sorted(choices))}.",
                    block.line,
                    problem_vi=f"không có bản ghi nào của {block.dataset}.yml khớp với "
                    f"'{selector}'.",
                    fix_vi=f"{hint_vi}Hãy viết id của một bản ghi, một năm, hoặc một trong các "
                    f"từ: {', '.join(sorted(choices))}.",
                )
            )
        chosen.update(matching)
    return [record for record in records if record.id in chosen], problems


def shown_occurrences(block: Block, records: list[Record], schedule: Schedule) -> list[Occurrence]:
    """The occurrences an events block shows, by date: all those of the records it names by
    id or category; those of a year (``2026``) or still to come (``upcoming``)."""
    return [
        occurrence
        for occurrence in schedule.all(records)
        if not block.selectors
        or any(
            _matches(occurrence.record, selector) or _occurs(occurrence, selector, schedule)
            for selector in block.selectors
        )
    ]


def render(block: Block, records: list[Record], context: Context) -> str:
    dataset = DATASETS[block.dataset]
    if dataset.name == "su-kien":
        return _events(block, records, context)
    single = len(block.selectors) == 1 and len(records) == 1 and records[0].id == block.selectors[0]
    if single:
        return _facts(dataset, records[0], context)
    return _table(dataset, records, context)


# ---- rendering ------------------------------------------------------------------------------


def _table(dataset: Dataset, records: list[Record], context: Context) -> str:
    texts = context.texts
    columns = [
        column
        for column in dataset.columns
        if any(record.get(name) is not None for record in records for name in column)
    ]
    head = "".join(
        f'<th scope="col">{escape(_column_label(column, texts))}</th>' for column in columns
    )
    rows = []
    for record in records:
        cells = []
        for index, column in enumerate(columns):
            content = _cell(dataset, record, column, context)
            cells.append(f'<th scope="row">{content}</th>' if index == 0 else f"<td>{content}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return _wrap(
        dataset.name,
        f'<div class="tv-data__scroll"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>",
        records,
        context,
    )


def _facts(dataset: Dataset, record: Record, context: Context) -> str:
    items = []
    for spec in dataset.fields:
        if spec.name in ("name", "page", "source", "summary") or record.get(spec.name) is None:
            continue
        value = _value(dataset, record, spec.name, context)
        items.append(f"<dt>{escape(context.texts[spec.label_key])}</dt><dd>{value}</dd>")
    return _wrap(
        dataset.name,
        '<dl class="tv-facts">\n' + "\n".join(items) + "\n</dl>",
        [record],
        context,
    )


def _events(block: Block, records: list[Record], context: Context) -> str:
    texts = context.texts
    occurrences = shown_occurrences(block, records, context.schedule)
    head = (
        f'<thead><tr><th scope="col">{escape(texts["data.field.date"])}</th>'
        f'<th scope="col">{escape(texts["data.field.name"])}</th></tr></thead>\n<tbody>\n'
    )
    parts = []
    if block.selectors and set(block.selectors) == {UPCOMING}:  # one table, in date order
        if occurrences:
            parts.append(
                '<div class="tv-data__scroll"><table class="tv-events">\n'
                f"<caption>{escape(texts['data.events.upcoming'])}</caption>\n"
                + head
                + "\n".join(_event_row(occurrence, context) for occurrence in occurrences)
                + "\n</tbody></table></div>"
            )
        else:
            parts.append(f'<p class="tv-events__none">{escape(texts["data.events.none"])}</p>')
    else:  # newest year first; in a year, by date
        by_year = sorted(occurrences, key=lambda occurrence: -occurrence.year)
        for year, group in groupby(by_year, key=lambda occurrence: occurrence.year):
            parts.append(
                '<div class="tv-data__scroll"><table class="tv-events">\n'
                f"<caption>{escape(texts['data.events.year'].format(year))}</caption>\n"
                + head
                + "\n".join(_event_row(occurrence, context) for occurrence in group)
                + "\n</tbody></table></div>"
            )
    # The calendar rules, when the block names its events (not a year's or the coming ones).
    by_record = not any(_YEAR.match(s) or s == UPCOMING for s in block.selectors)
    rules = [record for record in records if record.get("rule")] if by_record else []
    if rules:
        rows = [
            f'<tr><th scope="row">{_linked_name(record, context)}</th>'
            f"<td>{escape(record.text('rule', context.code))}</td>"
            f"<td>{escape(record.text('place', context.code))}</td></tr>"
            for record in rules
        ]
        parts.append(
            '<div class="tv-data__scroll"><table class="tv-events">\n'
            f"<caption>{escape(texts['data.events.recurring'])}</caption>\n"
            f'<thead><tr><th scope="col">{escape(texts["data.field.name"])}</th>'
            f'<th scope="col">{escape(texts["data.field.rule"])}</th>'
            f'<th scope="col">{escape(texts["data.field.place"])}</th></tr></thead>\n<tbody>\n'
            + "\n".join(rows)
            + "\n</tbody></table></div>"
        )
    shown = {record.id: record for record in [*(o.record for o in occurrences), *rules]}
    return _wrap("su-kien", "\n".join(parts), shown.values(), context)


def _event_row(occurrence: Occurrence, context: Context) -> str:
    """Its date (marked when expected, with its own .ics file), its name, description, place."""
    texts = context.texts
    when = [_when(occurrence, context)]
    if not occurrence.confirmed:
        note = texts[f"data.expected.{occurrence.expectation}"]
        when.append(f'<span class="tv-events__expected">{escape(note)}</span>')
    if occurrence.dates is not None and context.downloads.event_files:
        url = context.href(context.downloads.event_files + event_file(occurrence))
        when.append(
            f'<a class="tv-events__ics" href="{escape(url)}" download>'
            f"{escape(texts['data.events.ics'])}</a>"
        )
    return (
        f"<tr><td>{'<br>'.join(when)}</td><td>{_event_text(occurrence.record, context)}</td></tr>"
    )


def _event_text(record: Record, context: Context) -> str:
    parts = [f"<strong>{_linked_name(record, context)}</strong>"]
    for name in ("description", "place"):
        if record.get(name):
            parts.append(escape(record.text(name, context.code)))
    return "<br>".join(parts)


def _when(occurrence: Occurrence, context: Context) -> str:
    if occurrence.dates is None:  # only the month is expected
        month = occurrence.window.start
        text = context.texts[f"data.expected.{occurrence.expectation}.when"].format(month.year)
        return (
            f'<time class="tv-events__season" datetime="{month.year:04d}-{month.month:02d}">'
            f"{escape(text)}</time>"
        )
    return _time(occurrence.dates, context.formatter)


def _time(occurrence: DateRange, fmt: Formatter) -> str:
    shown = escape(fmt.date_range(occurrence))
    if occurrence.days == 1:
        return f'<time datetime="{occurrence.start.isoformat()}">{shown}</time>'
    return (
        f'<time datetime="{occurrence.start.isoformat()}/{occurrence.end.isoformat()}">'
        f"{shown}</time>"
    )


def _wrap(name: str, body: str, records: Iterable[Record], context: Context) -> str:
    texts = context.texts
    sources: list[str] = []
    for record in records:
        for source in record.sources(context.code):
            if source not in sources:
                sources.append(source)
    meta = [f"{escape(texts['data.sources'])} {escape('; '.join(sources))}"] if sources else []
    links = context.downloads.links.get(name, ())
    if links:
        anchors = " · ".join(
            f'<a href="{escape(context.href(url))}" download>{escape(label)}</a>'
            for label, url in links
        )
        meta.append(f"{escape(texts[f'data.downloads.{name}'])} {anchors}")
    footer = "".join(f'<p class="tv-data__meta">{line}</p>' for line in meta)
    return f'<div class="tv-data tv-data--{name}">\n{body}\n{footer}\n</div>'


def _column_label(column: tuple[str, ...], texts: dict[str, str]) -> str:
    if len(column) > 1 and column[0] != "as_of":
        return texts["data.column.figures"]
    return texts[f"data.field.{column[0]}"]


def _cell(dataset: Dataset, record: Record, column: tuple[str, ...], context: Context) -> str:
    present = [name for name in column if record.get(name) is not None]
    if column == ("name",):
        return _linked_name(record, context)
    if column[0] == "as_of":  # "2024 (projected)"
        values = [_value(dataset, record, name, context) for name in present]
        return values[0] + (f" ({values[1]})" if len(values) > 1 else "") if values else ""
    if len(column) == 1:
        return _value(dataset, record, column[0], context) if present else ""
    return "<br>".join(_labelled(dataset, record, name, context) for name in present)


def _labelled(dataset: Dataset, record: Record, name: str, context: Context) -> str:
    """ "Area: 39,020 ha"; a count that names what it counts stands alone ("90,000 households")."""
    value = _value(dataset, record, name, context)
    spec = dataset.field(name)
    if spec is not None and spec.unit.startswith("data.unit."):
        return value
    return context.formatter.labelled(escape(context.texts[f"data.field.{name}"]), value)


def _value(dataset: Dataset, record: Record, name: str, context: Context) -> str:
    spec = dataset.field(name)
    value = record.get(name)
    assert spec is not None and value is not None
    fmt = context.formatter
    if spec.kind is Kind.TEXT:
        return escape(value[context.code])
    if spec.kind is Kind.QUANTITY:  # "about 880 ha" never breaks across lines
        return f'<span class="tv-data__value">{escape(fmt.quantity(value, spec.unit))}</span>'
    if spec.kind is Kind.PERIOD:
        return escape(fmt.period(value))
    if spec.kind is Kind.DATE:
        return escape(fmt.date(value))
    if spec.kind is Kind.CHOICE:
        return escape(context.texts[f"data.{name}.{value}"])
    return escape(str(value))


def _linked_name(record: Record, context: Context) -> str:
    name = escape(record.text("name", context.code))
    page = record.get("page")
    if not page:
        return name
    url = context.page_url_of(page)
    if url is None or url == context.page_url:  # not written yet, or this very page
        return name
    return f'<a href="{escape(context.href(url))}">{name}</a>'


def _matches(record: Record, selector: str) -> bool:
    """A selector naming the record itself: its id or one of its choice words."""
    return record.id == selector or selector in _choice_words([record])


def _occurs(occurrence: Occurrence, selector: str, schedule: Schedule) -> bool:
    """A selector naming the occurrence's time: its year, or ``upcoming``."""
    if _YEAR.match(selector):
        return occurrence.year == int(selector)
    return selector == UPCOMING and not occurrence.is_past(schedule.today)


def _occurrences(record: Record, schedule: Schedule) -> tuple[Occurrence, ...]:
    return schedule.occurrences(record) if record.dataset.name == "su-kien" else ()


def _choice_words(records: Iterable[Record]) -> set[str]:
    return {
        str(record.get(spec.name))
        for record in records
        for spec in record.dataset.fields
        if spec.kind is Kind.CHOICE and record.get(spec.name) is not None
    }


def _unknown_dataset(shown_as: str, line: int, name: str) -> Problem:
    hint, hint_vi = did_you_mean(name, SHOWN_IN_PAGES, cutoff=0.5, shown="'{{{{ {} }}}}'")
    return Problem(
        shown_as,
        f"'{{{{ {name} }}}}' names no data that can be shown in a page.",
        f"{hint}The data shown in pages: {', '.join(SHOWN_IN_PAGES)}.",
        line,
        problem_vi=f"'{{{{ {name} }}}}' không phải tên của dữ liệu nào có thể hiển thị trong "
        "trang.",
        fix_vi=f"{hint_vi}Các dữ liệu hiển thị được trong trang: {', '.join(SHOWN_IN_PAGES)}.",
    )
