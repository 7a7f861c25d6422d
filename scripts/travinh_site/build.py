"""Build the whole site into ``site/`` atomically.

MkDocs writes into a temporary folder; only when the build succeeds (``--strict``: any warning
fails it) does that folder replace ``site/``. A failed build leaves the previous ``site/``
exactly as it was, so a broken page never reaches the host.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from travinh_site.errors import ENGLISH_INDENT


def run_mkdocs(project: Path, site_dir: Path, *, verbose: bool = False) -> int:
    """Run ``mkdocs build --strict``; unless ``verbose``, show only warnings and errors.

    (MkDocs' own ``--quiet`` cannot be used: it drops warnings before ``--strict`` counts them,
    so a broken link would pass.)
    """
    command = [
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
    # Material prints an end-of-life notice on every run; it is in the README instead.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        command,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    assert process.stdout is not None
    showing = True
    for line in process.stdout:
        if line[:1].isupper():  # a new record starts with its level ("INFO    -  ...")
            showing = verbose or not line.startswith(("INFO", "DEBUG"))
        if showing and line.strip():
            sys.stderr.write(line)
    return process.wait()


def build(project: Path, site_dir: Path, *, verbose: bool = False) -> int:
    """Build into ``site_dir``; on failure leave it untouched. Returns an exit code."""
    started = time.monotonic()
    # Beside the target, so that putting the new site in place is a rename within one file
    # system (a rename across file systems fails, and a copy is not atomic).
    next_dir = site_dir.parent / f".{site_dir.name}.next"
    previous_dir = site_dir.parent / f".{site_dir.name}.previous"
    for leftover in (next_dir, previous_dir):
        shutil.rmtree(leftover, ignore_errors=True)
    site_dir.parent.mkdir(parents=True, exist_ok=True)

    code = run_mkdocs(project, next_dir, verbose=verbose)
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

    if site_dir.exists():
        site_dir.rename(previous_dir)
    next_dir.rename(site_dir)
    shutil.rmtree(previous_dir, ignore_errors=True)
    seconds = time.monotonic() - started
    shown = site_dir.relative_to(project) if site_dir.is_relative_to(project) else site_dir
    seconds_vi = f"{seconds:.1f}".replace(".", ",")  # Vietnamese decimal comma
    print(
        f"Đã tạo trang web vào {shown}/ trong {seconds_vi} giây.\n"
        f"{ENGLISH_INDENT}Built {shown} in {seconds:.1f} s.",
        file=sys.stderr,
    )
    return 0
