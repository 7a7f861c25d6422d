"""A real Chromium (Debian's) against the project's site, built and served on 127.0.0.1."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Request, sync_playwright

from tests.conftest import PROJECT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StaticHost(SimpleHTTPRequestHandler):
    """Serves the built site like Cloudflare Pages or Netlify: a missing URL gets the
    404.html of the nearest folder that has one (so /en/missing shows /en/404.html)."""

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        if code != 404:
            return super().send_error(code, message, explain)
        folder = Path(self.translate_path(self.path))
        root = Path(self.directory)
        while True:
            candidate = folder / "404.html"
            if candidate.is_file():
                body = candidate.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return None
            if folder == root or root not in folder.parents:
                return super().send_error(code, message, explain)
            folder = folder.parent


@dataclass
class ServedSite:
    root: Path
    base: str  # http://127.0.0.1:PORT/

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(site_dir: Path, port: int) -> Iterator[ServedSite]:
    """Serve a built site on 127.0.0.1:port while the block runs."""
    handler = functools.partial(StaticHost, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedSite(site_dir, f"http://127.0.0.1:{port}/")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    site_dir = tmp_path_factory.mktemp("served") / "site"
    result = subprocess.run(
        [sys.executable, "scripts/build_site.py", "--site-dir", str(site_dir)],
        cwd=PROJECT,
        env={**os.environ, "SITE_URL": base},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(site_dir, port) as site:
        yield site


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Debian's chromium is not installed: run `make test` (or apt-get install chromium)"
        )
    return path


@pytest.fixture(scope="session")
def browser(
    chromium_path: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # a fresh --user-data-dir
            executable_path=chromium_path,
            headless=True,
            args=CHROMIUM_ARGS,
        )
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

    def on_request(request: Request) -> None:
        watched.requests.append(request.url)

    def block_foreign(route) -> None:  # never let a request leave 127.0.0.1
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", block_foreign)
    page.on("request", on_request)
    page.on(
        "console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))
    page.on("requestfailed", lambda r: watched.failures.append(f"{r.url} {r.failure}"))
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
