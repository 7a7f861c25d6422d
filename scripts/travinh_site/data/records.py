"""Reading the YAML files of ``assets/data/`` into checked records, with errors at their line.

Each file is a list of records; each record a set of ``field: value`` lines. The file is read as
a tree of YAML nodes (which keep their line numbers) and every value is checked against the
dataset's fields (:mod:`.schema`), so every mistake an editor can make (a missing language, an
impossible date, a misspelt field, a thousands separator) is reported as
``assets/data/su-kien.yml:12: ...`` with a fix, all of a file's mistakes at once.

YAML's own guessing of types is not used (it would read ``2025-02-30`` as a crash and
``39.020`` as 39.02): every scalar is taken as text and converted here.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from travinh_site.content.frontmatter import read_text, yaml_problem
from travinh_site.content.glossary import GLOSSARY_FILE, Glossary, variant_problem, variants
from travinh_site.content.languages import Languages
from travinh_site.data.schema import DATASETS, Dataset, Field, Kind
from travinh_site.errors import Problem, SiteError, did_you_mean

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader  # type: ignore[assignment]

DATA_DIR = "assets/data"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")  # "39.020" or "39,020": ambiguous
_QUALIFIERS = {  # what editors may write before a number -> the qualifier shown
    "about": "about",
    "khoảng": "about",
    "~": "about",
    "more than": "more_than",
    "hơn": "more_than",
}
_QUANTITY = re.compile(
    r"^(?:(?P<qualifier>" + "|".join(re.escape(word) for word in _QUALIFIERS) + r")\s*)?"
    r"(?P<number>\S+)$",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?$")


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    qualifier: str = ""  # "", "about" or "more_than"


@dataclass(frozen=True)
class Period:
    year: int
    month: int | None = None


@dataclass(frozen=True)
class DateRange:
    start: datetime.date
    end: datetime.date  # inclusive; equal to start for a one-day event

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Record:
    dataset: Dataset
    id: str
    line: int
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)  # field -> line of its value

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    @property
    def shown_as(self) -> str:
        return f"{DATA_DIR}/{self.dataset.file}"

    def text(self, name: str, code: str) -> str:
        """A per-language field in language ``code`` ("" when the record has no such field)."""
        value = self.values.get(name)
        return value[code] if value else ""

    def sources(self, code: str) -> list[str]:
        return [source[code] for source in self.values.get("source", ())]

    def occurrences(self) -> tuple[DateRange, ...]:
        """The dated occurrences of an event, in order (none for a rule-only festival)."""
        found: list[DateRange] = list(self.values.get("dates", ()))
        if "date" in self.values:
            found.append(DateRange(self.values["date"], self.values["date"]))
        if "start" in self.values:
            start = self.values["start"]
            found.append(DateRange(start, self.values.get("end", start)))
        return tuple(sorted(found, key=lambda occurrence: occurrence.start))


@dataclass(frozen=True)
class Data:
    """Every dataset's records, by dataset name."""

    records: dict[str, tuple[Record, ...]]

    def __getitem__(self, name: str) -> tuple[Record, ...]:
        return self.records.get(name, ())

    def all(self) -> Iterator[Record]:
        for records in self.records.values():
            yield from records

    def for_page(self, page: str) -> list[Record]:
        return [record for record in self.all() if record.get("page") == page]


def load(project_dir: Path, languages: Languages) -> Data:
    """Read every dataset file that exists under ``assets/data/``; unknown files are errors."""
    folder = project_dir / DATA_DIR
    problems: list[Problem] = []
    records: dict[str, tuple[Record, ...]] = {}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.suffix.lower() == ".md":
                continue  # notes for editors (README.md) and hidden files
            if f"{DATA_DIR}/{path.name}" == GLOSSARY_FILE:
                continue  # the glossary: read by travinh_site.content.glossary
            shown_as = f"{DATA_DIR}/{path.name}"
            dataset = DATASETS.get(path.stem) if path.suffix == ".yml" else None
            if dataset is None:
                problems.append(_unknown_file(shown_as, path.name))
                continue
            try:
                records[dataset.name] = parse(read_text(path, shown_as), dataset, languages)
            except SiteError as error:
                problems.extend(error.problems)
    if problems:
        raise SiteError(*problems)
    return Data(records)


def parse(text: str, dataset: Dataset, languages: Languages) -> tuple[Record, ...]:
    """The records of one dataset file's ``text``."""
    shown_as = f"{DATA_DIR}/{dataset.file}"
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        raise SiteError(yaml_problem(error, shown_as)) from None
    if root is None:
        return ()
    reader = _Reader(dataset, languages, shown_as)
    if not isinstance(root, yaml.SequenceNode):
        raise SiteError(
            Problem(
                shown_as,
                "must be a list of records.",
                "start each record with '- id: ...' (see the comment at the top of the file).",
                _line(root),
                problem_vi="tệp phải là một danh sách các bản ghi.",
                fix_vi="bắt đầu mỗi bản ghi bằng '- id: ...' (xem chú thích ở đầu tệp).",
            )
        )
    records = [record for node in root.value if (record := reader.record(node)) is not None]
    if reader.problems:
        raise SiteError(*reader.problems)
    return tuple(records)


class _Reader:
    """Converts one file's nodes into records, collecting every problem on the way."""

    def __init__(self, dataset: Dataset, languages: Languages, shown_as: str) -> None:
        self.dataset = dataset
        self.languages = languages
        self.shown_as = shown_as
        self.problems: list[Problem] = []
        self.seen_ids: dict[str, int] = {}

    def problem(
        self, node: yaml.Node, problem: str, fix: str, problem_vi: str, fix_vi: str
    ) -> None:
        self.problems.append(
            Problem(self.shown_as, problem, fix, _line(node), problem_vi=problem_vi, fix_vi=fix_vi)
        )

    def record(self, node: yaml.Node) -> Record | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                "this record is not a list of 'field: value' lines.",
                _RECORD_FIX,
                "bản ghi này không gồm các dòng 'trường: giá trị'.",
                _RECORD_FIX_VI,
            )
            return None
        fields = self.mapping(node)
        if fields is None:
            return None
        record_id = self.record_id(node, fields.pop("id", None))
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for name, (key, value) in fields.items():
            spec = self.dataset.field(name)
            if spec is None:
                self.unknown_field(key, name)
                continue
            converted = self.value(spec, value, key)
            if converted is not None:
                values[name] = converted
                lines[name] = _line(value)
        for spec in self.dataset.fields:
            if spec.required and spec.name not in fields:
                example = f" {spec.example}" if spec.example else " ..."
                self.problem(
                    node,
                    f"the record '{record_id}' has no '{spec.name}'.",
                    f"add a line '{spec.name}:{example}' to it.",
                    f"bản ghi '{record_id}' thiếu '{spec.name}'.",
                    f"thêm dòng '{spec.name}:{example}' vào bản ghi.",
                )
        if self.dataset.name == "su-kien":
            self.check_event(node, record_id, values)
        if record_id is None:
            return None
        return Record(self.dataset, record_id, _line(node), values, lines)

    def mapping(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.problem(
                    key,
                    "a field name must be a single word.",
                    _RECORD_FIX,
                    "tên trường phải là một từ.",
                    _RECORD_FIX_VI,
                )
                return None
            if key.value in found:
                self.problem(
                    key,
                    f"the field '{key.value}' is written twice in this record.",
                    "keep one of the two lines.",
                    f"trường '{key.value}' được viết hai lần trong bản ghi này.",
                    "giữ lại một trong hai dòng.",
                )
            found[key.value] = (key, value)
        return found

    def record_id(self, node: yaml.Node, entry: tuple[yaml.Node, yaml.Node] | None) -> str | None:
        if entry is None:
            self.problem(
                node,
                "this record has no 'id'.",
                "add a line '- id: a-short-name'.",
                "bản ghi này thiếu 'id'.",
                "thêm dòng '- id: ten-ngan-gon'.",
            )
            return None
        value = entry[1]
        text = self.scalar(value, "id")
        if text is None:
            return None
        if not _ID.match(text):
            self.problem(
                value,
                f"the id '{text}' must be lower-case letters without accents, digits and '-'.",
                "write it like the page names, e.g. 'khu-kinh-te-dinh-an'.",
                f"id '{text}' chỉ được gồm chữ thường không dấu, chữ số và '-'.",
                "viết giống tên các trang, ví dụ 'khu-kinh-te-dinh-an'.",
            )
            return None
        if text in self.seen_ids:
            self.problem(
                value,
                f"the id '{text}' is also used by the record at line {self.seen_ids[text]}.",
                "give each record its own id.",
                f"id '{text}' đã được dùng cho bản ghi ở dòng {self.seen_ids[text]}.",
                "mỗi bản ghi cần một id riêng.",
            )
            return None
        self.seen_ids[text] = _line(value)
        return text

    def unknown_field(self, key: yaml.Node, name: str) -> None:
        names = self.dataset.field_names
        hint, hint_vi = did_you_mean(name, names)
        self.problem(
            key,
            f"'{name}' is not a field of {self.dataset.file}.",
            f"{hint}The fields are: {', '.join(names)}.",
            f"'{name}' không phải là một trường của {self.dataset.file}.",
            f"{hint_vi}Các trường là: {', '.join(names)}.",
        )

    def scalar(self, node: yaml.Node, name: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.value.strip() == "":
            self.problem(
                node,
                f"'{name}' must be a single value on its line.",
                f"write '{name}: <value>'.",
                f"'{name}' phải là một giá trị duy nhất trên dòng của nó.",
                f"viết '{name}: <giá trị>'.",
            )
            return None
        text: str = node.value.strip()  # a ScalarNode's value is its text
        return text

    def value(self, spec: Field, node: yaml.Node, key: yaml.Node) -> Any:
        if spec.kind is Kind.TEXT:
            return self.text(spec, node, key)
        if spec.kind is Kind.SOURCES:
            return self.sources(spec, node)
        if spec.kind is Kind.DATES:
            return self.dates(spec, node)
        text = self.scalar(node, spec.name)
        if text is None:
            return None
        if spec.kind is Kind.QUANTITY:
            return self.quantity(spec, node, text)
        if spec.kind is Kind.DATE:
            return self.date(spec, node, text)
        if spec.kind is Kind.PERIOD:
            return self.period(spec, node, text)
        if spec.kind is Kind.CHOICE and text not in spec.choices:
            hint, hint_vi = did_you_mean(text, spec.choices, cutoff=0.5)
            self.problem(
                node,
                f"'{text}' is not a possible '{spec.name}'.",
                f"{hint}Write one of: {', '.join(spec.choices)}.",
                f"'{text}' không phải là một giá trị hợp lệ của '{spec.name}'.",
                f"{hint_vi}Hãy viết một trong các giá trị: {', '.join(spec.choices)}.",
            )
            return None
        return text  # STRING, CHOICE, PAGE (pages are checked against the site later)

    def text(self, spec: Field, node: yaml.Node, field_key: yaml.Node) -> dict[str, str] | None:
        """One text per language; a missing language is reported at the field's own line."""
        codes = self.languages.codes
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                f"'{spec.name}' needs one line per language ({', '.join(codes)}).",
                f"write '{spec.name}:' and under it, indented, "
                + ", ".join(f"'{code}: ...'" for code in codes)
                + ".",
                f"'{spec.name}' cần một dòng cho mỗi ngôn ngữ ({', '.join(codes)}).",
                f"viết '{spec.name}:' và bên dưới, thụt lề, "
                + ", ".join(f"'{code}: ...'" for code in codes)
                + ".",
            )
            return None
        texts: dict[str, str] = {}
        for key, value in node.value:
            code = key.value if isinstance(key, yaml.ScalarNode) else ""
            if code not in codes:
                self.problem(
                    key,
                    f"'{code}' under '{spec.name}' is not a language of the site.",
                    f"the languages are: {', '.join(codes)} (see mkdocs.yml).",
                    f"'{code}' dưới '{spec.name}' không phải là một ngôn ngữ của trang web.",
                    f"các ngôn ngữ là: {', '.join(codes)} (xem mkdocs.yml).",
                )
                continue
            text = self.scalar(value, f"{spec.name}: {code}")
            if text is not None:
                texts[code] = " ".join(text.split())
        for language in self.languages:
            if language.code not in texts and not any(
                isinstance(key, yaml.ScalarNode) and key.value == language.code
                for key, _value in node.value
            ):
                self.problem(
                    field_key,
                    f"'{spec.name}' has no '{language.code}' ({language.name}) version.",
                    f"add a line '{language.code}: ...' under '{spec.name}:'.",
                    f"'{spec.name}' chưa có bản '{language.code}' ({language.name}).",
                    f"thêm một dòng '{language.code}: ...' dưới '{spec.name}:'.",
                )
        return texts if len(texts) == len(codes) else None

    def sources(self, spec: Field, node: yaml.Node) -> tuple[dict[str, str], ...] | None:
        """One source or a list; each the same in every language, or one line per language
        (for a source whose name is in Vietnamese, such as a decision's number)."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        found: list[dict[str, str]] = []
        for item in items:
            if isinstance(item, yaml.MappingNode):
                texts = self.text(spec, item, item)
            else:
                text = self.scalar(item, spec.name)
                texts = dict.fromkeys(self.languages.codes, text) if text is not None else None
            if texts is not None:
                found.append(texts)
        if not items:
            self.problem(
                node,
                f"'{spec.name}' is empty.",
                f"write e.g. '{spec.example}'.",
                f"'{spec.name}' đang để trống.",
                f"viết ví dụ '{spec.example}'.",
            )
        return tuple(found) if found and len(found) == len(items) else None

    def quantity(self, spec: Field, node: yaml.Node, text: str) -> Quantity | None:
        match = _QUANTITY.match(text)
        number = match.group("number") if match else text
        if match and _NUMBER.match(number) and not _GROUPED.match(number):
            qualifier = match.group("qualifier")
            return Quantity(Decimal(number), _QUALIFIERS[qualifier.lower()] if qualifier else "")
        if _GROUPED.match(number) or "," in number:
            fix = (
                "write the number without thousands separators and with a dot for decimals, "
                "e.g. 39020 or 15403.7."
            )
            fix_vi = (
                "viết số không có dấu phân cách hàng nghìn, dùng dấu chấm cho phần thập phân, "
                "ví dụ 39020 hoặc 15403.7."
            )
        else:
            fix = f"write a number, optionally after 'about' or 'more than': {spec.example}."
            fix_vi = (
                f"viết một con số, có thể đứng sau 'about' (khoảng) hoặc 'more than' (hơn): "
                f"{spec.example}."
            )
        self.problem(
            node,
            f"'{text}' is not a number for '{spec.name}'.",
            fix,
            f"'{text}' không phải là một con số cho '{spec.name}'.",
            fix_vi,
        )
        return None

    def date(self, spec: Field, node: yaml.Node, text: str) -> datetime.date | None:
        try:
            return datetime.date.fromisoformat(text)
        except ValueError as error:
            reason = str(error).replace("Invalid isoformat string: ", "not a date: ")
            self.problem(
                node,
                f"'{text}' is not a valid date for '{spec.name}' ({reason}).",
                "write the date as year-month-day, e.g. 2025-02-03.",
                f"'{text}' không phải là một ngày hợp lệ cho '{spec.name}' ({reason}).",
                "viết ngày theo dạng năm-tháng-ngày, ví dụ 2025-02-03.",
            )
            return None

    def date_node(self, spec: Field, node: yaml.Node) -> datetime.date | None:
        text = self.scalar(node, spec.name)
        return self.date(spec, node, text) if text is not None else None

    def period(self, spec: Field, node: yaml.Node, text: str) -> Period | None:
        match = _PERIOD.match(text)
        month = int(match.group("month")) if match and match.group("month") else None
        if match and (month is None or 1 <= month <= 12):
            return Period(int(match.group("year")), month)
        self.problem(
            node,
            f"'{text}' is not a year or a month for '{spec.name}'.",
            "write a year (2024) or a year and month (2025-01).",
            f"'{text}' không phải là một năm hay một tháng cho '{spec.name}'.",
            "viết năm (2024) hoặc năm và tháng (2025-01).",
        )
        return None

    def dates(self, spec: Field, node: yaml.Node) -> tuple[DateRange, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node,
                f"'{spec.name}' must be a list, one line per occurrence.",
                f"write '{spec.name}:' and under it lines like '{spec.example}'.",
                f"'{spec.name}' phải là một danh sách, mỗi lần diễn ra một dòng.",
                f"viết '{spec.name}:' và bên dưới là các dòng như '{spec.example}'.",
            )
            return None
        ranges: list[DateRange] = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                day = self.date_node(spec, item)
                if day is not None:
                    ranges.append(DateRange(day, day))
                continue
            fields = self.mapping(item) if isinstance(item, yaml.MappingNode) else None
            if fields is None or set(fields) - {"start", "end"} or "start" not in fields:
                self.problem(
                    item,
                    f"this entry of '{spec.name}' is not a date or a date range.",
                    f"write it like '{spec.example}'.",
                    f"mục này của '{spec.name}' không phải là một ngày hay một khoảng ngày.",
                    f"viết giống như '{spec.example}'.",
                )
                continue
            start = self.date_node(spec, fields["start"][1])
            end_node = fields.get("end", fields["start"])[1]
            end = self.date_node(spec, end_node)
            if start is not None and end is not None:
                if end < start:
                    self.problem(
                        end_node,
                        "the end is before the start.",
                        "swap the two dates.",
                        "ngày kết thúc đứng trước ngày bắt đầu.",
                        "đổi chỗ hai ngày.",
                    )
                else:
                    ranges.append(DateRange(start, end))
        return tuple(ranges)

    def check_event(self, node: yaml.Node, record_id: str | None, values: dict[str, Any]) -> None:
        if "end" in values and "start" not in values:
            self.problem(
                node,
                f"the event '{record_id}' has an 'end' but no 'start'.",
                "add it.",
                f"sự kiện '{record_id}' có 'end' nhưng thiếu 'start'.",
                "thêm 'start'.",
            )
        if "start" in values and values.get("end", values["start"]) < values["start"]:
            self.problem(
                node,
                f"the event '{record_id}' ends before it starts.",
                "swap them.",
                f"sự kiện '{record_id}' kết thúc trước khi bắt đầu.",
                "đổi chỗ hai ngày.",
            )
        if "date" in values and "start" in values:
            self.problem(
                node,
                f"the event '{record_id}' has both 'date' and 'start'.",
                "use 'date' for a one-day event, 'start' and 'end' for several days.",
                f"sự kiện '{record_id}' có cả 'date' lẫn 'start'.",
                "dùng 'date' cho sự kiện một ngày, 'start' và 'end' cho sự kiện nhiều ngày.",
            )
        if "expected" in values and "rule" not in values:
            self.problem(
                node,
                f"the event '{record_id}' has 'expected' but no calendar 'rule'.",
                "add the 'rule:' its expected dates come from (one line per language), or "
                "remove 'expected'.",
                f"sự kiện '{record_id}' có 'expected' nhưng thiếu quy tắc lịch 'rule'.",
                "thêm 'rule:' mà ngày dự kiến được tính theo (mỗi ngôn ngữ một dòng), hoặc bỏ "
                "'expected'.",
            )
        if not any(name in values for name in ("date", "start", "dates", "rule")):
            self.problem(
                node,
                f"the event '{record_id}' has no date.",
                "add 'date: 2026-02-03', or 'start:' and 'end:', or for a recurring festival "
                "its calendar 'rule:' (and 'dates:' once the year's dates are announced).",
                f"sự kiện '{record_id}' chưa có ngày.",
                "thêm 'date: 2026-02-03', hoặc 'start:' và 'end:', hoặc với lễ hội hằng năm thì "
                "ghi quy tắc lịch 'rule:' (và 'dates:' khi ngày của năm đó được công bố).",
            )


_RECORD_FIX = "start each record with '- id: ...' and write one 'field: value' per line."
_RECORD_FIX_VI = "bắt đầu mỗi bản ghi bằng '- id: ...' và viết mỗi dòng một 'trường: giá trị'."


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def page_problems(
    data: Data, pages: Iterable[str], shown_pages: dict[str, str]
) -> tuple[list[Problem], list[Problem]]:
    """Records naming a page that does not exist: (likely typos, pages not written yet).

    A page named in a record may be written later (by another editor, in another branch), so
    only a name close to an existing page's is treated as a mistake.
    """
    existing = sorted(pages)
    typos: list[Problem] = []
    waiting: list[Problem] = []
    for record in data.all():
        page = record.get("page")
        if page is None or page in existing:
            continue
        close = difflib.get_close_matches(page, existing, n=1, cutoff=0.85)
        line = record.lines.get("page")
        if close:
            typos.append(
                Problem(
                    record.shown_as,
                    f"the page '{page}' does not exist.",
                    f"did you mean '{close[0]}' ({shown_pages.get(close[0], close[0])})?",
                    line,
                    problem_vi=f"trang '{page}' không tồn tại.",
                    fix_vi=f"có phải ý bạn là '{close[0]}' "
                    f"({shown_pages.get(close[0], close[0])})?",
                )
            )
        else:
            waiting.append(
                Problem(
                    record.shown_as,
                    f"the page '{page}' does not exist yet; the record is not shown on it.",
                    "",
                    line,
                    problem_vi=f"trang '{page}' chưa có; bản ghi chưa được hiển thị trên đó.",
                )
            )
    return typos, waiting


def _unknown_file(shown_as: str, name: str) -> Problem:
    known = [dataset.file for dataset in DATASETS.values()]
    hint, hint_vi = did_you_mean(name, known)
    return Problem(
        shown_as,
        "is not one of the site's data files.",
        f"{hint}The data files are: {', '.join(known)}.",
        problem_vi="tệp này không phải là một tệp dữ liệu của trang web.",
        fix_vi=f"{hint_vi}Các tệp dữ liệu là: {', '.join(known)}.",
    )


def wording_problems(data: Data, terms: Glossary, codes: Iterable[str]) -> list[Problem]:
    """The glossary's variants to avoid in the records' texts (their names, descriptions,
    places and sources are shown on the pages), each at its field's line."""
    found: list[Problem] = []
    codes = tuple(codes)
    for record in data.all():
        for spec in record.dataset.fields:
            value = record.get(spec.name)
            if spec.kind is Kind.TEXT and value:
                texts = [(code, value[code]) for code in codes if value.get(code)]
            elif spec.kind is Kind.SOURCES and value:
                texts = [(code, source[code]) for source in value for code in codes]
            else:
                continue
            line = record.lines.get(spec.name, record.line)
            for code, text in texts:
                found += [
                    variant_problem(record.shown_as, line, occurrence, code)
                    for occurrence in variants(terms, text, code)
                ]
    return found
