"""The editors' commands in a tiny site (a git repository in tmp_path): a new page, a new
section, a translation started (the site shows the Vietnamese page; the preview shows the
draft) and finished (the site shows the translation), each followed by a real build."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import PROJECT, TinySite, make_tiny_site
from travinh_site.content import stamps

DESCRIPTION = "Trang thử về một đền thờ trong vùng Trà Vinh."


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def command(site: TinySite, script: str, *args: str) -> Run:
    result = subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / script), *args, "--project", str(site.root)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def git(site: TinySite, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=site.root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def soup(site: TinySite, path: str, site_dir: str = "site") -> BeautifulSoup:
    return BeautifulSoup((site.root / site_dir / path).read_text("utf-8"), "html.parser")


def nav(site: TinySite) -> list:
    config = yaml.load((site.root / "mkdocs.yml").read_text("utf-8"), yaml.BaseLoader)
    return config["nav"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = make_tiny_site(tmp_path_factory.mktemp("scaffold") / "project")
    git(site, "init", "--quiet")
    git(site, "add", "-A")
    git(site, "commit", "--quiet", "-m", "tiny site")
    return site


@pytest.fixture(scope="module")
def new_page(site: TinySite) -> Run:
    return command(
        site, "new_page.py", "Đền thờ", "--section", "du-lich", "--description", DESCRIPTION
    )


def test_new_page_makes_an_ascii_file_name_fills_the_front_matter_and_adds_it_to_the_menu(
    site: TinySite, new_page: Run
):
    assert new_page.returncode == 0, new_page.stderr
    assert new_page.stdout == (
        "Đã tạo docs/du-lich/den-tho.md và thêm trang vào menu (mục 'Du lịch'). Mở tệp để viết "
        "nội dung; xem trước bằng 'make serve' tại http://127.0.0.1:8000/du-lich/den-tho.html\n"
        "  Created docs/du-lich/den-tho.md and added it to the menu ('Du lịch'). Open it to write "
        "the page; preview it with 'make serve' at http://127.0.0.1:8000/du-lich/den-tho.html\n"
    )
    assert (site.root / "docs/du-lich/den-tho.md").read_text("utf-8") == (
        f"---\ntitle: Đền thờ\ndescription: {DESCRIPTION}\n---\n\n# Đền thờ\n\n"
        "<!-- Viết nội dung trang ở đây (hướng dẫn: EDITING.md). Mỗi con số, ngày tháng và tên "
        'riêng cần có nguồn: ghi nguồn dưới tiêu đề "## Nguồn" ở cuối trang. -->\n'
    )
    assert {
        "Du lịch": [{"Ao Bà Om": "du-lich/ao-ba-om.md"}, {"Đền thờ": "du-lich/den-tho.md"}]
    } in (nav(site))


def test_a_page_in_a_new_section_gets_a_section_and_a_todo_for_its_description(
    site: TinySite, new_page: Run
):
    result = command(site, "new_page.py", "Dừa sáp Cầu Kè", "--section", "san-vat",
                     "--section-title", "Sản vật")  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (site.root / "docs/san-vat/dua-sap-cau-ke.md").read_text("utf-8")
    assert text.startswith(
        "---\ntitle: Dừa sáp Cầu Kè\ndescription: Dừa sáp Cầu Kè\ntodo:\n"
        "  - 'Viết phần mô tả (description): một hai câu, tối đa 160 ký tự.'\n---\n"
    )
    assert nav(site)[-1] == {"Sản vật": [{"Dừa sáp Cầu Kè": "san-vat/dua-sap-cau-ke.md"}]}


@pytest.mark.parametrize(
    ("script", "args", "vietnamese", "english"),
    [
        (
            "new_page.py",
            ["Đền thờ", "--section", "du-lich"],
            "docs/du-lich/den-tho.md: tệp này đã có. Cách sửa: mở tệp để sửa, hoặc chọn tên tệp "
            "khác bằng --slug.",
            "docs/du-lich/den-tho.md: already exists. Fix: open it to edit it, or choose another "
            "file name with --slug.",
        ),
        (
            "new_page.py",
            ["Chùa Âng", "--section", "du-lic"],
            "chưa có mục 'du-lic' (không có thư mục docs/du-lic/). Cách sửa: có phải ý bạn là "
            "'du-lich'? Để tạo mục mới, thêm --section-title 'Tên mục trong menu'.",
            "there is no section 'du-lic' (docs/du-lic/ does not exist). Fix: did you mean "
            "'du-lich'? To start a new section, add --section-title 'Its menu label'.",
        ),
        (
            "new_page.py",
            ["ស្រះ", "--section", "du-lich"],
            "không tạo được tên tệp ASCII từ tiêu đề 'ស្រះ'. Cách sửa: đặt tên tệp bằng --slug, "
            "ví dụ --slug chua-ang.",
            "no ASCII name can be made from the title 'ស្រះ'. Fix: give the file name with --slug, "
            "for example --slug chua-ang.",
        ),
        (
            "start_translation.py",
            ["docs/du-lich/den-tho.md", "--lang", "fr"],
            "'fr' không phải ngôn ngữ mà các trang được dịch sang. Cách sửa: dùng một trong các "
            "mã: en, km.",
            "'fr' is not a language the pages are translated into. Fix: use one of: en, km.",
        ),
        (
            "start_translation.py",
            ["docs/du-lich/den-th.md", "--lang", "km"],
            "docs/du-lich/den-th.md: tệp không tồn tại. Cách sửa: có phải ý bạn là "
            "'docs/du-lich/den-tho.md'?",
            "docs/du-lich/den-th.md: does not exist. Fix: did you mean 'docs/du-lich/den-tho.md'?",
        ),
        (
            "finish_translation.py",
            ["docs_en/du-lich/den-tho.md"],
            "docs_en/du-lich/den-tho.md: tệp không tồn tại: chưa có bản dịch nào để hoàn tất. Cách "
            "sửa: bắt đầu bằng lệnh: .venv/bin/python scripts/start_translation.py "
            "docs/du-lich/den-tho.md --lang en",
            "docs_en/du-lich/den-tho.md: does not exist: there is no translation to finish. Fix: "
            "start it with: .venv/bin/python scripts/start_translation.py docs/du-lich/den-tho.md "
            "--lang en",
        ),
    ],
)
def test_bad_input_is_one_clear_error_and_changes_nothing(
    site: TinySite, new_page: Run, script: str, args: list[str], vietnamese: str, english: str
):
    before = {
        p: p.read_bytes() for p in site.root.rglob("*") if p.is_file() and ".git" not in p.parts
    }
    result = command(site, script, *args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{vietnamese}\n  {english}\n"
    after = {
        p: p.read_bytes() for p in site.root.rglob("*") if p.is_file() and ".git" not in p.parts
    }
    assert after == before


@pytest.fixture(scope="module")
def started(site: TinySite, new_page: Run) -> Run:
    git(site, "add", "-A")
    git(site, "commit", "--quiet", "-m", "new page")
    return command(site, "start_translation.py", "docs/du-lich/den-tho.md", "--lang", "km")


def test_an_invalid_configuration_is_a_clear_error_not_a_traceback(tiny_site: TinySite):
    config = tiny_site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nuse_directory_urls: maybe\n", encoding="utf-8"
    )
    result = command(tiny_site, "new_page.py", "Chùa Âng", "--section", "du-lich")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml: cấu hình có lỗi (thông báo của MkDocs): " in result.stderr
    assert "use_directory_urls" in result.stderr  # MkDocs' own words name the setting
    assert not (tiny_site.root / "docs/du-lich/chua-ang.md").exists()


def test_start_translation_copies_the_page_stamped_with_its_source_as_a_draft(
    site: TinySite, started: Run
):
    assert started.returncode == 0, started.stderr
    source = (site.root / "docs/du-lich/den-tho.md").read_text("utf-8")
    commit = git(site, "log", "-1", "--format=%h", "--", "docs/du-lich/den-tho.md")
    translation = (site.root / "docs_km/du-lich/den-tho.md").read_text("utf-8")
    assert translation == source.replace(
        "\n---\n",
        f"\ntranslation:\n  source_hash: {stamps.source_hash(source)}\n"
        f"  source_commit: {stamps.frontmatter.scalar_text(commit)}\n  status: draft\n---\n",
        1,
    )
    again = command(site, "start_translation.py", "docs/du-lich/den-tho.md", "--lang", "km")
    assert again.returncode == 1
    assert again.stderr.endswith(
        "  docs_km/du-lich/den-tho.md: is already started. Fix: open it to go on translating.\n"
    )


def test_a_started_translation_is_untranslated_on_the_site_and_a_draft_in_the_preview(
    site: TinySite, started: Run, monkeypatch: pytest.MonkeyPatch
):
    result = site.build()
    assert result.returncode == 0, result.output
    page = soup(site, "km/du-lich/den-tho.html")
    assert page.select_one(".tv-untranslated") is not None
    assert page.select_one(".tv-draft") is None
    assert "km/du-lich/den-tho.html" not in result.text("sitemap.xml")

    monkeypatch.setenv("TRAVINH_PREVIEW", "true")  # what `make serve` sets
    preview = site.build(site_dir="preview")
    assert preview.returncode == 0, preview.output
    page = soup(site, "km/du-lich/den-tho.html", "preview")
    notice = page.select_one(".tv-draft")
    assert notice is not None and "សេចក្ដីព្រាងនៃការបកប្រែ" in notice.get_text()
    assert page.select_one(".tv-untranslated") is None
    assert page.select_one("html")["lang"] == "km"


@pytest.fixture(scope="module")
def finished(site: TinySite, started: Run) -> Run:
    path = site.root / "docs_km/du-lich/den-tho.md"
    text = path.read_text("utf-8")
    translated = text.replace("title: Đền thờ", "title: ទីសក្ការៈ").replace(
        f"description: {DESCRIPTION}", "description: ទំព័រសាកល្បង៖ ទីសក្ការៈមួយនៅតំបន់ត្រាវិញ។"
    )
    translated = translated[: translated.index("# Đền thờ")] + "# ទីសក្ការៈ\n\nអត្ថបទសាកល្បង។\n"
    path.write_text(translated, encoding="utf-8")
    return command(site, "finish_translation.py", "docs_km/du-lich/den-tho.md")


def test_finish_translation_drops_the_draft_mark_and_labels_the_menu(
    site: TinySite, started: Run, finished: Run
):
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout == (
        "Đã hoàn tất docs_km/du-lich/den-tho.md: trang được xuất bản tại km/du-lich/den-tho.html "
        "trong lần tạo trang web tiếp theo.\n"
        "  Finished docs_km/du-lich/den-tho.md: it is published at km/du-lich/den-tho.html from "
        "the next build on.\n"
        "Tên trong menu: 'ទីសក្ការៈ' (đã thêm vào mkdocs.yml).\n"
        "  Menu label: 'ទីសក្ការៈ' (added to mkdocs.yml).\n"
    )
    meta = yaml.safe_load(
        (site.root / "docs_km/du-lich/den-tho.md").read_text("utf-8").split("---")[1]
    )
    stamp = stamps.read_stamp(meta)
    assert not stamp.draft and stamp.source_hash == stamps.source_hash(
        (site.root / "docs/du-lich/den-tho.md").read_text("utf-8")
    )
    config = yaml.load((site.root / "mkdocs.yml").read_text("utf-8"), yaml.BaseLoader)
    (i18n,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    (khmer,) = [language for language in i18n["languages"] if language["locale"] == "km"]
    assert khmer["nav_translations"]["Đền thờ"] == "ទីសក្ការៈ"


def test_add_to_nav_lists_a_page_written_by_hand(site: TinySite, finished: Run):
    site.write(
        "docs/du-lich/tu-viet.md", "---\ntitle: Trang tự viết\ndescription: Thử.\n---\n# T\n"
    )
    result = command(site, "new_page.py", "--add-to-nav", "docs/du-lich/tu-viet.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "docs/du-lich/tu-viet.md có trong menu (mục 'Du lịch').\n"
        "  docs/du-lich/tu-viet.md is in the menu ('Du lịch').\n"
    )
    (tourism,) = [entry["Du lịch"] for entry in nav(site) if "Du lịch" in entry]
    assert tourism[-1] == {"Trang tự viết": "du-lich/tu-viet.md"}


def test_a_finished_translation_is_published(site: TinySite, finished: Run):
    result = site.build(site_dir="finished")
    assert result.returncode == 0, result.output
    page = soup(site, "km/du-lich/den-tho.html", "finished")
    assert page.select_one(".tv-untranslated") is None and page.select_one(".tv-draft") is None
    assert page.h1.get_text(strip=True).startswith("ទីសក្ការៈ")
    menu = [link.get_text(strip=True) for link in page.select("nav.md-nav--primary a")]
    assert "ទីសក្ការៈ" in menu
    assert "km/du-lich/den-tho.html" in result.text("sitemap.xml")
    vietnamese = soup(site, "du-lich/den-tho.html", "finished")
    assert vietnamese.h1.get_text(strip=True).startswith("Đền thờ")


def test_a_short_menu_label_needs_its_translation_named(site: TinySite, finished: Run):
    (site.root / "docs_en/du-lich").mkdir(parents=True, exist_ok=True)
    started = command(site, "start_translation.py", "docs/du-lich/den-tho.md", "--lang", "en")
    assert started.returncode == 0, started.stderr
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "- Đền thờ: du-lich/den-tho.md", "- Đền: du-lich/den-tho.md"
        ),
        encoding="utf-8",
    )
    refused = command(site, "finish_translation.py", "docs_en/du-lich/den-tho.md")
    assert refused.returncode == 1
    assert refused.stderr.split("\n")[1].endswith(
        "the menu shows this page as 'Đền', which is not its title; its label in English cannot "
        "be guessed. Fix: add --nav-label '...' with the English menu label."
    )
    done = command(
        site, "finish_translation.py", "docs_en/du-lich/den-tho.md", "--nav-label", "Shrine"
    )
    assert done.returncode == 0, done.stderr
    assert "  Menu label: 'Shrine' (added to mkdocs.yml).\n" in done.stdout
