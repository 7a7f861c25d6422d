"""One error type for every mistake a content editor can make.

Each error carries the file (as the editor knows it, e.g. ``docs_km/du-lich/ao-ba-om.md``), the
line where there is one, what is wrong and how to fix it. The edges (MkDocs plugin, command
lines) turn it into one clean line; nobody sees a traceback for a user's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A mistake in the project's input, located and explained."""

    file: str
    problem: str
    fix: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.problem}"
        return f"{text} Fix: {self.fix}" if self.fix else text


class SiteError(Exception):
    """Raised for bad input; its message is one or more :class:`Problem` lines."""

    def __init__(self, *problems: Problem) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
