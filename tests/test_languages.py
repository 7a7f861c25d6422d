"""The language table, the staging folder, the catalogue and front matter reading."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import LANGUAGES
from travinh_site.content import frontmatter
from travinh_site.content.languages import languages_from_i18n, scan
from travinh_site.errors import SiteError
from travinh_site.site.staging import stage


def entry(locale: str, default: bool = False, **extra: str) -> SimpleNamespace:
    return SimpleNamespace(locale=locale, name=locale.upper(), default=default, extra=extra)


def test_table_comes_from_the_i18n_entries_default_first():
    table = languages_from_i18n(
        [
            entry("en", content_dir="docs_en", og_locale="en_US"),
            entry("vi", default=True, content_dir="docs", og_locale="vi_VN"),
        ]
    )
    assert table.codes == ("vi", "en")
    assert table.default.prefix == "" and table.get("en").prefix == "en/"


def test_a_language_without_its_fields_is_a_clear_error():
    with pytest.raises(SiteError) as raised:
        languages_from_i18n([entry("vi", default=True, content_dir="docs")])
    assert str(raised.value) == (
        "mkdocs.yml: ngôn ngữ 'vi' của plugin i18n thiếu extra.og_locale. Cách sửa: thêm "
        "'og_locale:' dưới mục 'extra:' của ngôn ngữ đó (xem các ngôn ngữ khác).\n"
        "  mkdocs.yml: language 'vi' of the i18n plugin has no extra.og_locale. "
        "Fix: add 'og_locale:' under that language's 'extra:' (see the other languages)."
    )


def test_staged_paths_map_back_to_the_editors_files():
    assert LANGUAGES.source_path("km/du-lich/ao-ba-om.md") == "docs_km/du-lich/ao-ba-om.md"
    assert LANGUAGES.source_path("vi/index.md") == "docs/index.md"
    assert LANGUAGES.source_path("assets/images/x.jpg") == "assets/images/x.jpg"


def make_project(root: Path) -> Path:
    for folder in ("docs/js", "docs_en", "docs_km", "assets"):
        (root / folder).mkdir(parents=True)
    (root / "docs/js/index.md").write_text("# JS\n")
    return root


def test_stage_links_each_language_folder_and_assets(tmp_path: Path):
    project = make_project(tmp_path / "project")
    staging = project / ".cache/stage"
    (staging / "old").mkdir(parents=True)  # a language removed from the table
    stage(project, staging, LANGUAGES)
    assert sorted(p.name for p in staging.iterdir()) == ["assets", "en", "km", "vi"]
    assert (staging / "vi").is_symlink() and (staging / "vi/js/index.md").is_file()
    stage(project, staging, LANGUAGES)  # idempotent
    assert (staging / "vi").resolve() == (project / "docs").resolve()


def _refuse_symlinks(*args: object, **kwargs: object) -> None:
    raise OSError("symbolic link privilege not held")


def test_stage_copies_where_symbolic_links_are_not_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(Path, "symlink_to", _refuse_symlinks)
    project = make_project(tmp_path / "project")
    staging = project / ".cache/stage"
    stage(project, staging, LANGUAGES)
    assert not (staging / "vi").is_symlink()
    assert (staging / "vi/js/index.md").read_text() == "# JS\n"
    copies: list[str] = []
    copytree = shutil.copytree
    monkeypatch.setattr(
        shutil,
        "copytree",
        lambda source, *rest: copies.append(source.name) or copytree(source, *rest),
    )
    stage(project, staging, LANGUAGES)  # unchanged: kept (another build process may be reading it)
    assert copies == []
    (project / "docs/js/index.md").write_text("# JS v2\n")
    stage(project, staging, LANGUAGES)  # changed: copied again
    assert (staging / "vi/js/index.md").read_text() == "# JS v2\n"
    (project / "docs/js/index.md").unlink()
    stage(project, staging, LANGUAGES)  # a removed page leaves the copy too
    assert not (staging / "vi/js/index.md").exists()


def _stage_at_once(project: Path, staging: Path, barrier: Any) -> None:
    barrier.wait()  # all start together, as the parallel build's processes do
    stage(project, staging, LANGUAGES)  # an error ends the process with a non-zero exit code


@pytest.mark.parametrize("links", [True, False], ids=["links", "copies"])
def test_stage_is_safe_when_the_parallel_build_stages_in_several_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
):
    # The parallel build starts one `mkdocs build` per language; each stages the same folder.
    # On a fresh clone the folder is empty, and they raced to create the same links (a CI
    # failure: FileExistsError).
    if not links:  # as on Windows without the symlink privilege (forked processes inherit it)
        monkeypatch.setattr(Path, "symlink_to", _refuse_symlinks)
    context = multiprocessing.get_context("fork")
    for attempt in range(12):
        project = make_project(tmp_path / f"project{attempt}")
        staging = project / ".cache/stage"
        barrier = context.Barrier(4)
        workers = [
            context.Process(target=_stage_at_once, args=(project, staging, barrier))
            for _ in range(4)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
        assert sorted(p.name for p in staging.iterdir()) == ["assets", "en", "km", "vi"]
        assert (staging / "vi/js/index.md").read_text() == "# JS\n"


def test_stage_names_a_missing_content_folder(tmp_path: Path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    with pytest.raises(SiteError, match="the folder 'docs_en' does not exist"):
        stage(project, project / ".cache/stage", LANGUAGES)


def test_catalogue_counts_finished_translations_only(tmp_path: Path):
    project = make_project(tmp_path / "project")
    (project / "docs/a.md").write_text("# A\n")
    (project / "docs/b.md").write_text("# B\n")
    (project / "docs_en/a.md").write_text("# A\n")
    (project / "docs_en/b.md").write_text("---\ntranslation:\n  status: draft\n---\n# B\n")
    (project / "docs_km/orphan.md").write_text("# no source\n")
    catalogue = scan(project, LANGUAGES)
    assert catalogue.pages == ["a.md", "b.md", "js/index.md"]
    assert [language.code for language in catalogue.versions("a.md")] == ["vi", "en"]
    assert not catalogue.is_translated("b.md", "en")
    assert not catalogue.is_translated("orphan.md", "km")


def test_front_matter_accepts_bom_and_windows_line_endings(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_bytes("\ufeff---\r\ntitle: Ao Bà Om\r\n---\r\n\r\n# Ao Bà Om\r\n".encode())
    assert frontmatter.read(page, "docs/page.md") == {"title": "Ao Bà Om"}


def test_front_matter_of_a_non_utf8_file_is_a_clear_error(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_bytes("---\ntitle: Trà Vinh\n---\n".encode("cp1258"))
    with pytest.raises(SiteError) as raised:
        frontmatter.read(page, "docs/page.md")
    (problem,) = raised.value.problems
    assert problem.english().startswith("docs/page.md:2: is not saved as UTF-8 text.")
    assert problem.vietnamese().startswith("docs/page.md:2: tệp không được lưu ở dạng UTF-8.")
