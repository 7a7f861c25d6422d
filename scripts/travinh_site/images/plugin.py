"""The ``travinh-images`` MkDocs plugin: the image pipeline in ``make site`` and ``make serve``.

mkdocs-static-i18n builds each language with the same plugin instances, the other languages
from inside the first build's ``on_post_build``. The images are shared by all languages, so
the pipeline runs and its outputs are added once, in the outer build of each run; every
build stops the originals from being copied. Pages are rendered per language: each image
becomes its ``<picture>`` in every language.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from jinja2 import Environment
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from travinh_site.content import frontmatter, links
from travinh_site.errors import Problem, SiteError
from travinh_site.images import markup, pages, pipeline
from travinh_site.images.config import ImagesConfig, to_settings
from travinh_site.images.encode import RASTER_EXTENSIONS
from travinh_site.images.pipeline import ProcessedImage, Report
from travinh_site.images.settings import Settings
from travinh_site.site.plugin import core

log = get_plugin_logger(__name__)


@dataclass
class _PageState:
    """The page being rendered, for the tree processor."""

    page: Page
    shown_as: str
    texts: dict[str, str]  # interface texts in the language of the page's text
    uses: dict[str, list[links.Reference]] = field(default_factory=dict)  # by site path
    seen: dict[str, int] = field(default_factory=dict)  # site path -> times rendered so far

    def next_use(self, source: str) -> links.Reference | None:
        """The reference of this use of ``source`` (images come in document order); None for
        an image the scanner does not see (reference-style Markdown)."""
        index = self.seen.get(source, 0)
        self.seen[source] = index + 1
        uses = self.uses.get(source, [])
        return uses[index] if index < len(uses) else None


class ImagesPlugin(BasePlugin[ImagesConfig]):
    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.project = Path()
        self.report: Report | None = None
        self.depth = 0  # 1 in the outer build of a run, more inside it (other languages)
        self.page: _PageState | None = None
        self.reported: set[str] = set()

    # ---- events, in lifecycle order ---------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.depth += 1
        if self.depth == 1:
            self.reported = set()
        self.project = Path(config.config_file_path).resolve().parent
        try:
            self.settings = to_settings(self.config)
        except SiteError as error:
            raise PluginError(str(error)) from None
        try:
            core(config).require_texts(markup.CREDIT_TEXTS, "photo credits", "phần ghi công ảnh")
        except SiteError as error:
            raise PluginError(str(error)) from None
        if not any(isinstance(e, _ImagesExtension) for e in config.markdown_extensions):
            # Typed as names in MkDocs; Markdown takes Extension objects too.
            config.markdown_extensions.append(_ImagesExtension(self))  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        if self.depth == 1:  # once per run: the images are shared by every language
            self.report = pipeline.run(self.project, self.settings, say=log.info)
            for problem in self.report.problems:
                self._warn(problem)
            log.info(self.report.summary())
        for file in files.media_files():
            if self._is_stray_image(file, config):
                self._warn(self._outside_images_dir(file, config))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.settings is not None
        the_core = core(config)
        assert the_core.languages is not None
        shown_as = the_core.languages.source_path(page.file.src_uri)
        try:
            _meta, body, first_line = frontmatter.split(page.file.content_string, shown_as)
        except SiteError:
            return markdown  # the core plugin reports it
        references = links.find_references(body, first_line)
        folder = posixpath.dirname(page.file.src_uri)
        for problem in pages.problems(references, shown_as, folder, self.settings.images_dir):
            self._warn(problem)
        language = the_core.languages.of_content_path(page.file.src_uri)
        code = language.code if language else the_core.current_language(config).code
        self.page = _PageState(page, shown_as, the_core.texts[code])
        for reference in references:
            resolved = links.resolve(folder, reference.target)
            if reference.is_image and resolved:
                self.page.uses.setdefault(resolved, []).append(reference)
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self.page = None
        return html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # After the pages are rendered (their image links were checked against the originals):
        # the originals and their metadata are never published (nor stray images, reported
        # in on_files); the outputs are, once.
        for file in list(files.media_files()):
            in_images_dir = self._is_ours(file, config) and self._in_images_dir(file)
            if in_images_dir or self._is_stray_image(file, config):
                files.remove(file)
        if self.depth == 1 and self.report is not None:
            assert self.settings is not None
            cache = self.project / self.settings.cache_dir / pipeline.OUTPUTS
            for image in self.report.images.values():
                for variant in image.variants:
                    uri = image.uri(variant)
                    files.append(
                        File.generated(
                            config,
                            uri,
                            abs_src_path=str(cache / uri),
                            inclusion=InclusionLevel.INCLUDED,
                        )
                    )
        return env

    # After mkdocs-static-i18n's on_post_build (-100), which builds the other languages.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.depth -= 1

    def on_build_error(self, *, error: Exception) -> None:
        self.depth = 0
        self.page = None

    # ---- the tree processor's work ----------------------------------------------------------

    def render_images(self, root: Element) -> None:
        """Replace each managed image of the page being rendered by its ``<picture>``."""
        state, report, settings = self.page, self.report, self.settings
        if state is None or report is None or settings is None:
            return  # Markdown rendered outside a page (or the pipeline did not run)
        parents = {child: parent for parent in root.iter() for child in parent}
        page_url = state.page.url
        for img in list(root.iter("img")):
            source = _site_path(img.get("src", ""), page_url)
            image = report.images.get(source) if source else None
            if image is None or source is None:
                continue
            first = not state.seen  # the page's first image: its likely largest paint
            use = state.next_use(source)
            decorative = pages.DECORATIVE in img.get("class", "").split()
            alt = "" if decorative else img.get("alt", "").strip()
            if not alt and not decorative and use is None:
                # An image the scanner does not see (a reference-style one): checked here.
                reference = links.Reference(0, img.get("src", ""), True)
                for problem in pages.problems([reference], state.shown_as, "", ""):
                    self._warn(problem)
            options = markup.Options(settings.sizes, settings.fallback_width, first=first)
            element = markup.image_element(
                image,
                lambda uri: get_relative_url(uri, page_url),
                alt,
                options,
                img.attrib,
            )
            self._place(img, element, image, parents, state, use)

    def _place(
        self,
        img: Element,
        element: Element,
        image: ProcessedImage,
        parents: dict[Element, Element],
        state: _PageState,
        use: links.Reference | None,
    ) -> None:
        parent = parents[img]
        alone = (
            len(parent) == 1 and not (parent.text or "").strip() and not (img.tail or "").strip()
        )
        if image.metadata.is_photo and parent.tag == "p" and alone and parent in parents:
            figure = Element("figure", {"class": "tv-photo"})
            figure.append(element)
            figure.append(markup.credit_element(image, state.texts))
            _replace(parents[parent], parent, figure)
            return
        _replace(parent, img, element)
        if image.metadata.is_photo:
            self._warn(
                Problem(
                    state.shown_as,
                    f"the photo '{use.target if use else image.source}' stands inside a line of "
                    "text, so its credit cannot "
                    "be shown under it.",
                    "put the photo on a line of its own, with an empty line before and after.",
                    use.line if use else None,
                    problem_vi=f"ảnh chụp '{use.target if use else image.source}' nằm giữa một "
                    "dòng chữ, nên không thể ghi tên tác giả dưới ảnh.",
                    fix_vi="đặt ảnh trên một dòng riêng, có một dòng trống phía trước và phía sau.",
                )
            )

    # ---- helpers ----------------------------------------------------------------------------

    def _warn(self, problem: Problem) -> None:
        message = str(problem)
        if message not in self.reported:  # a page shown in several languages: once
            self.reported.add(message)
            log.warning(message)

    def _is_stray_image(self, file: File, config: MkDocsConfig) -> bool:
        """An image of the project outside the images folder (it would skip the pipeline)."""
        is_image = file.src_uri.lower().endswith((*RASTER_EXTENSIONS, ".svg"))
        return is_image and self._is_ours(file, config) and not self._in_images_dir(file)

    def _in_images_dir(self, file: File) -> bool:
        assert self.settings is not None
        return file.src_uri.startswith(self.settings.images_dir + "/")

    @staticmethod
    def _is_ours(file: File, config: MkDocsConfig) -> bool:
        """A file of the project (not of the theme, nor generated by a plugin)."""
        return bool(file.abs_src_path and Path(file.abs_src_path).is_relative_to(config.docs_dir))

    def _outside_images_dir(self, file: File, config: MkDocsConfig) -> Problem:
        assert self.settings is not None
        languages = core(config).languages
        shown_as = languages.source_path(file.src_uri) if languages else file.src_uri
        return Problem(
            shown_as,
            f"is an image outside {self.settings.images_dir}/: it would be published as it is "
            "(full size, with its metadata, such as the GPS position of a phone photo).",
            f"move it to {self.settings.images_dir}/ with its .yml metadata, and update the "
            "links to it.",
            problem_vi=f"đây là ảnh nằm ngoài {self.settings.images_dir}/: nó sẽ được đăng "
            "nguyên như vậy (đủ kích thước, kèm thông tin ẩn như vị trí GPS của ảnh chụp bằng "
            "điện thoại).",
            fix_vi=f"chuyển ảnh vào {self.settings.images_dir}/ cùng tệp thông tin .yml, rồi sửa "
            "các liên kết đến ảnh.",
        )


class _ImagesExtension(Extension):
    def __init__(self, plugin: ImagesPlugin) -> None:
        super().__init__()
        self.plugin = plugin

    def extendMarkdown(self, md: Markdown) -> None:
        # After MkDocs' "relpath" (0), which makes image URLs relative to the page's URL.
        md.treeprocessors.register(_PictureTreeprocessor(md, self.plugin), "travinh_images", -10)


class _PictureTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, plugin: ImagesPlugin) -> None:
        super().__init__(md)
        self.plugin = plugin

    def run(self, root: Element) -> None:
        self.plugin.render_images(root)


def _site_path(src: str, page_url: str) -> str | None:
    """The site path an ``<img src>`` (relative to the page's URL) points to."""
    return links.resolve(posixpath.dirname(page_url), src)


def _replace(parent: Element, old: Element, new: Element) -> None:
    new.tail = old.tail
    index = list(parent).index(old)
    parent.remove(old)
    parent.insert(index, new)
