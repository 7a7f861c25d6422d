"""Every page of every language, as the built site has them (discovered in site/, so pages,
scripts and images added later are covered too), in Chromium, served with the site's
_headers under a sub-path: it loads from 127.0.0.1 only, without console errors, failed
requests or Content-Security-Policy violations; every image loads; it has one h1 and one main
landmark; a page of the site (not a generated one such as the translation dashboard) also
has the other landmarks, a skip link whose target exists and a language switcher offering
this very page in each language; and axe-core finds no serious or critical accessibility
problem."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Report, Watched
from tests.conftest import node_tool, read_languages
from travinh_site.content.languages import Language, Languages

pytestmark = pytest.mark.browser

LANGUAGES = read_languages()
BLOCKING = ("critical", "serious")
NOT_FOUND = "404.html"

# What the suite reads off each page, after making lazy images load and waiting for them.
PAGE_FACTS = """async () => {
  const images = [...document.images];
  for (const image of images) image.loading = "eager";
  await Promise.all(images.map((image) => image.decode().catch(() => null)));
  const skip = document.querySelector("a.md-skip");
  const target = skip && document.getElementById(decodeURIComponent(skip.hash.slice(1)));
  const count = (selector) => document.querySelectorAll(selector).length;
  return {
    themed: Boolean(document.querySelector(".md-header")),
    lang: document.documentElement.lang,
    title: document.title,
    h1: count("h1"),
    landmarks: {
      main: count("main, [role=main]"),
      banner: count("body > header, body > * > header, [role=banner]"),
      navigation: count("nav, [role=navigation]"),
      contentinfo: count("body footer, [role=contentinfo]"),
    },
    skipTarget: Boolean(skip && target && target.closest("main")),
    brokenImages: images.filter((image) => !(image.complete && image.naturalWidth > 0))
                        .map((image) => image.getAttribute("src")),
    switcher: Object.fromEntries([...document.querySelectorAll(".md-select__link")]
                                 .map((link) => [link.hreflang, link.href])),
  };
}"""

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return {
    rules: result.passes.length + result.violations.length + result.incomplete.length,
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.length, where: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    })),
  };
}"""


def pages_of(site: Path, languages: Languages) -> dict[str, list[str]]:
    """The built HTML pages of each language, by the language's URL prefix."""
    others = [language for language in languages if not language.default]
    found: dict[str, list[str]] = {language.code: [] for language in languages}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        owner = next((o for o in others if relative.startswith(o.prefix)), languages.default)
        found[owner.code].append(relative)
    return found


def expected_switcher(base: str, page: str, language: Language, languages: Languages):
    """Where the switcher of ``page`` must lead: the same page in each language (the 404
    pages lead to each language's home)."""
    inside = page.removeprefix(language.prefix)
    if inside == NOT_FOUND:
        inside = "index.html"
    return {other.code: base + other.prefix + inside for other in languages}


def check(watched: Watched, page: str, language: Language, axe: str) -> tuple[list[str], Any]:
    """The problems of one page, and axe's figures for it."""
    watched.reset()
    response = watched.page.goto(watched.site.url(page), wait_until="load")
    status = response.status if response else None
    problems = [] if status == 200 else [f"status {status}"]
    facts = watched.page.evaluate(PAGE_FACTS)
    watched.page.evaluate(axe)
    audit = watched.page.evaluate(RUN_AXE)

    if facts["lang"] != language.code:
        problems.append(f'<html lang="{facts["lang"]}">, expected "{language.code}"')
    if not facts["title"].strip():
        problems.append("no <title>")
    if facts["h1"] != 1:
        problems.append(f"{facts['h1']} h1 elements, expected one")
    if facts["landmarks"]["main"] != 1:
        problems.append(f"{facts['landmarks']['main']} main landmarks, expected one")
    if facts["brokenImages"]:
        problems.append(f"images not loaded: {facts['brokenImages']}")
    if facts["themed"]:  # a page of the site (not a generated one such as the dashboard)
        missing = [name for name, n in facts["landmarks"].items() if n < 1]
        if missing:
            problems.append(f"no {', '.join(missing)} landmark")
        if not facts["skipTarget"]:
            problems.append("no skip link to a place in <main>")
        wanted = expected_switcher(watched.site.base, page, language, LANGUAGES)
        if facts["switcher"] != wanted:
            problems.append(f"language switcher leads to {facts['switcher']}, expected {wanted}")
    problems += [f"CSP violation: {v}" for v in watched.csp_violations()]
    problems += [f"console: {message}" for message in watched.console_errors]
    problems += [f"request: {f}" for f in watched.failures]
    problems += [f"request to another host: {url}" for url in watched.foreign_requests()]
    problems += [
        f"axe {v['impact']}: {v['id']} ({v['help']}) at {v['where']}"
        for v in audit["violations"]
        if v["impact"] in BLOCKING
    ]
    return problems, audit


@pytest.mark.parametrize("language", list(LANGUAGES), ids=lambda language: language.code)
def test_every_page_of_the_language_is_clean_and_accessible(
    watched: Watched, language: Language, report: Report
):
    axe = node_tool("axe-core/axe.min.js").read_text("utf-8")
    pages = pages_of(watched.site.root, LANGUAGES)[language.code]
    assert f"{language.prefix}index.html" in pages and f"{language.prefix}{NOT_FOUND}" in pages
    failing: dict[str, list[str]] = {}
    for page in pages:
        problems, audit = check(watched, page, language, axe)
        if problems:
            failing[page] = problems
        impacts = Counter(v["impact"] for v in audit["violations"])
        report.add(
            "axe",
            page,
            {
                "rules": audit["rules"],
                **{impact: impacts.get(impact, 0) for impact in (*BLOCKING, "moderate", "minor")},
                "other_rules": sorted(
                    v["id"] for v in audit["violations"] if v["impact"] not in BLOCKING
                ),
            },
        )
    report.add("pages", language.code, len(pages))
    assert failing == {}, "\n".join(
        f"{page}:\n  " + "\n  ".join(problems) for page, problems in failing.items()
    )
