"""A static host on 127.0.0.1 that serves a built site the way Cloudflare Pages or Netlify do:
with the headers of the site's ``_headers`` file (so the browser enforces its
Content-Security-Policy), a missing URL answered with the ``404.html`` of the nearest folder
that has one, optionally under a sub-path (``http://127.0.0.1:PORT/travinh/``), and optionally
with text compressed (gzip), as every such host does, so that what is measured through it
(benchmarks/page_weight.py) is what visitors download."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from travinh_site.security import headers


@dataclass
class ServedSite:
    root: Path
    base: str  # http://127.0.0.1:PORT/ or http://127.0.0.1:PORT/sub-path/

    def url(self, path: str) -> str:
        return self.base + path


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, prefix: str, compress: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.prefix = prefix
        self.site: Path | None = None
        self.rules: list[headers.Rule] = []
        self.compress = compress
        self.compressed: dict[Path, bytes] = {}  # gzip of each file served, made once


# What hosts compress: text of every kind; images and fonts are compressed already.
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)


class _Handler(SimpleHTTPRequestHandler):
    server: _Server

    def __init__(self, request, client_address, server: _Server) -> None:  # type: ignore[no-untyped-def]
        root = server.site or Path("/nonexistent")
        super().__init__(request, client_address, server, directory=str(root))

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _site_path(self) -> str | None:
        """The request's path inside the site ("/en/x.html"), None when outside it."""
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.server.prefix):
            return None
        return "/" + path[len(self.server.prefix) :]

    def translate_path(self, path: str) -> str:
        inside = self._site_path()
        if inside is None:
            return str(Path(self.directory) / ".outside-the-site")  # no such file: a 404
        return super().translate_path(inside)

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.server.compress and accepted and path.is_file()) or not kind.startswith(
            COMPRESSED_TYPES
        ):
            return super().do_GET()
        body = self.server.compressed.get(path)
        if body is None:
            body = self.server.compressed[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        inside = self._site_path()
        if inside is not None:
            for name, value in headers.headers_for(self.server.rules, inside):
                self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        if code != 404 or self._site_path() is None:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        folder = Path(self.translate_path(self.path))
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


class SiteHost:
    """A host bound to a free port at once, serving a site once :meth:`publish` is called (the
    site's address must be known before it is built)."""

    def __init__(self, prefix: str = "/", compress: bool = False) -> None:
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self._server = _Server(prefix, compress)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self._server.prefix}"

    def publish(self, site: Path) -> ServedSite:
        self._server.site = site
        headers_file = site / "_headers"
        text = headers_file.read_text("utf-8") if headers_file.is_file() else ""
        self._server.rules = headers.parse(text)
        return ServedSite(site, self.base)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def serve_built(build: Callable[[str], Any], prefix: str = "/") -> Iterator[ServedSite]:
    """Build a site for a free address of 127.0.0.1 (``build(site_url)`` returns something with
    ``returncode``, ``output`` and ``site``, as TinySite.build does) and serve it while the
    block runs."""
    host = SiteHost(prefix)
    try:
        result = build(host.base)
        assert result.returncode == 0, result.output
        yield host.publish(result.site)
    finally:
        host.close()
