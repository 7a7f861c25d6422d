"""Whether ``site/`` already holds what a build would write: then ``make site`` does nothing.

A build's output depends only on its inputs: the content, asset and template folders,
mkdocs.yml, this package's code and the libraries it renders with, the environment variables
the configuration reads, and the date the build speaks from (the last commit's). A digest of
all of them is recorded beside the cache when a build succeeds, with a digest of the site it
wrote (file names, sizes and times, so that a site changed or deleted by hand is built again).
When both still match, nothing is built.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from travinh_site.content.as_of import as_of
from travinh_site.content.languages import ASSETS, I18N_PLUGIN
from travinh_site.errors import SiteError
from travinh_site.site import page_cache, plugin_settings

RECORD = ".cache/build.json"
# What the configuration reads from the environment (mkdocs.yml's !ENV), and the date.
ENVIRONMENT = ("SITE_URL", "SOURCE_DATE_EPOCH", "TRAVINH_PREVIEW", "TRAVINH_ONLY")
TEMPLATES = "overrides"
LARGE = 1 << 20  # files above this (photos) are known by size and time, not read


def inputs_digest(project: Path) -> str | None:
    """A digest of everything a build of ``project`` reads; None when mkdocs.yml cannot tell
    where the content is (the build then says why)."""
    try:
        i18n = plugin_settings.options(plugin_settings.read(project / "mkdocs.yml"), I18N_PLUGIN)
    except SiteError:
        return None
    folders = [
        str((entry.get("extra") or {}).get("content_dir") or "")
        for entry in (i18n or {}).get("languages") or []
        if isinstance(entry, dict)
    ]
    if not all(folders):
        return None
    digest = hashlib.sha1()
    for folder in sorted({*folders, ASSETS, TEMPLATES}):
        digest.update(f"folder {folder}\n".encode())
        _add_tree(digest, project / folder, project)
    digest.update((project / "mkdocs.yml").read_bytes())
    digest.update(page_cache.code_digest().encode())
    for name in ENVIRONMENT:
        digest.update(f"\n{name}={os.environ.get(name, '')}".encode())
    try:
        digest.update(f"\nas of {as_of(project).isoformat()}".encode())
    except SiteError:
        digest.update(b"\nno date")
    return digest.hexdigest()


def _add_tree(digest: hashlib._Hash, folder: Path, project: Path) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        stat = path.stat()
        digest.update(f"{path.relative_to(project).as_posix()}\0{stat.st_size}\0".encode())
        if stat.st_size > LARGE:
            digest.update(str(stat.st_mtime_ns).encode())
        else:
            digest.update(path.read_bytes())


def outputs_digest(site_dir: Path) -> str:
    """A digest of the names, sizes and modification times of the files of a site."""
    digest = hashlib.sha1()
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            line = f"{path.relative_to(site_dir).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
            digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def is_fresh(project: Path, site_dir: Path, inputs: str | None) -> bool:
    """Whether ``site_dir`` is what the last build wrote from these same ``inputs``."""
    if inputs is None or not site_dir.is_dir():
        return False
    try:
        recorded = json.loads((project / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(
        recorded.get("inputs") == inputs
        and recorded.get("site") == str(site_dir)
        and recorded.get("outputs") == outputs_digest(site_dir)
    )


def record(project: Path, site_dir: Path, inputs: str | None) -> None:
    """Remember that ``site_dir`` was built from ``inputs`` (nothing when unknown)."""
    path = project / RECORD
    if inputs is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"inputs": inputs, "site": str(site_dir), "outputs": outputs_digest(site_dir)}
    path.write_text(json.dumps(data), encoding="utf-8")
