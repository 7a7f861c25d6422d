"""The staging folder: the three content folders as the one folder mkdocs-static-i18n reads.

Editors keep one folder per language at the top of the project (``docs/`` for Vietnamese,
``docs_en/``, ``docs_km/``). mkdocs-static-i18n only reads languages from inside ``docs_dir``,
so the build looks at a *staging* folder that maps each language's folder (and the shared
``assets/``) into the folder structure the plugin expects::

    .cache/stage/vi     -> docs/
    .cache/stage/en     -> docs_en/
    .cache/stage/km     -> docs_km/
    .cache/stage/assets -> assets/

Only language codes and ``assets`` sit at the top of the stage, so a content folder such as
``docs/js/`` is never mistaken for a language. Symbolic links are used where the system allows
them and copies elsewhere (Windows without developer mode).
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

from filelock import FileLock

from travinh_site.content.languages import ASSETS, Languages
from travinh_site.errors import Problem, SiteError


def stage(project_dir: Path, stage_dir: Path, languages: Languages) -> None:
    """Make ``stage_dir`` hold one entry per language plus the shared assets folder."""
    wanted = {language.code: project_dir / language.content_dir for language in languages}
    wanted[ASSETS] = project_dir / ASSETS
    missing = [
        Problem(
            "mkdocs.yml",
            f"the folder '{target.relative_to(project_dir)}' does not exist.",
            f"create it, or correct the content_dir of language '{name}'.",
            problem_vi=f"thư mục '{target.relative_to(project_dir)}' không tồn tại.",
            fix_vi=f"tạo thư mục đó, hoặc sửa content_dir của ngôn ngữ '{name}'.",
        )
        for name, target in wanted.items()
        if name != ASSETS and not target.is_dir()
    ]
    if missing:
        raise SiteError(*missing)
    stage_dir.mkdir(parents=True, exist_ok=True)
    # The parallel build's processes all stage this folder as they start; on a fresh clone
    # they would race to create the same links. One at a time, the later ones find it done.
    with FileLock(stage_dir.parent / f"{stage_dir.name}.lock"):
        for entry in stage_dir.iterdir():
            if entry.name not in wanted:
                _remove(entry)
        for name, target in wanted.items():
            _link_or_copy(stage_dir / name, target)


def _link_or_copy(link: Path, target: Path) -> None:
    relative = os.path.relpath(target, link.parent)
    if link.is_symlink() and os.readlink(link) == relative:
        return
    if link.is_dir() and not link.is_symlink() and _same_tree(target, link):
        return  # a copy (below) still up to date: left alone, another process may be reading it
    if link.exists() or link.is_symlink():
        _remove(link)
    if not target.exists():
        target.mkdir(parents=True)
    try:
        link.symlink_to(relative, target_is_directory=True)
    except (OSError, NotImplementedError):
        # Windows without the symlink privilege: copy, refreshed whenever the source changes.
        shutil.copytree(target, link)


def _same_tree(source: Path, copy: Path) -> bool:
    """Whether ``copy`` holds the same files as ``source``, byte for byte."""
    comparison = filecmp.dircmp(source, copy, ignore=[])
    if comparison.left_only or comparison.right_only or comparison.common_funny:
        return False
    _, mismatch, errors = filecmp.cmpfiles(source, copy, comparison.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(_same_tree(source / name, copy / name) for name in comparison.common_dirs)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
