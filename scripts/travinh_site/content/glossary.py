"""The glossary: one term per concept per language, the units the data tables print, and the
words that make a number a figure (``assets/data/thuat-ngu.yml``).

It sits with the data files because it is data editors keep (it is never published: the data
plugin leaves ``assets/data/`` out of the site), and it is read here, in the content package,
because both of its readers are at or above it: the page checks (a page using a variant the
glossary marks ``avoid`` is a problem with the preferred term as the fix; a figure about a
``subject`` needs a source line naming that subject, :mod:`.figures`), the data tables (each
unit as the glossary writes it, the label separator of the language; the data package, above
this one). A project without the file (a test's tiny site) simply has no glossary::

    terms:
      - id: song-hau
        vi: sông Hậu
        en: Hau River
        km: ទន្លេ Hậu
        avoid:                      # variants a page must not use (the fix: the term above)
          km: [ទន្លេបាសាក់]
        also:                       # other accepted forms (inflections, short forms)
          en: [Hau]
        subject: true               # figures about it need a source line naming it
    units:                          # the data tables' units (Babel's names), per language
      - id: area-hectare
        vi: ha
        en: ha
        km: ហិកតា
    counted:                        # after a number, these make it a figure ("393 sản phẩm")
      vi: [người, hộ]
    sources:                        # the heading (or line start) of a page's source lines
      vi: [Nguồn]
    label:                          # between a label and its value in the data tables
      vi: ":"

Matching: Latin-script forms match whole words, ignoring the case of their first letter
("Geographical indication" at the start of a sentence is the term "geographical indication");
Khmer, written without spaces between words, matches as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from travinh_site.content.frontmatter import read_text, yaml_problem
from travinh_site.content.languages import Languages
from travinh_site.errors import Problem, SiteError

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader  # type: ignore[assignment]

GLOSSARY_FILE = "assets/data/thuat-ngu.yml"
SECTIONS = ("terms", "units", "counted", "sources", "label")
TERM_KEYS = ("id", "avoid", "also", "subject")


@dataclass(frozen=True)
class Term:
    id: str
    line: int
    preferred: Mapping[str, str]  # language code -> the term
    also: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    avoid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    subject: bool = False

    def forms(self, code: str) -> tuple[str, ...]:
        """The accepted ways to write it in ``code`` (the preferred term first)."""
        preferred = self.preferred.get(code)
        return ((preferred,) if preferred else ()) + self.also.get(code, ())


@dataclass(frozen=True)
class Occurrence:
    """A form of a term found in a text."""

    start: int
    end: int
    term: Term
    written: str  # as found in the text
    avoided: bool  # one of the term's variants to avoid


@dataclass(frozen=True, eq=False)  # eq=False: hashed by identity (its matchers are cached)
class Glossary:
    terms: tuple[Term, ...] = ()
    units: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # unit -> code -> text
    unit_forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # code -> forms
    counted: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    label: Mapping[str, str] = field(default_factory=dict)

    def unit(self, unit: str, code: str) -> str | None:
        """How the data tables write ``unit`` (a Babel unit name) in ``code``, if the glossary
        says."""
        return self.units.get(unit, {}).get(code)

    def occurrences(self, text: str, code: str) -> list[Occurrence]:
        """Every form of every term in ``text`` (preferred, accepted or avoided), leftmost and
        longest first, not overlapping: "Khu kinh tế Định An" is one term, not two."""
        matcher = _matcher(self, code, text)
        if matcher is None:
            return []
        pattern, by_form = matcher
        found = []
        for match in pattern.finditer(text):
            written = match.group(0)
            term, avoided = by_form[_key(written)]
            found.append(Occurrence(match.start(), match.end(), term, written, avoided))
        return found


def load(project: Path, languages: Languages) -> Glossary | None:
    """The project's glossary, or None when it has none. Raises :class:`SiteError` with every
    mistake of the file, each at its line."""
    path = project / GLOSSARY_FILE
    if not path.is_file():
        return None
    return parse(read_text(path, GLOSSARY_FILE), languages)


def parse(text: str, languages: Languages) -> Glossary:
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        raise SiteError(yaml_problem(error, GLOSSARY_FILE)) from None
    problems: list[Problem] = []
    codes = [language.code for language in languages]
    if root is None:
        return Glossary()
    if not isinstance(root, yaml.MappingNode):
        raise SiteError(
            _problem(
                root,
                "the glossary must be a list of sections (terms:, units:, …).",
                "start each section on a line of its own, e.g. 'terms:'.",
                "bảng thuật ngữ phải gồm các phần (terms:, units:, …).",
                "mỗi phần bắt đầu trên một dòng riêng, ví dụ 'terms:'.",
            )
        )
    sections: dict[str, yaml.Node] = {}
    for key, value in root.value:
        if key.value not in SECTIONS:
            problems.append(
                _problem(
                    key,
                    f"the glossary has no section '{key.value}'.",
                    f"the sections are: {', '.join(SECTIONS)}.",
                    f"bảng thuật ngữ không có phần '{key.value}'.",
                    f"các phần là: {', '.join(SECTIONS)}.",
                )
            )
            continue
        sections[key.value] = value
    terms = _terms(sections.get("terms"), codes, problems)
    units = _units(sections.get("units"), codes, problems)
    counted = _words(sections.get("counted"), "counted", codes, problems)
    sources = _words(sections.get("sources"), "sources", codes, problems)
    label = {
        code: words[0]
        for code, words in _words(sections.get("label"), "label", codes, problems).items()
    }
    if problems:
        raise SiteError(*problems)
    unit_forms = {
        code: tuple(
            sorted(
                {by_code[code] for by_code in units.values() if by_code.get(code)},
                key=len,
                reverse=True,
            )
        )
        for code in codes
    }
    return Glossary(terms, units, unit_forms, counted, sources, label)


# ---- reading the sections ------------------------------------------------------------------


def _terms(node: yaml.Node | None, codes: list[str], problems: list[Problem]) -> tuple[Term, ...]:
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.append(_not_a_list(node, "terms"))
        return ()
    terms: list[Term] = []
    seen: dict[str, int] = {}
    owner: dict[tuple[str, str], str] = {}  # (code, form) -> the term it belongs to
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            problems.append(_not_a_mapping(item, "terms"))
            continue
        fields = {key.value: (key, value) for key, value in item.value}
        line = item.start_mark.line + 1
        term_id = _scalar(fields.get("id", (None, None))[1])
        if not term_id:
            problems.append(_missing(item, "id", "the term's short name, e.g. 'song-hau'"))
            continue
        if term_id in seen:
            problems.append(
                _problem(
                    item,
                    f"the term '{term_id}' is written twice (lines {seen[term_id]} and {line}).",
                    "keep one of them.",
                    f"thuật ngữ '{term_id}' được viết hai lần (dòng {seen[term_id]} và {line}).",
                    "giữ lại một trong hai.",
                )
            )
            continue
        seen[term_id] = line
        preferred: dict[str, str] = {}
        for key, (key_node, value_node) in fields.items():
            if key in TERM_KEYS:
                continue
            if key not in codes:
                problems.append(_unknown_key(key_node, key, [*codes, *TERM_KEYS]))
                continue
            text = _scalar(value_node)
            if not text:
                problems.append(_empty(value_node, key))
                continue
            preferred[key] = text
        also = _by_language(fields.get("also"), "also", codes, problems)
        avoid = _by_language(fields.get("avoid"), "avoid", codes, problems)
        subject_node = fields.get("subject", (None, None))[1]
        subject = subject_node is not None and _scalar(subject_node) in ("true", "yes")
        term = Term(term_id, line, preferred, also, avoid, subject)
        for code in codes:
            for form in (*term.forms(code), *term.avoid.get(code, ())):
                other = owner.setdefault((code, _key(form)), term_id)
                if other != term_id:
                    problems.append(
                        _problem(
                            item,
                            f"'{form}' ({code}) is listed under both '{other}' and '{term_id}'.",
                            "keep it under one term only.",
                            f"'{form}' ({code}) có trong cả '{other}' và '{term_id}'.",
                            "chỉ giữ nó ở một thuật ngữ.",
                        )
                    )
        terms.append(term)
    return tuple(terms)


def _units(
    node: yaml.Node | None, codes: list[str], problems: list[Problem]
) -> dict[str, dict[str, str]]:
    if node is None:
        return {}
    if not isinstance(node, yaml.SequenceNode):
        problems.append(_not_a_list(node, "units"))
        return {}
    units: dict[str, dict[str, str]] = {}
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            problems.append(_not_a_mapping(item, "units"))
            continue
        fields = {key.value: (key, value) for key, value in item.value}
        unit = _scalar(fields.get("id", (None, None))[1])
        if not unit:
            problems.append(_missing(item, "id", "Babel's name of the unit, e.g. 'area-hectare'"))
            continue
        written: dict[str, str] = {}
        for key, (key_node, value_node) in fields.items():
            if key == "id":
                continue
            if key not in codes:
                problems.append(_unknown_key(key_node, key, [*codes, "id"]))
                continue
            text = _scalar(value_node)
            if not text:
                problems.append(_empty(value_node, key))
                continue
            written[key] = text
        units[unit] = written
    return units


def _words(
    node: yaml.Node | None, section: str, codes: list[str], problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    if node is None:
        return {}
    return _by_language((None, node), section, codes, problems)  # type: ignore[arg-type]


def _by_language(
    entry: tuple[yaml.Node, yaml.Node] | None,
    name: str,
    codes: list[str],
    problems: list[Problem],
) -> dict[str, tuple[str, ...]]:
    """``{code: [words]}`` (a single word may be written without brackets)."""
    if entry is None:
        return {}
    node = entry[1]
    if not isinstance(node, yaml.MappingNode):
        problems.append(
            _problem(
                node,
                f"'{name}' must give its words per language, e.g. 'km: [word, word]'.",
                f"write one line per language under '{name}:'.",
                f"'{name}' phải ghi các từ theo từng ngôn ngữ, ví dụ 'km: [từ, từ]'.",
                f"viết mỗi ngôn ngữ một dòng dưới '{name}:'.",
            )
        )
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for key, value in node.value:
        if key.value not in codes:
            problems.append(_unknown_key(key, key.value, codes))
            continue
        items = value.value if isinstance(value, yaml.SequenceNode) else [value]
        words = tuple(text for item in items if (text := _scalar(item)))
        if len(words) != len(items) or not words:
            problems.append(_empty(value, key.value))
            continue
        found[key.value] = words
    return found


def _scalar(node: yaml.Node | None) -> str:
    if isinstance(node, yaml.ScalarNode):
        return unicodedata.normalize("NFC", str(node.value)).strip()
    return ""


# ---- matching ------------------------------------------------------------------------------


def _key(text: str) -> str:
    """What two spellings of a form share: Unicode form, and the case of the first letter."""
    text = unicodedata.normalize("NFC", text)
    return text[:1].lower() + text[1:]


def form_pattern(form: str) -> str:
    """A regular expression for one form: whole words for Latin script (the first letter in
    either case), as written for scripts without spaces between words."""
    first, rest = form[:1], re.escape(form[1:])
    head = (
        f"[{re.escape(first.lower())}{re.escape(first.upper())}]"
        if first.isalpha()
        else (re.escape(first))
    )
    pattern = head + rest
    if form[:1].isascii() or is_latin(form[:1]):
        pattern = r"(?<![^\W_])" + pattern
    if form[-1:].isascii() or is_latin(form[-1:]):
        pattern += r"(?![^\W_])"
    return pattern


def is_latin(char: str) -> bool:
    return bool(char) and "LATIN" in unicodedata.name(char, "")


@functools.lru_cache(maxsize=32)
def _forms(glossary: Glossary, code: str) -> tuple[tuple[str, ...], dict[str, tuple[Term, bool]]]:
    """Every form of every term in ``code`` (those to avoid too), and what each is."""
    by_form: dict[str, tuple[Term, bool]] = {}
    for term in glossary.terms:
        for form in term.forms(code):
            by_form.setdefault(_key(form), (term, False))
        for form in term.avoid.get(code, ()):
            by_form.setdefault(_key(form), (term, True))
    return tuple(by_form), by_form


@functools.lru_cache(maxsize=1024)
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first: the regular expression takes the first alternative that matches.
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile("|".join(form_pattern(form) for form in ordered))


def _matcher(
    glossary: Glossary, code: str, text: str
) -> tuple[re.Pattern[str], dict[str, tuple[Term, bool]]] | None:
    """The pattern of the forms ``text`` contains. A substring test per form first: one
    regular expression with every form is slow (Python's ``re`` tries each alternative at
    each position), and a page holds few of them."""
    forms, by_form = _forms(glossary, code)
    present = tuple(form for form in forms if form in text or (form[:1].upper() + form[1:]) in text)
    return (_pattern(present), by_form) if present else None


def variants(glossary: Glossary, text: str, code: str) -> Iterator[Occurrence]:
    """The variants to avoid written in ``text``."""
    return (found for found in glossary.occurrences(text, code) if found.avoided)


def line_of(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)


# ---- problems ------------------------------------------------------------------------------


def variant_problem(shown_as: str, line: int, found: Occurrence, code: str) -> Problem:
    preferred = found.term.preferred.get(code, "")
    return Problem(
        shown_as,
        f"'{found.written}' is not the glossary's term for this ({GLOSSARY_FILE}, "
        f"'{found.term.id}').",
        f"write '{preferred}'.",
        line,
        problem_vi=f"'{found.written}' không phải thuật ngữ đã thống nhất trong bảng thuật ngữ "
        f"({GLOSSARY_FILE}, '{found.term.id}').",
        fix_vi=f"viết '{preferred}'.",
    )


def _problem(node: yaml.Node, en: str, fix: str, vi: str, fix_vi: str) -> Problem:
    return Problem(GLOSSARY_FILE, en, fix, node.start_mark.line + 1, problem_vi=vi, fix_vi=fix_vi)


def _not_a_list(node: yaml.Node, section: str) -> Problem:
    return _problem(
        node,
        f"'{section}' must be a list, one item starting with '  - '.",
        f"write each item of '{section}' on lines starting with '  - '.",
        f"'{section}' phải là một danh sách, mỗi mục bắt đầu bằng '  - '.",
        f"viết mỗi mục của '{section}' trên các dòng bắt đầu bằng '  - '.",
    )


def _not_a_mapping(node: yaml.Node, section: str) -> Problem:
    return _problem(
        node,
        f"an item of '{section}' must hold fields ('id: …', then one line per language).",
        "write '- id: …' and the languages on the lines below it.",
        f"mỗi mục của '{section}' phải gồm các trường ('id: …', rồi mỗi ngôn ngữ một dòng).",
        "viết '- id: …' và các ngôn ngữ ở các dòng bên dưới.",
    )


def _missing(node: yaml.Node, key: str, about: str) -> Problem:
    return _problem(
        node,
        f"this item has no '{key}' ({about}).",
        f"add '{key}: …' to it.",
        f"mục này thiếu '{key}'.",
        f"thêm '{key}: …' vào mục.",
    )


def _empty(node: yaml.Node, key: str) -> Problem:
    return _problem(
        node,
        f"'{key}' is empty or not text.",
        f"write the text after '{key}:'.",
        f"'{key}' đang trống hoặc không phải văn bản.",
        f"viết nội dung sau '{key}:'.",
    )


def _unknown_key(node: yaml.Node, key: str, known: Iterable[str]) -> Problem:
    names = ", ".join(known)
    return _problem(
        node,
        f"'{key}' is neither a language of the site nor a field of the glossary.",
        f"use one of: {names}.",
        f"'{key}' không phải ngôn ngữ của trang web, cũng không phải trường của bảng thuật ngữ.",
        f"dùng một trong: {names}.",
    )
