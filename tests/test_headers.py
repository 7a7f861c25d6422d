"""The site's HTTP headers (travinh_site.security.headers): a Content-Security-Policy holding
exactly the built pages' inline scripts, the same policy as <meta> in each page, long caching for
fingerprinted files only, and the _headers file read back as hosts read it."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.conftest import PROJECT, BuildResult, make_tiny_site
from travinh_site.security import headers

SCRIPT_TYPES = (None, "text/javascript", "module")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = make_tiny_site(tmp_path_factory.mktemp("tiny") / "project")
    result = site.build("https://example.org/travinh/")
    assert result.returncode == 0, result.output
    return result


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def sha256_source(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def inline_script_hashes(html: str) -> set[str]:
    """Computed independently of the library: BeautifulSoup's parse, hashlib, base64."""
    soup = BeautifulSoup(html, "html.parser")
    return {
        sha256_source(script.string or "")
        for script in soup.find_all("script")
        if script.get("src") is None and script.get("type") in SCRIPT_TYPES
    }


def inline_style_sources(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    elements = {sha256_source(style.string or "") for style in soup.find_all("style")}
    attributes = {sha256_source(tag["style"]) for tag in soup.find_all(style=True)}
    return elements | ({"'unsafe-hashes'"} | attributes if attributes else set())


def test_each_page_carries_a_policy_with_exactly_its_inline_scripts_and_styles(
    built: BuildResult,
):
    pages = sorted(built.site.rglob("*.html"))
    # The pages of three languages, their 404 pages and the translation dashboard (a
    # generated page, which goes through no page event).
    assert len(pages) >= 8 and (built.site / "tien-do-ban-dich.html") in pages
    for path in pages:
        html = path.read_text("utf-8")
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert len(metas) == 1, path
        policy = metas[0]
        assert set(directive(policy, "script-src")) == {"'self'", *inline_script_hashes(html)}
        assert set(directive(policy, "style-src")) == {"'self'", *inline_style_sources(html)}
        assert "frame-ancestors" not in policy  # <meta> cannot carry it
        # The policy comes before anything it governs.
        assert html.index("Content-Security-Policy") < min(
            html.index(tag) for tag in ("<script", "<style", "<link") if tag in html
        )
    # Material inlines scripts in each of its pages.
    assert inline_script_hashes(built.text("km/index.html"))


def test_headers_file_holds_the_policy_of_every_page_and_the_hardening_headers(
    built: BuildResult,
):
    rules = headers.parse(built.text("_headers"))
    every = dict(headers.headers_for(rules, "/en/index.html"))
    policy = every["Content-Security-Policy"]
    pages = [p.read_text("utf-8") for p in built.site.rglob("*.html")]
    all_scripts = set().union(*map(inline_script_hashes, pages))
    all_styles = set().union(*map(inline_style_sources, pages))
    assert set(directive(policy, "script-src")) == {"'self'", *all_scripts}
    assert set(directive(policy, "style-src")) == {"'self'", *all_styles}
    assert directive(policy, "default-src") == ["'none'"]
    assert directive(policy, "frame-ancestors") == ["'none'"]
    assert "frame-src" not in policy  # no frames allowed in mkdocs.yml
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert every["Strict-Transport-Security"] == "max-age=31536000"
    assert "camera=()" in every["Permissions-Policy"]
    assert "Cache-Control" not in every  # pages are revalidated: the host's default


def test_only_fingerprinted_files_are_cached_for_a_year(built: BuildResult):
    rules = headers.parse(built.text("_headers"))
    assets = built.site / "assets"
    bundle = next(assets.glob("javascripts/bundle.*.min.js")).relative_to(built.site)
    for path, cached in [
        (f"/{bundle.as_posix()}", True),
        ("/assets/stylesheets/site.css", False),  # ours: same name from build to build
        ("/assets/fonts/noto-sans-400.woff2", False),
        ("/index.html", False),
    ]:
        sent = dict(headers.headers_for(rules, path))
        assert (sent.get("Cache-Control") == headers.IMMUTABLE) is cached, path


def test_style_attributes_and_elements_are_allowed_by_hash_only():
    page = (
        '<html><head><meta charset="utf-8"><style>p{color:red}</style></head>'
        '<body><img style="--tv-ratio: 1.5" src="x.png" alt=""><script>go()</script>'
        '<script type="application/ld+json">{}</script><script src="a.js"></script></body></html>'
    )
    inline = headers.inline_of(page)
    policy = headers.policy(inline, for_meta=True)
    styles = directive(policy, "style-src")
    assert styles[:2] == ["'self'", headers.sha256_source("p{color:red}")]
    assert styles[2:] == ["'unsafe-hashes'", headers.sha256_source("--tv-ratio: 1.5")]
    assert directive(policy, "script-src") == ["'self'", headers.sha256_source("go()")]
    governed, _ = headers.with_meta_policy(page)
    assert governed.startswith('<html><head><meta charset="utf-8"><meta http-equiv=')


def test_of_an_attribute_written_twice_the_first_is_hashed_as_browsers_apply_it():
    inline = headers.inline_of('<p style="color: red" style="color: blue">x</p>')
    assert inline.style_attributes == {headers.sha256_source("color: red")}


def test_a_style_in_svg_is_hashed_as_browsers_read_it_with_its_references_decoded():
    # In SVG, <style> is markup: "&#35;" is "#" (Chromium refused the raw text's hash:
    # tests/browser/test_tricky_content_in_browser.py). A script's text in HTML stays raw.
    page = "<svg><style>i{fill:&#35;0a7}</style></svg><script>a &amp;&amp; b()</script>"
    inline = headers.inline_of(page)
    assert inline.styles == {headers.sha256_source("i{fill:#0a7}")}
    assert inline.scripts == {headers.sha256_source("a &amp;&amp; b()")}


def test_the_policy_goes_after_meta_charset_and_every_other_byte_stays():
    page = '<!doctype html>\n<html>\n<head>\n<!-- <meta charset=x> -->\n<meta charset="utf-8">\n<p>'
    governed, _ = headers.with_meta_policy(page)
    before, tag, after = governed.partition('<meta http-equiv="Content-Security-Policy"')
    assert before == page[: page.index("\n<p>")] and tag
    assert after[after.index(">") + 1 :] == "\n<p>"
    fragment = "<p>x</p>"
    assert headers.with_meta_policy(fragment)[0] == fragment


def test_hash_sources_are_base64_sha256_of_the_utf8_text():
    # printf '%s' 'alert("Trà Vinh")' | openssl dgst -sha256 -binary | base64
    expected = "'sha256-WktjYigv/XbCI676Ez9bOmlERiZEBlGAZWhaIvd7ZoM='"
    assert headers.sha256_source('alert("Trà Vinh")') == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # A folder holding only fingerprinted files is one rule; mixed folders list files.
        (
            [
                "assets/images/a.1a2b3c4d.avif",
                "assets/images/sub/b.5e6f7a8b.webp",
                "assets/stylesheets/site.css",
            ],
            ["/assets/images/*"],
        ),
        (
            ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/lunr/x.min.js"],
            ["/assets/javascripts/bundle.a5f9d56c.min.js"],
        ),
        (["assets/stylesheets/site.css", "index.html"], []),
    ],
)
def test_cache_rules_group_fingerprinted_folders(files: list[str], expected: list[str]):
    assert headers.cache_patterns(files) == expected


def test_headers_file_reads_back_as_written():
    rules = headers.rules((("X-A", "1"), ("X-B", "two words")), ["/assets/x/*", "/a.1a2b3c4d.js"])
    parsed = headers.parse(headers.render(rules))
    assert parsed == rules
    assert headers.headers_for(parsed, "/assets/x/y/z.css") == [
        ("X-A", "1"),
        ("X-B", "two words"),
        ("Cache-Control", headers.IMMUTABLE),
    ]
    assert headers.headers_for(parsed, "/assets/xy.css") == [("X-A", "1"), ("X-B", "two words")]


def test_nginx_repeats_the_common_headers_in_each_location():
    rules = headers.rules((("X-A", 'say "hi"'),), ["/assets/x/*", "/a.1a2b3c4d.js"])
    conf = headers.nginx(rules, prefix="/travinh/")
    assert 'add_header X-A "say \\"hi\\"" always;' in conf.splitlines()
    assert "location ^~ /travinh/assets/x/ {" in conf
    assert "location = /travinh/a.1a2b3c4d.js {" in conf
    # nginx forgets the server's add_header lines in a location with its own: repeated.
    assert conf.count('add_header X-A "say \\"hi\\"" always;') == 3
    assert conf.count(f'add_header Cache-Control "{headers.IMMUTABLE}" always;') == 2


def test_nginx_configuration_is_written_from_a_built_site(built: BuildResult):
    command = ["scripts/site_headers.py", "--nginx", "--prefix", "/travinh/"]
    run = subprocess.run(
        [sys.executable, *command, "--site-dir", str(built.site)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    policy = dict(headers.headers_for(headers.parse(built.text("_headers")), "/"))[
        "Content-Security-Policy"
    ]
    assert f'add_header Content-Security-Policy "{policy}" always;' in run.stdout.splitlines()
    assert "location ^~ /travinh/assets/javascripts/workers/ {" in run.stdout
