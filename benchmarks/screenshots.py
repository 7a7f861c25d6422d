#!/usr/bin/env python3
"""Screenshots of built sites, to check that a change of page weight changes nothing visitors
see: the home page and two deep pages of each language, at a phone's width and a desktop's,
the whole page and the language menu open, in Debian's Chromium (transitions off).

    .venv/bin/python benchmarks/screenshots.py take SITE_DIR OUT_DIR
    .venv/bin/python benchmarks/screenshots.py compare BEFORE_DIR AFTER_DIR [NOISE_DIR]

`compare` prints, per screenshot, "same" or the pixels that differ and where. Two runs of the
same site differ in a few places (the search box's caret area, a table's scroll shadow): take
the "before" site twice and pass the second folder as NOISE_DIR; a difference found there too
is marked "(also between two runs of the same site)".
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402 - after the path is set
from tests.static_host import SiteHost  # noqa: E402

PAGES = ("index.html", "du-lich/ao-ba-om.html", "dau-tu/khu-kinh-te-dinh-an.html")
PREFIXES = ("", "en/", "km/")
VIEWPORTS = {"mobile": (412, 823, True), "desktop": (1350, 940, False)}
STILL = "*,*::before,*::after{transition:none!important;animation:none!important}"


def take(site: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    host = SiteHost(compress=True)
    served = host.publish(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for name, (width, height, mobile) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    is_mobile=mobile,
                    has_touch=mobile,
                    reduced_motion="reduce",
                    bypass_csp=True,  # for the style that stops transitions
                )
                for prefix in PREFIXES:
                    for path in PAGES:
                        page = context.new_page()
                        page.goto(served.url(prefix + path), wait_until="load")
                        page.wait_for_load_state("networkidle")
                        page.add_style_tag(content=STILL)
                        page.mouse.move(0, height - 1)  # nothing hovered
                        page.evaluate("document.fonts.ready")
                        page.wait_for_timeout(800)
                        shot = out / f"{name}-{prefix or 'vi/'}{path}".replace("/", "_")
                        page.screenshot(path=f"{shot}.png", full_page=True)
                        page.hover(".md-header__option .md-select")
                        page.wait_for_timeout(400)
                        page.screenshot(path=f"{shot}-menu.png")
                        page.close()
                context.close()
            browser.close()
    finally:
        host.close()


def differences(first: Path, second: Path) -> tuple[int, tuple[int, int, int, int] | None]:
    from PIL import Image, ImageChops

    a, b = Image.open(first).convert("RGB"), Image.open(second).convert("RGB")
    if a.size != b.size:
        return -1, None
    diff = ImageChops.difference(a, b)
    box = diff.getbbox()
    if box is None:
        return 0, None
    mask = diff.convert("L").point(lambda value: 255 if value else 0)
    return int(mask.histogram()[255]), box


def compare(before: Path, after: Path, noise: Path | None) -> int:
    changed = 0
    for shot in sorted(before.glob("*.png")):
        count, box = differences(shot, after / shot.name)
        if count == 0:
            print(f"{shot.name}: same")
            continue
        changed += 1
        note = ""
        if noise is not None and differences(shot, noise / shot.name)[0] != 0:
            note = " (also between two runs of the same site)"
        what = "a different size" if count < 0 else f"{count} pixels differ in {box}"
        print(f"{shot.name}: {what}{note}")
    return 0 if changed == 0 else 1


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "take":
        take(Path(argv[1]), Path(argv[2]))
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]), Path(argv[3]) if len(argv) > 3 else None)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
