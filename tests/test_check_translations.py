"""scripts/check_translations.py: formats, the JSON schema, exit codes, annotations, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import PROJECT, make_tiny_site
from tests.coverage_helpers import SCRIPT, git, page, run_cli, stamped

SCHEMA = json.loads(
    (
        PROJECT / "scripts/travinh_site/translations/schemas/translation-coverage.schema.json"
    ).read_text("utf-8")
)
SOURCE = page("Ao Bà Om", "Một ao cổ.", "# Ao Bà Om\n\nAo rộng khoảng 500 × 300 m.\n")
HOME = page("Trang chủ", "Trang chủ.", "# Trang chủ\n\nXin chào.\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """en: home translated, pond stale; km: home translated, pond missing; one km orphan."""
    root = tmp_path_factory.mktemp("cli") / "site"
    old_source = SOURCE.replace("500 × 300", "400 × 300")
    make_tiny_site(
        root,
        {
            "docs/index.md": HOME,
            "docs/du-lich/ao-ba-om.md": old_source,
            "docs_en/index.md": stamped(page("Home", "Home.", "# Home\n\nHello.\n"), HOME),
            "docs_km/index.md": stamped(page("ទំព័រដើម", "ទំព័រដើម។", "# ទំព័រដើម\n\nសួស្តី។\n"), HOME),
            "docs_en/du-lich/ao-ba-om.md": stamped(
                page("Ba Om Pond", "An old pond.", "# Ba Om Pond\n\nThe pond is 400 × 300 m.\n"),
                old_source,
            ),
            "docs_km/cu.md": page("ចាស់", "ចាស់។", "ចាស់។\n"),
        },
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Pages")
    (root / "docs/du-lich/ao-ba-om.md").write_text(SOURCE, encoding="utf-8")
    git(root, "commit", "-q", "-am", "Bigger pond", date="2025-02-01T10:00:00+07:00")
    return root


def config(root: Path) -> list[str]:
    return ["-f", str(root / "mkdocs.yml")]


def test_json_report_follows_its_schema(project):
    result = run_cli(*config(project), "--format", "json")
    data = json.loads(result.out)
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == 1
    assert data["coverage"]["en"]["page_percent"] == 50.0
    assert data["coverage"]["km"]["states"]["missing"] == 1
    pond = next(item for item in data["pages"] if item["page"] == "du-lich/ao-ba-om.md")
    assert pond["translations"]["en"]["state"] == "stale"
    assert pond["translations"]["en"]["changes"][0]["diff"] == (
        "… Ao Bà Om Ao rộng khoảng [-400-] {+500+} × 300 m."
    )
    assert data["orphans"] == [
        {
            "language": "km",
            "file": "docs_km/cu.md",
            "source_file": "docs/cu.md",
            "renamed_to": None,
            "note": "its source docs/cu.md no longer exists. Fix: delete this file, or restore "
            "the source page.",
        }
    ]
    assert data["gate"] == {"passed": True, "failures": []}
    assert result.code == 0


def test_the_schema_rejects_a_report_that_breaks_it(project):
    data = json.loads(run_cli(*config(project), "--format", "json").out)
    data["pages"][0]["translations"]["en"]["state"] = "done"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        ([], 0, ""),
        (["--min-coverage", "50"], 0, ""),
        (
            ["--min-coverage", "en=100,km=40"],
            1,
            "Gate failed: en (English): 50.0% of pages translated and current, below the "
            "minimum of 100%.",
        ),
        (
            ["--min-words", "km=60"],
            1,
            # 8 words of index.md out of 21 (index.md 8, du-lich/ao-ba-om.md 13)
            "Gate failed: km (ខ្មែរ): 38.1% of words translated and current, below the minimum "
            "of 60%.",
        ),
        (["--fail-on", "stale,orphan"], 1, "Gate failed: 1 × stale (--fail-on stale)."),
        (["--fail-on", "draft"], 0, ""),
        (
            ["--min-coverage", "fr=90"],
            2,
            "check_translations.py: error: 'fr' is not a translated language of mkdocs.yml "
            "(known: en, km).",
        ),
        (
            ["--fail-on", "stale,typos"],
            2,
            "check_translations.py: error: --fail-on: unknown 'typos' (choose from stale, missing, "
            "draft, orphan, front-matter, alt-text, image-missing, nav-label, "
            "identical-paragraph, script, cross-language-link, numbers).",
        ),
        (["--format", "yaml"], 2, "argument --format: invalid choice: 'yaml'"),
    ],
)
def test_exit_codes(project, arguments, code, message):
    result = run_cli(*config(project), "--format", "json", *arguments)
    assert result.code == code, result.err
    if message:
        assert message in result.err
    else:
        assert result.err == ""


def test_the_real_command_exits_with_its_code(project):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *config(project), "--fail-on", "missing"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Gate failed:\n  1 × missing (--fail-on missing).\n" in result.stdout
    assert "Traceback" not in result.stderr


def test_github_annotations(project):
    result = run_cli(*config(project), "--github", "--fail-on", "stale", "--color", "never")
    annotations = [line for line in result.out.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=docs_en/du-lich/ao-ba-om.md,line=8,title=Stale translation (English)::"
        "changed in the source since the translation: the introduction.",
        "::warning file=docs/du-lich/ao-ba-om.md,line=1,title=Missing translation (Khmer)::"
        "no Khmer translation: docs_km/du-lich/ao-ba-om.md does not exist.",
        "::warning file=docs_km/cu.md,line=1,title=Orphan translation (Khmer)::its source "
        "docs/cu.md no longer exists. Fix: delete this file, or restore the source page.",
        "::warning file=docs_en/du-lich/ao-ba-om.md,line=8,title=Translation check numbers "
        "(English)::docs_en/du-lich/ao-ba-om.md:8: numbers or dates of the Vietnamese text "
        "are missing here: '500' (this text has '400' instead?). Fix: check them against the "
        "source and write them the way this language does (digits kept, dates in full).",
    ]
    assert result.code == 1


def test_console_table_is_plain_unless_asked_and_markdown_summary(project):
    plain = run_cli(*config(project), "--color", "auto")
    assert "\x1b[" not in plain.out  # not a terminal
    assert "du-lich/ao-ba-om.md  ! stale         ✗ missing" in plain.out
    coloured = run_cli(*config(project), "--color", "always")
    assert "\x1b[33m! stale" in coloured.out
    summary = run_cli(*config(project), "--format", "markdown").out
    assert summary.startswith("## Translation coverage\n")
    assert "| English (`en`) | 1/2  50.0% | 8/21  38.1% | 1 | 1 | 0 | 0 | 0 | 0 |" in summary
    assert "| `du-lich/ao-ba-om.md` | 13 | ! stale | ✗ missing |" in summary


def test_html_dashboard_on_its_own(project, tmp_path):
    output = tmp_path / "report" / "coverage.html"
    result = run_cli(*config(project), "--format", "html", "-o", output)
    assert result.code == 0 and result.out == ""
    html = output.read_text(encoding="utf-8")
    assert '<html lang="vi">' in html and '<meta name="robots" content="noindex">' in html
    assert "Tiến độ bản dịch" in html and "Translation coverage" in html
    assert "<del>400</del>" in html and "<ins>500</ins>" in html
    assert "http" not in html.replace("https://json-schema", "")  # nothing fetched


ERROR_PAGES = {
    "docs/index.md": HOME,
    "docs/khong-tieu-de.md": "---\ndescription: Không có tiêu đề.\n---\n\nNội dung.\n",
    "docs/du-lich/ao-ba-om.md": SOURCE,
    "docs_en/index.md": "---\ntitle: Home\ndescription: [broken\n---\n\nHello.\n",
    "docs_en/du-lich/ao-ba-om.md": page("Ba Om Pond", "A pond.", "# Ba Om Pond\n"),
}


def test_input_errors_are_one_line_each_with_file_and_line(tmp_path):
    root = tmp_path / "site"
    make_tiny_site(root, ERROR_PAGES)
    (root / "docs_km/du-lich").mkdir(parents=True)
    (root / "docs_km/du-lich/ao-ba-om.md").write_bytes(
        "---\ntitle: ស្រះ\n---\n\nAo B".encode() + b"\xe0 Om\n"  # Latin-1, not UTF-8
    )
    result = run_cli(*config(root), "--no-git")
    assert result.code == 2
    # Each error is a Vietnamese line, then the English one indented (travinh_site.errors).
    lines = result.err.splitlines()
    english = [line.removeprefix("  ") for line in lines if line.startswith("  ")]
    vietnamese = [line for line in lines if not line.startswith("  ")]
    assert [line.split(": ", 1)[0] for line in vietnamese] == [
        line.split(": ", 1)[0] for line in english
    ]
    assert english[:2] == [
        "docs/khong-tieu-de.md:1: has no title. Fix: add a line 'title: …' (the page's title in "
        "its language) to the front matter between the two '---' lines at the top of the file.",
        # (YAML notices the unclosed '[' where the front matter ends)
        "docs_en/index.md:4: is not valid YAML, column 1: did not find expected ',' or ']'. "
        "Fix: close the list with ']', or put a value that starts with '[' in double quotes.",
    ]
    # (charset-normalizer's guess for so short a text is uncertain; the message says so)
    assert english[2].startswith(
        "docs_km/du-lich/ao-ba-om.md:5: is not saved as UTF-8 text. It looks like an older 8-bit "
        "encoding ("
    )
    assert english[2].endswith("Fix: open it in your editor and save it again with the encoding "
                               "'UTF-8' (in VS Code: click the encoding in the status bar, then "
                               "'Save with Encoding', 'UTF-8').")  # fmt: skip
    assert len(english) == 3
    assert "3 file(s) could not be read (see above)." in result.out
    json_result = run_cli(*config(root), "--no-git", "--format", "json")
    data = json.loads(json_result.out)
    jsonschema.validate(data, SCHEMA)
    assert [(e["file"], e["line"]) for e in data["errors"]] == [
        ("docs/khong-tieu-de.md", 1),
        ("docs_en/index.md", 4),
        ("docs_km/du-lich/ao-ba-om.md", 5),
    ]
    states = {
        (p["page"], code): t["state"]
        for p in data["pages"]
        for code, t in p["translations"].items()
    }
    assert states[("index.md", "en")] == "error"
    assert states[("khong-tieu-de.md", "en")] == "error"
    assert states[("du-lich/ao-ba-om.md", "km")] == "error"


def test_a_broken_configuration_is_an_input_error(tmp_path):
    result = run_cli("-f", tmp_path / "mkdocs.yml")
    assert result.code == 2
    assert result.err == (
        f"{tmp_path / 'mkdocs.yml'}: tệp không tồn tại. Cách sửa: ghi tệp mkdocs.yml của trang "
        "web sau -f.\n"
        f"  {tmp_path / 'mkdocs.yml'}: does not exist. Fix: give the site's mkdocs.yml with -f.\n"
    )


def test_only_the_language_plugin_is_loaded(project, tmp_path):
    # The check needs the language table and the navigation; the build's other plugins are
    # not started (a tenth of a second), so a mistake in their settings is the build's to
    # report. A mistake in the language plugin's settings stays the check's.
    site = tmp_path / "site"
    subprocess.run(["git", "clone", "-q", str(project), str(site)], check=True)
    mkdocs_yml = site / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    assert "  - travinh-images" in text
    mkdocs_yml.write_text(
        text.replace("  - travinh-images", "  - travinh-images:\n      avif_quality: high"),
        encoding="utf-8",
    )
    assert run_cli(*config(site), "--format", "json").code == 0
    mkdocs_yml.write_text(text.replace("content_dir: docs_km", "content_dir:"), encoding="utf-8")
    broken = run_cli(*config(site))
    assert broken.code == 2
    assert "language 'km' of the i18n plugin has no extra.content_dir." in broken.err
    mkdocs_yml.write_text(text + "\nnav: [\n", encoding="utf-8")  # not YAML: MkDocs says why
    unreadable = run_cli(*config(site))
    assert unreadable.code == 2
    assert "mkdocs.yml: cấu hình có lỗi (thông báo của MkDocs): " in unreadable.err
    assert "Traceback" not in unreadable.err


def test_mark_current_from_the_command_line(project, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(project), str(clone)], check=True)
    before = run_cli(*config(clone), "--format", "json")
    assert json.loads(before.out)["coverage"]["en"]["states"]["stale"] == 1
    orphan = run_cli(*config(clone), "--mark-current", clone / "docs_km/cu.md")
    assert orphan.code == 2
    assert orphan.err == (
        "docs_km/cu.md: bản dịch không có bản gốc: docs/cu.md không tồn tại. Cách sửa: chuyển "
        "bản dịch về đường dẫn của bản gốc (xem mục orphan của báo cáo bản dịch), hoặc xóa nó.\n"
        "  docs_km/cu.md: has no source: docs/cu.md does not exist. Fix: move the translation to "
        "the path of its source (see the coverage report's orphans), or delete it.\n"
        "Nothing was changed.\n"
    )
    source = run_cli(*config(clone), "--mark-current", clone / "docs/index.md")
    assert source.code == 2 and "\n  docs/index.md: is not a translation." in source.err
    done = run_cli(*config(clone), "--mark-current", clone / "docs_en/du-lich/ao-ba-om.md")
    assert done.code == 0
    assert done.out.startswith("docs_en/du-lich/ao-ba-om.md: marked current (source ")
    after = json.loads(run_cli(*config(clone), "--format", "json").out)
    assert after["coverage"]["en"]["page_percent"] == 100.0
