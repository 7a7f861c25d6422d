"""The import contract of pyproject.toml (ARCHITECTURE.md): packages are layered, and an import
that runs back up is caught."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import PROJECT

LINT_IMPORTS = PROJECT / ".venv" / "bin" / "lint-imports"


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts, on the package found in ``package_parent``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(PROJECT / "pyproject.toml"), "--no-cache"],
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(package_parent)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_package_keeps_its_layers():
    result = lint_imports(PROJECT / "scripts")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_import_that_runs_back_up_breaks_the_contract(tmp_path: Path):
    copy = tmp_path / "travinh_site"
    shutil.copytree(PROJECT / "scripts" / "travinh_site", copy)
    frontmatter = copy / "content" / "frontmatter.py"
    text = frontmatter.read_text(encoding="utf-8")
    frontmatter.write_text(text + "\nfrom travinh_site.site import seo  # noqa\n", "utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "travinh_site.content is not allowed to import travinh_site.site" in result.stdout
    assert "travinh_site.content.frontmatter -> travinh_site.site.seo" in result.stdout
