"""Input meant to hurt: links out of the project, special files, markup where text belongs.
Each is one clear problem (file, line where there is one, fix), a non-zero exit and nothing
published. (Unsafe HTML inside pages: test_safety.py; input that would hang or crash the build:
test_robustness.py.)"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DEFAULT_NAV, PROJECT, TinySite, make_tiny_site
from travinh_site.content import source_files

PAGE = "---\ntitle: {title}\ndescription: {description}\n---\n\n# Trang\n\n{body}\n"


def page(body: str = "Văn bản.", title: str = "Trang", description: str = "Mô tả.") -> str:
    return PAGE.format(title=title, description=description, body=body)


def refused(result, *lines: str) -> None:
    """The build failed with each of ``lines`` in its output and no traceback. (``make site``
    then leaves the previous site in place: test_site_build.)"""
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for line in lines:
        assert line in result.output, result.output


# ---- links and special files ------------------------------------------------------------------

# Columns: where the link is made (in the tiny project), what it points to, the English problem
# (after "<link>: "). "{project}" is the tiny project's folder.
LINKS_OUT = [
    (
        "docs/du-lich/env.txt",
        "/proc/self/environ",
        "is a symbolic link to '/proc/self/environ', "
        "a file of the build machine's system: publishing it could publish its secrets.",
    ),
    (
        "docs_en/passwd.txt",
        "/etc/passwd",
        "is a symbolic link to '/etc/passwd', outside the "
        "project's content and asset folders (docs/, docs_en/, docs_km/, assets/, overrides/)",
    ),
    (
        "docs_km/null.txt",
        "/dev/null",
        "is a symbolic link to '/dev/null', a file of the build machine's system",
    ),
    (
        "assets/stylesheets/x.css",
        "/etc/hostname",
        "is a symbolic link to '/etc/hostname', outside the project's content and asset folders",
    ),
    ("overrides/passwd.txt", "/etc/passwd", "is a symbolic link to '/etc/passwd', outside"),
    # A file of the project itself, but not content: its configuration, its secrets.
    (
        "docs/cau-hinh.txt",
        "../mkdocs.yml",
        "is a symbolic link to '../mkdocs.yml' "
        "({project}/mkdocs.yml), outside the project's content and asset folders",
    ),
    # A linked folder is refused as a whole, its files never listed.
    ("docs/etc", "/etc", "is a symbolic link to '/etc', outside"),
]


@pytest.mark.parametrize(("link", "target", "problem"), LINKS_OUT)
def test_a_link_out_of_the_content_folders_is_refused_and_nothing_published(
    tiny_site: TinySite, link: str, target: str, problem: str
):
    (tiny_site.root / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, tiny_site.root / link)
    result = tiny_site.build()
    refused(result, f"{link}: {problem.format(project=tiny_site.root)}", " Fix: ")
    assert not result.site.exists()  # stopped before MkDocs read (and copied) a file


@pytest.mark.parametrize(
    ("make", "problem", "problem_vi"),
    [
        (
            lambda root: (
                os.symlink("vong-b.md", root / "docs/vong-a.md"),
                os.symlink("vong-a.md", root / "docs/vong-b.md"),
            ),
            "docs/vong-a.md: is a symbolic link to 'vong-b.md' that loops back on itself.",
            "docs/vong-a.md: là một liên kết tượng trưng tới 'vong-b.md' vòng lại chính nó.",
        ),
        (
            lambda root: os.symlink("khong-co.md", root / "docs/mat.md"),
            "docs/mat.md: is a symbolic link to 'khong-co.md', which does not exist.",
            "docs/mat.md: là một liên kết tượng trưng tới 'khong-co.md', nơi không tồn tại.",
        ),
        (
            lambda root: os.mkfifo(root / "docs/ong.txt"),
            "docs/ong.txt: is a named pipe, not a file: the build cannot publish it.",
            "docs/ong.txt: là một đường ống có tên (named pipe), không phải một tệp",
        ),
    ],
    ids=["loop", "dangling", "fifo"],
)
def test_link_loops_missing_targets_and_special_files_are_one_line_each(
    tiny_site: TinySite, make, problem: str, problem_vi: str
):
    make(tiny_site.root)
    result = tiny_site.build()
    refused(result, problem, problem_vi, "nothing was built.")
    assert result.output.count(problem) == 1


def test_links_inside_the_content_folders_still_work(tiny_site: TinySite):
    # A page shared by two folders, and an image kept once in assets/.
    (tiny_site.root / "docs/ban-sao").mkdir()
    os.symlink("../du-lich/ao-ba-om.md", tiny_site.root / "docs/ban-sao/ao-ba-om.md")
    os.symlink("../assets/fonts/OFL.txt", tiny_site.root / "docs/giay-phep.txt")
    tiny_site.set_nav([*DEFAULT_NAV, {"Bản sao": [{"Ao": "ban-sao/ao-ba-om.md"}]}])
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    assert "Ao Bà Om" in result.text("ban-sao/ao-ba-om.html")
    assert result.text("giay-phep.txt").startswith("Copyright")


def test_the_check_walks_without_following_links_and_names_each_entry_once(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.md").write_text("x", encoding="utf-8")
    os.symlink("/etc", tmp_path / "docs/etc")
    os.symlink("..", tmp_path / "docs/up")  # the project itself: outside its content folders
    found = source_files.problems(tmp_path, [tmp_path / "docs"])
    assert [problem.file for problem in found] == ["docs/etc", "docs/up"]


def test_a_link_in_the_images_folder_is_never_read_by_the_image_pipeline(tmp_path: Path):
    project = make_tiny_site(tmp_path / "project").root
    (project / "assets/images").mkdir(parents=True)
    os.symlink("/etc/passwd", project / "assets/images/anh.jpg")
    (project / "assets/images/anh.jpg.yml").write_text("kind: illustration\n", encoding="utf-8")
    result = subprocess.run(
        [str(PROJECT / ".venv/bin/python"), str(PROJECT / "scripts/optimize_images.py"),
         "--check", "--config", str(project / "mkdocs.yml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "assets/images/anh.jpg: is a symbolic link to '/etc/passwd', outside" in result.stderr
    assert "root:" not in result.stderr and "Traceback" not in result.stderr


# ---- markup where plain text belongs ----------------------------------------------------------


def test_a_title_or_description_with_markup_is_refused(tiny_site: TinySite):
    tiny_site.write(
        "docs/index.md",
        page(title='"</title><script>alert(1)</script>"', description="'\"><b>x</b>'"),
    )
    result = tiny_site.build()
    refused(
        result,
        "docs/index.md:2: 'title' contains '<' or '>': it is shown as plain text",
        "docs/index.md:3: 'description' contains '<' or '>'",
        "docs/index.md:2: 'title' có ký tự '<' hoặc '>'",
    )


def test_a_menu_label_with_markup_is_refused_with_its_line(tiny_site: TinySite):
    tiny_site.set_nav([{"<img src=x onerror=alert(1)>": "index.md"}, *DEFAULT_NAV[1:]])
    result = tiny_site.build()
    config = (tiny_site.root / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(config, 1) if "onerror" in text)
    refused(
        result,
        f"mkdocs.yml:{line}: the menu label '<img src=x onerror=alert(1)>' contains '<' or '>'",
    )


def test_quotes_and_ampersands_in_a_description_stay_text_in_attributes(tiny_site: TinySite):
    description = 'Chùa "Cò" & ao Bà Om: nơi có cò trắng'
    tiny_site.write("docs/index.md", page(description=f"'{description}'"))
    result = tiny_site.build()
    assert result.returncode == 0, result.output
    html = result.text("index.html")
    escaped = "Chùa &#34;Cò&#34; &amp; ao Bà Om: nơi có cò trắng"
    assert f'<meta name="description" content="{escaped}">' in html
    assert f'<meta property="og:description" content="{escaped}">' in html
