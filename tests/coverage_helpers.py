"""Git repositories of tiny sites for the coverage tests."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import PROJECT
from travinh_site.content import stamps

SCRIPT = PROJECT / "scripts" / "check_translations.py"
_spec = importlib.util.spec_from_file_location("check_translations", SCRIPT)
assert _spec and _spec.loader
check_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_translations)


def git(root: Path, *arguments: str, date: str = "2025-01-01T10:00:00+07:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    result = subprocess.run(
        ["git", *arguments], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def stamped(translation: str, source: str, *, commit: str | None = None) -> str:
    """``translation`` stamped as made from ``source`` (what the editors' tools write)."""
    stamp = stamps.Stamp(source_hash=stamps.source_hash(source), source_commit=commit)
    return stamps.with_stamp(translation, stamp)


def page(title: str, description: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n{body}"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*arguments: str | Path) -> Run:
    """check_translations.py in this process (as the command line runs it)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = check_translations.main([str(argument) for argument in arguments])
        except SystemExit as stop:  # argparse's usage errors
            code = int(stop.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
