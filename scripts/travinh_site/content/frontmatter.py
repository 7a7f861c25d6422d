"""Reading a page's front matter with errors that name the file and line.

MkDocs (``mkdocs.utils.meta.get_data``) silently ignores front matter it cannot parse, so a
page with a YAML mistake loses its title and description without a word. Here the same block is
found the same way and a mistake raises :class:`SiteError` with the line and column. What the
fields must hold is :mod:`travinh_site.content.schema`'s business.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from charset_normalizer import from_bytes
from mkdocs.utils.meta import YAML_RE as YAML_RE  # re-exported: stamps.py uses it

from travinh_site.errors import Problem, SiteError

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader  # type: ignore[assignment]

SAVE_AS_UTF8 = (
    "open it in your editor and save it again with the encoding 'UTF-8' (in VS Code: click "
    "the encoding in the status bar, then 'Save with Encoding', 'UTF-8')."
)
SAVE_AS_UTF8_VI = (
    "mở tệp trong trình soạn thảo và lưu lại với bảng mã 'UTF-8' (trong VS Code: bấm vào tên "
    "bảng mã ở thanh trạng thái phía dưới, chọn 'Save with Encoding', rồi 'UTF-8')."
)
_LANGUAGE_VI = {"Vietnamese": "tiếng Việt", "English": "tiếng Anh", "French": "tiếng Pháp"}


def read_text(path: Path, shown_as: str) -> str:
    """The file's text; a byte-order mark and Windows line endings are accepted silently."""
    try:
        with open(path, encoding="utf-8-sig") as handle:  # universal newlines: \r\n -> \n
            return handle.read()
    except UnicodeDecodeError as error:
        data = path.read_bytes()
        line = data[: error.start].count(b"\n") + 1
        guess_en, guess_vi = _encoding_guess(data)
        raise SiteError(
            Problem(
                shown_as,
                f"is not saved as UTF-8 text. {guess_en}",
                SAVE_AS_UTF8,
                line,
                problem_vi=f"tệp không được lưu ở dạng UTF-8. {guess_vi}",
                fix_vi=SAVE_AS_UTF8_VI,
            )
        ) from None


def _encoding_guess(data: bytes) -> tuple[str, str]:
    """What ``data`` looks like, in English and Vietnamese, as charset-normalizer sees it."""
    matches = list(from_bytes(data))
    if not matches:
        return (
            "It does not look like text at all.",
            "Nội dung không giống văn bản.",
        )
    best = matches[0]
    if best.language != "Unknown" or len(matches) == 1:
        name = _encoding_name(best.encoding)
        if best.language == "Unknown":
            return f"It looks like {name}.", f"Có vẻ tệp dùng bảng mã {name}."
        language_vi = _LANGUAGE_VI.get(best.language, best.language)
        return (
            f"It looks like {name} ({best.language}).",
            f"Có vẻ tệp dùng bảng mã {name} ({language_vi}).",
        )
    # A short text fits several 8-bit encodings equally well: say so rather than pick one.
    names = [_encoding_name(match.encoding) for match in matches if match.chaos == best.chaos]
    listed = ", ".join(names[:3])
    return (
        f"It looks like an older 8-bit encoding ({listed}…).",
        f"Có vẻ tệp dùng một bảng mã 8-bit cũ ({listed}…).",
    )


def _encoding_name(codec: str) -> str:
    """Python's codec name as editors' programs show it: "cp1258" -> "Windows-1258"."""
    if codec.startswith("cp") and codec[2:].isdigit() and len(codec) == 6:
        return f"Windows-{codec[2:]}"
    return codec.upper().replace("_", "-").replace("-LE", " LE").replace("-BE", " BE")


@dataclass(frozen=True)
class _YamlHint:
    """A common YAML mistake: what PyYAML says, and how to say it to an editor."""

    says: str
    reason_vi: str
    fix: str
    fix_vi: str


_QUOTE = (
    'put the value in double quotes, for example title: "Trà Vinh: the Khmer pagodas".',
    'đặt giá trị trong dấu ngoặc kép, ví dụ title: "Trà Vinh: các ngôi chùa Khmer".',
)
_TAB = (
    "replace the Tab with spaces: YAML indents with spaces only.",
    "thay ký tự Tab bằng dấu cách: YAML chỉ thụt lề bằng dấu cách.",
)
_HINTS = (
    _YamlHint("mapping values are not allowed", "có dấu ':' ở chỗ không được phép", *_QUOTE),
    _YamlHint("found a tab character", "có ký tự Tab", *_TAB),  # libyaml
    _YamlHint("found character '\\t'", "có ký tự Tab", *_TAB),  # pure-Python PyYAML
    _YamlHint(
        "could not find expected ':'",
        "thiếu dấu ':'",
        "each line must be 'key: value'; a long value continues on lines indented by two spaces.",
        "mỗi dòng phải có dạng 'tên: giá trị'; giá trị dài viết tiếp ở các dòng thụt vào "
        "hai dấu cách.",
    ),
    _YamlHint(
        "found unexpected end of stream",
        "dấu ngoặc kép chưa được đóng",
        "close the quotes opened on this line or above it.",
        "đóng dấu ngoặc kép đã mở ở dòng này hoặc ở dòng trên.",
    ),
    _YamlHint("that cannot start any token", "có ký tự không được đứng đầu giá trị", *_QUOTE),
    _YamlHint(
        "',' or ']'",
        "dấu '[' chưa được đóng",
        "close the list with ']', or put a value that starts with '[' in double quotes.",
        "đóng danh sách bằng ']', hoặc đặt giá trị bắt đầu bằng '[' trong dấu ngoặc kép.",
    ),
    _YamlHint(
        "expected <block end>",
        "thụt lề không đúng",
        "start each field at the beginning of the line; indent only the lines inside a list "
        "or a block.",
        "viết mỗi trường ở đầu dòng; chỉ thụt lề các dòng nằm trong một danh sách hay một khối.",
    ),
)


def yaml_problem(error: yaml.YAMLError, shown_as: str, line_offset: int = 0) -> Problem:
    """A YAML syntax error as a located problem with the fix for its usual cause."""
    mark = getattr(error, "problem_mark", None)
    column = f", column {mark.column + 1}" if mark else ""
    column_vi = f", cột {mark.column + 1}" if mark else ""
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    hint = next((hint for hint in _HINTS if hint.says in reason), None)
    return Problem(
        shown_as,
        f"is not valid YAML{column}: {reason}.",
        hint.fix
        if hint
        else "each line must be 'key: value'; put a value that contains ':' or '#' in quotes.",
        mark.line + 1 + line_offset if mark else None,
        problem_vi=f"nội dung YAML không hợp lệ{column_vi}: {hint.reason_vi if hint else reason}.",
        fix_vi=hint.fix_vi
        if hint
        else "mỗi dòng phải có dạng 'tên: giá trị'; giá trị có dấu ':' hoặc '#' phải đặt trong "
        "dấu ngoặc kép.",
    )


# What YAML reads as a date (its timestamp tag), year, month and day first.
_TIMESTAMP = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# (calendar.month_name follows the machine's locale.)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def impossible_date(block: str, shown_as: str, line_offset: int = 0) -> Problem:
    """The date in a YAML ``block`` that does not exist (YAML raises a bare ValueError for
    ``2026-02-30``, without a line), located and explained."""
    for node in _scalars(yaml.compose(block, SafeLoader)):
        match = _TIMESTAMP.match(node.value) if node.tag == _TIMESTAMP_TAG else None
        if match is None:
            continue
        year, month, day = (int(match.group(name)) for name in ("year", "month", "day"))
        if not 1 <= month <= 12:
            why, why_vi = f"there is no month {month}", f"không có tháng {month}"
        elif not 1 <= day <= calendar.monthrange(year, month)[1]:
            days = calendar.monthrange(year, month)[1]
            why = f"{_MONTHS[month - 1]} {year} has {days} days"
            why_vi = f"tháng {month} năm {year} có {days} ngày"
        else:
            try:
                datetime.date(year, month, day)
                yaml.load(node.value, SafeLoader)  # the time of day, if any
            except ValueError:
                why, why_vi = "its time of day does not exist", "giờ ghi kèm không có thật"
            else:
                continue
        return Problem(
            shown_as,
            f"'{node.value}' is not a real date: {why}.",
            "write the real date as YYYY-MM-DD (year-month-day).",
            node.start_mark.line + 1 + line_offset,
            problem_vi=f"'{node.value}' không phải là một ngày có thật: {why_vi}.",
            fix_vi="viết đúng ngày theo dạng YYYY-MM-DD (năm-tháng-ngày).",
        )
    return Problem(  # not expected: YAML raised for a value that is not a date
        shown_as,
        "a value of the front matter cannot be read.",
        "put the values that are not plain text in double quotes.",
        problem_vi="có một giá trị trong phần đầu trang không đọc được.",
        fix_vi="đặt các giá trị không phải văn bản thường trong dấu ngoặc kép.",
    )


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def not_a_mapping(shown_as: str) -> Problem:
    return Problem(
        shown_as,
        "the front matter must be a list of 'key: value' lines.",
        "write for example 'title: Ao Bà Om' between the two '---' lines.",
        2,
        problem_vi="phần đầu trang (front matter) phải gồm các dòng 'tên: giá trị'.",
        fix_vi="viết ví dụ 'title: Ao Bà Om' giữa hai dòng '---'.",
    )


def normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split(text: str, shown_as: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number where the body starts)."""
    text = normalise_newlines(text)
    match = YAML_RE.match(text)
    if not match:
        return {}, text, 1
    try:
        data = yaml.load(match.group(1), SafeLoader)
    except yaml.YAMLError as error:
        # +1 for the opening '---' line of the front matter
        raise SiteError(yaml_problem(error, shown_as, line_offset=1)) from None
    except ValueError:  # YAML read a value as a date that does not exist (2026-02-30)
        raise SiteError(impossible_date(match.group(1), shown_as, line_offset=1)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SiteError(not_a_mapping(shown_as))
    body_start_line = text[: match.end()].count("\n") + 1
    return data, text[match.end() :], body_start_line


def read(path: Path, shown_as: str) -> dict[str, Any]:
    """The front matter of the Markdown file at ``path``."""
    meta, _body, _line = split(read_text(path, shown_as), shown_as)
    return meta


def scalar_text(value: str) -> str:
    """``value`` as YAML writes it on one line: quoted only where it has to be, so that it reads
    back as the same text ("0123" or "yes" would otherwise become a number or a boolean)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=100_000)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()
