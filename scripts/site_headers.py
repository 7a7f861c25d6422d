#!/usr/bin/env python3
"""Print the built site's HTTP headers (site/_headers) as nginx configuration.

    .venv/bin/python scripts/site_headers.py --nginx [--prefix /travinh/] > travinh-headers.conf

Include the result in the nginx server block that serves site/ (see README.md, Publishing);
run it again after each build: the Content-Security-Policy holds hashes of the built pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.security import headers

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=PROJECT / "site")
    parser.add_argument("--nginx", action="store_true", required=True, help="nginx syntax")
    parser.add_argument("--prefix", default="/", help="the path the site is served under")
    args = parser.parse_args(argv)
    source = args.site_dir / "_headers"
    if not source.is_file():
        print(f"{source} does not exist: run `make site` first.", file=sys.stderr)
        return 2
    sys.stdout.write(headers.nginx(headers.parse(source.read_text("utf-8")), args.prefix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
