"""Build the whole site into ``site/`` atomically, with the languages in parallel.

MkDocs writes into a temporary folder; only when the build succeeds (``--strict``: any warning
fails it) does that folder replace ``site/``. A failed build leaves the previous ``site/``
exactly as it was, so a broken page never reaches the host.

mkdocs-static-i18n builds the languages one after the other in one process. On a machine with
several cores, one ``mkdocs build`` runs per language at once instead, each building its own
language only (the travinh plugin's ``shard`` option; mkdocs-static-i18n also reads the
default language in every process, without rendering it but in its own).
The outputs are then merged: a file written by several processes (theme files, images,
sitemaps) must be byte-identical in each, or the build fails; ``_headers``, whose policy
allows what every page has inline, is written from what each process saw of its own pages.
The result is the same, byte for byte, as a build in one process (``--jobs 1``); a test
checks it.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from travinh_site.content.languages import I18N_PLUGIN
from travinh_site.errors import ENGLISH_INDENT, SiteError
from travinh_site.security import headers
from travinh_site.site import page_cache, plugin_settings


def mkdocs_command(project: Path, site_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
    ]


def start_mkdocs(project: Path, site_dir: Path, shard: str = "") -> subprocess.Popen[str]:
    # Material prints an end-of-life notice on every run; it is in the README instead.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if shard:
        env["TRAVINH_SHARD"] = shard
    return subprocess.Popen(
        mkdocs_command(project, site_dir),
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )


def shown_lines(lines: Iterable[str], *, verbose: bool) -> Iterator[str]:
    """MkDocs' output without its INFO and DEBUG records, unless ``verbose``.

    (MkDocs' own ``--quiet`` cannot be used: it drops warnings before ``--strict`` counts them,
    so a broken link would pass.)
    """
    showing = True
    for line in lines:
        if line[:1].isupper():  # a new record starts with its level ("INFO    -  ...")
            showing = verbose or not line.startswith(("INFO", "DEBUG"))
        if showing and line.strip():
            yield line


def run_mkdocs(project: Path, site_dir: Path, *, verbose: bool = False) -> int:
    """Run ``mkdocs build --strict`` in one process, showing its output as it comes."""
    process = start_mkdocs(project, site_dir)
    assert process.stdout is not None
    sys.stderr.writelines(shown_lines(process.stdout, verbose=verbose))
    return process.wait()


def language_count(project: Path) -> int:
    """The languages of the i18n plugin; 1 when mkdocs.yml cannot be read (the build then
    says what is wrong with it)."""
    try:
        i18n = plugin_settings.options(plugin_settings.read(project / "mkdocs.yml"), I18N_PLUGIN)
    except SiteError:
        return 1
    return len((i18n or {}).get("languages") or []) or 1


def default_jobs(project: Path) -> int:
    """One process per language on a machine with several cores (even more languages than
    cores: the processes' shares stay even, and each one's fixed cost is small); one process
    on a single core."""
    return language_count(project) if (os.cpu_count() or 1) > 1 else 1


def run_parallel(project: Path, site_dir: Path, jobs: int, *, verbose: bool = False) -> int:
    """Build with ``jobs`` processes, one share of the languages each, merged into
    ``site_dir``. Returns an exit code."""
    shards = [site_dir.parent / f"{site_dir.name}.{index}" for index in range(jobs)]
    for shard_dir in shards:
        shutil.rmtree(shard_dir, ignore_errors=True)
    processes = [
        start_mkdocs(project, shard_dir, f"{index}/{jobs}")
        for index, shard_dir in enumerate(shards)
    ]
    # Read every process's output as it comes: one blocked on a full pipe would stall.
    with ThreadPoolExecutor(max_workers=jobs) as readers:
        outputs = list(readers.map(lambda process: process.communicate()[0], processes))
    codes = [process.returncode for process in processes]
    seen: set[str] = set()
    for output in outputs:  # each process reports the problems of its own pages; some twice
        for line in shown_lines(output.splitlines(keepends=True), verbose=verbose):
            if line not in seen:
                seen.add(line)
                sys.stderr.write(line)
    try:
        failed = next((code for code in codes if code != 0), 0)
        if failed:
            return failed
        disagreement = merge(shards, site_dir)
        if disagreement:  # our bug, not the editor's: say how to get a site meanwhile
            print(
                f"The parallel build wrote two different versions of {disagreement}. "
                "Build with --jobs 1 and report this.",
                file=sys.stderr,
            )
            return 1
        headers.write_from_parts(site_dir)
        return 0
    finally:
        for shard_dir in shards:
            shutil.rmtree(shard_dir, ignore_errors=True)


def clean_page_cache(project: Path) -> int:
    """Remove from the page cache (site.page_cache) what this build did not use. Returns how
    many entries were removed."""
    try:
        options = plugin_settings.options(plugin_settings.read(project / "mkdocs.yml"), "travinh")
    except SiteError:
        return 0
    folder = (options or {}).get("page_cache_dir") or page_cache.DEFAULT_FOLDER
    return page_cache.Store(project / folder / page_cache.BUILD).keep_used()


def merge(shards: list[Path], target: Path) -> str | None:
    """Move the processes' outputs into ``target``. A file several wrote must be the same in
    each; the first that is not is returned (site-relative)."""
    shards[0].rename(target)
    for shard_dir in shards[1:]:
        for path in sorted(shard_dir.rglob("*")):
            if not path.is_file():
                continue
            relative = path.relative_to(shard_dir)
            destination = target / relative
            if not destination.exists():
                destination.parent.mkdir(parents=True, exist_ok=True)
                path.rename(destination)
            elif not filecmp.cmp(path, destination, shallow=False):
                return relative.as_posix()
    return None


def build(project: Path, site_dir: Path, *, verbose: bool = False, jobs: int | None = None) -> int:
    """Build into ``site_dir``; on failure leave it untouched. Returns an exit code.

    ``jobs``: processes to build with (default: one per language on a machine with several
    cores; never more than one per language: a process builds one language or more).
    """
    started = time.monotonic()
    # Beside the target, so that putting the new site in place is a rename within one file
    # system (a rename across file systems fails, and a copy is not atomic).
    next_dir = site_dir.parent / f".{site_dir.name}.next"
    previous_dir = site_dir.parent / f".{site_dir.name}.previous"
    for leftover in (next_dir, previous_dir):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        next_dir.mkdir()  # MkDocs would fail on it with a traceback
        next_dir.rmdir()
    except OSError as error:
        return _cannot_write(site_dir.parent, error, project)

    jobs = min(jobs or default_jobs(project), language_count(project))
    if jobs > 1:
        code = run_parallel(project, next_dir, jobs, verbose=verbose)
    else:
        code = run_mkdocs(project, next_dir, verbose=verbose)
    if code == 0:
        clean_page_cache(project)
    if code != 0:
        shutil.rmtree(next_dir, ignore_errors=True)
        if site_dir.exists():
            kept = f"{site_dir.name}/ was left as it was"
            kept_vi = f"thư mục {site_dir.name}/ được giữ nguyên như trước"
        else:
            kept, kept_vi = "nothing was written", "không có gì được ghi ra"
        print(
            f"Tạo trang web thất bại: {kept_vi}. Hãy sửa các lỗi ở trên.\n"
            f"{ENGLISH_INDENT}Build failed: {kept}. Fix the problems above.",
            file=sys.stderr,
        )
        return code

    try:
        _put_in_place(next_dir, site_dir, previous_dir)
    except OSError as error:
        shutil.rmtree(next_dir, ignore_errors=True)
        return _cannot_write(site_dir, error, project)
    seconds = time.monotonic() - started
    shown = site_dir.relative_to(project) if site_dir.is_relative_to(project) else site_dir
    seconds_vi = f"{seconds:.1f}".replace(".", ",")  # Vietnamese decimal comma
    print(
        f"Đã tạo trang web vào {shown}/ trong {seconds_vi} giây.\n"
        f"{ENGLISH_INDENT}Built {shown} in {seconds:.1f} s.",
        file=sys.stderr,
    )
    return 0


def _put_in_place(next_dir: Path, site_dir: Path, previous_dir: Path) -> None:
    """Replace ``site_dir`` with ``next_dir`` by two renames; if the second fails, the first
    is undone, so ``site_dir`` is the old site or the new one, never none."""
    had_site = site_dir.exists()
    if had_site:
        site_dir.rename(previous_dir)
    try:
        next_dir.rename(site_dir)
    except OSError:
        if had_site:
            previous_dir.rename(site_dir)
        raise
    shutil.rmtree(previous_dir, ignore_errors=True)


def _cannot_write(folder: Path, error: OSError, project: Path) -> int:
    """A folder the build cannot write or replace (read-only, immutable, on a full disk): one
    line saying which, and that the previous site is as it was."""
    shown = folder.relative_to(project) if folder.is_relative_to(project) else folder
    reason = error.strerror or str(error)
    print(
        f"{shown}/: không thể ghi hoặc thay thế thư mục này ({reason}); trang web cũ được giữ "
        "nguyên. Cách sửa: cho phép ghi vào thư mục (ví dụ 'chmod u+w' hoặc 'chattr -i'), hoặc "
        "tạo trang vào thư mục khác bằng --site-dir.\n"
        f"{ENGLISH_INDENT}{shown}/: this folder cannot be written or replaced ({reason}); the "
        "previous site is as it was. Fix: make it writable (for example 'chmod u+w' or "
        "'chattr -i'), or build into another folder with --site-dir.",
        file=sys.stderr,
    )
    return 1
