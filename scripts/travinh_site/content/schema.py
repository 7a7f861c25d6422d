"""The front matter schema: the fields a page may have, and what each must hold.

Every page (``docs/``, ``docs_en/``, ``docs_km/``) starts with its front matter, in the language
of the page::

    ---
    title: Ao Bà Om
    description: Ao Bà Om, di tích quốc gia từ năm 1994 và nơi diễn ra lễ hội Ok Om Bok.
    todo:
      - Giờ mở cửa (chưa có nguồn)
    ---

==============  =========  ================================================================
field           required   holds
==============  =========  ================================================================
``title``       yes        the page's title: one line of text
``description`` yes        one or two sentences for search results and link previews, at
                           most 160 characters
``todo``        no         a list of things an editor still has to find or write (facts we
                           have no source for); the page must read well without them. An
                           item that leaves a gap visitors would look for is written
                           ``{text: …, notice: <name>, ask: true}``: every language of the
                           page then says it is not published yet
                           (:mod:`travinh_site.content.notices`)
``translation`` no         only in ``docs_en/`` and ``docs_km/``: which version of the
                           Vietnamese page this translation was made from
                           (``source_hash``, ``source_commit``) and ``status: draft`` while
                           it is unfinished (see :mod:`travinh_site.content.stamps`)
``hide``        no         Material parts to hide on this page: ``navigation``, ``toc``,
                           ``footer``, ``path``, ``tags``, ``feedback``
``search``      no         ``exclude: true`` to leave the page out of search, ``boost: 2`` to
                           rank it higher
==============  =========  ================================================================

A draft translation (``translation: {status: draft}``) is not published, so its required fields
are not demanded yet; everything it does hold is checked. Any other field is refused with the
closest known name, because a misspelt field (``tittle:``) is silently ignored by MkDocs.
To add a field, add it to :data:`FIELDS` with a check in :data:`_CHECKS`, and to EDITING.md.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from travinh_site.content import frontmatter, notices, stamps
from travinh_site.errors import Problem, did_you_mean
from travinh_site.text.slugs import slugify

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader  # type: ignore[assignment]

DESCRIPTION_MAX = 160  # what search engines show of a description
# What would turn a title or a description into HTML: the theme prints them without escaping.
MARKUP = re.compile(r"[<>]")
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
TRANSLATION_KEYS = ("source_hash", "source_commit", "status", "summary")


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    about: str
    about_vi: str


FIELDS = (
    Field("title", True, "the page's title", "tiêu đề của trang"),
    Field(
        "description",
        True,
        f"a short summary for search results, at most {DESCRIPTION_MAX} characters",
        f"đoạn tóm tắt ngắn cho kết quả tìm kiếm, tối đa {DESCRIPTION_MAX} ký tự",
    ),
    Field("todo", False, "what editors still have to add", "những việc biên tập viên còn phải làm"),
    Field(
        "translation",
        False,
        "the Vietnamese version a translation was made from",
        "bản tiếng Việt mà bản dịch được dịch từ đó",
    ),
    Field("hide", False, "parts of the page to hide", "những phần cần ẩn trên trang"),
    Field("search", False, "how search treats the page", "cách ô tìm kiếm xử lý trang"),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)

# Names editors are likely to write for a field (compared without accents, case or separators).
_ALIASES = {
    "tieu-de": "title",
    "tieude": "title",
    "ten": "title",
    "ten-trang": "title",
    "name": "title",
    "mo-ta": "description",
    "mota": "description",
    "tom-tat": "description",
    "desc": "description",
    "summary": "description",
    "viec-can-lam": "todo",
    "can-lam": "todo",
    "to-do": "todo",
    "todos": "todo",
    "ban-dich": "translation",
    "dich": "translation",
    "an": "hide",
}


# ---- locating keys -------------------------------------------------------------------------


@dataclass
class Lines:
    """Line numbers (in the file) of the front matter's keys and list items.

    Paths are ``"title"``, ``"translation.status"``, ``"todo.1"`` (the second item).
    """

    first: int  # the opening '---'
    last: int  # the closing '---'
    of: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)

    def get(self, path: str) -> int:
        while path:
            if path in self.of:
                return self.of[path]
            path = path.rpartition(".")[0]
        return self.first


def _locate(node: yaml.Node, prefix: str, offset: int, lines: Lines) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + offset
            if path in lines.of:
                lines.duplicates.append((path, lines.of[path], line))
            lines.of[path] = line
            _locate(value_node, f"{path}.", offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.of[f"{prefix}{index}"] = item.start_mark.line + offset
            _locate(item, f"{prefix}{index}.", offset, lines)


# ---- the check -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """What the checks need to know about a page besides its text."""

    shown_as: str  # the file as the editor knows it: docs_km/du-lich/ao-ba-om.md
    is_source: bool  # a page of the default language (the source of the translations)


def check(text: str, page: Page) -> list[Problem]:
    """The schema problems of a page's text (already decoded).

    Raises :class:`SiteError` when the front matter cannot be read at all (a YAML syntax error).
    """
    return checked_front_matter(text, page)[1]


def checked_front_matter(text: str, page: Page) -> tuple[dict[str, Any], list[Problem]]:
    """The page's front matter (read as :func:`frontmatter.split` reads it) and its schema
    problems, located by line."""
    text = frontmatter.normalise_newlines(text)
    match = YAML_RE.match(text)
    if not match:
        return {}, _without_front_matter(text, page)
    meta = frontmatter.split(text, page.shown_as)[0]  # raises the YAML and "not a mapping" errors
    lines = Lines(first=1, last=text[: match.end()].count("\n"))
    node = yaml.compose(match.group(1), SafeLoader)  # the nodes know their lines
    if node is not None:
        _locate(node, "", 2, lines)  # +1: 0-based marks; +1: the opening '---'
    return meta, list(_problems(meta, lines, page))


def _problems(meta: dict[str, Any], lines: Lines, page: Page) -> Iterator[Problem]:
    def problem(path: str, en: str, fix: str, vi: str, fix_vi: str) -> Problem:
        return Problem(page.shown_as, en, fix, lines.get(path), problem_vi=vi, fix_vi=fix_vi)

    for key, first, second in lines.duplicates:
        yield Problem(
            page.shown_as,
            f"the field '{key}' is written twice (lines {first} and {second}); only the last "
            "one would count.",
            "delete one of them.",
            second,
            problem_vi=f"trường '{key}' được viết hai lần (dòng {first} và {second}); chỉ lần "
            "sau cùng có hiệu lực.",
            fix_vi="xóa một trong hai.",
        )
    draft = not page.is_source and stamps.read_stamp(meta).draft
    suggested: set[str] = set()
    for key, value in meta.items():
        name = str(key)
        checker = _CHECKS.get(name)
        if checker is None:
            guess = _guess(name)
            if guess:
                suggested.add(guess)
            yield _unknown_field(name, guess, problem)
        else:
            yield from checker(value, name, page, problem)
    if draft:
        return  # an unfinished translation need not have everything yet
    # A field written under a wrong name ('tittle') is reported once, as that.
    missing = [f for f in FIELDS if f.required and f.name not in meta and f.name not in suggested]
    for required in missing:
        yield Problem(
            page.shown_as,
            f"the front matter has no '{required.name}' ({required.about}).",
            f"add a line '{required.name}: ...' above the closing '---' (line {lines.last}).",
            lines.last,
            problem_vi=f"phần đầu trang (front matter) thiếu trường '{required.name}' "
            f"({required.about_vi}).",
            fix_vi=f"thêm một dòng '{required.name}: ...' phía trên dòng '---' đóng "
            f"(dòng {lines.last}).",
        )


def _without_front_matter(text: str, page: Page) -> list[Problem]:
    stripped = text.lstrip()
    if stripped.startswith("---") and not text.startswith("---"):
        blank = text[: len(text) - len(stripped)].count("\n")
        return [
            Problem(
                page.shown_as,
                "the front matter must start on the very first line of the file.",
                f"delete the {blank} empty line(s) above the first '---'.",
                1,
                problem_vi="phần đầu trang (front matter) phải bắt đầu ngay từ dòng đầu tiên của "
                "tệp.",
                fix_vi=f"xóa {blank} dòng trống phía trên dòng '---' đầu tiên.",
            )
        ]
    if text.startswith("---"):
        return [
            Problem(
                page.shown_as,
                "the front matter is not closed.",
                "add a line '---' after its last field (for example after 'description: ...').",
                1,
                problem_vi="phần đầu trang (front matter) chưa được đóng lại.",
                fix_vi="thêm một dòng '---' sau trường cuối cùng (ví dụ sau dòng "
                "'description: ...').",
            )
        ]
    return [
        Problem(
            page.shown_as,
            "the page has no front matter (its title and description).",
            "start the file with four lines: '---', 'title: <the page's title>', "
            f"'description: <one sentence, at most {DESCRIPTION_MAX} characters>', '---'.",
            1,
            problem_vi="trang chưa có phần đầu trang (front matter: tiêu đề và mô tả).",
            fix_vi="mở đầu tệp bằng bốn dòng: '---', 'title: <tiêu đề trang>', "
            f"'description: <một câu, tối đa {DESCRIPTION_MAX} ký tự>', '---'.",
        )
    ]


# ---- one check per field -------------------------------------------------------------------

Report = Callable[[str, str, str, str, str], Problem]
Checker = Callable[[Any, str, Page, Report], Iterator[Problem]]


def _kind_of(value: Any) -> tuple[str, str]:
    """How YAML read a value that should have been text, in English and Vietnamese."""
    if isinstance(value, bool):
        return "a yes/no value", "giá trị có/không"
    if isinstance(value, (int, float)):
        return "a number", "một con số"
    if isinstance(value, date):
        return "a date", "một ngày tháng"
    if isinstance(value, list):
        return "a list", "một danh sách"
    if isinstance(value, dict):
        return "a group of fields (it contains ': ')", "một nhóm trường (vì có ': ')"
    return "empty", "để trống"


def _text(value: Any, name: str, report: Report) -> Iterator[Problem]:
    if isinstance(value, str) and value.strip():
        return
    if value is None or (isinstance(value, str) and not value.strip()):
        yield report(
            name,
            f"'{name}' is empty.",
            f"write the text after '{name}:'.",
            f"'{name}' đang để trống.",
            f"viết nội dung sau '{name}:'.",
        )
        return
    kind, kind_vi = _kind_of(value)
    yield report(
        name,
        f"'{name}' must be text, but YAML reads it as {kind}.",
        f'put the text in double quotes: {name}: "...".',
        f"'{name}' phải là văn bản, nhưng YAML hiểu nó là {kind_vi}.",
        f'đặt văn bản trong dấu ngoặc kép: {name}: "...".',
    )


def _plain_text(value: Any, name: str, report: Report) -> Iterator[Problem]:
    """Text shown as it is written: in the browser's tab, the menu, link previews."""
    problems = list(_text(value, name, report))
    yield from problems
    if not problems and MARKUP.search(value):
        yield report(
            name,
            f"'{name}' contains '<' or '>': it is shown as plain text (the browser's tab, the "
            "menu, search results), and the theme would read these as HTML.",
            "write it as plain text, without '<' and '>'.",
            f"'{name}' có ký tự '<' hoặc '>': trường này được hiển thị dưới dạng văn bản (tiêu "
            "đề trên thẻ trình duyệt, menu, kết quả tìm kiếm), và giao diện sẽ đọc các ký tự "
            "này như HTML.",
            "viết dưới dạng văn bản thường, không có '<' và '>'.",
        )


def _check_title(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    yield from _plain_text(value, name, report)


def _check_description(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    problems = list(_plain_text(value, name, report))
    yield from problems
    if problems:
        return
    length = len(unicodedata.normalize("NFC", " ".join(value.split())))
    if length > DESCRIPTION_MAX:
        over = length - DESCRIPTION_MAX
        yield report(
            name,
            f"the description is {length} characters long; search results show at most "
            f"{DESCRIPTION_MAX}.",
            f"shorten it by at least {over} characters.",
            f"phần mô tả dài {length} ký tự; kết quả tìm kiếm chỉ hiện tối đa {DESCRIPTION_MAX}.",
            f"rút ngắn ít nhất {over} ký tự.",
        )


def _check_todo(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield report(
            name,
            "'todo' must be a list, one item per line.",
            "write each item on its own line under 'todo:', starting with '  - '.",
            "'todo' phải là một danh sách, mỗi mục một dòng.",
            "viết mỗi mục trên một dòng riêng dưới 'todo:', bắt đầu bằng '  - '.",
        )
        return
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            continue
        # An item with settings (a notice for visitors); a dict without them is a note whose
        # ': ' YAML read as a field (reported below as such).
        if isinstance(item, dict) and any(key in notices.ITEM_KEYS for key in item):
            yield from _check_todo_item(item, f"{name}.{index}", index, report)
            continue
        kind, kind_vi = _kind_of(item)
        yield report(
            f"{name}.{index}",
            f"item {index + 1} of 'todo' must be text, but YAML reads it as {kind}.",
            'put the item in double quotes: - "...".',
            f"mục {index + 1} của 'todo' phải là văn bản, nhưng YAML hiểu nó là {kind_vi}.",
            'đặt mục đó trong dấu ngoặc kép: - "...".',
        )


def _check_todo_item(
    item: dict[Any, Any], path: str, index: int, report: Report
) -> Iterator[Problem]:
    """A todo item with a notice for visitors: ``text:``, ``notice:`` and ``ask:``
    (:mod:`travinh_site.content.notices`)."""
    names = ", ".join(notices.NOTICES)
    for key in item:
        if key not in notices.ITEM_KEYS:
            hint, hint_vi = did_you_mean(str(key), notices.ITEM_KEYS)
            yield report(
                f"{path}.{key}",
                f"item {index + 1} of 'todo' has no setting '{key}'.",
                hint.rstrip() or "its settings are 'text', 'notice' and 'ask'.",
                f"mục {index + 1} của 'todo' không có thiết lập '{key}'.",
                hint_vi.rstrip() or "các thiết lập của mục là 'text', 'notice' và 'ask'.",
            )
    text = item.get("text")
    if not (isinstance(text, str) and text.strip()):
        yield report(
            path,
            f"item {index + 1} of 'todo' has no 'text' (the note for editors).",
            "write the note after 'text:' (and the visitors' notice after 'notice:').",
            f"mục {index + 1} của 'todo' thiếu 'text' (ghi chú cho biên tập viên).",
            "viết ghi chú sau 'text:' (và thông báo cho người xem sau 'notice:').",
        )
    notice = item.get("notice")
    if "notice" in item and notice not in notices.NOTICES:
        hint, hint_vi = did_you_mean(str(notice), notices.NOTICES)
        yield report(
            f"{path}.notice",
            f"'{notice}' is not one of the notices for visitors.",
            hint.rstrip() or f"use one of: {names} (EDITING.md says what each one shows).",
            f"'{notice}' không phải một thông báo cho người xem.",
            hint_vi.rstrip() or f"dùng một trong: {names} (EDITING.md ghi nội dung của từng cái).",
        )
    if "notice" not in item:
        yield report(
            path,
            f"item {index + 1} of 'todo' is written with settings but has no 'notice'.",
            "add 'notice: <name>' (EDITING.md lists them), or write the item as plain text.",
            f"mục {index + 1} của 'todo' có các thiết lập nhưng thiếu 'notice'.",
            "thêm 'notice: <tên>' (EDITING.md liệt kê các tên), hoặc viết mục như văn bản thường.",
        )
    if "ask" in item and not isinstance(item["ask"], bool):
        yield report(
            f"{path}.ask",
            "'ask' must be true or false.",
            "write 'ask: true' to say whom visitors can ask meanwhile, or delete the line.",
            "'ask' phải là true hoặc false.",
            "viết 'ask: true' để ghi nơi người xem có thể hỏi trong lúc chờ, hoặc xóa dòng này.",
        )


def _check_hide(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    allowed = ", ".join(HIDE_VALUES)
    if not isinstance(value, list):
        yield report(
            name,
            "'hide' must be a list.",
            f"write each part on its own line under 'hide:', as '  - toc' (parts: {allowed}).",
            "'hide' phải là một danh sách.",
            f"viết mỗi phần trên một dòng riêng dưới 'hide:', ví dụ '  - toc' (các phần: "
            f"{allowed}).",
        )
        return
    for index, item in enumerate(value):
        if item in HIDE_VALUES:
            continue
        hint, hint_vi = did_you_mean(str(item), HIDE_VALUES)
        fix = hint.rstrip() or f"use one of: {allowed}."
        fix_vi = hint_vi.rstrip() or f"dùng một trong các giá trị: {allowed}."
        yield report(
            f"{name}.{index}",
            f"'hide' has no part '{item}'.",
            fix,
            f"'hide' không có phần '{item}'.",
            fix_vi,
        )


def _check_search(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    if not isinstance(value, dict):
        yield report(
            name,
            "'search' must hold 'exclude: true' or 'boost: <number>' on the lines below it.",
            "write for example 'search:' and on the next line '  exclude: true'.",
            "'search' phải chứa 'exclude: true' hoặc 'boost: <số>' ở các dòng bên dưới.",
            "viết ví dụ 'search:' và ở dòng sau '  exclude: true'.",
        )
        return
    for key, item in value.items():
        path = f"{name}.{key}"
        if key == "exclude" and not isinstance(item, bool):
            yield report(
                path,
                "'search: exclude' must be true or false.",
                "write 'exclude: true'.",
                "'search: exclude' phải là true hoặc false.",
                "viết 'exclude: true'.",
            )
        elif key == "boost" and (isinstance(item, bool) or not isinstance(item, (int, float))):
            yield report(
                path,
                "'search: boost' must be a number.",
                "write for example 'boost: 2'.",
                "'search: boost' phải là một con số.",
                "viết ví dụ 'boost: 2'.",
            )
        elif key not in ("exclude", "boost"):
            yield report(
                path,
                f"'search' has no setting '{key}'.",
                "use 'exclude' or 'boost'.",
                f"'search' không có thiết lập '{key}'.",
                "dùng 'exclude' hoặc 'boost'.",
            )


def _check_translation(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    if page.is_source:
        yield report(
            name,
            "a Vietnamese page is the source of the translations, so it has no 'translation:'.",
            "delete the 'translation:' block (translations in docs_en/ and docs_km/ carry it).",
            "trang tiếng Việt là bản gốc của các bản dịch, nên không có 'translation:'.",
            "xóa khối 'translation:' (chỉ các bản dịch trong docs_en/ và docs_km/ mới có).",
        )
        return
    if not isinstance(value, dict):
        yield report(
            name,
            "'translation' must hold its settings on the lines below it.",
            "write 'translation:' and on the next line '  status: draft' (while unfinished).",
            "'translation' phải chứa các thiết lập ở các dòng bên dưới.",
            "viết 'translation:' và ở dòng sau '  status: draft' (khi chưa dịch xong).",
        )
        return
    for key, item in value.items():
        path = f"{name}.{key}"
        if key == "status":
            if item == stamps.DRAFT:
                continue
            yield report(
                path,
                f"the translation status '{item}' is not known; the only status is "
                f"'{stamps.DRAFT}' (unfinished).",
                f"write 'status: {stamps.DRAFT}' while the translation is unfinished; delete the "
                "line when it is finished.",
                f"trạng thái bản dịch '{item}' không hợp lệ; trạng thái duy nhất là "
                f"'{stamps.DRAFT}' (chưa dịch xong).",
                f"viết 'status: {stamps.DRAFT}' khi chưa dịch xong; xóa dòng này khi đã dịch xong.",
            )
        elif key == "summary":
            if isinstance(item, bool):
                continue
            yield report(
                path,
                "'summary' must be 'true' (this translation summarises its source) or absent.",
                "write 'summary: true', or delete the line.",
                "'summary' phải là 'true' (bản dịch này tóm tắt bản gốc) hoặc không có.",
                "viết 'summary: true', hoặc xóa dòng này.",
            )
        elif key in ("source_hash", "source_commit"):
            if re.fullmatch(r"[0-9a-f]{4,64}", str(item)):
                continue
            yield report(
                path,
                f"'{key}' must be the hexadecimal code written by scripts/start_translation.py.",
                "restore the value from git, or delete the line.",
                f"'{key}' phải là mã thập lục phân do scripts/start_translation.py ghi.",
                "khôi phục giá trị từ git, hoặc xóa dòng này.",
            )
        else:
            hint, hint_vi = did_you_mean(str(key), TRANSLATION_KEYS)
            yield report(
                path,
                f"'translation' has no setting '{key}'.",
                hint.rstrip() or "delete the line.",
                f"'translation' không có thiết lập '{key}'.",
                hint_vi.rstrip() or "xóa dòng này.",
            )


_CHECKS: dict[str, Checker] = {
    "title": _check_title,
    "description": _check_description,
    "todo": _check_todo,
    "translation": _check_translation,
    "hide": _check_hide,
    "search": _check_search,
}
assert set(_CHECKS) == set(FIELD_NAMES)


def _guess(name: str) -> str | None:
    """The field an unknown name was probably meant to be."""
    guess = _ALIASES.get(slugify(name))
    if guess is None:
        close = difflib.get_close_matches(name.lower(), FIELD_NAMES, n=1, cutoff=0.6)
        guess = close[0] if close else None
    return guess


def _unknown_field(name: str, guess: str | None, report: Report) -> Problem:
    known = ", ".join(FIELD_NAMES)
    if slugify(name) in ("status", "draft", "nhap", "ban-nhap"):
        return report(
            name,
            f"'{name}' is not a field of its own: a translation is marked unfinished inside its "
            "'translation:' block.",
            f"write 'translation:' and on the next line '  status: {stamps.DRAFT}'.",
            f"'{name}' không phải là một trường riêng: bản dịch chưa xong được đánh dấu trong khối "
            "'translation:'.",
            f"viết 'translation:' và ở dòng sau '  status: {stamps.DRAFT}'.",
        )
    if guess:
        fix, fix_vi = (
            f"did you mean '{guess}'? (Field names are in English.)",
            f"có phải ý bạn là '{guess}'? (Tên trường viết bằng tiếng Anh.)",
        )
    else:
        fix = f"delete it; a page's fields are: {known} (see EDITING.md)."
        fix_vi = f"xóa trường này; các trường của một trang là: {known} (xem EDITING.md)."
    return report(
        name,
        f"the front matter has an unknown field '{name}'.",
        fix,
        f"phần đầu trang (front matter) có trường lạ '{name}'.",
        fix_vi,
    )
