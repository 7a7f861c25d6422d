"""Every message an editor can see is in Vietnamese as well as English (the editors are
Vietnamese; CI readers may not be): each Problem the code creates carries its Vietnamese text."""

from __future__ import annotations

import ast

from tests.conftest import PROJECT
from travinh_site.errors import Problem


def problem_calls() -> list[tuple[str, int, set[str]]]:
    """(file, line, keyword names) of every ``Problem(...)`` call under scripts/ that spells its
    fields out (``Problem(*fields)`` rebuilds a stored problem, Vietnamese included)."""
    calls = []
    for path in sorted((PROJECT / "scripts").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "Problem"
                and not any(isinstance(arg, ast.Starred) for arg in node.args)
            ):
                keywords = {keyword.arg for keyword in node.keywords if keyword.arg}
                calls.append((str(path.relative_to(PROJECT)), node.lineno, keywords))
    return calls


def test_every_problem_has_its_vietnamese_text():
    calls = problem_calls()
    assert len(calls) > 20  # the scan really finds them
    english_only = [
        f"{file}:{line}" for file, line, keywords in calls if "problem_vi" not in keywords
    ]
    assert english_only == [], "add problem_vi= (and fix_vi=) to these Problems"


def test_a_problem_renders_vietnamese_first_then_the_unchanged_english_line():
    problem = Problem(
        "docs/a.md", "is wrong.", "do this.", 3, problem_vi="bị sai.", fix_vi="làm thế này."
    )
    assert str(problem) == (
        "docs/a.md:3: bị sai. Cách sửa: làm thế này.\n  docs/a.md:3: is wrong. Fix: do this."
    )
    english_only = Problem("docs/a.md", "is wrong.", "do this.", 3)
    assert str(english_only) == "docs/a.md:3: is wrong. Fix: do this."
    assert str(Problem("", "no file.", problem_vi="không có tệp.")) == "không có tệp.\n  no file."
