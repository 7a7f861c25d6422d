"""The ``travinh-passages`` plugin: ``lang`` on passages in another language than the page's
(:mod:`travinh_site.passages`), in every built page, so that screen readers read Vietnamese
names in a Khmer or English page, and Khmer words in a Vietnamese or English page, with the
right voice. ``mkdocs serve`` skips it: the marks change nothing visible, and previews stay fast.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from travinh_site import passages


class TravinhPassagesPlugin(BasePlugin):
    def __init__(self) -> None:
        self.serving = False
        self.generated: set[str] = set()  # HTML files other plugins generate, to mark

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # After the plugins that generate files (the translation dashboard): generated HTML pages
    # do not go through the page events, so they are marked once written (on_post_build).
    @event_priority(-200)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.generated.update(
            file.abs_dest_path
            for file in files
            if file.generated_by and file.dest_uri.endswith(".html")
        )
        return files

    # After the other plugins have put their text in the page.
    @event_priority(-150)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return output if self.serving else passages.mark(output)

    # Before the core plugin's on_post_template, which writes each language's 404 page itself.
    @event_priority(60)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.serving or not template_name.endswith(".html") or not output_content:
            return output_content
        return passages.mark(output_content)

    # Before the security plugin's on_post_build (-200), which hashes the page as written.
    @event_priority(-150)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            return
        for path in sorted(self.generated):
            page = Path(path)
            if page.is_file():
                page.write_text(passages.mark(page.read_text("utf-8")), encoding="utf-8")
                self.generated.discard(path)
