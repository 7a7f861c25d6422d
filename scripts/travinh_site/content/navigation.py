"""The site's menu: the ``nav:`` of ``mkdocs.yml``, read with line numbers and added to in place.

Editors do not edit ``mkdocs.yml`` by hand to add a page: ``scripts/new_page.py`` adds the page
to the menu and ``scripts/finish_translation.py`` adds a menu label's translation. The file
carries comments, MkDocs tags (``!ENV``, ``!!python/...``) and a layout people keep by hand, so
it is never re-written: PyYAML's node tree says where each entry starts and ends, the new line
is inserted there as text, and the result is parsed again to make sure it means exactly the
old menu plus the new entry. Every other byte of the file stays as it was.

The build uses the same reading to report, with their lines, pages missing from the menu and
menu entries that point to no page (MkDocs says the first without the fix and the second
without the line).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's composer: the same nodes and marks, ten times faster on a large menu
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

from travinh_site.content.frontmatter import scalar_text, yaml_problem
from travinh_site.errors import Problem, SiteError, did_you_mean

CONFIG = "mkdocs.yml"
# What would turn a label or a title into HTML: Material prints them without escaping.
MARKUP = re.compile(r"[<>]")
NEW_PAGE = ".venv/bin/python scripts/new_page.py"


@dataclass(frozen=True)
class Entry:
    """One page of the menu."""

    label: str | None  # None for an entry written without a label ("- du-lich/x.md")
    path: str  # relative to a content folder: "du-lich/ao-ba-om.md"
    line: int  # in mkdocs.yml
    section: tuple[str, ...]  # labels of the sections it is in, outermost first

    @property
    def is_page(self) -> bool:
        return "://" not in self.path and not self.path.startswith(("/", "#", "mailto:"))


def _compose(text: str, shown_as: str = CONFIG) -> yaml.MappingNode:
    try:
        root = yaml.compose(text, SafeLoader)  # nodes only: MkDocs' tags need no meaning
    except yaml.YAMLError as error:
        raise SiteError(yaml_problem(error, shown_as)) from None
    if not isinstance(root, yaml.MappingNode):
        raise SiteError(
            Problem(
                shown_as,
                "is not a list of settings.",
                "restore it from git.",
                problem_vi="tệp không phải là danh sách các thiết lập.",
                fix_vi="khôi phục tệp từ git.",
            )
        )
    return root


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    pairs: list[tuple[yaml.Node, yaml.Node]] = mapping.value  # untyped in PyYAML's stubs
    for key_node, value_node in pairs:
        if key_node.value == key:
            return value_node
    return None


def _plain(node: yaml.Node | None) -> Any:
    """A node as plain data (scalars stay strings): what the comparisons need."""
    if isinstance(node, yaml.MappingNode):
        return [(_plain(key), _plain(value)) for key, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    return None if node is None else node.value


def _last_line(node: yaml.Node) -> int:
    """The (0-based) line where a node's content ends; block nodes' own end marks run on to
    the next token, so follow the last value down to a scalar."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _walk(sequence: yaml.SequenceNode, section: tuple[str, ...]) -> Iterator[Entry]:
    for item in sequence.value:
        if isinstance(item, yaml.ScalarNode):
            yield Entry(None, item.value, item.start_mark.line + 1, section)
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            key, value = item.value[0]
            if isinstance(value, yaml.ScalarNode):
                yield Entry(key.value, value.value, key.start_mark.line + 1, section)
            elif isinstance(value, yaml.SequenceNode):
                yield from _walk(value, (*section, key.value))


def _labels(sequence: yaml.SequenceNode) -> Iterator[yaml.ScalarNode]:
    """The label of every page and section of a menu, sections before what they hold."""
    for item in sequence.value:
        if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            key, value = item.value[0]
            if isinstance(key, yaml.ScalarNode):
                yield key
            if isinstance(value, yaml.SequenceNode):
                yield from _labels(value)


class SiteConfig:
    """``mkdocs.yml`` as text, with the positions of its menu."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        self.root = _compose(self.text)

    @property
    def nav(self) -> yaml.SequenceNode | None:
        node = _value(self.root, "nav")
        return node if isinstance(node, yaml.SequenceNode) else None

    def entries(self) -> list[Entry]:
        return list(_walk(self.nav, ())) if self.nav is not None else []

    def labels(self) -> list[tuple[str, int]]:
        """Every menu label with its line: the nav's, then their translations (the i18n
        plugin's ``nav_translations``)."""
        nodes = list(_labels(self.nav)) if self.nav is not None else []
        plugins = _value(self.root, "plugins")
        for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
            i18n = _value(item, "i18n") if isinstance(item, yaml.MappingNode) else None
            languages = _value(i18n, "languages") if isinstance(i18n, yaml.MappingNode) else None
            for entry in languages.value if isinstance(languages, yaml.SequenceNode) else []:
                names = (
                    _value(entry, "nav_translations")
                    if isinstance(entry, yaml.MappingNode)
                    else None
                )
                if isinstance(names, yaml.MappingNode):
                    nodes += [
                        value for _key, value in names.value if isinstance(value, yaml.ScalarNode)
                    ]
        return [(node.value, node.start_mark.line + 1) for node in nodes]

    def section_of(self, folder: str) -> tuple[str, ...] | None:
        """The labels of the menu section that holds the pages of ``folder``, if one does."""
        for entry in self.entries():
            if entry.is_page and posixpath.dirname(entry.path) == folder:
                return entry.section
        return None

    # ---- adding ---------------------------------------------------------------------------

    def add_page(self, label: str, page: str, new_section: str | None = None) -> tuple[str, ...]:
        """Add ``label: page`` at the end of the section holding ``page``'s folder (or of a new
        top-level section ``new_section``); returns the section's labels."""
        nav = self.nav
        if nav is None or nav.flow_style:
            raise SiteError(self._cannot_edit(f"- {_entry_text(label, page)}"))
        folder = posixpath.dirname(page)
        section = self.section_of(folder)
        if section is None and folder and new_section is None:
            raise SiteError(
                Problem(
                    CONFIG,
                    f"no section of the menu holds pages of '{folder}/' yet.",
                    "name the new section: add --section-title 'Its label' to the command.",
                    problem_vi=f"chưa có mục nào của menu chứa các trang trong '{folder}/'.",
                    fix_vi="đặt tên cho mục mới: thêm --section-title 'Tên mục' vào lệnh.",
                )
            )
        before = self.entries()
        if section is None and new_section is not None:
            prefix = self._item_prefix(nav)
            inner = " " * (len(prefix) - 2 + self._nesting(nav)) + "- "
            lines = [
                f"{prefix}{_entry_text(new_section, None)}",
                f"{inner}{_entry_text(label, page)}",
            ]
            self._insert_after(_last_line(nav), lines)
            section = (new_section,)
        else:
            section = section or ()  # a top-level page in a menu of sections only: the top
            sequence = self._sequence_of(nav, section)
            line = f"{self._item_prefix(sequence)}{_entry_text(label, page)}"
            self._insert_after(_last_line(sequence), [line])
        added = [
            e for e in self.entries() if (e.label, e.path, e.section) == (label, page, section)
        ]
        kept = [(e.label, e.path, e.section) for e in self.entries() if e not in added]
        if len(added) != 1 or kept != [(e.label, e.path, e.section) for e in before]:
            raise SiteError(self._cannot_edit(f"- {_entry_text(label, page)}"))  # pragma: no cover
        return section

    def add_nav_translation(self, language: str, label: str, translated: str) -> None:
        """Add ``label: translated`` to the i18n plugin's ``nav_translations`` of ``language``."""
        entry = self._language_node(language)
        translations = _value(entry, "nav_translations")
        text = _entry_text(label, translated)
        if isinstance(translations, yaml.MappingNode) and translations.value:
            if translations.flow_style:
                raise SiteError(self._cannot_edit(text))
            old = dict((k.value, v.value) for k, v in translations.value)
            if label in old:
                self._replace_value(translations, label, translated)
            else:
                column = translations.value[0][0].start_mark.column
                self._insert_after(_last_line(translations), [" " * column + text])
        elif translations is None:
            column = entry.value[0][0].start_mark.column
            self._insert_after(
                _last_line(entry),
                [" " * column + "nav_translations:", " " * (column + 2) + text],
            )
        else:
            raise SiteError(self._cannot_edit(text))
        check = _value(self._language_node(language), "nav_translations")
        if dict(_plain(check)).get(label) != translated:  # pragma: no cover - a safety net
            raise SiteError(self._cannot_edit(text))

    def nav_translation(self, language: str, label: str) -> str | None:
        translations = _value(self._language_node(language), "nav_translations")
        if not isinstance(translations, yaml.MappingNode):
            return None
        return dict(_plain(translations)).get(label)

    def save(self) -> None:
        self.path.write_text(self.text, encoding="utf-8")

    # ---- helpers --------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        return self.text.split("\n")

    def _item_prefix(self, sequence: yaml.SequenceNode) -> str:
        """What starts an item line of ``sequence``, copied from its last item ("    - ")."""
        return self._item_prefix_of(sequence.value[-1])

    def _nesting(self, nav: yaml.SequenceNode) -> int:
        """How far a section's items are indented from the section's own dash (as written in
        the file's first section; 4 when there is none, as in ``- Du lịch:\n    - ...``)."""
        for item in nav.value:
            if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                _key, value = item.value[0]
                if isinstance(value, yaml.SequenceNode) and value.value:
                    inner = len(self._item_prefix(value)) - 2
                    outer = len(self._item_prefix_of(item)) - 2
                    return inner - outer
        return 4

    def _item_prefix_of(self, item: yaml.Node) -> str:
        line = self._lines()[item.start_mark.line]
        prefix = line[: item.start_mark.column]
        return prefix if prefix.strip() == "-" else " " * max(item.start_mark.column - 2, 0) + "- "

    def _insert_after(self, line: int, new_lines: list[str]) -> None:
        lines = self._lines()
        lines[line + 1 : line + 1] = new_lines
        self.text = "\n".join(lines)
        self.root = _compose(self.text)

    def _replace_value(self, mapping: yaml.MappingNode, key: str, value: str) -> None:
        for key_node, value_node in mapping.value:
            if key_node.value == key:
                lines = self._lines()
                row = key_node.start_mark.line
                if value_node.start_mark.line != row or value_node.end_mark.line != row:
                    raise SiteError(self._cannot_edit(_entry_text(key, value)))
                line = lines[row]
                start, end = value_node.start_mark.column, value_node.end_mark.column
                lines[row] = line[:start] + scalar_text(value) + line[end:]
                self.text = "\n".join(lines)
                self.root = _compose(self.text)
                return

    def _sequence_of(self, nav: yaml.SequenceNode, section: tuple[str, ...]) -> yaml.SequenceNode:
        sequence = nav
        for label in section:
            for item in sequence.value:
                if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                    key, value = item.value[0]
                    if key.value == label and isinstance(value, yaml.SequenceNode):
                        sequence = value
                        break
        return sequence

    def _language_node(self, language: str) -> yaml.MappingNode:
        plugins = _value(self.root, "plugins")
        items = plugins.value if isinstance(plugins, yaml.SequenceNode) else []
        for item in items:
            i18n = _value(item, "i18n") if isinstance(item, yaml.MappingNode) else None
            languages = _value(i18n, "languages") if isinstance(i18n, yaml.MappingNode) else None
            for entry in languages.value if isinstance(languages, yaml.SequenceNode) else []:
                if not isinstance(entry, yaml.MappingNode):
                    continue
                locale = _value(entry, "locale")
                if locale is not None and locale.value == language:
                    return entry
        raise SiteError(
            Problem(
                CONFIG,
                f"the i18n plugin has no language '{language}'.",
                problem_vi=f"plugin i18n không có ngôn ngữ '{language}'.",
            )
        )

    def _cannot_edit(self, line: str) -> Problem:
        return Problem(
            CONFIG,
            "its layout is not one this tool can add to without changing it.",
            f"add the line '{line}' to it yourself, indented like the lines around it.",
            problem_vi="bố cục của tệp này không cho phép công cụ thêm vào mà không làm thay "
            "đổi nó.",
            fix_vi=f"tự thêm dòng '{line}' vào tệp, thụt lề giống các dòng xung quanh.",
        )


def _entry_text(label: str, value: str | None) -> str:
    if value is None:
        return f"{scalar_text(label)}:"
    return f"{scalar_text(label)}: {scalar_text(value)}"


# ---- checks for the build ------------------------------------------------------------------


def problems(
    config: SiteConfig,
    pages: Iterable[str],
    titles: dict[str, str],
    content_dir: str,
    generated: Iterable[str] = (),
) -> list[Problem]:
    """Pages of the default language missing from the menu, and menu entries that point to no
    page. ``pages`` are the pages that belong in the menu (relative to ``content_dir``);
    ``titles`` their titles, for the line to add; ``generated`` the pages a plugin makes (the
    news listing), which a menu entry may point to."""
    pages = sorted(pages)
    made = set(generated)
    entries = config.entries()
    listed = {entry.path for entry in entries if entry.is_page}
    found: list[Problem] = [
        Problem(
            CONFIG,
            f"the menu label '{label}' contains '<' or '>': menus show labels as text, and "
            "Material would read these as HTML.",
            "write the label as plain text, without '<' and '>'.",
            line,
            problem_vi=f"nhãn menu '{label}' có ký tự '<' hoặc '>': menu hiển thị nhãn dưới dạng "
            "văn bản, và Material sẽ đọc các ký tự này như HTML.",
            fix_vi="viết nhãn dưới dạng văn bản thường, không có '<' và '>'.",
        )
        for label, line in config.labels()
        if MARKUP.search(label)
    ]
    for entry in entries:
        if not entry.is_page or entry.path in pages or entry.path in made:
            continue
        # A page not in the menu yet is the likelier target; then any page.
        hint, hint_vi = did_you_mean(entry.path, [p for p in pages if p not in listed])
        if not hint:
            hint, hint_vi = did_you_mean(entry.path, pages)
        shown = f"'{entry.label}'" if entry.label else "an entry"
        shown_vi = f"'{entry.label}'" if entry.label else "một mục"
        fix = hint.rstrip() or "correct the path, or delete the entry if the page is gone."
        fix_vi = hint_vi.rstrip() or "sửa lại đường dẫn, hoặc xóa mục này nếu trang không còn nữa."
        found.append(
            Problem(
                CONFIG,
                f"the menu entry {shown} points to '{entry.path}', which is not a page of "
                f"{content_dir}/.",
                fix,
                entry.line,
                problem_vi=f"mục menu {shown_vi} trỏ tới '{entry.path}', nhưng {content_dir}/ "
                "không có trang đó.",
                fix_vi=fix_vi,
            )
        )
    for page in pages:
        if page in listed:
            continue
        title = titles.get(page) or posixpath.splitext(posixpath.basename(page))[0]
        section = config.section_of(posixpath.dirname(page))
        line = f"- {_entry_text(title, page)}"
        command = f"{NEW_PAGE} --add-to-nav {content_dir}/{page}"
        if section:
            where = f"under '{' > '.join(section)}' in the 'nav:' of mkdocs.yml"
            where_vi = f"dưới mục '{' > '.join(section)}' trong phần 'nav:' của mkdocs.yml"
        else:
            where, where_vi = "to the 'nav:' of mkdocs.yml", "vào phần 'nav:' của mkdocs.yml"
        found.append(
            Problem(
                f"{content_dir}/{page}",
                "this page is not in the site's menu, so visitors cannot find it.",
                f"run '{command}' (scripts/new_page.py does this for the pages it creates), or "
                f"add the line '{line}' {where}.",
                problem_vi="trang này chưa có trong menu của trang web, nên người xem không tìm "
                "thấy nó.",
                fix_vi=f"chạy lệnh '{command}' (scripts/new_page.py tự làm việc này cho các "
                f"trang nó tạo), hoặc thêm dòng '{line}' {where_vi}.",
            )
        )
    return found
