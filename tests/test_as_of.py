"""The build's today (travinh_site.content.as_of): the content's date, never the clock."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from travinh_site.content import as_of as as_of_module
from travinh_site.content.as_of import as_of
from travinh_site.errors import SiteError


def test_source_date_epoch_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1782864000")  # 2026-07-01 00:00 UTC
    assert as_of(tmp_path) == date(2026, 7, 1)


def test_without_it_the_last_commit_gives_the_date(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    as_of_module._last_commit.cache_clear()
    env = {
        "GIT_AUTHOR_DATE": "2025-07-01T12:00:00+07:00",
        "GIT_COMMITTER_DATE": "2025-07-01T12:00:00+07:00",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    subprocess.run(["git", "add", "a.md"], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    assert as_of(tmp_path) == date(2025, 7, 1)


def test_outside_git_without_the_variable_is_a_clear_problem(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    as_of_module._last_commit.cache_clear()
    with pytest.raises(SiteError) as raised:
        as_of(tmp_path)
    assert "set SOURCE_DATE_EPOCH to the content's date" in str(raised.value)
    assert "đặt SOURCE_DATE_EPOCH bằng ngày của nội dung" in str(raised.value)


def test_a_malformed_variable_says_what_it_should_be(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "hôm qua")
    with pytest.raises(SiteError, match="is not a number of seconds since 1970"):
        as_of(tmp_path)
