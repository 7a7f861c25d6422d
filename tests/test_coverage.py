"""Translation states, figures and history (travinh_site.translations.coverage) on git repositories
in tmp_path.

The repository has two commits. The first has four source pages and their translations; the
second edits a section of gioi-thieu.md, renames du-lich/chua-ang.md to chua-angkor.md and
deletes cu.md. Resulting states:

==========================  ==========================  ==========================
page                        en                          km
==========================  ==========================  ==========================
index.md                    translated (stamp)          translated (stamp)
gioi-thieu.md               stale (stamp, diff)         stale (no stamp: git dates)
du-lich/ao-ba-om.md         draft                       missing
du-lich/chua-angkor.md      missing (translation at     missing
                            the old path)
orphans                     du-lich/chua-ang.md         du-lich/chua-ang.md
                            (renamed: found by hash),   (renamed: found by git)
                            cu.md (source deleted)
==========================  ==========================  ==========================
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES
from tests.coverage_helpers import git, page, stamped, write
from travinh_site.content import frontmatter, stamps
from travinh_site.translations import coverage
from travinh_site.translations.coverage import check, mark_current
from travinh_site.translations.history import MAX_CALLS

# Words counted by hand: title + description + prose (tokens with a letter; "#" and
# "1.009.168" are not words).
INDEX = page("Trang chủ", "Trang chủ của vùng.", "# Trang chủ\n\nVùng đất có 140 ngôi chùa.\n")
INDEX_WORDS = 2 + 4 + 2 + 5
INTRO_V1 = page(
    "Giới thiệu",
    "Giới thiệu vùng.",
    "# Giới thiệu\n\nĐoạn mở đầu ngắn.\n\n## Dân số\n\nDân số là 1.009.168 người.\n\n"
    "## Nguồn\n\n- Báo Trà Vinh.\n",
)
INTRO_V2 = INTRO_V1.replace("1.009.168 người.", "1.009.168 người (năm 2019).")
INTRO_WORDS = 2 + 3 + 2 + 4 + 2 + 5 + 1 + 3  # v2: "(năm" is a word, "2019)." is not
POND = page("Ao Bà Om", "Một ao cổ.", "# Ao Bà Om\n\nAo rộng khoảng 500 × 300 m.\n")
POND_WORDS = 3 + 3 + 3 + 4
PAGODA = page("Chùa Âng", "Một ngôi chùa Khmer.", "# Chùa Âng\n\nChùa cổ của người Khmer.\n")
PAGODA_WORDS = 2 + 4 + 2 + 5
TOTAL_WORDS = INDEX_WORDS + INTRO_WORDS + POND_WORDS + PAGODA_WORDS

EN_INDEX = page("Home", "Home of the area.", "# Home\n\nThe area has 140 pagodas.\n")
KM_INDEX = page("ទំព័រដើម", "ទំព័រដើមនៃតំបន់។", "# ទំព័រដើម\n\nតំបន់នេះមានវត្ត 140។\n")
EN_INTRO = page(
    "About",
    "About the area.",
    "# About\n\nA short opening.\n\n## Population\n\nThe population is 1,009,168.\n\n"
    "## Sources\n\n- Tra Vinh newspaper.\n",
)
KM_INTRO = page(
    "អំពីតំបន់",
    "អំពីតំបន់នេះ។",
    "# អំពីតំបន់\n\nសេចក្ដីផ្ដើមខ្លី។\n\n## ប្រជាជន\n\nប្រជាជនមាន 1,009,168 នាក់។\n\n"
    "## ប្រភព\n\n- កាសែតត្រាវិញ។\n",
)
EN_PAGODA = page("Ang Pagoda", "A Khmer pagoda.", "# Ang Pagoda\n\nAn old Khmer pagoda.\n")
KM_PAGODA = page("វត្តអង្គ", "វត្តខ្មែរមួយ។", "# វត្តអង្គ\n\nវត្តចាស់របស់ខ្មែរ។\n")


def build_repository(root: Path) -> dict[str, str]:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write(
        root,
        {
            "docs/index.md": INDEX,
            "docs/gioi-thieu.md": INTRO_V1,
            "docs/du-lich/ao-ba-om.md": POND,
            "docs/du-lich/chua-ang.md": PAGODA,
            "docs/cu.md": page("Trang cũ", "Cũ.", "Cũ.\n"),
            "docs_en/index.md": stamped(EN_INDEX, INDEX),
            "docs_km/index.md": stamped(KM_INDEX, INDEX),
            "docs_km/gioi-thieu.md": KM_INTRO,  # no stamp: judged by git's dates
            "docs_en/du-lich/ao-ba-om.md": EN_PAGODA.replace(
                "title: Ang Pagoda", "title: Ba Om Pond\ntranslation:\n  status: draft"
            ),
            "docs_en/du-lich/chua-ang.md": stamped(EN_PAGODA, PAGODA),
            "docs_km/du-lich/chua-ang.md": KM_PAGODA,
            "docs_en/cu.md": page("Old", "Old.", "Old.\n"),
        },
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "First pages", date="2025-01-01T10:00:00+07:00")
    first = git(root, "rev-parse", "HEAD")
    write(root, {"docs_en/gioi-thieu.md": stamped(EN_INTRO, INTRO_V1, commit=first[:12])})
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "English intro", date="2025-01-02T10:00:00+07:00")
    write(root, {"docs/gioi-thieu.md": INTRO_V2})
    git(root, "mv", "docs/du-lich/chua-ang.md", "docs/du-lich/chua-angkor.md")
    git(root, "rm", "-q", "docs/cu.md")
    git(
        root,
        "commit",
        "-q",
        "-am",
        "Population year, pagoda renamed",
        date="2025-02-01T10:00:00+07:00",
    )
    return {"first": first, "last": git(root, "rev-parse", "HEAD")}


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("coverage") / "site"
    return root, build_repository(root)


def states(report) -> dict[tuple[str, str], str]:
    return {(status.page, status.language): status.state for status in report.statuses}


def test_every_state_with_history(repository):
    root, _commits = repository
    report = check(root, LANGUAGES)
    assert states(report) == {
        ("index.md", "en"): "translated",
        ("index.md", "km"): "translated",
        ("gioi-thieu.md", "en"): "stale",
        ("gioi-thieu.md", "km"): "stale",
        ("du-lich/ao-ba-om.md", "en"): "draft",
        ("du-lich/ao-ba-om.md", "km"): "missing",
        ("du-lich/chua-angkor.md", "en"): "missing",
        ("du-lich/chua-angkor.md", "km"): "missing",
        ("du-lich/chua-ang.md", "en"): "orphan",
        ("du-lich/chua-ang.md", "km"): "orphan",
        ("cu.md", "en"): "orphan",
    }
    bases = {(s.page, s.language): s.basis for s in report.statuses if s.basis}
    assert bases == {
        ("index.md", "en"): "stamp",
        ("index.md", "km"): "stamp",
        ("gioi-thieu.md", "en"): "stamp",
        ("gioi-thieu.md", "km"): "git-dates",
    }
    assert report.errors == []
    assert report.git.available and not report.git.shallow
    assert report.git.calls <= MAX_CALLS


def test_figures_in_pages_and_words_per_language_and_section(repository):
    root, _commits = repository
    report = check(root, LANGUAGES)
    assert [source.words for source in report.sources.values()] == [
        POND_WORDS,  # du-lich/ao-ba-om.md
        PAGODA_WORDS,  # du-lich/chua-angkor.md
        INTRO_WORDS,  # gioi-thieu.md
        INDEX_WORDS,  # index.md
    ]
    english = report.summary("en")
    assert (english.pages, english.pages_current) == (4, 1)
    assert (english.words, english.words_current) == (TOTAL_WORDS, INDEX_WORDS)
    assert english.page_percent == 25.0
    assert english.word_percent == pytest.approx(100 * INDEX_WORDS / TOTAL_WORDS)
    assert dict(english.states) == {
        "translated": 1,
        "stale": 1,
        "missing": 1,
        "draft": 1,
        "orphan": 2,
        "error": 0,
    }
    assert dict(report.summary("km").states) == {
        "translated": 1,
        "stale": 1,
        "missing": 2,
        "draft": 0,
        "orphan": 1,
        "error": 0,
    }
    assert report.sections == ["", "du-lich"]
    top = report.summary("en", "")
    assert (top.pages, top.pages_current, top.words, top.words_current) == (
        2,
        1,
        INDEX_WORDS + INTRO_WORDS,
        INDEX_WORDS,
    )
    travel = report.summary("km", "du-lich")
    assert (travel.pages, travel.pages_current, travel.word_percent) == (2, 0, 0.0)


def test_a_stale_page_shows_the_changed_section_with_a_word_diff(repository):
    root, _commits = repository
    report = check(root, LANGUAGES)
    english = report.status("gioi-thieu.md", "en")
    assert [(c.section, c.change, c.word_diff) for c in english.changes] == [
        # six words of context before the change ("##" is left out with "…")
        ("Dân số", "changed", "… Dân số Dân số là 1.009.168 [-người.-] {+người (năm 2019).+}")
    ]
    # The translation's "## Population" (line 13, after its 3-line stamp) is the matching
    # section; the annotation points there.
    assert english.changes[0].translation_line == 13
    assert english.line == 13
    # Without a stamp the km page was judged by dates, so there is no version to diff from.
    khmer = report.status("gioi-thieu.md", "km")
    assert khmer.changes == []
    assert khmer.note.startswith("no stamp: its source was committed (")


def test_orphans_say_what_their_source_became(repository):
    root, _commits = repository
    report = check(root, LANGUAGES)
    orphans = {(s.file): s for s in report.statuses if s.state == "orphan"}
    by_hash = orphans["docs_en/du-lich/chua-ang.md"]
    by_git = orphans["docs_km/du-lich/chua-ang.md"]
    deleted = orphans["docs_en/cu.md"]
    assert by_hash.renamed_to == by_git.renamed_to == "du-lich/chua-angkor.md"
    assert by_hash.note == (
        "its source was renamed to docs/du-lich/chua-angkor.md. Fix: move this file there "
        "(git mv docs_en/du-lich/chua-ang.md docs_en/du-lich/chua-angkor.md)."
    )
    assert deleted.renamed_to is None
    assert deleted.note == (
        "its source docs/cu.md no longer exists. Fix: delete this file, or restore the source page."
    )
    waiting = report.status("du-lich/chua-angkor.md", "en")
    assert waiting.note == (
        "a translation is waiting at docs_en/du-lich/chua-ang.md (its source was renamed)."
    )


def test_a_shallow_clone_keeps_staleness_exact(repository, tmp_path):
    root, _commits = repository
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)],
        check=True,
        capture_output=True,
    )
    full = check(root, LANGUAGES)
    shallow = check(clone, LANGUAGES)
    assert shallow.git.available and shallow.git.shallow
    stamped_states = {
        key: value
        for key, value in states(full).items()
        if (status := full.status(*key)) is None or status.basis != "git-dates"
    }
    assert {key: states(shallow)[key] for key in stamped_states} == stamped_states
    english = shallow.status("gioi-thieu.md", "en")
    assert english.state == "stale"
    assert english.changes == []
    assert english.note == ("the source version it was made from is not available (shallow clone).")
    # The one commit of the clone dates both files: without a stamp nothing can be known.
    assert shallow.status("gioi-thieu.md", "km").basis == "unstamped"
    orphan = next(s for s in shallow.statuses if s.file == "docs_en/du-lich/chua-ang.md")
    assert orphan.renamed_to == "du-lich/chua-angkor.md"  # the stamp's hash needs no history


def test_without_git_the_stamps_still_decide(repository):
    root, _commits = repository
    report = check(root, LANGUAGES, use_git=False)
    assert report.git.calls == 0 and not report.git.available
    assert states(report)[("gioi-thieu.md", "en")] == "stale"
    assert (
        report.status("gioi-thieu.md", "en").note == "no history for a diff (--no-git was given)."
    )
    assert report.status("gioi-thieu.md", "km").basis == "unstamped"


def test_a_rebase_that_changes_the_commit_id_still_finds_the_version_by_hash(tmp_path):
    root = tmp_path / "site"
    build_repository(root)
    text = (root / "docs_en/gioi-thieu.md").read_text(encoding="utf-8")
    (root / "docs_en/gioi-thieu.md").write_text(
        text.replace("source_commit: ", "source_commit: 0000"), encoding="utf-8"
    )
    report = check(root, LANGUAGES)
    assert [change.section for change in report.status("gioi-thieu.md", "en").changes] == ["Dân số"]
    assert report.git.calls <= MAX_CALLS


def test_git_is_asked_a_bounded_number_of_times_whatever_the_number_of_pages(tmp_path):
    root = tmp_path / "many"
    root.mkdir()
    git(root, "init", "-q")
    files = {}
    for number in range(60):
        source = page(f"Trang {number}", "Mô tả.", f"# Trang {number}\n\nNội dung.\n")
        files[f"docs/p{number}.md"] = source
        files[f"docs_en/p{number}.md"] = stamped(page(f"Page {number}", "Text.", "Body.\n"), source)
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Pages")
    for number in range(60):
        files[f"docs/p{number}.md"] += "\nThêm.\n"
    write(root, files)
    git(root, "commit", "-q", "-am", "All changed", date="2025-03-01T10:00:00+07:00")
    report = check(root, LANGUAGES)
    assert report.summary("en").states["stale"] == 60
    assert all(status.changes for status in report.statuses if status.state == "stale")
    assert report.git.calls <= MAX_CALLS


def test_mark_current_stamps_only_the_block_and_ends_a_draft(repository, tmp_path):
    root, commits = repository
    clone = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    target = clone / "docs_en/gioi-thieu.md"
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))  # an editor on Windows
    draft = clone / "docs_en/du-lich/ao-ba-om.md"
    lines = mark_current(clone, LANGUAGES, [target, draft])
    source_hash = check(clone, LANGUAGES).sources["gioi-thieu.md"].hash
    assert lines[0] == (
        f"docs_en/gioi-thieu.md: marked current (source docs/gioi-thieu.md, hash {source_hash}, "
        f"commit {commits['last'][:12]})."
    )
    assert target.read_bytes() == stamped(EN_INTRO, INTRO_V2, commit=commits["last"][:12]).replace(
        "\n", "\r\n"
    ).encode("utf-8")
    report = check(clone, LANGUAGES)
    assert report.status("gioi-thieu.md", "en").state == "translated"
    assert report.status("du-lich/ao-ba-om.md", "en").state == "translated"
    assert "status: draft" not in draft.read_text(encoding="utf-8")


def test_mark_current_keeps_the_summary_mark(repository, tmp_path):
    root, _commits = repository
    clone = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    target = clone / "docs_en/gioi-thieu.md"
    text = target.read_text(encoding="utf-8")
    old = stamps.read_stamp(frontmatter.split(text, "x")[0])
    target.write_text(
        stamps.with_stamp(text, dataclasses.replace(old, summary=True)), encoding="utf-8"
    )
    mark_current(clone, LANGUAGES, [target])
    stamp = stamps.read_stamp(frontmatter.split(target.read_text(encoding="utf-8"), "x")[0])
    assert stamp.summary is True
    assert (
        stamp.source_hash
        == check(clone, LANGUAGES).sources["gioi-thieu.md"].hash
        != (old.source_hash)
    )


def test_processes_give_the_report_of_one_process(repository, monkeypatch: pytest.MonkeyPatch):
    # Large sites are analysed and their diffs compared in forked processes; here every
    # threshold is lowered so that this small one is too.
    root, _commits = repository
    monkeypatch.setattr(coverage, "PARALLEL_FROM", 1)
    monkeypatch.setattr(coverage, "DIFFS_PARALLEL_FROM", 1)
    spawned: list[int] = []
    pool_class = coverage.ProcessPoolExecutor

    def counted_pool(workers: int, **options: object) -> object:
        spawned.append(workers)
        return pool_class(workers, **options)

    monkeypatch.setattr(coverage, "ProcessPoolExecutor", counted_pool)
    alone = check(root, LANGUAGES, workers=1)
    assert spawned == []
    together = check(root, LANGUAGES, workers=2)
    assert spawned == [2]  # one pool for the analyses and the diffs
    assert together.statuses == alone.statuses  # states, notes, lines and word diffs
    assert together.findings == alone.findings
    assert together.sources == alone.sources
    assert together.status("gioi-thieu.md", "en").changes


def test_the_cache_gives_the_same_report_and_misses_an_edited_page(tmp_path):
    root = tmp_path / "site"
    build_repository(root)
    cache = tmp_path / "cache.json"
    cold = check(root, LANGUAGES, cache=cache)
    warm = check(root, LANGUAGES, cache=cache)
    assert cache.is_file()
    assert cold.analysed == len(cold.sources) > 1
    assert warm.analysed == 0  # everything from the cache
    assert states(warm) == states(cold)
    assert [str(f) for f in warm.findings] == [str(f) for f in cold.findings]
    assert [s.words for s in warm.sources.values()] == [s.words for s in cold.sources.values()]
    assert warm.status("gioi-thieu.md", "en").changes  # diffs are never cached
    (root / "docs_en/index.md").write_text(
        stamped(EN_INDEX.replace("140", "150"), INDEX), encoding="utf-8"
    )
    edited = check(root, LANGUAGES, cache=cache)
    assert edited.analysed == 1  # only the page whose English file changed
    before = {f.problem.english() for f in cold.findings}
    # line 8: "# Home", where the section with the number starts
    new = [f.problem.english() for f in edited.findings]
    assert [english for english in new if english not in before] == [
        "docs_en/index.md:8: numbers or dates of the Vietnamese text are missing here: '140' "
        "(this text has '150' instead?). Fix: check them against the source and write them the "
        "way this language does (digits kept, dates in full)."
    ]
