"""The coverage report in every form it is read in.

- ``console``: a table for editors at a terminal (colours only on a terminal);
- ``json``: for programs, with a documented and versioned schema
  (``schemas/translation-coverage.schema.json``; ``schema_version`` changes only when a field
  is removed or changes meaning);
- ``markdown``: the job summary of a CI run;
- ``html``: a dashboard in Vietnamese with English that editors open in a browser (written
  into the site by the ``travinh-coverage`` plugin, or on its own);
- ``github``: one ``::warning``/``::error`` workflow command per problem, so that CI shows
  them on the lines of the files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from typing import Any

from jinja2 import Environment, select_autoescape

from travinh_site.content.languages import Language
from travinh_site.translations.checks import english_name
from travinh_site.translations.coverage import (
    DRAFT,
    ERROR,
    MISSING,
    ORPHAN,
    STALE,
    STATES,
    TRANSLATED,
    Report,
    Status,
    Summary,
)
from travinh_site.translations.source_diff import SectionChange

SCHEMA_VERSION = 1
FORMATS = ("console", "json", "markdown", "html")
LISTED_PAGES = 200  # rows of pages to work on in the Markdown summary (GitHub caps its size)

SYMBOLS = {TRANSLATED: "✓", STALE: "!", MISSING: "✗", DRAFT: "✎", ORPHAN: "?", ERROR: "‼"}
COLOURS = {TRANSLATED: "32", STALE: "33", MISSING: "31", DRAFT: "36", ORPHAN: "35", ERROR: "31;1"}
# The dashboard's words: Vietnamese first (the editors' language), English after.
LABELS = {
    TRANSLATED: ("Đã dịch", "Translated"),
    STALE: ("Cần cập nhật", "Stale"),
    MISSING: ("Chưa dịch", "Missing"),
    DRAFT: ("Bản nháp", "Draft"),
    ORPHAN: ("Mồ côi", "Orphan"),
    ERROR: ("Lỗi", "Error"),
}


def render(
    report: Report, output: str, gate_failures: list[str] | None = None, **options: Any
) -> str:
    renderers = {"console": console, "json": as_json, "markdown": markdown, "html": html}
    return renderers[output](report, gate_failures or [], **options)


# ---- JSON ---------------------------------------------------------------------------------------


def to_data(report: Report, gate_failures: Iterable[str] = ()) -> dict[str, Any]:
    """The report as plain data (the JSON format; see the schema for each field)."""
    source = report.languages.default
    return {
        "schema_version": SCHEMA_VERSION,
        "source_language": source.code,
        "languages": [
            {
                "code": language.code,
                "name": language.name,
                "content_dir": language.content_dir,
                "source": language.default,
            }
            for language in report.languages
        ],
        "git": {
            "available": report.git.available,
            "shallow": report.git.shallow,
            "head": report.git.head,
            "reason": report.git.reason,
        },
        "totals": {
            "pages": len(report.sources),
            "words": sum(source.words for source in report.sources.values()),
        },
        "coverage": {
            language.code: _summary_data(report.summary(language.code))
            for language in report.targets
        },
        "sections": [
            {
                "section": section,
                "label": report.section_labels.get(section),
                "coverage": {
                    language.code: _summary_data(report.summary(language.code, section))
                    for language in report.targets
                },
            }
            for section in report.sections
        ],
        "pages": [
            {
                "page": source.page,
                "file": source.file,
                "title": source.title,
                "section": source.section,
                "words": source.words,
                "source_hash": source.hash,
                "last_commit": source.last_change.commit if source.last_change else None,
                "translations": {
                    language.code: _status_data(report.status(source.page, language.code))
                    for language in report.targets
                },
            }
            for source in report.sources.values()
        ],
        "orphans": [
            {
                "language": status.language,
                "file": status.file,
                "source_file": status.source_file,
                "renamed_to": (
                    f"{source.content_dir}/{status.renamed_to}" if status.renamed_to else None
                ),
                "note": status.note,
            }
            for status in report.in_state(ORPHAN)
        ],
        "findings": [
            {
                "check": finding.check,
                "language": finding.language,
                "page": finding.page,
                "file": finding.problem.file,
                "line": finding.problem.line,
                "message": finding.problem.problem,
                "fix": finding.problem.fix,
            }
            for finding in report.findings
        ],
        "errors": [
            {"file": error.file, "line": error.line, "message": error.problem, "fix": error.fix}
            for error in report.errors
        ],
        "gate": {"passed": not list(gate_failures), "failures": list(gate_failures)},
    }


def _summary_data(summary: Summary) -> dict[str, Any]:
    return {
        "pages": summary.pages,
        "pages_current": summary.pages_current,
        "page_percent": round(summary.page_percent, 2),
        "words": summary.words,
        "words_current": summary.words_current,
        "word_percent": round(summary.word_percent, 2),
        "states": dict(summary.states),
    }


def _status_data(status: Status | None) -> dict[str, Any] | None:
    if status is None:
        return None
    stamp = status.stamp
    return {
        "state": status.state,
        "file": status.file,
        "basis": status.basis,
        "stamp": (
            {"source_hash": stamp.source_hash, "source_commit": stamp.source_commit}
            if stamp and (stamp.source_hash or stamp.source_commit)
            else None
        ),
        "line": status.line,
        "note": status.note,
        "changes": [
            {
                "section": change.section,
                "change": change.change,
                "diff": change.word_diff,
                "translation_line": change.translation_line,
            }
            for change in status.changes
        ],
    }


def as_json(report: Report, gate_failures: list[str], **_options: Any) -> str:
    return json.dumps(to_data(report, gate_failures), ensure_ascii=False, indent=2) + "\n"


# ---- console ------------------------------------------------------------------------------------


class _Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour and text else text

    def state(self, state: str, width: int = 0) -> str:
        text = f"{SYMBOLS[state]} {state}".ljust(width)
        return self(text, COLOURS[state])


def console(
    report: Report,
    gate_failures: list[str],
    *,
    colour: bool = False,
    list_all: bool = False,
    **_options: Any,
) -> str:
    style = _Style(colour)
    source = report.languages.default
    targets = report.targets
    lines = [
        style(f"Translation coverage of {source.content_dir}/ ({source.name})", "1")
        + f": {len(report.sources)} pages, "
        f"{sum(s.words for s in report.sources.values()):,} words"
    ]
    lines.append(_git_line(report))
    lines.append("")
    # Per language, then per section.
    header = f"{'Language':<22}{'Pages':>18}{'Words':>22}   " + "  ".join(state for state in STATES)
    lines.append(style(header, "1"))
    for language in targets:
        summary = report.summary(language.code)
        counts = "  ".join(
            style(str(summary.states[state]).rjust(len(state)), COLOURS[state])
            if summary.states[state] and state != TRANSLATED
            else str(summary.states[state]).rjust(len(state))
            for state in STATES
        )
        lines.append(
            f"{language.code + ' ' + language.name:<22}"
            f"{_fraction(summary.pages_current, summary.pages, summary.page_percent):>18}"
            f"{_fraction(summary.words_current, summary.words, summary.word_percent):>22}   "
            + counts
        )
    if len(report.sections) > 1:
        lines += ["", style("By section (pages, words)", "1")]
        for section in report.sections:
            label = _section_name(report, section)
            cells = []
            for language in targets:
                summary = report.summary(language.code, section)
                cells.append(
                    f"{language.code} {summary.page_percent:5.1f}% {summary.word_percent:5.1f}%"
                )
            lines.append(f"  {label:<30}" + "   ".join(cells))

    rows = [
        source_page
        for source_page in report.sources.values()
        if list_all or report.needs_work(source_page.page)
    ]
    width = max([len(row.page) for row in rows] + [4]) + 2
    lines.append("")
    if rows:
        title = "Pages" if list_all else "Pages to work on"
        lines.append(
            style(f"{title:<{width}}", "1")
            + "".join(style(f"{language.code:<16}", "1") for language in targets)
        )
        for row in rows:
            cells = []
            for language in targets:
                status = report.status(row.page, language.code)
                cells.append(style.state(status.state if status else ERROR, 16))
            lines.append(f"{row.page:<{width}}" + "".join(cells))
    current = sum(
        1
        for source_page in report.sources.values()
        if all(
            (status := report.status(source_page.page, language.code)) is not None
            and status.is_current
            for language in targets
        )
    )
    if not list_all and current:
        lines.append(
            style(f"{current} page(s) translated and current in every language", "2")
            + (" (--all lists them)." if rows else ".")
        )

    stale = report.in_state(STALE)
    if stale:
        lines += ["", style("Stale: what changed in the source", "1")]
        for status in stale:
            lines.append(f"  {status.file}:{status.line}: {_stale_headline(status)}")
            for change in status.changes:
                where = f" (translation line {change.translation_line})"
                where = where if change.translation_line else ""
                name = _change_name(change.section)
                lines.append(f"    {name} {change.change}{where}: {_console_diff(change, style)}")
    orphans = report.in_state(ORPHAN)
    if orphans:
        lines += ["", style("Orphans", "1")]
        lines += [f"  {status.file}: {status.note}" for status in orphans]
    waiting = [
        status
        for status in report.statuses
        if status.state == MISSING and status.note and status.state != ORPHAN
    ]
    lines += [f"  {status.file} (missing): {status.note}" for status in waiting]
    if report.findings:
        lines += ["", style(f"Checks ({len(report.findings)})", "1")]
        lines += [f"  {finding} [{finding.check}]" for finding in report.findings]
    if report.errors:  # the lines themselves go to standard error, like the build's
        lines += ["", style(f"{len(report.errors)} file(s) could not be read (see above).", "31;1")]
    lines.append("")
    if gate_failures:
        lines += [style("Gate failed:", "31;1")] + [f"  {failure}" for failure in gate_failures]
    return "\n".join(lines) + "\n"


def _git_line(report: Report) -> str:
    git = report.git
    if not git.available:
        return f"Staleness by stamp hashes; no git history ({git.reason})."
    head = (git.head or "")[:12]
    shallow = ", shallow clone: no diffs of older versions" if git.shallow else ""
    return f"Staleness by stamp hashes; git history at {head}{shallow}."


def _stale_headline(status: Status) -> str:
    if status.changes:
        names = ", ".join(_change_name(change.section) for change in status.changes)
        return f"changed in the source since the translation: {names}."
    return "the source changed since the translation; " + (status.note or "no details.")


def _change_name(section: str) -> str:
    if section in ("title", "description"):
        return section
    return f"'## {section}'" if section else "the introduction"


def _console_diff(change: SectionChange, style: _Style) -> str:
    parts = []
    for piece in change.pieces:
        if piece.kind == "removed":
            parts.append(style(f"[-{piece.text}-]", "31"))
        elif piece.kind == "added":
            parts.append(style(f"{{+{piece.text}+}}", "32"))
        elif piece.kind == "gap":
            parts.append("…")
        else:
            parts.append(piece.text)
    return " ".join(parts)


def _fraction(part: int, whole: int, percent: float) -> str:
    return f"{part:,}/{whole:,} {percent:5.1f}%"


def _section_name(report: Report, section: str) -> str:
    label = report.section_labels.get(section)
    name = f"{section}/" if section else "/ (top level)"
    return f"{name} ({label})" if label else name


# ---- Markdown (CI job summary) -------------------------------------------------------------------


def markdown(report: Report, gate_failures: list[str], **_options: Any) -> str:
    targets = report.targets
    source = report.languages.default
    lines = [
        "## Translation coverage",
        "",
        f"{len(report.sources)} source pages in `{source.content_dir}/` "
        f"({sum(s.words for s in report.sources.values()):,} words). {_git_line(report)}",
        "",
        "| Language | Pages translated and current | Words | "
        + " | ".join(f"{SYMBOLS[state]} {state}" for state in STATES)
        + " |",
        "|---|---:|---:|" + "---:|" * len(STATES),
    ]
    for language in targets:
        summary = report.summary(language.code)
        lines.append(
            f"| {language.name} (`{language.code}`) | "
            f"{_fraction(summary.pages_current, summary.pages, summary.page_percent)} | "
            f"{_fraction(summary.words_current, summary.words, summary.word_percent)} | "
            + " | ".join(str(summary.states[state]) for state in STATES)
            + " |"
        )
    if gate_failures:
        lines += ["", "**Gate failed:**", ""] + [f"- {failure}" for failure in gate_failures]
    if len(report.sections) > 1:
        lines += [
            "",
            "### By section",
            "",
            "| Section | "
            + " | ".join(f"{lang.code} pages | {lang.code} words" for lang in targets),
            "|---|" + "---:|---:|" * len(targets),
        ]
        for section in report.sections:
            cells = []
            for language in targets:
                summary = report.summary(language.code, section)
                cells += [f"{summary.page_percent:.1f}%", f"{summary.word_percent:.1f}%"]
            lines.append(f"| {_md(_section_name(report, section))} | " + " | ".join(cells) + " |")
    rows = [page for page in report.sources.values() if report.needs_work(page.page)]
    if rows:
        lines += [
            "",
            f"### Pages to work on ({len(rows)})",
            "",
            "| Page | Words | " + " | ".join(language.code for language in targets) + " |",
            "|---|---:|" + "---|" * len(targets),
        ]
        for page in rows[:LISTED_PAGES]:
            cells = [
                f"{SYMBOLS[status.state]} {status.state}"
                for language in targets
                if (status := report.status(page.page, language.code)) is not None
            ]
            lines.append(f"| `{page.page}` | {page.words:,} | " + " | ".join(cells) + " |")
        if len(rows) > LISTED_PAGES:
            lines.append(f"\n… and {len(rows) - LISTED_PAGES} more (see the JSON report).")
    stale = report.in_state(STALE)
    if stale:
        lines += ["", f"<details><summary>Stale: what changed ({len(stale)})</summary>", ""]
        for status in stale[:LISTED_PAGES]:
            lines.append(f"- `{status.file}`: {_md(_stale_headline(status))}")
            for change in status.changes:
                lines.append(
                    f"  - {_md(_change_name(change.section))} {change.change}: "
                    f"`{_code(change.word_diff)}`"
                )
        lines += ["", "</details>"]
    orphans = report.in_state(ORPHAN)
    if orphans:
        lines += ["", f"### Orphans ({len(orphans)})", ""]
        lines += [f"- `{status.file}`: {_md(status.note)}" for status in orphans]
    if report.findings:
        lines += ["", f"<details><summary>Checks ({len(report.findings)})</summary>", ""]
        lines += [f"- `{finding.check}` {_md(str(finding))}" for finding in report.findings[:500]]
        lines += ["", "</details>"]
    if report.errors:
        lines += ["", f"### Errors ({len(report.errors)})", ""]
        lines += [f"- {_md(str(error))}" for error in report.errors]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    return text.replace("`", "'")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


# ---- GitHub workflow commands -------------------------------------------------------------------


def github_annotations(report: Report, fail_on: Iterable[str] = ()) -> list[str]:
    """``::error``/``::warning``/``::notice`` lines, one per problem, on the file and line."""
    failing = set(fail_on)
    lines = []
    for error in report.errors:
        lines.append(_command("error", error.file, error.line, "Translation input error", error))
    for status in report.statuses:
        if status.state in (TRANSLATED, ERROR):  # an error: already reported just above
            continue
        language = report.languages.get(status.language)
        level = "error" if status.state in failing else "warning"
        if status.state == DRAFT:
            level = "error" if DRAFT in failing else "notice"
        title = f"{status.state.capitalize()} translation ({english_name(language.code)})"
        file, line, message = _annotation_of(status, language)
        lines.append(_command(level, file, line, title, message))
    for finding in report.findings:
        level = "error" if finding.check in failing else "warning"
        language = report.languages.get(finding.language)
        title = f"Translation check {finding.check} ({english_name(language.code)})"
        # One line each, in English like the state annotations above (the console, Markdown
        # and HTML reports give the Vietnamese too).
        english = finding.problem.english()
        lines.append(_command(level, finding.problem.file, finding.problem.line, title, english))
    return lines


def _annotation_of(status: Status, language: Language) -> tuple[str, int, str]:
    if status.state == MISSING:
        note = f" {status.note}" if status.note else ""
        return (
            status.source_file,
            1,
            f"no {english_name(language.code)} translation: {status.file} does not exist.{note}",
        )
    if status.state == STALE:
        return status.file, status.line, _stale_headline(status)
    if status.state == DRAFT:
        return status.file, 1, "a draft: the site shows the source page instead."
    return status.file, 1, status.note  # an orphan: the note says what became of its source


def _command(level: str, file: str, line: int | None, title: str, message: object) -> str:
    properties = [f"file={_property(file)}"]
    if line:
        properties.append(f"line={line}")
    properties.append(f"title={_property(title)}")
    return f"::{level} {','.join(properties)}::{_data(str(message))}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# ---- HTML dashboard -----------------------------------------------------------------------------


def html(
    report: Report,
    gate_failures: list[str],
    *,
    page_links: dict[str, dict[str, str]] | None = None,
    **_options: Any,
) -> str:
    """The dashboard (one self-contained file: no script, style inline, nothing fetched).

    ``page_links`` maps page -> language code -> URL (relative to the dashboard) when it is
    written into the built site, so that every state links to the page it describes.
    """
    environment = Environment(autoescape=select_autoescape(default=True), trim_blocks=True)
    template_text = (
        resources.files("travinh_site.translations")
        .joinpath("templates/translation-coverage.html")
        .read_text(encoding="utf-8")
    )
    template = environment.from_string(template_text)
    targets = report.targets
    pages = []
    for source in report.sources.values():
        statuses = [report.status(source.page, language.code) for language in targets]
        pages.append(
            {
                "source": source,
                "statuses": statuses,
                "todo": report.needs_work(source.page),
            }
        )
    return template.render(
        report=report,
        targets=targets,
        summaries={language.code: report.summary(language.code) for language in targets},
        sections=[
            {
                "name": _section_name(report, section),
                "summaries": {
                    language.code: report.summary(language.code, section) for language in targets
                },
            }
            for section in report.sections
        ],
        pages=pages,
        stale=report.in_state(STALE),
        orphans=report.in_state(ORPHAN),
        labels=LABELS,
        symbols=SYMBOLS,
        states=STATES,
        gate_failures=gate_failures,
        git_line=_git_line(report),
        page_links=page_links or {},
        change_name=_change_name,
        stale_headline=_stale_headline,
    )
