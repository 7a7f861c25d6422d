"""Discovery, cache and worker pool: every image in the images folder, checked and encoded.

The cache (``.cache/images/`` beside mkdocs.yml) holds the outputs under the path they have in
the site, and a manifest that maps each source to the content hash of its bytes, the key of
its outputs (that hash plus the settings' fingerprint) and the outputs themselves. A source
whose size and modification time are those recorded is not even read again; a source whose
key is unchanged and whose outputs are all there is not encoded again. Outputs that belong to
no current source are removed. Originals are only ever read.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import posixpath
import time
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from filelock import FileLock

from travinh_site.content import source_files
from travinh_site.errors import Problem, SiteError
from travinh_site.images import metadata, svg
from travinh_site.images.encode import (
    RASTER_EXTENSIONS,
    UNSUPPORTED_EXTENSIONS,
    Job,
    Outcome,
    Variant,
    process,
    unreadable,
    write_atomically,
)
from travinh_site.images.metadata import Metadata
from travinh_site.images.progress import Progress, Say
from travinh_site.images.settings import PIPELINE_VERSION, Settings

MANIFEST = "manifest.json"
OUTPUTS = "files"
MODERN_FORMATS = ("avif", "webp")  # what browsers download; budgets apply to these
IGNORED_SUFFIXES = (".md",)  # notes for editors (never published, see mkdocs.yml)


@dataclass(frozen=True)
class ProcessedImage:
    """A source and what the site publishes for it."""

    source: str  # its path in the project and in the site: "assets/images/x.jpg"
    metadata: Metadata
    width: int  # as displayed, after EXIF orientation
    height: int
    kind: str  # "raster", "animated" or "svg"
    variants: tuple[Variant, ...]

    def uri(self, variant: Variant) -> str:
        """The variant's path in the site ("assets/images/x-800.1a2b3c4d.avif")."""
        return posixpath.join(posixpath.dirname(self.source), variant.name)

    def of_format(self, kind: str) -> list[Variant]:
        return sorted((v for v in self.variants if v.format == kind), key=lambda v: v.width)

    @property
    def formats(self) -> list[str]:
        return list(dict.fromkeys(variant.format for variant in self.variants))


@dataclass
class Report:
    images: dict[str, ProcessedImage] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    encoded: int = 0
    cached: int = 0
    removed: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"{self.encoded} encoded", f"{self.cached} cached"]
        if self.removed:
            parts.append(f"{self.removed} outdated files removed")
        if self.problems:
            parts.append(f"{len(self.problems)} problems")
        return f"Images: {', '.join(parts)} ({self.seconds:.1f} s)."


@dataclass(frozen=True)
class _Source:
    path: Path
    shown_as: str  # also its site path
    stat: tuple[int, int]  # size, modification time (ns)


def run(
    project: Path,
    settings: Settings,
    *,
    check: bool = False,
    say: Say = lambda _line: None,
    stream: TextIO | None = None,
) -> Report:
    """Check and encode every image of ``project``; with ``check``, write nothing."""
    if check:
        return _run(project, settings, check=True, say=say, stream=stream)
    cache = project / settings.cache_dir
    cache.mkdir(parents=True, exist_ok=True)
    # The parallel build's processes each run this as they start: one at a time, so that an
    # image is encoded once and the others find it cached (and none removes another's
    # half-written output as stale).
    with FileLock(cache / "images.lock"):
        return _run(project, settings, check=False, say=say, stream=stream)


def _run(
    project: Path, settings: Settings, *, check: bool, say: Say, stream: TextIO | None
) -> Report:
    started = time.monotonic()
    report = Report()
    cache = project / settings.cache_dir
    outputs = cache / OUTPUTS
    manifest = _load_manifest(cache / MANIFEST)
    entries: dict[str, dict[str, Any]] = {}
    fingerprint = settings.encoding.fingerprint()

    rasters, svgs = _discover(project, settings, report)
    jobs: list[Job] = []
    for source, meta in rasters:
        digest = _read_digest(source, manifest, entries, report)
        if digest is None:
            continue
        entry = _reuse(source, digest, manifest, fingerprint, outputs)
        if entry is not None:
            entries[source.shown_as] = entry
            report.images[source.shown_as] = _processed(source.shown_as, meta, entry)
            report.cached += 1
            continue
        jobs.append(
            Job(
                path=str(source.path),
                shown_as=source.shown_as,
                stem=source.path.name.rsplit(".", 1)[0],
                key=_key(digest, fingerprint),
                out_dir=str(outputs / posixpath.dirname(source.shown_as)),
                encoding=settings.encoding,
                max_pixels=settings.max_pixels,
                write=not check,
            )
        )
        entries[source.shown_as] = {"stat": list(source.stat), "sha256": digest}
    for source, meta in svgs:
        digest = _read_digest(source, manifest, entries, report)
        if digest is None:
            continue
        entry = _reuse(source, digest, manifest, f"svg{PIPELINE_VERSION}", outputs)
        if entry is None:
            entry = _publish_svg(source, outputs, check, report)
            if entry is None:
                continue
            report.encoded += 1
        else:
            report.cached += 1
        entries[source.shown_as] = entry
        report.images[source.shown_as] = _processed(source.shown_as, meta, entry)

    metas = {source.shown_as: meta for source, meta in rasters}
    for outcome in _encode_all(jobs, settings, say, stream):
        if outcome.problem is not None:
            report.problems.append(outcome.problem)
            previous = manifest.get(outcome.shown_as)
            if previous is not None:  # keep its last good outputs until it is fixed
                entries[outcome.shown_as] = previous
            else:
                entries.pop(outcome.shown_as, None)
            continue
        entry = entries[outcome.shown_as]
        entry.update(
            key=_key(entry["sha256"], fingerprint),
            width=outcome.width,
            height=outcome.height,
            kind="animated" if outcome.animated else "raster",
            variants=[_variant_row(v) for v in outcome.variants],
        )
        meta = metas[outcome.shown_as]
        report.images[outcome.shown_as] = _processed(outcome.shown_as, meta, entry)
        report.encoded += 1

    report.problems.extend(_over_budget(report.images.values(), settings))
    if not check:
        report.removed = _remove_stale(outputs, entries)
        _save_manifest(cache / MANIFEST, entries)
    report.problems.sort(key=lambda problem: (problem.file, problem.line or 0))
    report.images = dict(sorted(report.images.items()))
    report.seconds = time.monotonic() - started
    return report


# ---- discovery ------------------------------------------------------------------------------


def _discover(
    project: Path, settings: Settings, report: Report
) -> tuple[list[tuple[_Source, Metadata]], list[tuple[_Source, Metadata]]]:
    """Sources with valid metadata, by kind; every other file is a problem."""
    root = project / settings.images_dir
    rasters: list[tuple[_Source, Metadata]] = []
    svgs: list[tuple[_Source, Metadata]] = []
    if not root.is_dir():
        return rasters, svgs
    # A link out of the assets folder (the images folder's top folder), or a special file, is
    # never read (source_files).
    assets = project / Path(settings.images_dir).parts[0]
    unsafe = source_files.problems(project, [root], allowed=[assets])
    report.problems.extend(unsafe)
    refused = {project / problem.file for problem in unsafe}
    files = sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and not any(parent in refused for parent in (path, *path.parents))
    )
    names = {path.relative_to(root).as_posix() for path in files}
    for path in files:
        relative = path.relative_to(root).as_posix()
        shown_as = f"{settings.images_dir}/{relative}"
        suffix = path.suffix.lower()
        if suffix == metadata.SUFFIX:
            if relative.removesuffix(metadata.SUFFIX) not in names:
                report.problems.append(
                    Problem(
                        shown_as,
                        f"is metadata for '{path.name.removesuffix(metadata.SUFFIX)}', which "
                        "is not in the folder.",
                        "rename it after its image (the image's whole file name plus .yml), "
                        "or delete it with the image.",
                        problem_vi=f"đây là tệp thông tin của "
                        f"'{path.name.removesuffix(metadata.SUFFIX)}', nhưng ảnh đó không có "
                        "trong thư mục.",
                        fix_vi="đổi tên tệp theo ảnh của nó (cả tên tệp ảnh thêm .yml), hoặc xóa "
                        "nó cùng với ảnh.",
                    )
                )
            continue
        if suffix in IGNORED_SUFFIXES:
            continue
        if suffix not in RASTER_EXTENSIONS and suffix != ".svg":
            report.problems.append(_not_an_image(shown_as, suffix))
            continue
        meta = _metadata(path, shown_as, report)
        if meta is None:
            continue
        stat = path.stat()
        source = _Source(path, shown_as, (stat.st_size, stat.st_mtime_ns))
        (svgs if suffix == ".svg" else rasters).append((source, meta))
    return rasters, svgs


def _not_an_image(shown_as: str, suffix: str) -> Problem:
    if suffix in UNSUPPORTED_EXTENSIONS:
        return Problem(
            shown_as,
            f"{UNSUPPORTED_EXTENSIONS[suffix]} images are not supported.",
            "export it as JPEG (photos) or PNG (drawings, transparency); SVG for drawings "
            "made in a vector program.",
            problem_vi=f"ảnh dạng {UNSUPPORTED_EXTENSIONS[suffix]} chưa được hỗ trợ.",
            fix_vi="xuất lại dạng JPEG (ảnh chụp) hoặc PNG (hình vẽ, nền trong suốt); SVG cho "
            "hình vẽ bằng phần mềm vẽ véc-tơ.",
        )
    return Problem(
        shown_as,
        "is not an image (the images folder holds images and their .yml metadata only).",
        "move it out of the images folder, or export it as JPEG, PNG or SVG.",
        problem_vi="tệp này không phải là ảnh (thư mục ảnh chỉ chứa ảnh và tệp thông tin .yml "
        "của chúng).",
        fix_vi="chuyển tệp ra khỏi thư mục ảnh, hoặc xuất lại dạng JPEG, PNG hay SVG.",
    )


def _metadata(path: Path, shown_as: str, report: Report) -> Metadata | None:
    sidecar = path.with_name(metadata.sidecar_of(path.name))
    if not sidecar.is_file():
        report.problems.append(metadata.missing(shown_as))
        return None
    try:
        return metadata.read(sidecar, metadata.sidecar_of(shown_as))
    except SiteError as error:
        report.problems.extend(error.problems)
        return None


# ---- cache ----------------------------------------------------------------------------------


def _load_manifest(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a damaged one: everything is encoded again
    if not isinstance(data, dict) or data.get("version") != PIPELINE_VERSION:
        return {}
    sources = data.get("sources")
    return sources if isinstance(sources, dict) else {}


def _save_manifest(path: Path, entries: dict[str, dict[str, Any]]) -> None:
    text = json.dumps({"version": PIPELINE_VERSION, "sources": entries}, indent=1, sort_keys=True)
    write_atomically(path, f"{text}\n".encode())


def _content_hash(source: _Source, manifest: dict[str, dict[str, Any]]) -> str:
    """The SHA-256 of the source's bytes; not read again while size and mtime are unchanged."""
    entry = manifest.get(source.shown_as)
    if entry and entry.get("stat") == list(source.stat) and entry.get("sha256"):
        digest: str = entry["sha256"]  # as _save_manifest wrote it
        return digest
    with source.path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _read_digest(
    source: _Source,
    manifest: dict[str, dict[str, Any]],
    entries: dict[str, dict[str, Any]],
    report: Report,
) -> str | None:
    """The source's content hash; None when it cannot be read, which is reported, and its
    last good outputs are kept until it can (as for an image that fails to encode)."""
    try:
        return _content_hash(source, manifest)
    except OSError as error:
        report.problems.append(unreadable(source.shown_as, error))
        if source.shown_as in manifest:
            entries[source.shown_as] = manifest[source.shown_as]
        return None


def _key(digest: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{digest}:{fingerprint}".encode()).hexdigest()[:32]


def _reuse(
    source: _Source,
    digest: str,
    manifest: dict[str, dict[str, Any]],
    fingerprint: str,
    outputs: Path,
) -> dict[str, Any] | None:
    """The manifest entry of ``source`` (whose content hash is ``digest``) if its outputs are
    current and all present."""
    entry = manifest.get(source.shown_as)
    if not entry or "variants" not in entry:
        return None
    if entry.get("key") != _key(digest, fingerprint):
        return None
    folder = outputs / posixpath.dirname(source.shown_as)
    if not all((folder / row[3]).is_file() for row in entry["variants"]):
        return None
    return {**entry, "stat": list(source.stat), "sha256": digest}


def _remove_stale(outputs: Path, entries: dict[str, dict[str, Any]]) -> int:
    keep = {
        outputs / posixpath.dirname(source) / row[3]
        for source, entry in entries.items()
        for row in entry.get("variants", [])
    }
    removed = 0
    if not outputs.is_dir():
        return 0
    for path in sorted(outputs.rglob("*"), reverse=True):  # files before their folders
        if path.is_file() and path not in keep:
            path.unlink()
            removed += not path.name.endswith(".partial")
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _variant_row(variant: Variant) -> list[Any]:
    return [variant.format, variant.width, variant.height, variant.name, variant.size]


def _processed(shown_as: str, meta: Metadata, entry: dict[str, Any]) -> ProcessedImage:
    return ProcessedImage(
        source=shown_as,
        metadata=meta,
        width=entry["width"],
        height=entry["height"],
        kind=entry["kind"],
        variants=tuple(Variant(*row) for row in entry["variants"]),
    )


# ---- work -----------------------------------------------------------------------------------


def _publish_svg(
    source: _Source, outputs: Path, check: bool, report: Report
) -> dict[str, Any] | None:
    try:
        data = source.path.read_bytes()
    except OSError as error:
        report.problems.append(unreadable(source.shown_as, error))
        return None
    try:
        info = svg.check(data, source.shown_as)
    except svg.UnsafeSvg as error:
        report.problems.append(error.problem)
        return None
    digest = hashlib.sha256(data).hexdigest()
    key = _key(digest, f"svg{PIPELINE_VERSION}")
    name = f"{source.path.name.rsplit('.', 1)[0]}.{key[:8]}.svg"
    if not check:
        # Passed through as it is: it was found safe.
        write_atomically(outputs / posixpath.dirname(source.shown_as) / name, data)
    return {
        "stat": list(source.stat),
        "sha256": digest,
        "key": key,
        "width": info.width,
        "height": info.height,
        "kind": "svg",
        "variants": [["svg", info.width, info.height, name, len(data)]],
    }


def _encode_all(
    jobs: list[Job], settings: Settings, say: Say, stream: TextIO | None
) -> Iterable[Outcome]:
    """Outcomes of ``jobs``, spread over a process per core (largest sources first)."""
    if not jobs:
        return []
    jobs = sorted(jobs, key=lambda job: os.path.getsize(job.path), reverse=True)
    workers = min(settings.workers or os.cpu_count() or 1, len(jobs))
    progress = Progress(len(jobs), say, stream)
    outcomes: list[Outcome] = []
    try:
        if workers == 1:  # no process start-up for a single image (an edit in `make serve`)
            for job in jobs:
                outcomes.append(process(job))
                progress.step(job.shown_as)
            return outcomes
        # "spawn": no fork of a process that may run threads (mkdocs serve's server).
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures: dict[Future[Outcome], Job] = {pool.submit(process, job): job for job in jobs}
            for future in as_completed(futures):
                job = futures[future]
                error = future.exception()
                if error is None:
                    outcomes.append(future.result())
                else:  # a crash in an encoder (or out of memory): this image only
                    problem = Problem(
                        job.shown_as,
                        f"the encoder failed on this image ({type(error).__name__}: {error}).",
                        "open and save it again in an image editor; if it persists, report it.",
                        problem_vi=f"bộ mã hóa gặp lỗi với ảnh này ({type(error).__name__}: "
                        f"{error}).",
                        fix_vi="mở và lưu lại ảnh bằng một trình sửa ảnh; nếu vẫn lỗi, hãy báo "
                        "lại.",
                    )
                    outcomes.append(Outcome(job.shown_as, problem=problem))
                progress.step(job.shown_as)
    finally:
        progress.close()
    return outcomes


def _over_budget(images: Iterable[ProcessedImage], settings: Settings) -> list[Problem]:
    problems = []
    for image in images:
        for variant in image.variants:
            budget = settings.budget_for(variant.width)
            if variant.format in MODERN_FORMATS and budget and variant.size > budget:
                problems.append(
                    Problem(
                        image.source,
                        f"the {variant.width} px {variant.format.upper()} is "
                        f"{variant.size / 1000:.1f} kB, over the budget of {budget / 1000:.1f} kB "
                        "for that width.",
                        "crop the picture to what matters or simplify it, or raise 'budgets' of "
                        "travinh-images in mkdocs.yml.",
                        problem_vi=f"bản {variant.format.upper()} rộng {variant.width} px nặng "
                        f"{variant.size / 1000:.1f} kB, vượt giới hạn {budget / 1000:.1f} kB "
                        "cho độ rộng đó.",
                        fix_vi="cắt ảnh chỉ giữ phần quan trọng hoặc làm ảnh đơn giản hơn, hoặc "
                        "tăng 'budgets' của travinh-images trong mkdocs.yml.",
                    )
                )
    return problems
