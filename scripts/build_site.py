#!/usr/bin/env python3
"""Build the whole site (every language) into site/; `make site` runs this.

A failed build (any warning counts: MkDocs runs with --strict) leaves site/ as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.commands import freshness
from travinh_site.commands.build import build
from travinh_site.errors import ENGLISH_INDENT, SiteError
from travinh_site.images import config as images_config
from travinh_site.images import pipeline

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    parser.add_argument("--verbose", action="store_true", help="show MkDocs' progress lines")
    parser.add_argument(
        "--jobs",
        type=int,
        help="processes to build with (default: one per language on a machine with several "
        "cores, at most one per language; 1 builds the languages one after the other)",
    )
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    site_dir = args.site_dir.resolve()
    # Before anything is read twice: a site built from these very inputs is left as it is.
    inputs = freshness.inputs_digest(PROJECT)
    if freshness.is_fresh(PROJECT, site_dir, inputs):
        shown = site_dir.relative_to(PROJECT) if site_dir.is_relative_to(PROJECT) else site_dir
        print(
            f"{shown}/ đã là bản mới nhất: không có gì thay đổi từ lần tạo trước.\n"
            f"{ENGLISH_INDENT}{shown}/ is up to date: nothing changed since the last build.",
            file=sys.stderr,
        )
        return 0
    encode_images()
    code = build(PROJECT, site_dir, verbose=args.verbose, jobs=args.jobs)
    if code == 0:
        freshness.record(PROJECT, site_dir, inputs)
    return code


def encode_images() -> None:
    """Encode new and changed images first, with a progress bar on a terminal (the build's
    own output is read line by line, so it could not show one). The build then finds them
    cached; it reports any problem with the images together with the pages' problems."""
    try:
        settings = images_config.read_settings(PROJECT / "mkdocs.yml")
    except SiteError:
        return  # the build reports the configuration's problem
    report = pipeline.run(PROJECT, settings, say=lambda line: print(line, file=sys.stderr))
    if report.encoded:
        print(report.summary(), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
