#!/usr/bin/env python3
"""Start the translation of a Vietnamese page into another language of the site.

    .venv/bin/python scripts/start_translation.py docs/du-lich/chua-ang.md --lang km

creates docs_km/du-lich/chua-ang.md as a copy of the Vietnamese page, stamped with the version
of the Vietnamese page it is made from and marked 'status: draft': until the translation is
finished (scripts/finish_translation.py), the site shows the Vietnamese page at its Khmer
address, and the translation report counts it as a draft. `make serve` shows the draft.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from travinh_site.editing import scaffold
from travinh_site.site import cli

PROJECT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Bắt đầu dịch một trang tiếng Việt. (Start translating a Vietnamese page.)"
    )
    parser.add_argument("page", help="trang tiếng Việt, ví dụ docs/du-lich/chua-ang.md")
    parser.add_argument("--lang", help="ngôn ngữ của bản dịch, ví dụ km (the language)")
    parser.add_argument("--project", type=Path, default=PROJECT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    def run() -> int:
        languages = cli.languages(args.project)
        created = scaffold.start_translation(args.project, languages, args.page, args.lang)
        cli.say(
            f"Đã tạo {created.file} (bản nháp). Dịch tiêu đề, mô tả và nội dung trong tệp đó; "
            f"'make serve' hiển thị bản nháp tại {cli.PREVIEW}{created.url}. Khi dịch xong, chạy "
            f"scripts/finish_translation.py {created.file}",
            f"Created {created.file} (a draft). Translate its title, description and text; "
            f"'make serve' shows the draft at {cli.PREVIEW}{created.url}. When it is finished, "
            f"run scripts/finish_translation.py {created.file}",
        )
        return 0

    return cli.run(run)


if __name__ == "__main__":
    sys.exit(main())
