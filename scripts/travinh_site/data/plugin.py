"""The MkDocs plugin for structured data (``plugins: [travinh-data]``, after ``travinh``).

It reads ``assets/data/`` once per run, renders the ``{{ dataset }}`` blocks of each page in
the page's language, adds each language's downloads (iCalendar, CSV, JSON) and gives the
templates each page's JSON-LD (``structured_data``, written in ``overrides/main.html``). The
events are shown as of the build's date (``content.as_of``: the content's commit, never the
clock).
Shared state (language table, pages, interface texts, site URL) comes from the core plugin via
:func:`travinh_site.site.plugin.core`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from travinh_site.content import frontmatter, glossary
from travinh_site.content.as_of import as_of
from travinh_site.content.languages import Language
from travinh_site.data import blocks, exports, jsonld, records
from travinh_site.data.formatting import Formatter
from travinh_site.data.schedule import Occurrence, Schedule
from travinh_site.data.schema import DATASETS, MID_APRIL, Kind
from travinh_site.errors import Problem, SiteError
from travinh_site.site import seo
from travinh_site.site.plugin import TravinhPlugin, core, language_file, page_context

log = get_plugin_logger(__name__)


# No options: LegacyConfig is MkDocs' default config class (a bare Config has no schema).
class TravinhDataPlugin(BasePlugin[LegacyConfig]):
    def __init__(self) -> None:
        self.data: records.Data | None = None
        self.glossary: glossary.Glossary | None = None
        self.schedule: Schedule | None = None
        self.shown_events: dict[str, list[Occurrence]] = {}  # page src_uri -> occurrences
        self.reported: set[str] = set()

    # ---- events, in lifecycle order ---------------------------------------------------------

    # After the core plugin's on_config (100), which reads the language table and the pages.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.data is None:  # once per run, in the first (default language) build
            site = core(config)
            assert site.languages is not None and site.catalogue is not None
            project = Path(config.config_file_path).resolve().parent
            try:
                self.data = records.load(project, site.languages)
                self.glossary = glossary.load(project, site.languages)
                self.schedule = Schedule(as_of(project))
                self.schedule.check()
                site.require_texts(required_texts(), "the data blocks", "các khối dữ liệu")
            except SiteError as error:
                raise PluginError(str(error)) from None
            default = site.languages.default
            typos, waiting = records.page_problems(
                self.data,
                site.catalogue.pages,
                {page: f"{default.content_dir}/{page}" for page in site.catalogue.pages},
            )
            if self.glossary is not None:
                typos += records.wording_problems(self.data, self.glossary, site.languages.codes)
            for problem in typos:
                log.warning(str(problem))
            for problem in waiting:
                log.info(str(problem))
        return config

    # After mkdocs-static-i18n's (-100) and the core plugin's (-110) on_files: the downloads
    # are added per language once the language's files are known.
    @event_priority(-120)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.data is not None and self.schedule is not None
        site = core(config)
        language = site.current_language(config)
        for file in list(files):
            if file.src_uri.startswith(f"{records.DATA_DIR}/"):
                files.remove(file)  # the YAML sources are not published; the exports are
        context = self._export_context(site, language, self.schedule)
        for path, content in exports.exports(self.data, context).items():
            files.append(language_file(config, language, path, content))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.data is not None and self.schedule is not None
        schedule = self.schedule
        site = core(config)
        assert site.languages is not None
        build_language = site.current_language(config)
        content_language = site.languages.of_content_path(page.file.src_uri) or build_language
        shown_as = site.languages.source_path(page.file.src_uri)
        try:
            _meta, body, first_line = frontmatter.split(page.file.content_string, shown_as)
        except SiteError as error:
            raise PluginError(str(error)) from None
        found, problems = blocks.find_blocks(body, first_line, shown_as)
        selections = []
        for block in found:
            chosen, more = blocks.select(block, self.data, shown_as, schedule)
            problems += more
            selections.append((block, chosen))
        self._report(problems)
        if not found:
            return markdown
        context = blocks.Context(
            code=content_language.code,
            formatter=self._formatter(site, content_language.code),
            page_url=page.file.url,
            page_url_of=lambda path: _url_if_written(site, path, build_language),
            downloads=self._downloads(site, build_language),
            schedule=schedule,
        )
        rendered = iter(blocks.render(block, chosen, context) for block, chosen in selections)
        self.shown_events[page.file.src_uri] = [
            occurrence
            for block, chosen in selections
            if block.dataset == "su-kien"
            for occurrence in blocks.shown_occurrences(block, chosen, schedule)
        ]
        # The same scan over the text MkDocs hands us (front matter removed): the n-th block
        # line here is the n-th block found above.
        return blocks.replace_blocks(markdown, lambda: next(rendered))

    # After the core plugin's on_page_context (-100), which computes the canonical URL.
    @event_priority(-110)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        assert self.data is not None and self.schedule is not None
        site = core(config)
        assert site.languages is not None
        build_language = site.current_language(config)
        content_language = site.languages.of_content_path(page.file.src_uri) or build_language
        path = _page_path(site, page.file.src_uri)
        head = page_context(context).get("seo")
        info = jsonld.PageInfo(
            url=head.canonical if head else seo.absolute(site.site_url, page.file.url),
            title=str(page.meta.get("title") or page.title or ""),
            description=str(page.meta.get("description") or "").strip(),
            code=content_language.code,
            site_name=config.site_name,
            site_url=seo.absolute(site.site_url, build_language.prefix),
        )
        formatter = self._formatter(site, content_language.code)
        about = self.data.for_page(path)
        # The events the page shows, and those whose own page it is (a festival's page).
        events = list(self.shown_events.get(page.file.src_uri, []))
        events += self.schedule.all(r for r in about if r.dataset.name == "su-kien")

        def absolute_url(target: str) -> str | None:
            url = _url_if_written(site, target, build_language)
            return seo.absolute(site.site_url, url) if url is not None else None

        document = jsonld.page_graph(
            info,
            [record for record in about if record.dataset.name != "su-kien"],
            events,
            formatter,
            absolute_url,
            self.schedule.today,
        )
        page_context(context)["structured_data"] = [jsonld.script_json(document)]
        return context

    # ---- helpers ----------------------------------------------------------------------------

    def _formatter(self, site: TravinhPlugin, code: str) -> Formatter:
        """The language's formats, with the units and label separator of the glossary."""
        terms = self.glossary
        units = (
            {unit: text[code] for unit, text in terms.units.items() if code in text}
            if terms
            else {}
        )
        separator = terms.label.get(code, ":") if terms else ":"
        return Formatter.for_language(code, site.texts[code], units, separator)

    def _report(self, problems: list[Problem]) -> None:
        for problem in problems:
            message = str(problem)
            if message not in self.reported:  # a fallback page is rendered once per language
                self.reported.add(message)
                log.warning(message)

    @staticmethod
    def _export_context(
        site: TravinhPlugin, language: Language, schedule: Schedule
    ) -> exports.ExportContext:
        return exports.ExportContext(
            code=language.code,
            site_url=site.site_url,
            page_url_of=lambda path: _url_if_written(site, path, language),
            texts=site.texts[language.code],
            schedule=schedule,
        )

    @staticmethod
    def _downloads(site: TravinhPlugin, language: Language) -> blocks.Downloads:
        prefix = language.prefix
        return blocks.Downloads(
            {
                "khu-dau-tu": (
                    ("CSV", prefix + exports.AREAS_CSV),
                    ("JSON", prefix + exports.AREAS_JSON),
                ),
                "su-kien": (("iCalendar (.ics)", prefix + exports.EVENTS_FEED),),
            },
            event_files=prefix + exports.EVENT_FILES,
        )


def required_texts() -> list[str]:
    """The interface texts (overrides/strings.yml) the data blocks and exports use."""
    keys = [
        "data.sources",
        "data.column.figures",
        "data.events.year",
        "data.events.recurring",
        "data.events.upcoming",
        "data.events.none",
        "data.events.ics",
        "data.calendar.name",
        "data.downloads.title",
        "data.qualifier.about",
        "data.qualifier.more_than",
    ]
    keys += [f"data.downloads.{name}" for name in ("khu-dau-tu", "su-kien")]
    for name in blocks.SHOWN_IN_PAGES:
        for spec in DATASETS[name].fields:
            if spec.name in (
                "page",
                "source",
                "summary",
                "description",
                "start",
                "end",
                "dates",
                "locality",
                "region",
            ):
                continue
            if spec.name == "expected":  # the note of an expected date; the time of year
                keys += [f"data.expected.{choice}" for choice in spec.choices]
                keys.append(f"data.expected.{MID_APRIL}.when")
                continue
            if spec.kind is Kind.CHOICE:
                keys += [f"data.{spec.name}.{choice}" for choice in spec.choices]
            keys.append(spec.label_key)
            if spec.unit.startswith("data.unit."):
                keys.append(spec.unit)
    return sorted(set(keys))


def _url_if_written(site: TravinhPlugin, page: str, language: Language) -> str | None:
    """The page's URL in ``language``, or None while the page does not exist."""
    assert site.catalogue is not None
    return seo.page_url(page, language) if page in site.catalogue.translated else None


def _page_path(site: TravinhPlugin, src_uri: str) -> str:
    """ "km/du-lich/x.md" -> "du-lich/x.md" (the page, whatever its language)."""
    assert site.languages is not None
    language = site.languages.of_content_path(src_uri)
    return src_uri.removeprefix(f"{language.code}/") if language else src_uri
