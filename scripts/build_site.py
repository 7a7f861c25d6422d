#!/usr/bin/env python3
"""Build the whole site (every language) into site/; `make site` runs this.

A failed build (any warning counts: MkDocs runs with --strict) leaves site/ as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.build import build

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    parser.add_argument("--verbose", action="store_true", help="show MkDocs' progress lines")
    args = parser.parse_args(argv)
    return build(PROJECT, args.site_dir.resolve(), verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
