"""A real Chromium (Debian's) against the project's site, built and served on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, Request, sync_playwright

from tests.conftest import REPORTS, BuildResult
from tests.static_host import ServedSite, SiteHost

# Runs before any script of each page (Playwright's init scripts are not subject to the page's
# policy): records every violation of the Content-Security-Policy the host sent.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers (CI) give /dev/shm 64 MB, too little for Chromium
]


@pytest.fixture(scope="session")
def served_site(project_build: BuildResult, site_host: SiteHost) -> ServedSite:
    """The project's site (built once for the whole run, tests/conftest.py), served on
    127.0.0.1 under a sub-path with its _headers, like a static host."""
    return ServedSite(project_build.site, site_host.base)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Debian's chromium is not installed: run `make test` (or apt-get install chromium)"
        )
    return path


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


def launch(
    playwright: Playwright, chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> BrowserContext:
    """Debian's Chromium with a fresh profile (--user-data-dir)."""
    return playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=chromium_path,
        headless=True,
        args=CHROMIUM_ARGS,
    )


@pytest.fixture(scope="session")
def browser(
    playwright: Playwright, chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    context = launch(playwright, chromium_path, tmp_path_factory)
    yield context
    context.close()


@dataclass
class Watched:
    """A page plus everything that went wrong while it was used."""

    page: Page
    site: ServedSite
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def reset(self) -> None:
        """Forget what was recorded so far (before checking the next page)."""
        self.console_errors.clear()
        self.requests.clear()
        self.failures.clear()

    def csp_violations(self) -> list[str]:
        """What the page's Content-Security-Policy refused since it was loaded."""
        return self.page.evaluate("window.__cspViolations || []")

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.site.base).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).netloc not in (own, "") and not url.startswith(("data:", "blob:"))
        ]


def watch(page: Page, site: ServedSite) -> Watched:
    """Record what goes wrong on ``page``, and keep every request on ``site``'s host."""
    watched = Watched(page, site)
    own = urlsplit(site.base).netloc

    def block_foreign(route) -> None:  # never let a request leave 127.0.0.1
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            route.abort()

    # Leaving a page cancels its requests still in flight (the search worker, its index and
    # scripts, the sitemaps): Chromium reports those as ERR_ABORTED or, now and then for the
    # worker's script, ERR_BLOCKED_BY_RESPONSE. They are not failures of the site. So a failure
    # counts unless it is a cancellation (ERR_ABORTED: nothing but leaving cancels a request
    # here) or its request was made on an earlier page (one more for each main-frame
    # navigation). Tests wait for the network to be idle before judging the last page.
    shown = 0
    made_on: dict[Request, int] = {}

    def on_request(request: Request) -> None:
        nonlocal shown
        if request.is_navigation_request() and request.frame == page.main_frame:
            shown += 1
        made_on[request] = shown
        watched.requests.append(request.url)

    def on_request_failed(request: Request) -> None:
        cancelled = "ERR_ABORTED" in (request.failure or "")
        if made_on.get(request) == shown and not cancelled:
            watched.failures.append(f"{request.url} {request.failure}")

    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.route("**/*", block_foreign)
    page.on("request", on_request)
    page.on(
        "console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))
    page.on("requestfailed", on_request_failed)
    page.on(
        "response",
        lambda r: watched.failures.append(f"{r.url} {r.status}") if r.status >= 400 else None,
    )
    return watched


@contextmanager
def watched_page(browser: BrowserContext, site: ServedSite) -> Iterator[Watched]:
    """A new page of ``browser`` on ``site``, watched (see :func:`watch`), closed after."""
    page = browser.new_page()
    try:
        yield watch(page, site)
    finally:
        page.close()


@pytest.fixture
def watched(browser: BrowserContext, served_site: ServedSite) -> Iterator[Watched]:
    with watched_page(browser, served_site) as watched:
        yield watched


class Report:
    """Figures gathered by the tests, written to .cache/reports/<name>.json at the end."""

    def __init__(self) -> None:
        self.sections: dict[str, Any] = {}

    def add(self, name: str, key: str, value: Any) -> None:
        self.sections.setdefault(name, {})[key] = value

    def write(self) -> None:
        REPORTS.mkdir(parents=True, exist_ok=True)
        for name, section in self.sections.items():
            text = json.dumps(section, indent=2, ensure_ascii=False, sort_keys=True)
            (REPORTS / f"{name}.json").write_text(text + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def report() -> Iterator[Report]:
    collected = Report()
    yield collected
    collected.write()
