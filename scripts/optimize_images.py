#!/usr/bin/env python3
"""Check the site's images and encode their variants into the cache (.cache/images/).

`make site` and `make serve` do this by themselves; this command is for a look at the images
alone, and for CI: `--check` verifies the images, their metadata, the pages' alt texts and
the byte budgets without writing anything (exit code 1 on any problem).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.errors import SiteError
from travinh_site.images import config as images_config
from travinh_site.images import pages, pipeline
from travinh_site.site import cli

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify only: write nothing (for CI)")
    parser.add_argument(
        "--config", type=Path, default=PROJECT / "mkdocs.yml", help="the site's mkdocs.yml"
    )
    args = parser.parse_args(argv)
    config_file = args.config.resolve()
    project = config_file.parent
    try:
        settings = images_config.read_settings(config_file)
        languages = cli.languages_of(cli.site_config(config_file))
    except SiteError as error:
        print(error, file=sys.stderr)
        return 1

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    report = pipeline.run(project, settings, check=args.check, say=say)
    problems = report.problems + pages.check_project(project, languages, settings.images_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} problems: fix them and run this again.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
