"""One error type for every mistake a content editor can make.

Each error carries the file (as the editor knows it, e.g. ``docs_km/du-lich/ao-ba-om.md``), the
line where there is one, what is wrong and how to fix it, in English and, for the editors (who
are Vietnamese), in Vietnamese. The edges (MkDocs plugins, command lines) turn it into clean
lines; nobody sees a traceback for a user's mistake.

A problem with a Vietnamese text renders as two lines, Vietnamese first, then the English line
indented (exactly the one-line form a problem without Vietnamese has)::

    docs/a.md:9: liên kết 'x.md' trỏ tới một tệp không tồn tại. Cách sửa: có phải ý bạn là 'y.md'?
      docs/a.md:9: the link 'x.md' points to a file that does not exist. Fix: did you mean 'y.md'?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

#: Starts the English line of a two-language problem (and keeps log filters reading it as the
#: continuation of the record above it).
ENGLISH_INDENT = "  "


@dataclass(frozen=True)
class Problem:
    """A mistake in the project's input, located and explained.

    ``problem`` and ``fix`` are English; ``problem_vi`` and ``fix_vi`` say the same in
    Vietnamese. Sentences start in lower case: they follow ``file:line:``.
    """

    file: str
    problem: str
    fix: str = ""
    line: int | None = None
    problem_vi: str = ""
    fix_vi: str = ""

    @property
    def where(self) -> str:
        """``file:line: `` (empty for a problem with the command itself, without a file)."""
        if not self.file:
            return ""
        return f"{self.file}:{self.line}: " if self.line else f"{self.file}: "

    def english(self) -> str:
        text = f"{self.where}{self.problem}"
        return f"{text} Fix: {self.fix}" if self.fix else text

    def vietnamese(self) -> str | None:
        """The Vietnamese line, or None when the problem has no Vietnamese text."""
        if not self.problem_vi:
            return None
        text = f"{self.where}{self.problem_vi}"
        return f"{text} Cách sửa: {self.fix_vi}" if self.fix_vi else text

    def __str__(self) -> str:
        vietnamese = self.vietnamese()
        if vietnamese is None:
            return self.english()
        return f"{vietnamese}\n{ENGLISH_INDENT}{self.english()}"


class SiteError(Exception):
    """Raised for bad input; its message is one or more :class:`Problem` texts."""

    def __init__(self, *problems: Problem) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def did_you_mean(
    wrong: str, choices: Iterable[str], cutoff: float = 0.6, shown: str = "'{}'"
) -> tuple[str, str]:
    """The English and Vietnamese hints naming the choice closest to ``wrong`` (each ending in
    a space, to put before the rest of a fix), or two empty strings when none is close."""
    close = difflib.get_close_matches(wrong, list(choices), n=1, cutoff=cutoff)
    if not close:
        return "", ""
    name = shown.format(close[0])
    return f"did you mean {name}? ", f"có phải ý bạn là {name}? "
