"""A brochure's HTML to PDF with WeasyPrint, fonts embedded and subset, nothing fetched.

WeasyPrint shapes text with HarfBuzz through Pango (Debian's libpango-1.0-0 and
libpangoft2-1.0-0; libharfbuzz-subset0 subsets the fonts) and embeds each font it uses, subset,
with a map from glyphs to text; Khmer text also carries its exact text (:mod:`.actual_text`).
The fonts are Debian's full Noto fonts (:mod:`travinh_site.text.fonts`) under family names of
their own: the web subsets have no Khmer space, and no other font of the machine may stand in.

The renderer fetches through :class:`Fetcher` only: the font files, and the site's own
files (images) from the build. Anything else (another host, another file) is refused, so a
brochure can neither leak a file of the build machine nor depend on the network.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from travinh_site.brochures import actual_text
from travinh_site.brochures.document import SITE_ROOT
from travinh_site.errors import Problem, SiteError
from travinh_site.text.fonts import FontSet, Script

PANGO_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
FAMILIES = {Script.LATIN: "Brochure Sans", Script.KHMER: "Brochure Khmer"}


def stylesheet(font_set: FontSet, site_name: str) -> str:
    """The brochure's CSS: its fonts, its running header, then ``brochure.css``."""
    faces = "\n".join(
        f'@font-face {{ font-family: "{FAMILIES[font.script]}"; '
        f"font-weight: {700 if font.bold else 400}; "
        f"font-style: {'italic' if font.italic else 'normal'}; src: url({font.path.as_uri()}); }}"
        for font in font_set.fonts
    )
    header = f"@page {{ @top-left {{ content: {_css_string(site_name)}; }} }}"
    return f"{faces}\n{header}\n{layout_css()}"


@functools.cache
def layout_css() -> str:
    return (resources.files("travinh_site.brochures") / "brochure.css").read_text("utf-8")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@functools.cache
def weasyprint() -> Any:
    """WeasyPrint, imported on first use (a second of start-up a build without a new brochure
    does not pay), with the /ActualText wrapping installed; a problem naming the Debian
    packages when Pango cannot be loaded."""
    try:
        import weasyprint as module  # type: ignore[import-untyped]
    except OSError as error:  # cffi could not open Pango
        raise SiteError(
            Problem(
                "",
                f"the PDF brochures need Pango, which could not be loaded ({error}).",
                "install it ('make site' does it when run as root, or 'sudo apt-get install "
                f"{PANGO_PACKAGES}').",
                problem_vi=f"tài liệu PDF cần thư viện Pango nhưng không tải được ({error}).",
                fix_vi="hãy cài nó ('make site' tự cài khi chạy với quyền root, hoặc 'sudo "
                f"apt-get install {PANGO_PACKAGES}').",
            )
        ) from None
    actual_text.install()
    return module


def version() -> str:
    from importlib.metadata import version as installed

    return installed("weasyprint")


def render(document: str, font_set: FontSet, site_files: Mapping[str, Path]) -> bytes:
    """The PDF of ``document``; ``site_files``: site path -> the build's file for it."""
    module = weasyprint()
    fetcher = _fetcher_class(module)(font_set, site_files)
    html = module.HTML(string=document, base_url=SITE_ROOT, url_fetcher=fetcher)
    pdf: bytes = html.write_pdf()
    if fetcher.refused:
        raise SiteError(
            *(
                Problem(
                    "",
                    f"a brochure refers to '{url}', which is not a file of the site.",
                    "report this: the pages' links were checked, so it is a bug.",
                    problem_vi=f"một tài liệu PDF trỏ tới '{url}', không phải tệp của trang web.",
                    fix_vi="hãy báo lỗi này: các liên kết của trang đã được kiểm tra.",
                )
                for url in sorted(fetcher.refused)
            )
        )
    return pdf


@functools.cache
def _fetcher_class(module: Any) -> Any:
    urls = module.urls

    class Fetcher(urls.URLFetcher):  # type: ignore[misc,name-defined]
        """Serves the fonts and the site's files; refuses everything else."""

        def __init__(self, font_set: FontSet, site_files: Mapping[str, Path]) -> None:
            super().__init__()
            self.fonts = {font.path.as_uri(): font.path for font in font_set.fonts}
            self.site_files = site_files
            self.refused: set[str] = set()

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = self.fonts.get(url)
            if path is None and url.startswith(SITE_ROOT):
                path = self.site_files.get(url.removeprefix(SITE_ROOT).split("#")[0])
            if path is None:
                self.refused.add(url)
                raise ValueError(f"not a file of the site: {url}")
            return urls.URLFetcherResponse(path.as_uri(), path.read_bytes())

    return Fetcher
