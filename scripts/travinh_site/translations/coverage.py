"""Translation coverage: the state of every page in every language, in pages and in words.

The Vietnamese folder is the source. For each of its pages and each other language of the table
a translation is in one of these states:

=============  =================================================================================
translated     exists, finished, made from the source as it is now (its stamp's hash matches)
stale          exists, but the source changed since it was made (the hashes differ)
missing        no file at the same path in the language's folder
draft          exists with ``translation: {status: draft}``: started, not finished (the site
               shows the source instead, as for a missing page)
orphan         a translation whose source page is gone (deleted, or renamed: the report says
               to what, found by the stamp's hash or by git's rename detection)
error          the file cannot be read (not UTF-8, broken front matter, no title)
=============  =================================================================================

Staleness is decided by the stamp's hash (see ``stamps``) and needs no git history. A translation
without a stamp (written before stamps existed, or by hand) is judged by git's dates where there
is history (stale when its source was committed after it, as date-based trackers do) and
counted as translated otherwise; either way the report says it is unstamped. Where git has the
source as it was when the translation was made, a stale page lists what changed since, section
by section (see ``source_diff``).

Coverage per language (and per site section, the first folder of a page's path) is the share of
source pages, and of source words, whose translation is ``translated``.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import yaml

from travinh_site.content import frontmatter, posts, stamps
from travinh_site.content.languages import Language, Languages, markdown_files
from travinh_site.errors import Problem, SiteError
from travinh_site.translations.cache import AnalysisCache
from travinh_site.translations.checks import (
    CHECKS,
    Finding,
    PageText,
    check_nav,
    check_translation,
    read_page,
    require_title,
)
from travinh_site.translations.history import Change, History
from travinh_site.translations.source_diff import SectionChange, compare

TRANSLATED = "translated"
STALE = "stale"
MISSING = "missing"
DRAFT = "draft"
ORPHAN = "orphan"
ERROR = "error"
STATES = (TRANSLATED, STALE, MISSING, DRAFT, ORPHAN, ERROR)

# How the state of an existing translation was decided.
BY_STAMP = "stamp"  # the stamp's hash against the source's: exact
BY_GIT_DATES = "git-dates"  # no stamp: the source's last commit against the translation's
UNSTAMPED = "unstamped"  # no stamp and no history: counted as translated, unverified

COMMIT_LENGTH = 12  # hex digits of a commit id written into stamps and reports


@dataclass(frozen=True)
class SourcePage:
    page: str  # "du-lich/ao-ba-om.md"
    file: str  # "docs/du-lich/ao-ba-om.md"
    title: str
    words: int
    hash: str | None  # None when the file could not be read
    # The languages a news post is published in ('languages: [vi]': Vietnamese only); None for
    # every language. A translation it is not published in is not expected, so not missing.
    published_in: tuple[str, ...] | None = None
    last_change: Change | None = None

    def expects(self, code: str) -> bool:
        return self.published_in is None or code in self.published_in

    @property
    def section(self) -> str:
        """The site section: the page's first folder ("du-lich"), "" for top-level pages."""
        folder, slash, _rest = self.page.partition("/")  # asked for every row of every table
        return folder if slash else ""


@dataclass
class Status:
    """One page in one language."""

    page: str
    language: str
    state: str
    file: str  # the translation's file, as editors know it ("docs_km/du-lich/ao-ba-om.md")
    source_file: str  # "docs/du-lich/ao-ba-om.md" (for an orphan: where its source was)
    words: int = 0  # the source's words (0 for an orphan)
    basis: str | None = None  # BY_STAMP, BY_GIT_DATES or UNSTAMPED for existing files
    stamp: stamps.Stamp | None = None
    source_hash: str | None = None  # the source's hash now
    changes: list[SectionChange] = field(default_factory=list)
    note: str = ""  # why there is no diff, what a rename became, what to do
    renamed_to: str | None = None  # orphan: the source's new page path
    line: int = 1  # where to point an annotation in ``file``

    @property
    def is_current(self) -> bool:
        return self.state == TRANSLATED


@dataclass(frozen=True)
class Summary:
    pages: int
    pages_current: int
    words: int
    words_current: int
    states: Mapping[str, int]

    @property
    def page_percent(self) -> float:
        return 100.0 if not self.pages else 100.0 * self.pages_current / self.pages

    @property
    def word_percent(self) -> float:
        return 100.0 if not self.words else 100.0 * self.words_current / self.words


@dataclass(frozen=True)
class GitInfo:
    available: bool
    shallow: bool
    head: str | None
    reason: str
    calls: int


@dataclass
class Report:
    languages: Languages
    sources: dict[str, SourcePage]
    statuses: list[Status]  # every source page x translated language, then orphans
    findings: list[Finding]
    errors: list[Problem]
    git: GitInfo
    section_labels: dict[str, str] = field(default_factory=dict)  # "du-lich" -> "Du lịch"
    analysed: int = 0  # source pages analysed in this run (the others came from the cache)

    @property
    def targets(self) -> list[Language]:
        """The translated languages (every language but the source's)."""
        return list(self.languages.translations)

    @property
    def sections(self) -> list[str]:
        return sorted({source.section for source in self.sources.values()})

    def status(self, page: str, code: str) -> Status | None:
        return self._index.get((page, code))

    def in_state(self, state: str) -> list[Status]:
        return [status for status in self.statuses if status.state == state]

    def needs_work(self, page: str) -> bool:
        """Whether a translation of ``page`` exists but is not current (missing, stale, ...)."""
        return any(
            (status := self.status(page, language.code)) is not None and not status.is_current
            for language in self.targets
        )

    def summary(self, code: str, section: str | None = None) -> Summary:
        rows = [
            status
            for status in self.statuses
            if status.language == code
            and status.state != ORPHAN
            and (section is None or self.sources[status.page].section == section)
        ]
        orphans = sum(
            1 for status in self.statuses if status.language == code and status.state == ORPHAN
        )
        states = Counter(status.state for status in rows)
        if section is None and orphans:
            states[ORPHAN] = orphans
        current = [status for status in rows if status.is_current]
        return Summary(
            pages=len(rows),
            pages_current=len(current),
            words=sum(status.words for status in rows),
            words_current=sum(status.words for status in current),
            states={state: states.get(state, 0) for state in STATES},
        )

    def findings_of(self, check: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.check == check]

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], Status]:
        return {(s.page, s.language): s for s in self.statuses if s.state != ORPHAN}


@dataclass(frozen=True)
class Navigation:
    """The navigation's labels (with their line in mkdocs.yml) and their translations."""

    labels: tuple[tuple[str, int], ...] = ()
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    section_labels: Mapping[str, str] = field(default_factory=dict)  # folder -> label


# ---- the check ----------------------------------------------------------------------------------


PARALLEL_FROM = 400  # source pages; below this, starting processes costs more than it saves


def check(
    project: Path,
    languages: Languages,
    navigation: Navigation | None = None,
    *,
    site_url: str = "",
    use_git: bool = True,
    checks: Iterable[str] = CHECKS,
    workers: int | None = None,
    cache: Path | None = None,
) -> Report:
    """Read every content folder of ``project`` and report the state of every translation.

    Pages are analysed (read, hashed, counted, checked) in ``workers`` processes (default: one
    per available processor) when there are many, and the analyses kept in the ``cache``
    file (if given) by content hash; git and the diffs are done here after.
    """
    enabled = frozenset(checks)
    source = languages.default
    pages = sorted(markdown_files(project / source.content_dir))
    store = AnalysisCache(cache)
    # Hashing every file is only worth it when there is a cache to look the hashes up in.
    keys = (
        {page: _page_key(project, languages, page, site_url, enabled) for page in pages}
        if cache
        else {}
    )
    # The cached analyses (JSON data), None for a page not in the cache.
    known: dict[str, Any] = (
        {page: store.get(key) for page, key in keys.items()} if cache else dict.fromkeys(pages)
    )
    missing = [page for page, data in known.items() if data is None]
    # Processes for the analyses and the diffs, started once (and only for many pages).
    with _Workers(workers) as pool:
        fresh = _analyse_all(project, languages, site_url, enabled, missing, pool)
        if cache:
            for result in fresh:
                store.put(keys[result.page], _result_data(result))
            store.save()
        by_page = {result.page: result for result in fresh}
        results = [by_page.get(page) or _result_of(known[page]) for page in pages]
        errors = [error for result in results for error in result.errors]
        findings = [finding for result in results for finding in result.findings]
        source_pages = {
            result.page: result.source
            or SourcePage(result.page, f"{source.content_dir}/{result.page}", "", 0, None)
            for result in results
        }
        statuses = [
            _state(
                result.page, source_pages[result.page], language, result.versions.get(language.code)
            )
            for language in languages.translations
            for result in results
            if source_pages[result.page].expects(language.code) or language.code in result.versions
        ]
        orphans = _orphans(project, languages, source_pages, errors)
        order = {language.content_dir: index for index, language in enumerate(languages)}
        errors.sort(key=lambda error: (order.get(error.file.split("/", 1)[0], 0), error.file))

        history = (
            History.open(project) if use_git else History(project, reason="--no-git was given")
        )
        _use_history(history, statuses, orphans, source_pages, project, languages, pool)
        _explain_orphans(orphans, statuses, source_pages, history, languages)
        if navigation is not None and "nav-label" in enabled:
            findings.extend(check_nav(navigation.labels, navigation.translations, languages))

        git = GitInfo(
            history.available, history.shallow, history.head, history.reason, history.calls
        )
        return Report(
            languages,
            source_pages,
            statuses + orphans,
            findings,
            errors,
            git,
            dict(navigation.section_labels) if navigation else {},
            analysed=len(missing),
        )


@dataclass(frozen=True)
class _Version:
    """A translation file as the analysis found it."""

    broken: bool
    stamp: stamps.Stamp | None = None


@dataclass
class _PageResult:
    page: str
    source: SourcePage | None  # None when the source cannot be read
    versions: dict[str, _Version]  # language code -> its file (absent: missing)
    findings: list[Finding]
    errors: list[Problem]


_BROKEN = object()


def _page_key(
    project: Path, languages: Languages, page: str, site_url: str, enabled: frozenset[str]
) -> str:
    """The hash of everything a page's analysis depends on: its files, in every language."""
    digest = hashlib.sha1(f"{site_url}\0{','.join(sorted(enabled))}\0{page}".encode())
    for language in languages:
        digest.update(f"\0{language.code}\0{language.content_dir}\0".encode())
        try:
            digest.update((project / language.content_dir / page).read_bytes())
        except FileNotFoundError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def _result_data(result: _PageResult) -> dict[str, Any]:
    """A page's analysis as JSON-compatible data (for the cache)."""
    source = result.source
    return {
        "source": [
            source.file,
            source.title,
            source.words,
            source.hash,
            list(source.published_in) if source.published_in is not None else None,
        ]
        if source
        else None,
        "versions": {
            code: [
                version.broken,
                [
                    version.stamp.source_hash,
                    version.stamp.source_commit,
                    version.stamp.draft,
                    version.stamp.summary,
                ]
                if version.stamp
                else None,
            ]
            for code, version in result.versions.items()
        },
        "findings": [
            [
                f.check,
                f.language,
                f.page,
                f.problem.file,
                f.problem.problem,
                f.problem.fix,
                f.problem.line,
                f.problem.problem_vi,
                f.problem.fix_vi,
            ]
            for f in result.findings
        ],
        "errors": [
            [e.file, e.problem, e.fix, e.line, e.problem_vi, e.fix_vi] for e in result.errors
        ],
        "page": result.page,
    }


def _result_of(data: dict[str, Any]) -> _PageResult:
    source = data["source"]
    return _PageResult(
        page=data["page"],
        source=SourcePage(
            data["page"],
            source[0],
            source[1],
            source[2],
            source[3],
            tuple(source[4]) if source[4] is not None else None,
        )
        if source
        else None,
        versions={
            code: _Version(broken, stamps.Stamp(*stamp) if stamp else None)
            for code, (broken, stamp) in data["versions"].items()
        },
        findings=[
            Finding(check, language, page, Problem(*problem))
            for check, language, page, *problem in data["findings"]
        ],
        errors=[Problem(*error) for error in data["errors"]],
    )


_T = TypeVar("_T")
_R = TypeVar("_R")


class _Workers:
    """Processes that run a task over lists of items (pages, diffs): forked on first use when
    there are enough items to pay for them, and kept for the next task."""

    def __init__(self, workers: int | None) -> None:
        if workers is None:
            workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        can_fork = "fork" in multiprocessing.get_all_start_methods()
        self.workers = workers if can_fork else 1
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *_exception: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def map(self, task: Callable[[list[_T]], list[_R]], items: list[_T], minimum: int) -> list[_R]:
        """``task`` over ``items``: here for fewer than ``minimum`` items, else in chunks in
        the processes (results in no particular order)."""
        if self.workers <= 1 or len(items) < minimum:
            return task(items)
        if self._pool is None:
            # fork shares the loaded modules with the workers (the command line has no
            # threads, so forking is safe)
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
        # Interleaved chunks balance the work.
        count = self.workers * 4
        chunks = [items[start::count] for start in range(count)]
        return [result for chunk in self._pool.map(task, chunks) for result in chunk]


def _analyse_all(
    project: Path,
    languages: Languages,
    site_url: str,
    enabled: frozenset[str],
    pages: list[str],
    pool: _Workers,
) -> list[_PageResult]:
    task = functools.partial(_analyse, project, languages, site_url, enabled)
    results = pool.map(task, pages, PARALLEL_FROM)
    return sorted(results, key=lambda result: result.page)


def _analyse(
    project: Path,
    languages: Languages,
    site_url: str,
    enabled: frozenset[str],
    pages: list[str],
) -> list[_PageResult]:
    """Read, hash, count and check each source page and its translations."""
    results = []
    source = languages.default
    for page in pages:
        errors: list[Problem] = []
        findings: list[Finding] = []
        versions: dict[str, _Version] = {}
        text = _read(project, source, page, errors)
        source_page = None
        if isinstance(text, PageText):
            source_page = SourcePage(
                page,
                text.shown_as,
                text.title,
                text.words,
                stamps.hash_of(text.meta, text.body),
                _published_in(page, text.meta, languages),
            )
        for language in languages.translations:
            translation = _read(project, language, page, errors)
            if translation is None:
                continue
            if not isinstance(translation, PageText):
                versions[language.code] = _Version(broken=True)
                continue
            stamp = stamps.read_stamp(translation.meta)
            versions[language.code] = _Version(broken=False, stamp=stamp)
            if isinstance(text, PageText) and not stamp.draft:
                findings += check_translation(
                    text, translation, language, languages, site_url, enabled
                )
        results.append(_PageResult(page, source_page, versions, findings, errors))
    return results


def _published_in(
    page: str, meta: Mapping[str, Any], languages: Languages
) -> tuple[str, ...] | None:
    """The languages a news post says it is published in (content.posts), the source's first."""
    chosen = meta.get("languages")
    if not posts.is_post(page) or not isinstance(chosen, list) or not chosen:
        return None
    codes = {str(code) for code in chosen} | {languages.default.code}
    return tuple(code for code in languages.codes if code in codes)


def _read(
    project: Path, language: Language, page: str, errors: list[Problem]
) -> PageText | object | None:
    """The page's file in ``language`` parsed; None if there is none; _BROKEN (and its
    problems added to ``errors``) if it cannot be read."""
    path = project / language.content_dir / page
    if not path.is_file():
        return None
    shown_as = f"{language.content_dir}/{page}"
    try:
        text = read_page(frontmatter.read_text(path, shown_as), shown_as, page)
        if language.default or not stamps.read_stamp(text.meta).draft:
            require_title(text)
    except SiteError as error:
        errors.extend(error.problems)
        return _BROKEN
    return text


def _orphans(
    project: Path,
    languages: Languages,
    source_pages: Mapping[str, SourcePage],
    errors: list[Problem],
) -> list[Status]:
    """Translations whose source page does not exist."""
    source = languages.default
    orphans = []
    for language in languages.translations:
        for page in markdown_files(project / language.content_dir):
            if page in source_pages:
                continue
            text = _read(project, language, page, errors)
            stamp = stamps.read_stamp(text.meta) if isinstance(text, PageText) else None
            orphans.append(
                Status(
                    page,
                    language.code,
                    ORPHAN,
                    f"{language.content_dir}/{page}",
                    f"{source.content_dir}/{page}",
                    stamp=stamp,
                )
            )
    return orphans


def _state(
    page: str, source_page: SourcePage, language: Language, version: _Version | None
) -> Status:
    status = Status(
        page,
        language.code,
        MISSING,
        f"{language.content_dir}/{page}",
        source_page.file,
        words=source_page.words,
        source_hash=source_page.hash,
    )
    if (version is not None and version.broken) or source_page.hash is None:
        status.state = ERROR
        return status
    if version is None or version.stamp is None:
        return status
    stamp = version.stamp
    status.stamp = stamp
    if stamp.draft:
        status.state = DRAFT
    elif stamp.source_hash:
        status.basis = BY_STAMP
        status.state = TRANSLATED if stamp.source_hash == source_page.hash else STALE
    else:
        status.basis = UNSTAMPED  # refined with git's dates where there is history
        status.state = TRANSLATED
    return status


def _use_history(
    history: History,
    statuses: list[Status],
    orphans: list[Status],
    source_pages: dict[str, SourcePage],
    project: Path,
    languages: Languages,
    pool: _Workers,
) -> None:
    """Dates for unstamped translations, and the old source text for the diffs of stale ones.

    At most four git calls for the whole project (see ``history.MAX_CALLS``).
    """
    stale = [status for status in statuses if status.state == STALE]
    unstamped = [status for status in statuses if status.basis == UNSTAMPED]
    if not history.available:
        for status in stale:
            status.note = f"no history for a diff ({history.reason})."
        return
    wanted = {status.source_file for status in stale + unstamped}
    wanted |= {status.file for status in unstamped}
    wanted |= {status.source_file for status in orphans}
    folders = [language.content_dir for language in languages]
    history.read_changes(folders, wanted)
    for page, source_page in source_pages.items():
        change = history.last_change.get(source_page.file)
        if change is not None:
            source_pages[page] = replace(source_page, last_change=change)
    for status in unstamped:
        mine = history.last_change.get(status.file)
        theirs = history.last_change.get(status.source_file)
        if mine is not None and theirs is not None:
            if history.shallow and mine.commit == theirs.commit:
                continue  # the clone's one commit: their real dates are not known
            status.basis = BY_GIT_DATES
            if theirs.timestamp > mine.timestamp:
                status.state = STALE
                status.note = (
                    f"no stamp: its source was committed ({theirs.commit[:COMMIT_LENGTH]}) after "
                    f"it ({mine.commit[:COMMIT_LENGTH]})."
                )
    _add_diffs(history, stale, project, languages, pool)


def _add_diffs(
    history: History,
    stale: list[Status],
    project: Path,
    languages: Languages,
    pool: _Workers,
) -> None:
    """Each stale page's changes since the source version its stamp names.

    The stamp's commit is tried first; the text found there must have the stamp's hash (a
    rebase or an uncommitted edit can make a commit id wrong). Otherwise, the source's past
    versions are searched for one with the stamp's hash. Git is asked here; the pages are
    read and compared in the processes.
    """
    by_commit = {
        number: f"{status.stamp.source_commit}:{status.source_file}"
        for number, status in enumerate(stale)
        if status.stamp and status.stamp.source_commit
    }
    texts = history.texts(by_commit.values())
    old_texts: dict[int, str] = {}
    for number, request in by_commit.items():
        text = texts.get(request)
        stamp = stale[number].stamp  # one, with a commit: see by_commit
        if text is not None and stamp is not None and _hash_matches(stamp.source_hash, text):
            old_texts[number] = text
    searching = {
        status.source_file: status.stamp.source_hash
        for number, status in enumerate(stale)
        if number not in old_texts and status.stamp and status.stamp.source_hash
    }
    found = history.find_version(searching, _hash_matches) if searching else {}
    # One job per source version: its translations made from it are compared together
    # (the source and its old version read and cut into sections once).
    jobs: dict[tuple[str, str], _DiffJob] = {}
    for number, status in enumerate(stale):
        text = old_texts.get(number) or found.get(status.source_file, (None, None))[1]
        if text is None:
            why = "shallow clone" if history.shallow else "not in this repository's history"
            status.note = f"the source version it was made from is not available ({why})."
            continue
        job = jobs.setdefault(
            (status.source_file, text), _DiffJob(status.page, status.source_file, text)
        )
        job.translations.append((number, status.language))
    task = functools.partial(_diff, project, languages)
    for number, changes, note in pool.map(task, list(jobs.values()), DIFFS_PARALLEL_FROM):
        status = stale[number]
        if note:
            status.note = note
        if changes is None:
            continue
        status.changes = changes
        lines = [change.translation_line for change in changes if change.translation_line]
        if lines:
            status.line = min(lines)


DIFFS_PARALLEL_FROM = 50  # source versions; fewer are compared here


@dataclass
class _DiffJob:
    page: str
    source_file: str
    old_text: str  # the source as it was when these translations were made
    translations: list[tuple[int, str]] = field(default_factory=list)  # (number, language)


def _diff(
    project: Path, languages: Languages, jobs: list[_DiffJob]
) -> list[tuple[int, list[SectionChange] | None, str]]:
    """(number of the stale translation, its changes or None, a note) for each job's
    translations."""
    done: list[tuple[int, list[SectionChange] | None, str]] = []
    for job in jobs:
        try:
            old = read_page(job.old_text, job.source_file, job.page)
        except SiteError:
            note = "the source version it was made from cannot be read."
            done += [(number, None, note) for number, _language in job.translations]
            continue
        source = _read(project, languages.default, job.page, [])
        if not isinstance(source, PageText):
            done += [(number, None, "") for number, _language in job.translations]
            continue
        for number, code in job.translations:
            translation = _read(project, languages.get(code), job.page, [])
            if not isinstance(translation, PageText):
                translation = None
            done.append((number, compare(old, source, translation), ""))
    return done


def _hash_matches(expected: str | None, text: str) -> bool:
    try:
        return expected is not None and stamps.source_hash(text) == expected
    except SiteError:
        return False


def _explain_orphans(
    orphans: list[Status],
    statuses: list[Status],
    source_pages: dict[str, SourcePage],
    history: History,
    languages: Languages,
) -> None:
    """Say what became of each orphan's source: renamed (by hash, or by git) or deleted."""
    missing = {(s.page, s.language) for s in statuses if s.state == MISSING}
    by_hash: dict[str, list[str]] = {}
    for page, source_page in source_pages.items():
        if source_page.hash:
            by_hash.setdefault(source_page.hash, []).append(page)
    source_dir = languages.default.content_dir
    for orphan in orphans:
        target = None
        if orphan.stamp and orphan.stamp.source_hash:
            candidates = [
                page
                for page in by_hash.get(orphan.stamp.source_hash, [])
                if (page, orphan.language) in missing
            ]
            target = candidates[0] if len(candidates) == 1 else None
        if target is None:
            path = orphan.source_file
            seen = set()
            while path in history.renamed and path not in seen:
                seen.add(path)
                path = history.renamed[path]
            if path != orphan.source_file and path.startswith(f"{source_dir}/"):
                page = path[len(source_dir) + 1 :]
                target = page if page in source_pages else None
        language = languages.get(orphan.language)
        if target is None:
            orphan.note = (
                f"its source {orphan.source_file} no longer exists. Fix: delete this file, or "
                "restore the source page."
            )
            continue
        orphan.renamed_to = target
        new_file = f"{language.content_dir}/{target}"
        orphan.note = (
            f"its source was renamed to {source_dir}/{target}. Fix: move this file there "
            f"(git mv {orphan.file} {new_file})."
        )
        for status in statuses:
            if status.page == target and status.language == orphan.language:
                status.note = f"a translation is waiting at {orphan.file} (its source was renamed)."


# ---- marking translations current ---------------------------------------------------------------


def mark_current(
    project: Path, languages: Languages, files: Iterable[Path], *, use_git: bool = True
) -> list[str]:
    """Stamp each translation in ``files`` (or in the folders given) with its source's current
    hash (and commit, where git has the source as it is now); a draft becomes finished.

    Returns one line per file saying what was done; raises :class:`SiteError` (and changes
    nothing) when any file is not a translation of an existing source page.
    """
    targets = _translations_to_mark(project, languages, files)
    source = languages.default
    plans = []
    problems: list[Problem] = []
    for path, language, page in targets:
        shown_as = f"{language.content_dir}/{page}"
        source_file = f"{source.content_dir}/{page}"
        try:
            source_text = frontmatter.read_text(project / source_file, source_file)
            digest = stamps.source_hash(source_text, source_file)
            raw = path.read_bytes()
            # Never rewrite a file whose YAML is broken.
            meta = frontmatter.split(frontmatter.read_text(path, shown_as), shown_as)[0]
        except SiteError as error:
            problems.extend(error.problems)
            continue
        plans.append((path, shown_as, source_file, digest, raw, stamps.read_stamp(meta)))
    if problems:
        raise SiteError(*problems)

    commits: dict[str, str] = {}
    history = History.open(project) if use_git else History(project)
    if history.available:
        history.read_changes([source.content_dir], {plan[2] for plan in plans})
        requests = {
            plan[2]: f"{history.last_change[plan[2]].commit}:{plan[2]}"
            for plan in plans
            if plan[2] in history.last_change
        }
        texts = history.texts(requests.values())
        for _path, _shown, source_file, digest, _raw, _stamp in plans:
            committed = texts.get(requests.get(source_file, ""))
            if committed is not None and _hash_matches(digest, committed):
                commits[source_file] = requests[source_file].split(":", 1)[0][:COMMIT_LENGTH]

    done = []
    for path, shown_as, source_file, digest, raw, stamp in plans:
        commit = commits.get(source_file)
        # The other fields (summary: what the translation is) are kept; a draft is finished.
        current = replace(stamp, source_hash=digest, source_commit=commit, draft=False)
        _write_stamp(path, raw, current)
        where = f", commit {commit}" if commit else " (source not committed as it is now)"
        done.append(f"{shown_as}: marked current (source {source_file}, hash {digest}{where}).")
    return done


def _translations_to_mark(
    project: Path, languages: Languages, files: Iterable[Path]
) -> list[tuple[Path, Language, str]]:
    found = []
    problems = []
    source = languages.default
    for given in files:
        path = given if given.is_absolute() else Path.cwd() / given
        if not path.exists() and (project / given).exists():
            path = project / given
        path = path.resolve()
        shown = os.path.relpath(path, project) if path.is_relative_to(project) else str(given)
        shown = shown.replace(os.sep, "/")
        language = next(
            (
                language
                for language in languages
                if path == (project / language.content_dir).resolve()
                or path.is_relative_to((project / language.content_dir).resolve())
            ),
            None,
        )
        if language is None or language.default:
            folders = ", ".join(f"{lang.content_dir}/" for lang in languages if not lang.default)
            problems.append(
                Problem(
                    shown,
                    "is not a translation.",
                    f"give a file (or folder) inside {folders}; "
                    f"pages of {source.content_dir}/ are the sources.",
                    problem_vi="đây không phải là một bản dịch.",
                    fix_vi=f"ghi một tệp (hoặc thư mục) trong {folders}; các trang của "
                    f"{source.content_dir}/ là bản gốc.",
                )
            )
            continue
        folder = (project / language.content_dir).resolve()
        if path.is_dir():
            pages = [
                (file, language, page)
                for page, file in markdown_files(path).items()
                for page in [file.resolve().relative_to(folder).as_posix()]
            ]
        elif path.is_file() and path.suffix == ".md":
            pages = [(path, language, path.relative_to(folder).as_posix())]
        else:
            problems.append(
                Problem(
                    shown,
                    "does not exist.",
                    "check the path (a .md file or a folder).",
                    problem_vi="không tồn tại.",
                    fix_vi="kiểm tra lại đường dẫn (một tệp .md hoặc một thư mục).",
                )
            )
            continue
        for file, lang, page in pages:
            if not (project / source.content_dir / page).is_file():
                problems.append(
                    Problem(
                        f"{lang.content_dir}/{page}",
                        f"has no source: {source.content_dir}/{page} does not exist.",
                        "move the translation to the path of its source (see the coverage "
                        "report's orphans), or delete it.",
                        problem_vi=f"bản dịch không có bản gốc: {source.content_dir}/{page} "
                        "không tồn tại.",
                        fix_vi="chuyển bản dịch về đường dẫn của bản gốc (xem mục orphan của báo "
                        "cáo bản dịch), hoặc xóa nó.",
                    )
                )
            else:
                found.append((file, lang, page))
    if problems:
        raise SiteError(*problems)
    return found


def _write_stamp(path: Path, raw: bytes, stamp: stamps.Stamp) -> None:
    """Rewrite only the stamp, keeping the file's byte-order mark and line endings."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    updated = stamps.with_stamp(text.replace("\r\n", "\n"), stamp)
    if crlf:
        updated = updated.replace("\n", "\r\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + updated.encode("utf-8")
    temporary = path.with_name(f".{path.name}.stamping")
    temporary.write_bytes(data)
    os.replace(temporary, path)


# ---- the navigation of mkdocs.yml ---------------------------------------------------------------


def navigation_of(
    config_text: str, nav: list[Any] | None, i18n_languages: Iterable[Any]
) -> Navigation:
    """The nav labels of ``mkdocs.yml`` with their lines, and each language's translations."""
    labels: list[tuple[str, int]] = []
    section_labels: dict[str, str] = {}
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        root = None
    nav_node = None
    if isinstance(root, yaml.MappingNode):
        nav_node = next((v for k, v in root.value if k.value == "nav"), None)

    def walk(node: yaml.Node | None) -> None:
        if not isinstance(node, yaml.SequenceNode):
            return
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    labels.append((str(key.value), key.start_mark.line + 1))
                    walk(value)

    walk(nav_node)
    for entry in nav or []:
        if isinstance(entry, dict):
            for label, value in entry.items():
                folders = {
                    PurePosixPath(path).parts[0]
                    for path in _nav_paths(value)
                    if len(PurePosixPath(path).parts) > 1
                }
                if len(folders) == 1:
                    section_labels.setdefault(folders.pop(), str(label))
    translations = {
        entry.locale: dict(entry.nav_translations or {})
        for entry in i18n_languages
        if not entry.default
    }
    return Navigation(tuple(dict.fromkeys(labels)), translations, section_labels)


def _nav_paths(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [path for item in value for path in _nav_paths(item)]
    if isinstance(value, dict):
        return [path for item in value.values() for path in _nav_paths(item)]
    return []


# ---- the CI gate --------------------------------------------------------------------------------

FAILABLE = (STALE, MISSING, DRAFT, ORPHAN, *CHECKS)


@dataclass(frozen=True)
class Gate:
    """Thresholds per language code (percent of pages, of words) and what must not exist."""

    min_pages: Mapping[str, float] = field(default_factory=dict)
    min_words: Mapping[str, float] = field(default_factory=dict)
    fail_on: tuple[str, ...] = ()

    def failures(self, report: Report) -> list[str]:
        """One line per unmet condition (empty when all is clear)."""
        failed = []
        for language in report.targets:
            summary = report.summary(language.code)
            for kind, minimum, value in (
                ("pages", self.min_pages.get(language.code), summary.page_percent),
                ("words", self.min_words.get(language.code), summary.word_percent),
            ):
                if minimum is not None and value + 1e-9 < minimum:
                    failed.append(
                        f"{language.code} ({language.name}): {value:.1f}% of {kind} translated "
                        f"and current, below the minimum of {minimum:g}%."
                    )
        for what in self.fail_on:
            if what in STATES:
                count = sum(1 for status in report.statuses if status.state == what)
            else:
                count = len(report.findings_of(what))
            if count:
                failed.append(f"{count} × {what} (--fail-on {what}).")
        return failed


def parse_thresholds(text: str, languages: Languages) -> dict[str, float]:
    """ "en=100,km=90" -> {"en": 100.0, "km": 90.0}; a bare "95" applies to every language."""
    codes = [language.code for language in languages.translations]
    found: dict[str, float] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        code, separator, number = part.rpartition("=")
        try:
            value = float(number)
        except ValueError:
            raise ValueError(f"'{part}' is not CODE=PERCENT (for example en=100)") from None
        if not 0 <= value <= 100:
            raise ValueError(f"'{part}': the percentage must be between 0 and 100")
        if not separator:
            found.update(dict.fromkeys(codes, value))
        elif code in codes:
            found[code] = value
        else:
            raise ValueError(
                f"'{code}' is not a translated language of mkdocs.yml (known: {', '.join(codes)})"
            )
    return found
