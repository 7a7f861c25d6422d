"""Reading a page's front matter with errors that name the file and line.

MkDocs (``mkdocs.utils.meta.get_data``) silently ignores front matter it cannot parse, so a
page with a YAML mistake loses its title and description without a word. Here the same block is
found the same way and a mistake raises :class:`SiteError` with the line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE

from travinh_site.errors import Problem, SiteError

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader  # type: ignore[assignment]


def read_text(path: Path, shown_as: str) -> str:
    """The file's text; a byte-order mark and Windows line endings are accepted silently."""
    try:
        with open(path, encoding="utf-8-sig") as handle:  # universal newlines: \r\n -> \n
            return handle.read()
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise SiteError(
            Problem(
                shown_as,
                "is not saved as UTF-8 text.",
                "open it in your editor and save it again with the encoding 'UTF-8'.",
                line,
            )
        ) from None


def yaml_problem(error: yaml.YAMLError, shown_as: str, line_offset: int = 0) -> Problem:
    """A YAML syntax error as a located problem with the usual fix."""
    mark = getattr(error, "problem_mark", None)
    column = f", column {mark.column + 1}" if mark else ""
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Problem(
        shown_as,
        f"is not valid YAML{column}: {reason}.",
        "each line must be 'key: value'; put a value that contains ':' or '#' in quotes.",
        mark.line + 1 + line_offset if mark else None,
    )


def split(text: str, shown_as: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line number where the body starts)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = YAML_RE.match(text)
    if not match:
        return {}, text, 1
    try:
        data = yaml.load(match.group(1), SafeLoader)
    except yaml.YAMLError as error:
        # +1 for the opening '---' line of the front matter
        raise SiteError(yaml_problem(error, shown_as, line_offset=1)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SiteError(
            Problem(
                shown_as,
                "the front matter must be a list of 'key: value' lines.",
                "write for example 'title: Ao Bà Om' between the two '---' lines.",
                2,
            )
        )
    body_start_line = text[: match.end()].count("\n") + 1
    return data, text[match.end() :], body_start_line


def read(path: Path, shown_as: str) -> dict[str, Any]:
    """The front matter of the Markdown file at ``path``."""
    meta, _body, _line = split(read_text(path, shown_as), shown_as)
    return meta
