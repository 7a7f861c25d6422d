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

A news post (``tin-tuc/<year>/<name>.md``, see :mod:`travinh_site.content.posts`) has more:
``date`` and ``category`` (required in the Vietnamese post; a translation may repeat them),
``image``, ``sources``, ``updated`` and, in the Vietnamese post only, ``languages``. Other pages
may not have these fields.

A draft translation (``translation: {status: draft}``) is not published, so its required fields
are not demanded yet; everything it does hold is checked. Any other field is refused with the
closest known name, because a misspelt field (``tittle:``) is silently ignored by MkDocs.
To add a field, add it to :data:`FIELDS` with a check in :data:`_CHECKS`, and to EDITING.md.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from travinh_site.content import frontmatter, notices, posts, stamps
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
    required: bool  # for a post-only field: required in the Vietnamese post
    about: str
    about_vi: str
    post_only: bool = False  # a field of news posts only (content.posts)


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
    Field("date", True, "the day the post is published", "ngày đăng tin", post_only=True),
    Field("category", True, "the post's category", "chủ đề của tin", post_only=True),
    Field("image", False, "the post's picture", "ảnh của tin", post_only=True),
    Field("sources", False, "where the post's facts come from", "nguồn của tin", post_only=True),
    Field("updated", False, "the day the post was corrected", "ngày sửa tin", post_only=True),
    Field(
        "languages",
        False,
        "the languages the post is published in",
        "các thứ tiếng đăng tin",
        post_only=True,
    ),
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
    post: posts.Rules | None = None  # a news post: what its date and category are checked against


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
    if page.post is not None:
        yield from _post_dates(meta, lines, page)
        yield from _headline(meta, lines, page)
    if draft:
        return  # an unfinished translation need not have everything yet
    # A field written under a wrong name ('tittle') is reported once, as that.
    missing = [
        f
        for f in FIELDS
        if f.required
        and (not f.post_only or (page.post is not None and page.is_source))
        and f.name not in meta
        and f.name not in suggested
    ]
    for required in missing:
        if required.name == "date" and page.post is not None:
            yield _missing_date(page, lines.last)
            continue
        if required.name == "category" and page.post is not None:
            yield _missing_category(page, lines.last)
            continue
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


# ---- the fields of news posts (content.posts) ---------------------------------------------

_MONTH_ONLY = re.compile(r"^\d{4}-\d{1,2}$")
_LOOSE_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _post_only(check: Checker) -> Checker:
    """``check`` for a news post; on any other page the field is refused."""

    def checked(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
        if page.post is not None:
            yield from check(value, name, page, report)
            return
        yield report(
            name,
            f"'{name}' is a field of news posts ({posts.POSTS_DIR}/<year>/<name>.md, made with "
            "scripts/new_post.py); this page is not one.",
            f"delete the line '{name}: ...'.",
            f"'{name}' là trường của tin tức ({posts.POSTS_DIR}/<năm>/<tên>.md, tạo bằng "
            "scripts/new_post.py); trang này không phải là tin.",
            f"xóa dòng '{name}: ...'.",
        )

    return checked


def _missing_date(page: Page, last: int) -> Problem:
    assert page.post is not None
    example = page.post.today.isoformat()
    return Problem(
        page.shown_as,
        "a news post needs 'date:', the day it is published.",
        f"add a line 'date: {example}' (year-month-day) above the closing '---' (line {last}).",
        last,
        problem_vi="tin tức cần có 'date:', ngày đăng tin.",
        fix_vi=f"thêm một dòng 'date: {example}' (năm-tháng-ngày) phía trên dòng '---' đóng "
        f"(dòng {last}).",
    )


def _post_dates(meta: dict[str, Any], lines: Lines, page: Page) -> Iterator[Problem]:
    published, updated = meta.get("date"), meta.get("updated")
    if not isinstance(published, date) or not isinstance(updated, date):
        return
    if not (_is_day(published) and _is_day(updated)) or updated >= published:
        return
    yield Problem(
        page.shown_as,
        f"'updated' ({updated.isoformat()}) is earlier than 'date' ({published.isoformat()}).",
        "'updated' is the day the post was corrected, after it was published: correct it, or "
        "delete the line.",
        lines.get("updated"),
        problem_vi=f"'updated' ({updated.isoformat()}) sớm hơn 'date' ({published.isoformat()}).",
        fix_vi="'updated' là ngày sửa tin, sau ngày đăng: sửa lại, hoặc xóa dòng này.",
    )


def _headline(meta: dict[str, Any], lines: Lines, page: Page) -> Iterator[Problem]:
    title = meta.get("title")
    if not isinstance(title, str):
        return
    length = len(unicodedata.normalize("NFC", " ".join(title.split())))
    if length <= posts.HEADLINE_MAX:
        return
    over = length - posts.HEADLINE_MAX
    yield Problem(
        page.shown_as,
        f"a post's title is its headline in search results, which show at most "
        f"{posts.HEADLINE_MAX} characters; this one has {length}.",
        f"shorten it by at least {over} characters (the summary belongs in 'description').",
        lines.get("title"),
        problem_vi=f"tiêu đề của tin là dòng tiêu đề trong kết quả tìm kiếm, chỉ hiện tối đa "
        f"{posts.HEADLINE_MAX} ký tự; tiêu đề này dài {length} ký tự.",
        fix_vi=f"rút ngắn ít nhất {over} ký tự (phần tóm tắt thuộc về 'description').",
    )


def _is_day(value: Any) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime.datetime)


def _missing_category(page: Page, last: int) -> Problem:
    assert page.post is not None
    known = ", ".join(page.post.categories)
    return Problem(
        page.shown_as,
        "a news post needs 'category:'.",
        f"add a line 'category: ...' above the closing '---' (line {last}), with one of: {known}.",
        last,
        problem_vi="tin tức cần có 'category:' (chủ đề).",
        fix_vi=f"thêm một dòng 'category: ...' phía trên dòng '---' đóng (dòng {last}), với một "
        f"trong các chủ đề: {known}.",
    )


def _day(value: Any, name: str, report: Report) -> Iterator[Problem]:
    """Problems of a value that must be a day written YYYY-MM-DD (YAML reads it as a date;
    an impossible one is refused by frontmatter.split already)."""
    if isinstance(value, datetime.datetime):
        day = value.date().isoformat()
        yield report(
            name,
            f"'{name}' holds a time of day too ('{value}'); a post is dated by its day.",
            f"write only the day: {name}: {day}",
            f"'{name}' có cả giờ ('{value}'); tin chỉ ghi ngày.",
            f"chỉ viết ngày: {name}: {day}",
        )
    elif isinstance(value, date):
        return
    elif isinstance(value, str) and _MONTH_ONLY.match(value.strip()):
        yield report(
            name,
            f"'{name}' must be a whole day; '{value.strip()}' gives only the month.",
            "write the day the post is published (YYYY-MM-DD); when only the month of what it "
            "reports is known, say the month in the text, not here.",
            f"'{name}' phải là một ngày cụ thể; '{value.strip()}' chỉ có tháng.",
            "ghi ngày đăng tin (YYYY-MM-DD); khi chỉ biết tháng của sự việc, hãy ghi tháng đó "
            "trong bài, không ghi ở đây.",
        )
    else:
        shown = str(value).strip() if value is not None else ""
        loose = _LOOSE_DAY.match(shown)
        example = "2025-07-01"
        if loose:
            with contextlib.suppress(ValueError):
                example = date(*(int(part) for part in loose.groups())).isoformat()
        yield report(
            name,
            f"'{name}' must be a day written YYYY-MM-DD (year-month-day), not '{shown}'.",
            f"write for example '{name}: {example}'.",
            f"'{name}' phải là một ngày viết theo dạng YYYY-MM-DD (năm-tháng-ngày), không phải "
            f"'{shown}'.",
            f"viết ví dụ '{name}: {example}'.",
        )


def _not_after_today(day: date, name: str, rules: posts.Rules, report: Report) -> Iterator[Problem]:
    if day <= rules.latest_date:
        return
    today = rules.today.isoformat()
    days = posts.FUTURE_DAYS
    yield report(
        name,
        f"the date {day.isoformat()} is more than {days} days after the content's date ({today}, "
        "the date of the last commit): a post is not published before its date.",
        "correct the date (a mistyped year?); if it is right, run 'git pull' first: the build "
        "dates the content by its last commit.",
        f"ngày {day.isoformat()} muộn hơn ngày của nội dung ({today}, ngày của lần commit cuối "
        f"cùng) quá {days} ngày: không đăng tin trước ngày của nó.",
        "sửa lại ngày (gõ nhầm năm?); nếu ngày đúng, hãy chạy 'git pull' trước: việc tạo trang "
        "lấy ngày của nội dung theo lần commit cuối cùng.",
    )


def _check_date(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    rules = page.post
    assert rules is not None
    problems = list(_day(value, name, report))
    yield from problems
    if problems:
        return
    future = list(_not_after_today(value, name, rules, report))
    yield from future
    year = posts.folder_year(rules.page)
    if year is not None and value.year != year and not future:  # a wrong date: not the folder
        folder = posixpath.dirname(page.shown_as)
        moved = f"{posixpath.dirname(folder)}/{value.year}/"
        yield report(
            name,
            f"the post is dated {value.isoformat()} but is in the folder of {year} ({folder}/).",
            f"move it to {moved} (in every language), or correct the date.",
            f"tin ghi ngày {value.isoformat()} nhưng nằm trong thư mục của năm {year} ({folder}/).",
            f"chuyển tệp sang {moved} (ở mọi thứ tiếng), hoặc sửa lại ngày.",
        )


def _check_updated(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    rules = page.post
    assert rules is not None
    problems = list(_day(value, name, report))
    yield from problems
    if problems:
        return
    yield from _not_after_today(value, name, rules, report)


def _check_category(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    rules = page.post
    assert rules is not None
    problems = list(_text(value, name, report))
    yield from problems
    if problems or value.strip() in rules.categories:
        return
    known = ", ".join(rules.categories)
    hint, hint_vi = did_you_mean(value.strip(), rules.categories)
    yield report(
        name,
        f"'{value.strip()}' is not one of the site's news categories.",
        f"{hint}Use one of: {known} (each is an entry 'news.category.<name>' of "
        "overrides/strings.yml, with its label in every language).",
        f"'{value.strip()}' không phải là một chủ đề tin tức của trang web.",
        f"{hint_vi}Dùng một trong các chủ đề: {known} (mỗi chủ đề là một mục "
        "'news.category.<tên>' trong overrides/strings.yml, có tên ở mọi thứ tiếng).",
    )


IMAGE_KEYS = ("file", "alt")


def _check_image(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    rules = page.post
    assert rules is not None
    if not isinstance(value, dict):
        yield report(
            name,
            "'image' must hold 'file:' (a picture of assets/images/) and 'alt:' (what it shows) "
            "on the lines below it.",
            "write 'image:', then '  file: ao-ba-om.jpg' and '  alt: ...' on the next lines.",
            "'image' phải chứa 'file:' (một ảnh trong assets/images/) và 'alt:' (ảnh cho thấy "
            "gì) ở các dòng bên dưới.",
            "viết 'image:', rồi '  file: ao-ba-om.jpg' và '  alt: ...' ở các dòng sau.",
        )
        return
    for key in value:
        if key not in IMAGE_KEYS:
            hint, hint_vi = did_you_mean(str(key), IMAGE_KEYS)
            yield report(
                f"{name}.{key}",
                f"'image' has no setting '{key}'.",
                hint.rstrip() or "use 'file' and 'alt'.",
                f"'image' không có thiết lập '{key}'.",
                hint_vi.rstrip() or "dùng 'file' và 'alt'.",
            )
    for key in IMAGE_KEYS:
        if key not in value:
            yield report(
                name,
                f"'image' has no '{key}:'.",
                f"add '  {key}: ...' under 'image:'"
                + (" (what the picture shows, in the page's language)." if key == "alt" else "."),
                f"'image' thiếu '{key}:'.",
                f"thêm '  {key}: ...' dưới 'image:'"
                + (" (ảnh cho thấy gì, bằng ngôn ngữ của trang)." if key == "alt" else "."),
            )
        else:
            yield from _plain_text(value[key], f"{name}.{key}", report)
    file = value.get("file")
    if isinstance(file, str) and file.strip() and not rules.image_exists(file.strip()):
        yield report(
            f"{name}.file",
            f"there is no picture '{file.strip()}' in {posts.IMAGES_DIR}/.",
            "copy it there (with its .yml metadata, see EDITING.md), or correct the name.",
            f"không có ảnh '{file.strip()}' trong {posts.IMAGES_DIR}/.",
            "chép ảnh vào đó (kèm tệp thông tin .yml, xem EDITING.md), hoặc sửa lại tên.",
        )


def _check_sources(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield report(
            name,
            "'sources' must be a list, one source per line.",
            "write each source on its own line under 'sources:', starting with '  - '.",
            "'sources' phải là một danh sách, mỗi nguồn một dòng.",
            "viết mỗi nguồn trên một dòng riêng dưới 'sources:', bắt đầu bằng '  - '.",
        )
        return
    for index, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            continue
        kind, kind_vi = _kind_of(item)
        yield report(
            f"{name}.{index}",
            f"source {index + 1} must be text, but YAML reads it as {kind}.",
            'put it in double quotes: - "...".',
            f"nguồn thứ {index + 1} phải là văn bản, nhưng YAML hiểu nó là {kind_vi}.",
            'đặt nó trong dấu ngoặc kép: - "...".',
        )


def _check_languages(value: Any, name: str, page: Page, report: Report) -> Iterator[Problem]:
    rules = page.post
    assert rules is not None
    codes = rules.language_codes
    default = codes[0]
    if not page.is_source:
        yield report(
            name,
            "only the Vietnamese post says in which languages it is published.",
            f"delete 'languages:' here (it belongs in the Vietnamese post, "
            f"{frontmatter_source_hint(page)}).",
            "chỉ bản tiếng Việt của tin ghi tin được đăng bằng những thứ tiếng nào.",
            f"xóa 'languages:' ở đây (trường này thuộc về bản tiếng Việt, "
            f"{frontmatter_source_hint(page)}).",
        )
        return
    listed = ", ".join(codes)
    if not isinstance(value, list) or not value:
        yield report(
            name,
            f"'languages' must be a list of language codes ({listed}), for example "
            f"'languages: [{default}]' for a post published in one language only.",
            f"write 'languages: [{default}]', or delete the line to publish it in every language.",
            f"'languages' phải là danh sách mã ngôn ngữ ({listed}), ví dụ "
            f"'languages: [{default}]' cho tin chỉ đăng bằng một thứ tiếng.",
            f"viết 'languages: [{default}]', hoặc xóa dòng này để đăng tin ở mọi thứ tiếng.",
        )
        return
    for index, code in enumerate(value):
        if code not in codes:
            hint, hint_vi = did_you_mean(str(code), codes)
            yield report(
                f"{name}.{index}",
                f"'{code}' is not a language of the site ({listed}).",
                hint.rstrip() or f"use the codes {listed}.",
                f"'{code}' không phải là một ngôn ngữ của trang web ({listed}).",
                hint_vi.rstrip() or f"dùng các mã {listed}.",
            )
    if default not in value:
        yield report(
            name,
            f"'languages' must include '{default}': the Vietnamese post is always published.",
            f"add '{default}' to the list.",
            f"'languages' phải có '{default}': bản tiếng Việt của tin luôn được đăng.",
            f"thêm '{default}' vào danh sách.",
        )


def frontmatter_source_hint(page: Page) -> str:
    assert page.post is not None
    return page.post.source_file


_CHECKS: dict[str, Checker] = {
    "title": _check_title,
    "description": _check_description,
    "todo": _check_todo,
    "translation": _check_translation,
    "hide": _check_hide,
    "search": _check_search,
    "date": _post_only(_check_date),
    "category": _post_only(_check_category),
    "image": _post_only(_check_image),
    "sources": _post_only(_check_sources),
    "updated": _post_only(_check_updated),
    "languages": _post_only(_check_languages),
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
